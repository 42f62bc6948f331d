# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import pytest

from ansible_collections.pai.catalog.plugins.module_utils import catalog, endpoints
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError

ISSUE_OPERATIONS = {'ListConnections', 'GetConnection', 'ListGateway', 'DescribeGateway', 'ListGatewayDomains',
                    'GetMessageConfig', 'ListInstances', 'ListBaseModels', 'ListWorkspaces'}


def test_catalog_declares_every_operation_and_each_is_complete():
    assert set(catalog.OPERATIONS) == ISSUE_OPERATIONS
    for name in catalog.OPERATIONS:
        op = catalog.operation(name)
        assert op['method'] == 'GET'
        holes = set(part[1:-1] for part in op['path'].split('/') if part.startswith('{'))
        path_params = set(p['wire'] for p in op['params'] if p['where'] == 'path')
        assert holes == path_params, name
        assert all(p['required'] for p in op['params'] if p['where'] == 'path'), name
        if op['paging']:
            wires = set(p['wire'] for p in op['params'])
            assert op['paging']['size'] in wires, name


def test_list_connections_filters_match_the_seed():
    options = dict((p['wire'], p) for p in catalog.option_params('ListConnections'))
    assert set(options) == {'WorkspaceId', 'MaxResults', 'SortBy', 'Order', 'ConnectionIds', 'ConnectionName',
                            'ConnectionTypes', 'EncryptOption', 'Model', 'ModelTypes', 'ToolCall', 'Creator',
                            'Accessibility'}
    assert len(options['ConnectionTypes']['choices']) == 9
    spec = catalog.argument_spec('ListConnections')
    assert spec['connection_types'] == {'type': 'list', 'elements': 'str', 'choices': list(catalog.CONNECTION_TYPES)}
    assert spec['tool_call'] == {'type': 'bool'}


def test_validate_converts_to_wire_names_and_values():
    wire = catalog.validate('ListConnections', {'workspace_id': 12345, 'tool_call': 'false', 'max_results': '10',
                                                'connection_types': 'DashScopeConnection, OpenLLMConnection'})
    assert wire == {'WorkspaceId': '12345', 'ToolCall': False, 'MaxResults': 10,
                    'ConnectionTypes': ['DashScopeConnection', 'OpenLLMConnection']}
    assert catalog.wire_value(wire['ConnectionTypes']) == 'DashScopeConnection,OpenLLMConnection'
    assert catalog.wire_value(False) == 'false'


@pytest.mark.parametrize('name, values, words', [
    ('ListConnections', {'accessibility': 'INTERNAL'}, ['accessibility', "'INTERNAL'", 'PUBLIC, PRIVATE']),
    ('ListConnections', {'model_types': ['LLM', 'Vision']}, ['model_types', "'Vision'", 'LLM, Embedding, ReRank']),
    ('ListConnections', {'max_results': 0}, ['max_results', '0', '1 to 100']),
    ('ListConnections', {'max_results': 'many'}, ['max_results', "'many'", 'int']),
    ('ListConnections', {'tool_call': 'maybe'}, ['tool_call', "'maybe'", 'bool']),
    ('ListBaseModels', {'limit': 101}, ['limit', '101', '1 to 100']),
    ('ListBaseModels', {'offset': -1}, ['offset', '-1', '0 to 1000000000']),
    ('ListBaseModels', {'offset': 1000000001}, ['offset', '1000000001']),
    ('DescribeGateway', {'cluster_id': 'cn-hangzhou'}, ['gateway_id', 'required']),
])
def test_validate_rejects_bad_input_naming_option_value_and_allowed(name, values, words):
    with pytest.raises(ApiError) as info:
        catalog.validate(name, values)
    assert info.value.code == 'InvalidOption'
    for word in words:
        assert word in str(info.value)


def test_unknown_operation_lists_the_known_ones():
    with pytest.raises(ApiError) as info:
        catalog.operation('ListEverything')
    assert 'ListConnections' in str(info.value) and 'ListWorkspaces' in str(info.value)


@pytest.mark.parametrize('operation, region, network, form, expected', [
    ('ListConnections', 'cn-hangzhou', 'public', 'product', ('https://aiworkspace.cn-hangzhou.aliyuncs.com',
                                                             '/api/v1/connections')),
    ('ListConnections', 'cn-hangzhou', 'vpc', 'product', ('https://aiworkspace-vpc.cn-hangzhou.aliyuncs.com',
                                                          '/api/v1/connections')),
    ('ListConnections', 'cn-qingdao', 'public', 'product', ('https://aiworkspace.aliyuncs.com', '/api/v1/connections')),
    ('ListGatewayDomains', 'cn-shanghai', 'public', 'product', ('https://pai-eas.cn-shanghai.aliyuncs.com',
                                                                '/api/v2/gateways/{ClusterId}/{GatewayId}/domains')),
    ('GetMessageConfig', 'cn-beijing', 'vpc', 'product', ('https://paiplugin-vpc.aliyuncs.com',
                                                          '/api/v2/users/messageConfig')),
    ('ListInstances', 'cn-hangzhou', 'vpc', 'product', ('https://pairecservice-vpc.cn-hangzhou.aliyuncs.com',
                                                        '/api/v1/instances')),
    ('ListBaseModels', 'cn-north-4', 'public', 'product', ('https://fabric.cn-north-4.myhuaweicloud.com',
                                                           '/v1/base-models')),
    ('ListConnections', 'cn-shanghai', 'public', 'gateway', ('https://api.aliyun.com',
                                                             '/api/AIWorkSpace/2021-02-04/ListConnections')),
    ('ListGatewayDomains', 'ap-southeast-1', 'public', 'gateway', ('https://api.alibabacloud.com',
                                                                   '/api/eas/2021-07-01/ListGatewayDomains')),
])
def test_endpoint_rules(operation, region, network, form, expected):
    assert endpoints.resolve(catalog.operation(operation), region, network, form) == expected


