# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of plugins/module_utils/signing.py.

The captured requests of tests/unit/fixtures/signing-vectors.json (a copy of the shared API notes' vectors, sent by
the official SDKs) must be reproduced exactly; the other expectations are written out literally or computed here
with hashlib/hmac directly, not through the module.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import datetime
import hashlib
import hmac
import json
import os
import re

from urllib.parse import parse_qsl, urlsplit

import pytest

from ansible_collections.pai.catalog.plugins.module_utils import signing


FIXTURE = os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures', 'signing-vectors.json')

with open(FIXTURE, 'rb') as fixture_file:
    VECTORS = json.loads(fixture_file.read().decode('utf-8'))

ACS3_VECTORS = VECTORS['alibaba_acs3']
SDK_VECTORS = VECTORS['huawei_sdk_hmac_sha256']

DATE = datetime.datetime(2026, 11, 22, 3, 45, 22)


def _ids(vectors):
    return [vector['name'] for vector in vectors]


def _signed_header_list(authorization):
    """The SignedHeaders list of a captured Authorization value (both vendors)."""
    return re.search(r'SignedHeaders=([^,]+)', authorization).group(1).split(';')


def _split_target(raw_target):
    """(path, decoded query pairs, raw query) of a request target; '+' in the query is a space."""
    parts = urlsplit(raw_target)
    return parts.path, parse_qsl(parts.query, keep_blank_values=True), parts.query


def _hmac_hex(secret, text):
    return hmac.new(secret.encode('utf-8'), text.encode('utf-8'), hashlib.sha256).hexdigest()


def _sha_hex(text):
    return hashlib.sha256(text.encode('utf-8')).hexdigest()


def _acs3_expected(canonical_request, secret):
    return _hmac_hex(secret, 'ACS3-HMAC-SHA256\n' + _sha_hex(canonical_request))


def _sdk_expected(canonical_request, sdk_date, secret):
    return _hmac_hex(secret, 'SDK-HMAC-SHA256\n%s\n%s' % (sdk_date, _sha_hex(canonical_request)))


# ---------------------------------------------------------------------------------------------------------------
# Captured vectors
# ---------------------------------------------------------------------------------------------------------------

def test_fixture_holds_both_vendors():
    assert len(ACS3_VECTORS) == 10
    assert len(SDK_VECTORS) == 4
    assert len(set(_ids(ACS3_VECTORS))) == len(ACS3_VECTORS)
    assert len(set(_ids(SDK_VECTORS))) == len(SDK_VECTORS)


@pytest.mark.parametrize('vector', ACS3_VECTORS, ids=_ids(ACS3_VECTORS))
def test_acs3_vector(vector):
    path, pairs, dummy = _split_target(vector['raw_target'])
    headers = vector['headers']
    assert headers['x-acs-content-sha256'] == signing.sha256_hex(vector['body'])
    if vector['authorization'] is None:
        # Bearer token: no signature at all, just the two headers.
        assert 'authorization' not in [name.lower() for name in headers]
        for name, value in signing.bearer_product_headers('BEARER-TOKEN-EXAMPLE').items():
            assert headers[name] == value
        return
    assert headers['Authorization'] == vector['authorization']
    produced = signing.acs3_authorization(
        vector['method'], path, pairs, headers, vector['body'], vector['access_key_id'], vector['access_key_secret'],
        signed_headers=_signed_header_list(vector['authorization']))
    assert produced == vector['authorization']


@pytest.mark.parametrize('vector', SDK_VECTORS, ids=_ids(SDK_VECTORS))
def test_sdk_vector(vector):
    path, pairs, raw_query = _split_target(vector['raw_target'])
    assert vector['headers']['Authorization'] == vector['authorization']
    produced = signing.sdk_authorization(
        vector['method'], path, pairs, vector['headers'], vector['body'], vector['access_key_id'],
        vector['secret_access_key'], signed_headers=_signed_header_list(vector['authorization']))
    assert produced == vector['authorization']
    # The SDK sends its canonical query string as the wire query.
    assert signing.canonical_query(pairs) == raw_query


