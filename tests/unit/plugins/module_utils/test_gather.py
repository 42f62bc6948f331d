# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The main job's one pass (module_utils/gather.py) over a scripted transport: fan-out, parent -> child, the
failure policy, and the facts built in Python."""
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import pytest

from ansible_collections.pai.catalog.plugins.module_utils import gather
from ansible_collections.pai.catalog.plugins.module_utils.client import Client
from ansible_collections.pai.catalog.plugins.module_utils.credentials import Credentials
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError

from .test_client_paging import Scripted

CREDS = {'alibaba': Credentials('alibaba', 'test', access_key_id='id', access_key_secret='secret'),
         'huawei': Credentials('huawei', 'test', huawei_auth_token='token')}
REGIONS = ['r-one', 'r-two']


def world(fail=None):
    """Two regions: 3 connections (one PUBLIC) and 2 gateways with 1 and 2 domains each; 2 base models in f-one.
    fail(operation, path) -> an ApiError to raise, or None."""
    def answer(operation, path, query):
        region = path.split('/')[2]
        error = fail and fail(operation, path)
        if error:
            raise error
        if operation == 'ListConnections':
            return {'TotalCount': 3, 'Connections': [
                {'ConnectionId': 'c%d-%s' % (i, region), 'ConnectionType': 'MilvusConnection',
                 'Accessibility': 'PUBLIC' if i == 0 else 'PRIVATE', 'Secrets': {'k': 'clear'}} for i in range(3)]}
        if operation == 'ListGateway':
            return {'TotalCount': 2, 'Gateways': [{'GatewayId': 'gw%d-%s' % (i, region), 'Status': 'Running'}
                                                  for i in range(2)]}
        if operation == 'ListGatewayDomains':
            gateway = path.split('/')[-2]
            count = 1 if gateway.startswith('gw0') else 2
            return {'CustomDomains': [{'Domain': '%s-%d.example.com' % (gateway, i), 'Type': 'internet'}
                                      for i in range(count)]}
        if operation == 'ListBaseModels':
            return {'total': 2, 'models': [{'base_model_type': 'm%d' % i, 'max_tokens': 1024} for i in range(2)]}
        if operation == 'GetMessageConfig':
            return {'RequestId': 'x', 'ErrorCode': 0, 'Data': {'SmsReportUrl': 'https://hooks.example.com/r'}}
        raise AssertionError(operation)
    return Scripted(answer)


def run(transport, strict=True, resources=gather.RESOURCES, items=True):
    client = Client(transport, CREDS, endpoint_url='http://127.0.0.1:9/r/{region}')
    found = gather.gather(client, REGIONS, ['f-one'], resources, {}, strict=strict)
    calls = {}
    for operation, _path, _query, _headers in transport.seen:
        calls[operation] = calls.get(operation, 0) + 1
    return found, gather.facts(found, calls, items=items)


def test_one_pass_builds_every_fact_in_python():
    transport = world()
    found, facts = run(transport)
    ids = ['c0-r-one', 'c1-r-one', 'c2-r-one', 'c0-r-two', 'c1-r-two', 'c2-r-two']
    assert [c['connection_id'] for c in facts['pai_connections']] == ids
    assert facts['pai_connections_by_region'] == {'r-one': ['c0-r-one', 'c1-r-one', 'c2-r-one'],
                                                  'r-two': ['c0-r-two', 'c1-r-two', 'c2-r-two']}
    assert facts['pai_connection_counts'] == dict(total=6, by_region={'r-one': 3, 'r-two': 3},
                                                  by_type={'MilvusConnection': 6},
                                                  by_accessibility={'PRIVATE': 4, 'PUBLIC': 2})
    assert all(c['secrets'] == {'k': 'VALUE_REDACTED_BY_PAI_CATALOG'} for c in facts['pai_connections'])
    domains = facts['pai_gateway_domains']
    assert len(domains) == 6 and all(d['gateway_id'].endswith(d['region']) for d in domains)
    gateway = facts['pai_gateways'][1]
    assert gateway['custom_domains'] == [{'domain': 'gw1-r-one-0.example.com', 'type': 'internet'},
                                         {'domain': 'gw1-r-one-1.example.com', 'type': 'internet'}]
    assert facts['pai_gateways_by_region'] == {'r-one': ['gw0-r-one', 'gw1-r-one'], 'r-two': ['gw0-r-two', 'gw1-r-two']}
    assert facts['pai_gateway_counts'] == dict(total=4, domains=6, by_status={'Running': 4},
                                               domains_by_type={'internet': 6})
    assert facts['pai_base_models_by_region'] == {'f-one': ['m0', 'm1']}
    assert facts['pai_message_config'] == {'sms_report_url': 'https://hooks.example.com/r'}
    assert facts['pai_counts_by_region']['r-one'] == dict(connections=3, gateways=2, domains=3, base_models=0,
                                                          status='ok')
    assert facts['pai_api_calls'] == {'GetMessageConfig': 1, 'ListBaseModels': 1, 'ListConnections': 2,
                                      'ListGateway': 2, 'ListGatewayDomains': 4}
    assert facts['pai_gateway_api_calls'] == {'ListGateway': 2, 'ListGatewayDomains': 4}
    # The message configuration goes to the first region's host, once.
    assert [path for op, path, _q, _h in transport.seen if op == 'GetMessageConfig'] == [
        '/r/r-one/api/v2/users/messageConfig']


def test_item_facts_false_keeps_counts_and_ids_only():
    _found, facts = run(world(), items=False)
    assert not set(('pai_connections', 'pai_gateways', 'pai_gateway_domains', 'pai_base_models')) & set(facts)
    assert facts['pai_connection_counts']['total'] == 6
    assert facts['pai_gateways_by_region']['r-two'] == ['gw0-r-two', 'gw1-r-two']


def test_resources_limit_the_requests():
    transport = world()
    _found, facts = run(transport, resources=['connections'])
    assert set(op for op, _p, _q, _h in transport.seen) == set(['ListConnections'])
    assert 'pai_gateways_by_region' not in facts and 'pai_message_config' not in facts


def unavailable(operation, path):
    """A transient failure of one gateway's domains in r-two."""
    if operation == 'ListGatewayDomains' and 'gw1-r-two' in path:
        return ApiError('unavailable', status=503, code='ServiceUnavailable', retryable=True)
    return None