def test_explicit_endpoint_url_is_a_template_and_wins():
    op = catalog.operation('ListBaseModels')
    url = endpoints.check_endpoint_url('http://127.0.0.1:8765/r/{region}/')
    assert endpoints.resolve(op, 'eu-west-101', endpoint_url=url) == ('http://127.0.0.1:8765/r/eu-west-101',
                                                                      '/v1/base-models')


@pytest.mark.parametrize('operation, region, network, form, words', [
    ('ListBaseModels', 'eu-west-101', 'public', 'product', ['regions', 'eu-west-101', 'cn-north-4, cn-southwest-2',
                                                            'endpoint_url']),
    ('ListGateway', 'xx-nowhere-1', 'public', 'product', ['regions', 'xx-nowhere-1', 'cn-hangzhou']),
    ('ListBaseModels', 'cn-north-4', 'vpc', 'product', ['network', 'vpc']),
    ('ListBaseModels', 'cn-north-4', 'public', 'gateway', ['endpoint_form', 'Alibaba Cloud products only']),
    ('ListConnections', 'cn-hangzhou', 'public', 'ftp', ['endpoint_form', 'product, gateway']),
])
def test_endpoint_errors_are_clear(operation, region, network, form, words):
    with pytest.raises(ApiError) as info:
        endpoints.resolve(catalog.operation(operation), region, network, form)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize('url', ['127.0.0.1:8765', 'ftp://host', 'http://', 'http://host/{zone}', 'http://h:99999',
                                 'http://host?x=1'])
def test_malformed_endpoint_url(url):
    with pytest.raises(ApiError) as info:
        endpoints.check_endpoint_url(url)
    assert 'endpoint_url' in str(info.value) and repr(url) in str(info.value)


@pytest.mark.parametrize('region', ['cn-hangzhou', 'ap-southeast-1', 'cn-shanghai-finance-1', 'cn-north-4'])
def test_region_ids_accepted(region):
    assert endpoints.check_region(region) == region


@pytest.mark.parametrize('region', ['', 'CN-HANGZHOU', 'hangzhou', 'cn-hangzhou/../x', 'cn hangzhou', 42])
def test_region_ids_refused(region):
    with pytest.raises(ApiError):
        endpoints.check_region(region)


# Checks before any request (issues 11 and 17) ------------------------------------------------------------------

def test_endpoint_url_with_user_information_is_refused_without_echoing_it():
    for url in ('http://alice:s3cret-pass@127.0.0.1:8765/r/{region}', 'https://s3cret-pass@host/{region}',
                'http://alice:s3cret/pass@host/r/{region}'):
        with pytest.raises(ApiError) as info:
            endpoints.check_endpoint_url(url)
        message = str(info.value)
        assert 'endpoint_url' in message and 'credentials in the URL' in message and 'not supported' in message
        assert 's3cret' not in message and 'alice' not in message
        assert 's3cret' in endpoints.userinfo(url)


@pytest.mark.parametrize('url', ['http://127.0.0.1:8765/r/{region}\n', 'http://127.0.0.1:8765/r/{region}  ',
                                 ' http://127.0.0.1:8765/r/{region}', 'http://127.0.0.1:8765/r/{region}\r\n',
                                 'http://127.0.0.1:8765/r/\u200b{region}', 'http://127.0.0.1/r\u2028/{region}'])
def test_endpoint_url_with_control_characters_or_surrounding_whitespace_is_refused(url):
    with pytest.raises(ApiError) as info:
        endpoints.check_endpoint_url(url, 'endpoint_url (from PAI_CATALOG_ENDPOINT_URL)')
    assert 'endpoint_url (from PAI_CATALOG_ENDPOINT_URL)' in str(info.value)
    assert repr(url) in str(info.value)


def test_region_with_a_trailing_line_break_is_refused():
    with pytest.raises(ApiError):
        endpoints.check_region('cn-hangzhou\n')


def _regions(**options):
    from ansible_collections.pai.catalog.plugins.module_utils.module import regions_from
    operations = options.pop('operations', ['ListConnections'])
    environ = options.pop('environ', {})
    return regions_from(options, ['alibaba'], environ=environ, operations=operations)


