# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client's paging and fan-out over a scripted transport (no HTTP: the transport is the seam)."""
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import threading

import pytest

from ansible_collections.pai.catalog.plugins.module_utils.client import Client, Job
from ansible_collections.pai.catalog.plugins.module_utils.credentials import Credentials
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError

try:
    from urllib.parse import parse_qsl, urlsplit
except ImportError:  # pragma: no cover
    from urlparse import parse_qsl, urlsplit


class Scripted:
    """A transport whose answers come from a function of (operation, path, query)."""

    def __init__(self, answer):
        self.answer = answer
        self.calls = {}
        self.seen = []
        self.lock = threading.Lock()

    def send(self, prepare, operation, method='GET'):
        url, headers, _body = prepare()
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        with self.lock:
            self.seen.append((operation, parts.path, query, headers))
        return self.answer(operation, parts.path, query), {}


ALIBABA = {'alibaba': Credentials('alibaba', 'test', access_key_id='id', access_key_secret='secret')}
HUAWEI = {'huawei': Credentials('huawei', 'test', huawei_auth_token='token')}


def connections(total, region='r'):
    return [{'ConnectionId': 'c%03d-%s' % (i, region), 'Secrets': {'k': 'v%d' % i}} for i in range(total)]


def token_pages(items, repeat_token=None, oversize=False, total_delta=0):
    def answer(operation, path, query):
        size = int(query['MaxResults'])
        token = query.get('NextToken') or '0'
        start = 5 if token == repeat_token else int(token)
        page = items[start:start + size + (1 if oversize else 0)]
        following = start + size
        body = {'RequestId': 'rq-%d' % start, 'TotalCount': len(items) + total_delta, 'Connections': page}
        if following < len(items):
            body['NextToken'] = repeat_token or str(following)
        return body
    return answer


def client(transport, creds=None, **kwargs):
    return Client(transport, creds or ALIBABA, endpoint_url='http://127.0.0.1:1/r/{region}', **kwargs)


def test_token_paging_follows_next_token_to_the_end_and_redacts():
    items = connections(23)
    transport = Scripted(token_pages(items))
    result = client(transport).call('ListConnections', {'MaxResults': 5}, ['cn-hangzhou'])
    assert [i['connection_id'] for i in result.items] == [i['ConnectionId'] for i in items]
    assert len(transport.seen) == 5
    assert [q.get('NextToken') for _op, _p, q, _h in transport.seen] == [None, '5', '10', '15', '20']
    assert result.request_ids == ['rq-0', 'rq-5', 'rq-10', 'rq-15', 'rq-20']
    assert all(i['region'] == 'cn-hangzhou' for i in result.items)
    assert set(v for i in result.items for v in i['secrets'].values()) == {'VALUE_REDACTED_BY_PAI_CATALOG'}
    assert transport.seen[0][1] == '/r/cn-hangzhou/api/v1/connections'
    assert transport.seen[0][3]['x-acs-action'] == 'ListConnections'


def test_repeated_next_token_stops_instead_of_looping():
    transport = Scripted(token_pages(connections(30), repeat_token='same'))
    with pytest.raises(ApiError) as info:
        client(transport).call('ListConnections', {'MaxResults': 5}, ['cn-hangzhou'])
    assert info.value.code == 'PagingError' and 'twice' in str(info.value)
    assert len(transport.seen) == 2


def test_a_page_larger_than_asked_is_an_error():
    transport = Scripted(token_pages(connections(30), oversize=True))
    with pytest.raises(ApiError) as info:
        client(transport).call('ListConnections', {'MaxResults': 5}, ['cn-hangzhou'])
    assert 'held 6 items but 5 were asked for' in str(info.value)
    assert info.value.region == 'cn-hangzhou' and info.value.operation == 'ListConnections'


def test_a_total_that_disagrees_with_the_items_is_an_error():
    transport = Scripted(token_pages(connections(12), total_delta=1))
    with pytest.raises(ApiError) as info:
        client(transport).call('ListConnections', {'MaxResults': 5}, ['cn-hangzhou'])
    assert 'TotalCount said 13 but paging returned 12 items' in str(info.value)


def gateway_pages(total, changing=False):
    counter = {'n': 0}
    lock = threading.Lock()

    def answer(operation, path, query):
        number, size = int(query['PageNumber']), int(query['PageSize'])
        with lock:
            counter['n'] += 1
            shown = total + (1 if changing and counter['n'] > 1 else 0)
        page = [{'GatewayId': 'gw-%d' % i} for i in range((number - 1) * size, min(total, number * size))]
        return {'RequestId': 'p%d' % number, 'TotalCount': shown, 'Gateways': page}
    return answer


def test_counted_pages_are_fetched_once_each_after_the_first():
    transport = Scripted(gateway_pages(10))
    result = client(transport).call('ListGateway', {'PageSize': 3}, ['cn-hangzhou', 'cn-shanghai'])
    assert len(result.items) == 20 and result.total_count == 20
    numbers = sorted((p, q['PageNumber']) for _op, p, q, _h in transport.seen)
    assert numbers == sorted((('/r/%s/api/v2/gateways' % r), str(n)) for r in ('cn-hangzhou', 'cn-shanghai')
                             for n in range(1, 5))
    assert sorted(i['gateway_id'] for i in result.items if i['region'] == 'cn-shanghai') == sorted(
        'gw-%d' % i for i in range(10))


def test_a_total_that_changes_while_paging_is_an_error():
    transport = Scripted(gateway_pages(10, changing=True))
    with pytest.raises(ApiError) as info:
        client(transport).call('ListGateway', {'PageSize': 3}, ['cn-hangzhou'])
    assert 'TotalCount changed from 10 to 11 while paging' in str(info.value)