def test_acs3_vector_query_is_decoded_then_reencoded():
    path, pairs, raw_query = _split_target(ACS3_VECTORS[0]['raw_target'])
    assert path == '/api/v1/connections'
    assert 'ConnectionName=my+conn' in raw_query
    query = signing.canonical_query(pairs)
    assert 'ConnectionName=my%20conn' in query
    assert 'ConnectionIds=conn-a%2Cconn-b' in query


def test_acs3_vector_signature_fails_with_wire_query_as_is():
    vector = ACS3_VECTORS[0]
    path, dummy, raw_query = _split_target(vector['raw_target'])
    undecoded = [tuple(part.split('=', 1)) for part in raw_query.split('&')]
    produced = signing.acs3_authorization(
        vector['method'], path, undecoded, vector['headers'], vector['body'], vector['access_key_id'],
        vector['access_key_secret'], signed_headers=_signed_header_list(vector['authorization']))
    assert produced != vector['authorization']


# ---------------------------------------------------------------------------------------------------------------
# Encoding
# ---------------------------------------------------------------------------------------------------------------

def test_empty_sha256():
    assert signing.EMPTY_SHA256 == hashlib.sha256(b'').hexdigest()
    assert signing.sha256_hex('') == signing.sha256_hex(None) == signing.sha256_hex(b'') == signing.EMPTY_SHA256


@pytest.mark.parametrize('value, expected', [
    ('', ''),
    ('AZaz09-_.~', 'AZaz09-_.~'),
    ('a b', 'a%20b'),
    ('a+b=c&d/e~f*', 'a%2Bb%3Dc%26d%2Fe~f%2A'),
    ('café', 'caf%C3%A9'),
    ('中文', '%E4%B8%AD%E6%96%87'),
    ("!'()%,:;@#?[]", '%21%27%28%29%25%2C%3A%3B%40%23%3F%5B%5D'),
    (10, '10'),
])
def test_percent_encode(value, expected):
    assert signing.percent_encode(value) == expected


def test_percent_encode_safe():
    assert signing.percent_encode('/a b/', safe='/~') == '/a%20b/'
    assert signing.percent_encode('a~b', safe='') == 'a~b'


def test_encode_path():
    template = '/api/v2/gateways/{ClusterId}/{GatewayId}'
    assert signing.encode_path(template, {'ClusterId': 'a/b c', 'GatewayId': 'gw-1'}) == '/api/v2/gateways/a%2Fb%20c/gw-1'
    assert signing.encode_path(template, {'ClusterId': 'cn-hangzhou', 'GatewayId': 'café*+~'}) == \
        '/api/v2/gateways/cn-hangzhou/caf%C3%A9%2A%2B~'
    assert signing.encode_path('/v1/base-models', {}) == '/v1/base-models'
    assert signing.encode_path('/v1/workspaces/{workspace_id}/models', {'workspace_id': '中文'}) == \
        '/v1/workspaces/%E4%B8%AD%E6%96%87/models'


def test_encode_path_missing_or_empty_parameter():
    with pytest.raises(ValueError, match='GatewayId'):
        signing.encode_path('/api/v2/gateways/{ClusterId}/{GatewayId}', {'ClusterId': 'cn-hangzhou'})
    with pytest.raises(ValueError, match='ClusterId'):
        signing.encode_path('/api/v2/gateways/{ClusterId}', {'ClusterId': ''})
    with pytest.raises(ValueError, match='ClusterId'):
        signing.encode_path('/api/v2/gateways/{ClusterId}', {'ClusterId': None})


def test_canonical_query_sorting_with_duplicate_names():
    pairs = [('b', '2'), ('a', 'z'), ('b', '1'), ('a', ''), ('B', 'x')]
    assert signing.canonical_query(pairs) == 'B=x&a=&a=z&b=1&b=2'


def test_canonical_query_encoding():
    pairs = [('q', 'a+b=c&d/e~f*'), ('name', 'my conn'), ('city', 'café'), ('中文', '中文'), ('empty', '')]
    assert signing.canonical_query(pairs) == (
        'city=caf%C3%A9&empty=&name=my%20conn&q=a%2Bb%3Dc%26d%2Fe~f%2A&%E4%B8%AD%E6%96%87=%E4%B8%AD%E6%96%87')