def test_endpoint_url_without_region_serves_one_region_only():
    url = 'http://127.0.0.1:8765/r/cn-hangzhou'
    assert _regions(regions=['cn-hangzhou'], endpoint_url=url) == ['cn-hangzhou']
    assert _regions(regions=['cn-hangzhou', 'cn-hangzhou'], endpoint_url=url) == ['cn-hangzhou']
    for options in (dict(endpoint_url=url), dict(environ={'PAI_CATALOG_ENDPOINT_URL': url})):
        with pytest.raises(ApiError) as info:
            _regions(regions=['cn-hangzhou', 'cn-shanghai'], **options)
        assert 'endpoint_url' in str(info.value) and repr(url) in str(info.value)
        assert '{region}' in str(info.value) and '2 asked for: cn-hangzhou, cn-shanghai' in str(info.value)
    # A global operation asks one host whatever the regions.
    assert _regions(regions=['cn-hangzhou', 'cn-shanghai'], endpoint_url=url, operations=['GetMessageConfig'])
    assert _regions(regions=['cn-hangzhou', 'cn-shanghai'], endpoint_url=url + '/{region}')


def test_regions_are_checked_against_the_products_endpoints_unless_endpoint_url_is_set():
    with pytest.raises(ApiError) as info:
        _regions(regions=['cn-hangzhou', 'xx-unknown-1'])
    assert "'xx-unknown-1'" in str(info.value) and 'AIWorkSpace has no known endpoint' in str(info.value)
    assert 'endpoint_url' in str(info.value)
    with pytest.raises(ApiError):
        _regions(regions=['cn-north-4'], operations=['ListGateway'])
    assert _regions(regions=['xx-unknown-1'], endpoint_url='http://127.0.0.1/r/{region}') == ['xx-unknown-1']
    assert _regions(regions=['cn-qingdao', 'me-east-1']) == ['cn-qingdao', 'me-east-1']  # the SDK's central host
    assert _regions(regions=['xx-unknown-1'], operations=['GetMessageConfig']) == ['xx-unknown-1']  # one host


def test_too_many_regions_fail_before_any_request():
    many = ['xx-test-%d' % i for i in range(500)]
    with pytest.raises(ApiError) as info:
        _regions(regions=many, endpoint_url='http://127.0.0.1/r/{region}')
    assert 'option regions: 500 regions' in str(info.value) and '50 allowed' in str(info.value)


@pytest.mark.parametrize('name, values, words', [
    ('ListConnections', {'workspace_id': 'w' * 100000}, ['workspace_id', "'wwww", '(100000 characters)', 'at most 128']),
    ('ListConnections', {'connection_ids': ['conn-1', 'conn 2']}, ['connection_ids', "'conn 2'", 'an ID of']),
    ('ListConnections', {'connection_ids': ['conn-%d' % i for i in range(101)]}, ['connection_ids', '101 items']),
    ('ListConnections', {'connection_name': 'n' * 257}, ['connection_name', 'at most 256 characters']),
    ('ListGateway', {'gateway_id': 'my gateway'}, ['gateway_id', "'my gateway'", 'gw-']),
    ('DescribeGateway', {'cluster_id': 'Mars', 'gateway_id': 'gw-abc'}, ['cluster_id', "'Mars'", 'a region ID']),
    ('ListGatewayDomains', {'cluster_id': 'cn-hangzhou', 'gateway_id': 'GW-ABC'}, ['gateway_id', 'gw-']),
    ('ListWorkspaces', {'enterprise_project_id': 'x' * 37}, ['enterprise_project_id', 'at most 36']),
])
def test_validate_checks_formats_and_lengths(name, values, words):
    with pytest.raises(ApiError) as info:
        catalog.validate(name, values)
    assert len(str(info.value)) < 400
    for word in words:
        assert word in str(info.value)


def test_valid_ids_pass():
    assert catalog.validate('ListGatewayDomains', {'cluster_id': 'cn-hangzhou', 'gateway_id': 'gw-1uhcqmsc7x22'})
    assert catalog.validate('ListConnections', {'workspace_id': 123456, 'connection_ids': 'conn-a1,conn-b2'})


@pytest.mark.parametrize('name, params', [
    ('ListConnections', {'NextToken': '25'}),
    ('ListGateway', {'PageNumber': 2}),
    ('ListBaseModels', {'offset': 20}),
])
def test_a_page_asked_for_contradicts_paginate(name, params):
    key = list(params)[0]
    assert catalog.validate_params(name, params, paginate=False)
    with pytest.raises(ApiError) as info:
        catalog.validate_params(name, params, paginate=True)
    assert 'params.%s' % key in str(info.value) and 'paginate' in str(info.value)


def test_the_first_page_does_not_contradict_paginate():
    assert catalog.validate_params('ListBaseModels', {'offset': 0, 'limit': 5}, paginate=True) == \
        {'offset': 0, 'limit': 5}