def test_offset_paging_for_huawei_and_one_page_mode():
    models = [{'base_model_type': 'm%d' % i, 'max_tokens': i} for i in range(7)]

    def answer(operation, path, query):
        offset, limit = int(query.get('offset', 0)), int(query['limit'])
        return {'total': len(models), 'models': models[offset:offset + limit]}
    transport = Scripted(answer)
    result = client(transport, HUAWEI).call('ListBaseModels', {'limit': 2}, ['cn-north-4'], paginate=True)
    assert [m['base_model_type'] for m in result.items] == ['m%d' % i for i in range(7)]
    assert sorted(int(q['offset']) for _o, _p, q, _h in transport.seen) == [0, 2, 4, 6]
    assert transport.seen[0][3] == {'X-Auth-Token': 'token'}
    page = client(Scripted(answer), HUAWEI).call('ListBaseModels', {'offset': 3, 'limit': 2}, ['cn-north-4'],
                                                 paginate=False)
    assert [m['base_model_type'] for m in page.items] == ['m3', 'm4'] and page.total_count == 7
    # Without paginate, the engine reads the intent from the parameters: an offset or a limit asks for one page.
    intent = Scripted(answer)
    page = client(intent, HUAWEI).call('ListBaseModels', {'limit': 2}, ['cn-north-4'])
    assert [m['base_model_type'] for m in page.items] == ['m0', 'm1'] and len(intent.seen) == 1
    every = Scripted(answer)
    assert len(client(every, HUAWEI).call('ListBaseModels', {}, ['cn-north-4']).items) == 7


@pytest.mark.parametrize('name, params, one', [
    ('ListConnections', {'MaxResults': 10}, False), ('ListConnections', {'NextToken': 'x'}, True),
    ('ListGateway', {'PageSize': 10}, False), ('ListGateway', {'PageNumber': 2}, True),
    ('ListBaseModels', {}, False), ('ListBaseModels', {'offset': 0}, True), ('ListWorkspaces', {'limit': 5}, True),
    ('GetConnection', {'ConnectionId': 'c'}, False)])
def test_the_paging_intent_is_decided_once(name, params, one):
    from ansible_collections.pai.catalog.plugins.module_utils.catalog import one_page
    assert one_page(name, params) is one


def test_not_strict_keeps_the_regions_that_answered():
    def answer(operation, path, query):
        if '/r/cn-beijing/' in path:
            raise ApiError('down', status=503, code='ServiceUnavailable')
        return {'TotalCount': 1, 'Connections': [{'ConnectionId': path}]}
    jobs = client(Scripted(answer)).run('ListConnections', [Job('cn-hangzhou', {}), Job('cn-beijing', {})],
                                        strict=False)
    assert jobs[0].error is None and len(jobs[0].items) == 1
    assert jobs[1].error.region == 'cn-beijing' and jobs[1].error.operation == 'ListConnections'
    with pytest.raises(ApiError):
        client(Scripted(answer)).call('ListConnections', {}, ['cn-hangzhou', 'cn-beijing'])


def test_gateway_form_sends_path_parameters_and_region_as_query():
    transport = Scripted(lambda o, p, q: {'CustomDomains': [{'Domain': 'd', 'Type': 'internet'}]})
    creds = {'alibaba': Credentials('alibaba', 'test', api_key='sk')}
    Client(transport, creds, form='gateway', endpoint_url='http://127.0.0.1:1').call(
        'ListGatewayDomains', {'ClusterId': 'cn-x', 'GatewayId': 'gw-a/b'}, ['cn-shanghai'])
    _op, path, query, headers = transport.seen[0]
    assert path == '/api/eas/2021-07-01/ListGatewayDomains'
    assert query == {'ClusterId': 'cn-x', 'GatewayId': 'gw-a/b', 'RegionId': 'cn-shanghai'}
    assert headers['Authorization'] == 'Bearer sk'


def test_body_error_code_in_a_200_is_a_failure():
    transport = Scripted(lambda o, p, q: {'RequestId': 'x', 'ErrorCode': 7, 'ErrorMessage': 'nope', 'Data': {}})
    with pytest.raises(ApiError) as info:
        client(transport).call('GetMessageConfig', {}, ['cn-hangzhou'])
    assert info.value.code == '7' and info.value.status == 200 and info.value.request_id == 'x'


def test_a_page_that_repeats_an_earlier_one_is_an_error():
    """An API that ignores PageNumber gives the first page again: the same items would come twice."""
    def answer(operation, path, query):
        return {'RequestId': 'p' + query['PageNumber'], 'TotalCount': 3, 'Gateways': [{'GatewayId': 'gw-0'}]}
    with pytest.raises(ApiError) as info:
        client(Scripted(answer)).call('ListGateway', {'PageSize': 1}, ['cn-hangzhou'])
    assert info.value.code == 'PagingError' and 'repeated page 1' in str(info.value)


def test_a_total_that_changes_between_token_pages_is_an_error():
    """The total of each token page must agree with the first, even when the last one agrees with the count."""
    items = connections(12)

    def answer(operation, path, query):
        start = int(query.get('NextToken') or 0)
        body = {'RequestId': 'r%d' % start, 'TotalCount': 13 if start == 5 else 12, 'Connections': items[start:start + 5]}
        if start + 5 < 12:
            body['NextToken'] = str(start + 5)
        return body
    with pytest.raises(ApiError) as info:
        client(Scripted(answer)).call('ListConnections', {'MaxResults': 5}, ['cn-hangzhou'])
    assert 'TotalCount changed from 12 to 13 while paging' in str(info.value) and info.value.request_id == 'r5'