def test_strict_fails_on_any_failure():
    with pytest.raises(ApiError) as caught:
        run(world(unavailable))
    assert caught.value.region == 'r-two' and caught.value.operation == 'ListGatewayDomains'


def test_a_transient_failure_leaves_its_region_out_of_every_fact():
    _found, facts = run(world(unavailable), strict=False)
    # The domains of one gateway failed: no connection, gateway or domain of r-two is in the facts.
    assert set(c['region'] for c in facts['pai_connections']) == set(['r-one'])
    assert set(g['region'] for g in facts['pai_gateways']) == set(['r-one'])
    assert set(d['region'] for d in facts['pai_gateway_domains']) == set(['r-one'])
    assert list(facts['pai_connections_by_region']) == ['r-one']
    assert facts['pai_counts_by_region']['r-two']['status'] == 'failed'
    failed = facts['pai_failed_regions']
    assert [(f['region'], f['operation'], f['status'], f['transient']) for f in failed] == [
        ('r-two', 'ListGatewayDomains', 503, True)]
    assert facts['pai_connection_failed_regions'] == failed and facts['pai_base_model_failed_regions'] == []


def test_a_permanent_failure_fails_even_without_strict():
    def denied(operation, path):
        if operation == 'ListConnections' and '/r-two/' in path:
            return ApiError('denied', status=403, code='Forbidden.RAM')
        return None
    with pytest.raises(ApiError) as caught:
        run(world(denied), strict=False)
    assert caught.value.status == 403 and not caught.value.transient


def test_a_failed_message_configuration_leaves_the_regions_in():
    def broken(operation, path):
        if operation == 'GetMessageConfig':
            return ApiError('down', status=500, code='InternalError', retryable=True)
        return None
    _found, facts = run(world(broken), strict=False)
    assert facts['pai_message_config'] == {}
    assert facts['pai_connection_counts']['total'] == 6
    assert facts['pai_connection_failed_regions'] == []
    assert [f['operation'] for f in facts['pai_failed_regions']] == ['GetMessageConfig']


@pytest.mark.parametrize('status, code, retryable, transient', [
    (503, 'ServiceUnavailable', True, True),
    (400, 'Throttling.User', False, True),
    (429, None, False, True),
    (None, 'ConnectionError', True, True),
    (None, 'TLSError', False, False),
    (403, 'Forbidden.RAM', False, False),
    (400, 'InvalidParameter', False, False),
    (None, 'PagingError', False, False),
])
def test_the_failure_policy_is_decided_once(status, code, retryable, transient):
    assert ApiError('x', status=status, code=code, retryable=retryable).transient is transient
    assert ApiError('x', status=status, code=code, retryable=retryable).to_dict()['transient'] is transient
