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