def test_canonical_query_inputs():
    assert signing.canonical_query([]) == ''
    assert signing.canonical_query(None) == ''
    assert signing.canonical_query({'offset': '20', 'limit': '50', 'skip': None}) == 'limit=50&offset=20'
    assert signing.canonical_query((pair for pair in [('limit', 50)])) == 'limit=50'


def test_canonical_query_round_trips_through_a_decoding_server():
    pairs = [('a', 'x y+z'), ('a', 'café'), ('b', ''), ('c', '*~/')]
    assert parse_qsl(signing.canonical_query(pairs), keep_blank_values=True) == sorted(pairs)


# ---------------------------------------------------------------------------------------------------------------
# ACS3-HMAC-SHA256
# ---------------------------------------------------------------------------------------------------------------

ACS3_HEADERS = {
    'Host': 'pai-eas.cn-hangzhou.aliyuncs.com',
    'x-acs-action': 'DescribeGateway',
    'x-acs-version': '2021-07-01',
    'x-acs-date': '2026-11-22T03:45:22Z',
    'x-acs-signature-nonce': 'nonce-1',
    'x-acs-content-sha256': signing.EMPTY_SHA256,
    'Accept': '  application/json ',
    'User-Agent': 'pai.catalog',
}


def test_acs3_canonical_request_literal():
    path = signing.encode_path('/api/v2/gateways/{ClusterId}/{GatewayId}', {'ClusterId': 'a/b c', 'GatewayId': 'gw'})
    pairs = [('Name', 'café 中'), ('Filter', 'a+b'), ('Filter', ''), ('Star', '*')]
    canonical, names = signing.acs3_canonical_request('GET', path, pairs, ACS3_HEADERS, '')
    expected = (
        'GET\n'
        '/api/v2/gateways/a%2Fb%20c/gw\n'
        'Filter=&Filter=a%2Bb&Name=caf%C3%A9%20%E4%B8%AD&Star=%2A\n'
        'accept:application/json\n'
        'host:pai-eas.cn-hangzhou.aliyuncs.com\n'
        'user-agent:pai.catalog\n'
        'x-acs-action:DescribeGateway\n'
        'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n'
        'x-acs-date:2026-11-22T03:45:22Z\n'
        'x-acs-signature-nonce:nonce-1\n'
        'x-acs-version:2021-07-01\n'
        '\n'
        'accept;host;user-agent;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n'
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    assert canonical == expected
    assert names == ['accept', 'host', 'user-agent', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date',
                     'x-acs-signature-nonce', 'x-acs-version']
    authorization = signing.acs3_authorization('GET', path, pairs, ACS3_HEADERS, None, 'AK', 'sk')
    assert authorization == (
        'ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=accept;host;user-agent;x-acs-action;x-acs-content-sha256;'
        'x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=' + _acs3_expected(expected, 'sk'))


def test_acs3_empty_path_is_slash():
    canonical, dummy = signing.acs3_canonical_request('GET', '', [], {'host': 'h'}, b'')
    assert canonical.split('\n')[:3] == ['GET', '/', '']


def test_acs3_default_signed_headers_skip_authorization():
    headers = dict(ACS3_HEADERS, Authorization='ACS3-HMAC-SHA256 Credential=old')
    assert signing.acs3_authorization('GET', '/', [], headers, '', 'AK', 'sk') == \
        signing.acs3_authorization('GET', '/', [], ACS3_HEADERS, '', 'AK', 'sk')


def test_acs3_signed_headers_subset_go_sdk_style():
    headers = dict(ACS3_HEADERS, **{'Content-Type': 'application/json'})
    go_style = [name.lower() for name in headers if name.lower() in ('host', 'content-type') or name.startswith('x-acs-')]
    body = '{"a":1}'
    authorization = signing.acs3_authorization('POST', '/api/v1/x', [], headers, body, 'AK', 'sk', signed_headers=go_style)
    assert 'SignedHeaders=content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,' \
        in authorization
    canonical, dummy = signing.acs3_canonical_request('POST', '/api/v1/x', [], headers, body, signed_headers=go_style)
    assert 'accept:' not in canonical and 'user-agent:' not in canonical
    assert canonical.endswith('\n' + hashlib.sha256(b'{"a":1}').hexdigest())
    assert authorization.endswith('Signature=' + _acs3_expected(canonical, 'sk'))
    # An unsigned header may change; a signed one may not.
    changed = dict(headers, **{'User-Agent': 'other', 'Accept': '*/*'})
    assert signing.acs3_authorization('POST', '/api/v1/x', [], changed, body, 'AK', 'sk', signed_headers=go_style) == authorization
    changed = dict(headers, **{'x-acs-date': '2026-11-22T03:45:23Z'})
    assert signing.acs3_authorization('POST', '/api/v1/x', [], changed, body, 'AK', 'sk', signed_headers=go_style) != authorization
    # Names are matched without regard to case, and listing one twice changes nothing.
    shouted = [name.upper() for name in go_style] + ['HOST']
    assert signing.acs3_authorization('POST', '/api/v1/x', [], headers, body, 'AK', 'sk', signed_headers=shouted) == authorization


def test_signed_header_must_be_present():
    with pytest.raises(ValueError, match='content-type'):
        signing.acs3_authorization('GET', '/', [], ACS3_HEADERS, '', 'AK', 'sk', signed_headers=['host', 'content-type'])
    with pytest.raises(ValueError, match='x-project-id'):
        signing.sdk_authorization('GET', '/', [], {'X-Sdk-Date': '20261122T034522Z'}, '', 'AK', 'sk', signed_headers=['x-project-id'])


def test_header_given_twice_in_different_case_is_refused():
    with pytest.raises(ValueError, match='host'):
        signing.acs3_authorization('GET', '/', [], {'Host': 'a', 'host': 'b'}, '', 'AK', 'sk')


def test_acs3_body_str_and_bytes_sign_alike():
    body = u'{"name":"café"}'
    by_str = signing.acs3_authorization('POST', '/x', [], ACS3_HEADERS, body, 'AK', 'sk')
    assert by_str == signing.acs3_authorization('POST', '/x', [], ACS3_HEADERS, body.encode('utf-8'), 'AK', 'sk')
    assert by_str != signing.acs3_authorization('POST', '/x', [], ACS3_HEADERS, '', 'AK', 'sk')


def _verify_acs3(headers, method, path, pairs, body, access_key_id, secret):
    authorization = headers['Authorization']
    rebuilt = signing.acs3_authorization(method, path, pairs, headers, body, access_key_id, secret,
                                         signed_headers=_signed_header_list(authorization))
    return rebuilt == authorization


def test_acs3_headers_round_trip():
    pairs = [('WorkspaceId', '12345'), ('ConnectionName', 'my conn')]
    headers = signing.acs3_headers('GET', 'aiworkspace.cn-hangzhou.aliyuncs.com', 'ListConnections', '2021-02-04',
                                   '/api/v1/connections', pairs, None, 'AKID', 'secret', date=DATE, nonce='abc')
    authorization = headers.pop('Authorization')
    assert headers == {
        'host': 'aiworkspace.cn-hangzhou.aliyuncs.com',
        'x-acs-action': 'ListConnections',
        'x-acs-version': '2021-02-04',
        'x-acs-date': '2026-11-22T03:45:22Z',
        'x-acs-signature-nonce': 'abc',
        'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'accept': 'application/json',
    }
    canonical = (
        'GET\n/api/v1/connections\nConnectionName=my%20conn&WorkspaceId=12345\n'
        'accept:application/json\n'
        'host:aiworkspace.cn-hangzhou.aliyuncs.com\n'
        'x-acs-action:ListConnections\n'
        'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n'
        'x-acs-date:2026-11-22T03:45:22Z\n'
        'x-acs-signature-nonce:abc\n'
        'x-acs-version:2021-02-04\n'
        '\n'
        'accept;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n'
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    assert authorization == (
        'ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders=accept;host;x-acs-action;x-acs-content-sha256;x-acs-date;'
        'x-acs-signature-nonce;x-acs-version,Signature=' + _acs3_expected(canonical, 'secret'))
    headers['Authorization'] = authorization
    assert _verify_acs3(headers, 'GET', '/api/v1/connections', list(reversed(pairs)), '', 'AKID', 'secret')
    assert not _verify_acs3(headers, 'GET', '/api/v1/connections', pairs[:1], '', 'AKID', 'secret')
    assert not _verify_acs3(headers, 'GET', '/api/v1/connections', pairs, '', 'AKID', 'other')


def test_acs3_headers_with_body():
    body = '{"WorkspaceId":"12345","Name":"café"}'
    headers = signing.acs3_headers('POST', 'h', 'CreateConnection', '2021-02-04', '/api/v1/connections', [], body,
                                   'AKID', 'secret', date=DATE, nonce='n')
    assert headers['content-type'] == 'application/json'
    assert headers['x-acs-content-sha256'] == hashlib.sha256(body.encode('utf-8')).hexdigest()
    assert 'content-type;host;' in headers['Authorization']
    assert _verify_acs3(headers, 'POST', '/api/v1/connections', [], body.encode('utf-8'), 'AKID', 'secret')
    assert not _verify_acs3(headers, 'POST', '/api/v1/connections', [], body + ' ', 'AKID', 'secret')


def test_acs3_headers_with_security_token():
    headers = signing.acs3_headers('GET', 'h', 'ListConnections', '2021-02-04', '/api/v1/connections',
                                   [('WorkspaceId', '1')], '', 'STS.AK', 'secret', security_token='STS.TOKEN', date=DATE, nonce='n')
    assert headers['x-acs-accesskey-id'] == 'STS.AK'
    assert headers['x-acs-security-token'] == 'STS.TOKEN'
    assert 'content-type' not in headers
    assert _signed_header_list(headers['Authorization']) == [
        'accept', 'host', 'x-acs-accesskey-id', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date',
        'x-acs-security-token', 'x-acs-signature-nonce', 'x-acs-version']
    assert headers['Authorization'].startswith('ACS3-HMAC-SHA256 Credential=STS.AK,')
    assert _verify_acs3(headers, 'GET', '/api/v1/connections', [('WorkspaceId', '1')], '', 'STS.AK', 'secret')
    tampered = dict(headers, **{'x-acs-security-token': 'STS.OTHER'})
    assert not _verify_acs3(tampered, 'GET', '/api/v1/connections', [('WorkspaceId', '1')], '', 'STS.AK', 'secret')


def test_acs3_headers_date_and_nonce_defaults():
    eastern = datetime.timezone(datetime.timedelta(hours=8))
    aware = datetime.datetime(2026, 11, 22, 11, 45, 22, tzinfo=eastern)
    headers = signing.acs3_headers('GET', 'h', 'A', 'V', '/', [], '', 'AK', 'sk', date=aware)
    assert headers['x-acs-date'] == '2026-11-22T03:45:22Z'
    assert re.match(r'^[0-9a-f]{32}$', headers['x-acs-signature-nonce'])
    again = signing.acs3_headers('GET', 'h', 'A', 'V', '/', [], '', 'AK', 'sk')
    assert again['x-acs-signature-nonce'] != headers['x-acs-signature-nonce']
    assert re.match(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$', again['x-acs-date'])


def test_bearer_and_token_headers():
    assert signing.bearer_product_headers('tok') == {'x-acs-bearer-token': 'tok', 'x-acs-signature-type': 'BEARERTOKEN'}
    assert signing.bearer_gateway_headers('key') == {'Authorization': 'Bearer key'}
    assert signing.token_headers('MII') == {'X-Auth-Token': 'MII'}


# ---------------------------------------------------------------------------------------------------------------
# SDK-HMAC-SHA256
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize('path, expected', [
    ('/v1/base-models', '/v1/base-models/'),
    ('/v1/base-models/', '/v1/base-models/'),
    ('/', '/'),
    ('', '/'),
    ('/v1/workspaces/a%20b/models', '/v1/workspaces/a%20b/models/'),
    ('/v1/workspaces/caf%C3%A9', '/v1/workspaces/caf%C3%A9/'),
    ('/v1/workspaces/中文', '/v1/workspaces/%E4%B8%AD%E6%96%87/'),
    # The SDK decodes the whole path before splitting it: an encoded '/' is signed as a separator.
    ('/v1/workspaces/a%2Fb/models', '/v1/workspaces/a/b/models/'),
    ('/v1/workspaces/a+b*', '/v1/workspaces/a%2Bb%2A/'),
])
def test_sdk_canonical_uri(path, expected):
    assert signing.sdk_canonical_uri(path) == expected


def test_sdk_canonical_request_literal():
    headers = {
        'Host': 'fabric.cn-north-4.myhuaweicloud.com',
        'X-Sdk-Date': '20261122T034430Z',
        'Content-Type': ' application/json ',
        'X-Project-Id': 'p1',
        'X_Custom': 'not signed',
        'Authorization': 'not signed either',
    }
    path = signing.encode_path('/v1/workspaces/{workspace_id}/models', {'workspace_id': 'w 1'})
    pairs = [('offset', '0'), ('limit', '10'), ('name', 'café+x')]
    canonical, names, sdk_date = signing.sdk_canonical_request('get', path, pairs, headers, '')
    expected = (
        'GET\n'
        '/v1/workspaces/w%201/models/\n'
        'limit=10&name=caf%C3%A9%2Bx&offset=0\n'
        'content-type:application/json\n'
        'host:fabric.cn-north-4.myhuaweicloud.com\n'
        'x-project-id:p1\n'
        'x-sdk-date:20261122T034430Z\n'
        '\n'
        'content-type;host;x-project-id;x-sdk-date\n'
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    assert canonical == expected
    assert names == ['content-type', 'host', 'x-project-id', 'x-sdk-date']
    assert sdk_date == '20261122T034430Z'
    assert signing.sdk_authorization('get', path, pairs, headers, None, 'AK', 'SK') == (
        'SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature='
        + _sdk_expected(expected, '20261122T034430Z', 'SK'))


def test_sdk_needs_date_header():
    with pytest.raises(ValueError, match='X-Sdk-Date'):
        signing.sdk_authorization('GET', '/v1/x', [], {'Host': 'h'}, '', 'AK', 'SK')


def _verify_sdk(headers, method, path, pairs, body, access_key, secret):
    authorization = headers['Authorization']
    rebuilt = signing.sdk_authorization(method, path, pairs, headers, body, access_key, secret,
                                        signed_headers=_signed_header_list(authorization))
    return rebuilt == authorization


def test_sdk_headers_round_trip():
    pairs = [('offset', '20'), ('limit', '50')]
    headers = signing.sdk_headers('GET', 'fabric.cn-north-4.myhuaweicloud.com', '/v1/base-models', pairs, None,
                                  'AK', 'SK', project_id='0123', date=DATE)
    authorization = headers.pop('Authorization')
    assert headers == {
        'Host': 'fabric.cn-north-4.myhuaweicloud.com',
        'X-Sdk-Date': '20261122T034522Z',
        'Content-Type': 'application/json',
        'X-Project-Id': '0123',
    }
    canonical = (
        'GET\n/v1/base-models/\nlimit=50&offset=20\n'
        'content-type:application/json\n'
        'host:fabric.cn-north-4.myhuaweicloud.com\n'
        'x-project-id:0123\n'
        'x-sdk-date:20261122T034522Z\n'
        '\n'
        'content-type;host;x-project-id;x-sdk-date\n'
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    assert authorization == ('SDK-HMAC-SHA256 Access=AK, SignedHeaders=content-type;host;x-project-id;x-sdk-date, '
                             'Signature=' + _sdk_expected(canonical, '20261122T034522Z', 'SK'))
    headers['Authorization'] = authorization
    assert _verify_sdk(headers, 'GET', '/v1/base-models/', pairs, '', 'AK', 'SK')
    assert not _verify_sdk(headers, 'GET', '/v1/base-models', [('limit', '50')], '', 'AK', 'SK')


def test_sdk_headers_with_security_token_and_body():
    body = b'{"name":"\xe4\xb8\xad"}'
    headers = signing.sdk_headers('POST', 'h:8443', '/v1/workspaces', [], body, 'AK', 'SK',
                                  security_token='STS', date=DATE)
    assert 'X-Project-Id' not in headers
    assert headers['X-Security-Token'] == 'STS'
    assert _signed_header_list(headers['Authorization']) == ['content-type', 'host', 'x-sdk-date', 'x-security-token']
    assert _verify_sdk(headers, 'POST', '/v1/workspaces', [], body, 'AK', 'SK')
    assert not _verify_sdk(headers, 'POST', '/v1/workspaces', [], b'{}', 'AK', 'SK')
    assert not _verify_sdk(dict(headers, **{'X-Security-Token': 'OTHER'}), 'POST', '/v1/workspaces', [], body, 'AK', 'SK')
