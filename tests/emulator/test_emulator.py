# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tests of the emulator itself, with requests and small signers written here (not the collection's)."""

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from urllib.parse import quote, urlencode

import pytest
import requests

from . import auth as A
from . import data as D
from . import start

HERE = os.path.dirname(os.path.abspath(__file__))
EMPTY = hashlib.sha256(b'').hexdigest()
ALL_OFF = {'latency_ms': 0, 'fault_rate': 0, 'faults': None, 'qps': None, 'down_regions': [], 'message_config_error_code': 0,
           'paging_anomaly': None, 'clock_skew_seconds': 0, 'body_fault': None, 'echo_headers': None}


@pytest.fixture(scope='module')
def server():
    emu = start(port=0)
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture()
def emu(server):
    server.configure(**ALL_OFF)
    server.reset()
    yield server
    server.configure(**ALL_OFF)


def _host(emu):
    return '127.0.0.1:%d' % emu.port


def acs3_get(emu, path, query=None, action='ListConnections', version='2021-02-04', ak=None, secret=None, token=None,
             nonce=None, date=None, extra=None):
    """Sign a GET with ACS3-HMAC-SHA256 (signing only host and x-acs-*, like the Go SDK) and send it."""
    creds = emu.credentials
    ak = ak or creds['alibaba_access_key_id']
    secret = secret or creds['alibaba_access_key_secret']
    query = query or {}
    headers = {'host': _host(emu), 'x-acs-action': action, 'x-acs-version': version,
               'x-acs-date': date or time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
               'x-acs-signature-nonce': nonce or uuid.uuid4().hex, 'x-acs-content-sha256': EMPTY}
    if token:
        headers['x-acs-security-token'] = token
        headers['x-acs-accesskey-id'] = ak
    signed = sorted(headers)
    canonical_query = '&'.join('%s=%s' % (quote(k, safe='~'), quote(v, safe='~')) for k, v in sorted(query.items()))
    canonical = '\n'.join(('GET', path, canonical_query, ''.join('%s:%s\n' % (k, headers[k]) for k in signed),
                           ';'.join(signed), EMPTY))
    string_to_sign = 'ACS3-HMAC-SHA256\n' + hashlib.sha256(canonical.encode()).hexdigest()
    signature = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
    headers['Authorization'] = 'ACS3-HMAC-SHA256 Credential=%s,SignedHeaders=%s,Signature=%s' % (ak, ';'.join(signed), signature)
    headers.update(extra or {})
    url = emu.base_url + path + ('?' + urlencode(query) if query else '')
    return requests.get(url, headers=headers, timeout=10)


def hw_get(emu, path, query=None, ak=None, sk=None, project=None, token=None, date=None):
    """Sign a GET with SDK-HMAC-SHA256 like huaweicloudsdkcore and send it."""
    creds = emu.credentials
    ak = ak or creds['huawei_ak']
    sk = sk or creds['huawei_sk']
    query = query or {}
    headers = {'Host': _host(emu), 'X-Project-Id': project or creds['huawei_project_id'],
               'X-Sdk-Date': date or time.strftime('%Y%m%dT%H%M%SZ', time.gmtime()), 'Content-Type': 'application/json'}
    if token:
        headers['X-Security-Token'] = token
    signed = sorted(k.lower() for k in headers)
    lower = dict((k.lower(), v) for k, v in headers.items())
    uri = '/'.join(quote(seg, safe='~') for seg in path.split('/'))
    uri = uri if uri.endswith('/') else uri + '/'
    cq = '&'.join('%s=%s' % (quote(k, safe='~'), quote(str(v), safe='~')) for k, v in sorted(query.items()))
    canonical = '\n'.join(('GET', uri, cq, ''.join('%s:%s\n' % (k, lower[k]) for k in signed), ';'.join(signed), EMPTY))
    sts = 'SDK-HMAC-SHA256\n%s\n%s' % (headers['X-Sdk-Date'], hashlib.sha256(canonical.encode()).hexdigest())
    signature = hmac.new(sk.encode(), sts.encode(), hashlib.sha256).hexdigest()
    headers['Authorization'] = 'SDK-HMAC-SHA256 Access=%s, SignedHeaders=%s, Signature=%s' % (ak, ';'.join(signed), signature)
    return requests.get(emu.base_url + path + ('?' + cq if cq else ''), headers=headers, timeout=10)


def gw_get(emu, service, operation, params=None, key=None, prefix=''):
    version = {'AIWorkSpace': '2021-02-04', 'eas': '2021-07-01', 'PaiPlugin': '2022-01-12', 'PaiRecService': '2022-12-13'}[service]
    headers = {'Authorization': 'Bearer %s' % (key or emu.credentials['alibaba_api_key'])}
    return requests.get('%s%s/api/%s/%s/%s' % (emu.base_url, prefix, service, version, operation), params=params or {},
                        headers=headers, timeout=10)


def hw_token_get(emu, path, params=None, token=None):
    return requests.get(emu.base_url + path, params=params or {}, timeout=10,
                        headers={'X-Auth-Token': token or emu.credentials['huawei_iam_token']})


def _data(emu):
    return requests.get(emu.base_url + '/_emulator/data', timeout=10).json()


# ---------------------------------------------------------------- signatures

VECTORS = json.load(open(os.path.join(HERE, 'signing_vectors.json')))


@pytest.mark.parametrize('vector', [v for v in VECTORS['alibaba_acs3'] if 'authorization' in v['headers'] or 'Authorization' in v['headers']],
                         ids=lambda v: v['name'])
def test_acs3_vectors(vector):
    headers = dict((k.lower(), v) for k, v in vector['headers'].items())
    path, dummy, query = vector['raw_target'].partition('?')
    lookup = {vector['access_key_id']: vector['access_key_secret']}.get
    assert A.verify_acs3(vector['method'], path, query, headers, vector['body'].encode(), lookup, check_time=False) == vector['access_key_id']
    tampered = query + '&x=1' if query else 'x=1'
    with pytest.raises(A.AuthError) as info:
        A.verify_acs3(vector['method'], path, tampered, headers, vector['body'].encode(), lookup, check_time=False)
    assert info.value.code == 'SignatureDoesNotMatch'
    with pytest.raises(A.AuthError):
        A.verify_acs3(vector['method'], path, query, headers, vector['body'].encode(), {vector['access_key_id']: 'wrong'}.get, check_time=False)


@pytest.mark.parametrize('vector', VECTORS['huawei_sdk_hmac_sha256'], ids=lambda v: v['name'])
def test_sdk_hmac_vectors(vector):
    headers = dict((k.lower(), v) for k, v in vector['headers'].items())
    path, dummy, query = vector['raw_target'].partition('?')
    lookup = {vector['access_key_id']: vector['secret_access_key']}.get
    assert A.verify_sdk_hmac(vector['method'], path, query, headers, b'', lookup, check_time=False) == vector['access_key_id']
    with pytest.raises(A.AuthError) as info:
        A.verify_sdk_hmac(vector['method'], path + 'x', query, headers, b'', lookup, check_time=False)
    assert (info.value.status, info.value.code) == (401, 'APIG.0301')


def test_sdk_canonical_uri():
    assert A.sdk_canonical_uri('/v1/base-models') == '/v1/base-models/'
    assert A.sdk_canonical_uri('/v1/workspaces/a%20b/') == '/v1/workspaces/a%20b/'


def test_alibaba_auth_refusals(emu):
    creds = emu.credentials
    assert acs3_get(emu, '/api/v1/connections').status_code == 200
    cases = [
        (dict(secret='wrong'), 400, 'SignatureDoesNotMatch'),
        (dict(ak='LTAI5tNobody', secret='x'), 404, 'InvalidAccessKeyId.NotFound'),
        (dict(ak=creds['alibaba_disabled_access_key_id'], secret=creds['alibaba_disabled_access_key_secret']), 403, 'InvalidAccessKeyId.Inactive'),
        (dict(ak=creds['alibaba_sts_access_key_id'], secret=creds['alibaba_sts_access_key_secret'],
              token=creds['alibaba_expired_sts_security_token']), 400, 'InvalidSecurityToken.Expired'),
        (dict(date='2020-01-01T00:00:00Z'), 400, 'InvalidTimeStamp.Expired'),
        (dict(action='GetConnection'), 404, 'InvalidAction.NotFound'),
        (dict(version='2020-01-01'), 400, 'InvalidVersion'),
    ]
    for kwargs, status, code in cases:
        resp = acs3_get(emu, '/api/v1/connections', **kwargs)
        body = resp.json()
        assert (resp.status_code, body['Code']) == (status, code), kwargs
        assert body['RequestId'] and body['HostId'] == 'aiworkspace.cn-hangzhou.aliyuncs.com'
        assert 'wrong' not in resp.text and creds['alibaba_access_key_secret'] not in resp.text
    resp = acs3_get(emu, '/api/v1/connections', ak=creds['alibaba_sts_access_key_id'], secret=creds['alibaba_sts_access_key_secret'],
                    token=creds['alibaba_sts_security_token'])
    assert resp.status_code == 200
    resp = requests.get(emu.base_url + '/api/v1/connections', timeout=10)
    assert (resp.status_code, resp.json()['Code']) == (400, 'MissingAuthorization')
    assert [e['auth'] for e in emu.stats()['log']][:1] == ['acs3']
    assert 'sts' in [e['auth'] for e in emu.stats()['log']]


def test_nonce_replay(emu):
    nonce = uuid.uuid4().hex
    assert acs3_get(emu, '/api/v1/connections', nonce=nonce).status_code == 200
    resp = acs3_get(emu, '/api/v1/connections', nonce=nonce)
    assert (resp.status_code, resp.json()['Code']) == (400, 'SignatureNonceUsed')
    requests.post(emu.base_url + '/_emulator/reset', timeout=10)
    assert acs3_get(emu, '/api/v1/connections', nonce=nonce).status_code == 200


def test_bearer_forms(emu):
    headers = {'x-acs-bearer-token': emu.credentials['alibaba_api_key'], 'x-acs-signature-type': 'BEARERTOKEN',
               'x-acs-action': 'ListConnections', 'x-acs-version': '2021-02-04'}
    assert requests.get(emu.base_url + '/api/v1/connections', headers=headers, timeout=10).status_code == 200
    headers['x-acs-bearer-token'] = 'sk-wrong'
    resp = requests.get(emu.base_url + '/api/v1/connections', headers=headers, timeout=10)
    assert (resp.status_code, resp.json()['Code']) == (401, 'InvalidApiKey')
    assert gw_get(emu, 'AIWorkSpace', 'ListConnections').status_code == 200
    resp = gw_get(emu, 'AIWorkSpace', 'ListConnections', key='sk-wrong')
    assert (resp.status_code, resp.json()['Code']) == (401, 'InvalidApiKey')
    resp = requests.get(emu.base_url + '/api/AIWorkSpace/2021-02-04/ListConnections', timeout=10)
    assert (resp.status_code, resp.json()['Code']) == (401, 'MissingAuthorization')
    assert [e['auth'] for e in emu.stats()['log']] == ['bearer', 'none', 'gateway-bearer', 'none', 'none']


def test_huawei_auth(emu):
    creds = emu.credentials
    assert hw_get(emu, '/v1/base-models', {'limit': 3}).status_code == 200
    resp = hw_get(emu, '/v1/base-models', sk='wrong')
    assert (resp.status_code, resp.json()['error_code']) == (401, 'APIG.0301')
    resp = hw_get(emu, '/v1/base-models', date='20200101T000000Z')
    assert (resp.status_code, resp.json()['error_code']) == (401, 'APIG.0303')
    resp = hw_get(emu, '/v1/base-models', project='f' * 32)
    assert resp.status_code == 401
    resp = hw_get(emu, '/v1/base-models', ak=creds['huawei_temp_ak'], sk=creds['huawei_temp_sk'])
    assert resp.status_code == 401
    resp = hw_get(emu, '/v1/base-models', ak=creds['huawei_temp_ak'], sk=creds['huawei_temp_sk'], token=creds['huawei_security_token'])
    assert resp.status_code == 200 and resp.headers['X-Request-Id']
    assert hw_token_get(emu, '/v1/base-models').status_code == 200
    resp = hw_token_get(emu, '/v1/base-models', token='unknown-token-value')
    assert (resp.status_code, resp.json()) == (401, {'error_code': 'APIG.1002', 'error_msg': 'Incorrect token or token resolution failed'})
    resp = hw_token_get(emu, '/v1/base-models', token='short')
    assert resp.status_code == 403
    assert resp.json() == {'error': {'code': '403', 'message': 'X-Auth-Token is invalid in the request', 'title': 'Forbidden'},
                           'error_code': 403, 'error_msg': 'X-Auth-Token is invalid in the request', 'title': 'Forbidden'}
    resp = requests.get(emu.base_url + '/v1/base-models', timeout=10)
    assert resp.status_code == 401 and resp.json()['error_code'] == 'APIG.1000'


def test_iam_password_flow(emu):
    body = {'auth': {'identity': {'methods': ['password'], 'password': {'user': {
        'domain': {'name': 'emulator-domain'}, 'name': 'emulator-user', 'password': 'emulator-password'}}},
        'scope': {'project': {'name': 'cn-north-4'}}}}
    resp = requests.post(emu.base_url + '/v3/auth/tokens?nocatalog=true', json=body, timeout=10)
    assert resp.status_code == 201
    token = resp.headers['X-Subject-Token']
    assert resp.json()['token']['expires_at'].endswith('Z')
    assert hw_token_get(emu, '/v1/workspaces', token=token).status_code == 200
    body['auth']['identity']['password']['user']['password'] = 'nope'
    resp = requests.post(emu.base_url + '/v3/auth/tokens', json=body, timeout=10)
    assert resp.status_code == 401 and resp.json()['error']['code'] == 401
    assert 'X-Subject-Token' not in resp.headers


# ---------------------------------------------------------------- data, pagination, validation

@pytest.mark.parametrize('region', D.ALIBABA_REGIONS)
def test_list_connections_pagination(emu, region):
    truth = _data(emu)['connections'][region]
    seen, token, pages = [], None, 0
    while True:
        params = {'MaxResults': 4, 'EncryptOption': 'PlainText', 'RegionId': region}
        if token:
            params['NextToken'] = token
        body = gw_get(emu, 'AIWorkSpace', 'ListConnections', params).json()
        assert body['TotalCount'] == len(truth) and body['MaxResults'] == 4
        seen.extend(body['Connections'])
        pages += 1
        token = body.get('NextToken')
        if not token:
            break
    assert sorted(c['ConnectionId'] for c in seen) == sorted(c['ConnectionId'] for c in truth)
    assert len(seen) == len(set(c['ConnectionId'] for c in seen))
    assert pages == max(1, -(-len(truth) // 4))
    assert sorted(seen, key=lambda c: c['ConnectionId']) == sorted(truth, key=lambda c: c['ConnectionId'])


def test_region_selection(emu):
    data = _data(emu)

    def ids(resp):
        return sorted(c['ConnectionId'] for c in resp.json()['Connections'])

    shanghai = sorted(c['ConnectionId'] for c in data['connections']['cn-shanghai'])
    resp = acs3_get(emu, '/r/cn-shanghai/api/v1/connections', {'MaxResults': '100'})
    assert ids(resp) == shanghai
    resp = gw_get(emu, 'AIWorkSpace', 'ListConnections', {'MaxResults': 100}, prefix='/r/cn-shanghai')
    assert ids(resp) == shanghai
    resp = requests.get(emu.base_url + '/api/v1/connections', params={'MaxResults': 100}, timeout=10,
                        headers={'Host': 'aiworkspace.cn-shanghai.aliyuncs.com', 'x-acs-bearer-token': emu.credentials['alibaba_api_key'],
                                 'x-acs-signature-type': 'BEARERTOKEN', 'x-acs-action': 'ListConnections', 'x-acs-version': '2021-02-04'})
    assert ids(resp) == shanghai
    assert gw_get(emu, 'AIWorkSpace', 'ListConnections', {'RegionId': 'eu-central-1'}).json()['TotalCount'] == 0
    resp = gw_get(emu, 'AIWorkSpace', 'ListConnections', prefix='/r/mars-north-1')
    assert (resp.status_code, resp.json()['Code']) == (404, 'InvalidRegionId')
    body = hw_token_get(emu, '/r/cn-southwest-2/v1/base-models', {'limit': 100}).json()
    assert body['models'] == data['base_models']['cn-southwest-2']
    resp = hw_get(emu, '/r/cn-southwest-2/v1/workspaces', {'limit': 100})
    assert resp.json()['workspaces'] == data['workspaces']['cn-southwest-2']
    regions = [e['region'] for e in emu.stats()['log']]
    assert regions == ['cn-shanghai'] * 3 + ['eu-central-1', 'mars-north-1', 'cn-southwest-2', 'cn-southwest-2']


def test_connection_filters_and_secrets(emu):
    truth = _data(emu)['connections']['cn-hangzhou']
    resp = gw_get(emu, 'AIWorkSpace', 'ListConnections', {'MaxResults': 100})
    assert 'emulator-secret-' not in resp.text
    assert all(c['Secrets'] and all(v for v in c['Secrets'].values()) for c in resp.json()['Connections'])
    resp = gw_get(emu, 'AIWorkSpace', 'ListConnections', {'MaxResults': 100, 'EncryptOption': 'PlainText'})
    assert 'emulator-secret-' in resp.text
    conn = truth[5]
    for params, expected in (
            ({'ConnectionIds': '%s,%s' % (truth[0]['ConnectionId'], truth[1]['ConnectionId'])}, truth[:2]),
            ({'ConnectionName': conn['ConnectionName'].upper()}, [c for c in truth if conn['ConnectionName'] in c['ConnectionName']]),
            ({'ConnectionTypes': 'MilvusConnection,RDSConnection'}, [c for c in truth if c['ConnectionType'] in ('MilvusConnection', 'RDSConnection')]),
            ({'Accessibility': 'PRIVATE', 'ToolCall': 'false'},
             [c for c in truth if c['Accessibility'] == 'PRIVATE' and any(not m['ToolCall'] for m in c['Models'])]),
            ({'ModelTypes': 'Embedding,ReRank'}, [c for c in truth if any(m['ModelType'] in ('Embedding', 'ReRank') for m in c['Models'])]),
            ({'Creator': truth[0]['Creator']}, [c for c in truth if c.get('Creator') == truth[0]['Creator']]),
            ({'WorkspaceId': truth[1]['WorkspaceId']}, [c for c in truth if c['WorkspaceId'] == truth[1]['WorkspaceId']])):
        params['MaxResults'] = 100
        got = gw_get(emu, 'AIWorkSpace', 'ListConnections', params).json()['Connections']
        assert sorted(c['ConnectionId'] for c in got) == sorted(c['ConnectionId'] for c in expected), params
    assert any('Description' not in c for c in truth) and any('Creator' not in c for c in truth)
    assert set(c['ConnectionType'] for c in truth) == set(D.CONNECTION_TYPES)
    got = gw_get(emu, 'AIWorkSpace', 'GetConnection', {'ConnectionId': conn['ConnectionId'], 'EncryptOption': 'PlainText'}).json()
    assert got.pop('RequestId') and got == conn
    resp = gw_get(emu, 'AIWorkSpace', 'GetConnection', {'ConnectionId': 'conn-nope'})
    assert (resp.status_code, resp.json()['Code']) == (404, 'ResourceNotFound')
    resp = acs3_get(emu, '/api/v1/connections/%s' % quote('conn-abc/x y', safe=''), action='GetConnection')
    assert resp.status_code == 404 and resp.json()['Code'] == 'ResourceNotFound'


@pytest.mark.parametrize('params, code', [
    ({'ConnectionTypes': 'DashScopeConnection,Bogus'}, 'InvalidParameter.ConnectionTypes'),
    ({'ModelTypes': 'LLM,Chat'}, 'InvalidParameter.ModelTypes'),
    ({'Accessibility': 'public'}, 'InvalidParameter.Accessibility'),
    ({'EncryptOption': 'Clear'}, 'InvalidParameter.EncryptOption'),
    ({'Order': 'UP'}, 'InvalidParameter.Order'),
    ({'SortBy': 'Name'}, 'InvalidParameter.SortBy'),
    ({'ToolCall': 'yes'}, 'InvalidParameter.ToolCall'),
    ({'MaxResults': '0'}, 'InvalidParameter.MaxResults'),
    ({'MaxResults': '101'}, 'InvalidParameter.MaxResults'),
    ({'MaxResults': 'ten'}, 'InvalidParameter.MaxResults'),
    ({'NextToken': 'garbage'}, 'InvalidParameter.NextToken'),
    ({'NextToken': '100000'}, 'InvalidParameter.NextToken'),
])
def test_list_connections_validation(emu, params, code):
    resp = gw_get(emu, 'AIWorkSpace', 'ListConnections', params)
    assert (resp.status_code, resp.json()['Code']) == (400, code)
    if 'Bogus' in str(params):
        assert 'RDSConnection' in resp.json()['Message']


def test_gateways(emu):
    data = _data(emu)
    for region in D.ALIBABA_REGIONS:
        body = gw_get(emu, 'eas', 'ListGateway', {'RegionId': region}).json()
        assert body['TotalCount'] == len(data['gateways'][region]) and body['PageSize'] == 100 and body['PageNumber'] == 1
        assert [g['GatewayId'] for g in body['Gateways']] == [g['GatewayId'] for g in data['gateways'][region]]
    assert data['gateways']['eu-central-1'] == []
    gateways = data['gateways']['cn-hangzhou']
    assert any(g['InternetEnabled'] and not g['SSLRedirectionEnabled'] for g in gateways)
    assert any(g['Status'] != 'Running' for g in gateways)
    domains = [d for g in gateways for d in g['CustomDomains']]
    assert {d['Type'] for d in domains} == {'internet', 'intranet'}
    assert any(d['Type'] == 'internet' and 'CertificateId' not in d for d in domains)
    page = gw_get(emu, 'eas', 'ListGateway', {'PageNumber': 2, 'PageSize': 2}).json()
    assert [g['GatewayId'] for g in page['Gateways']] == [g['GatewayId'] for g in gateways[2:4]]
    one = gw_get(emu, 'eas', 'ListGateway', {'GatewayName': gateways[1]['GatewayName']}).json()
    assert [g['GatewayId'] for g in one['Gateways']] == [gateways[1]['GatewayId']]
    resource = gw_get(emu, 'eas', 'ListGateway', {'ResourceName': gateways[0]['ResourceName']}).json()
    assert [g['GatewayId'] for g in resource['Gateways']] == [gateways[0]['GatewayId']]
    gid = gateways[0]['GatewayId']
    body = acs3_get(emu, '/api/v2/gateways/cn-hangzhou/%s/domains' % gid, action='ListGatewayDomains', version='2021-07-01').json()
    assert body['CustomDomains'] == gateways[0]['CustomDomains'] and 'Message' in body
    body = gw_get(emu, 'eas', 'DescribeGateway', {'ClusterId': 'cn-hangzhou', 'GatewayId': gid}).json()
    assert body['InternetStatus'] and 'ChargeType' not in body
    for params, status, code in (({'ClusterId': 'cn-nowhere', 'GatewayId': gid}, 400, 'InvalidParameter.ClusterId'),
                                 ({'ClusterId': 'cn-hangzhou', 'GatewayId': 'gateway-1'}, 400, 'InvalidParameter.GatewayId'),
                                 ({'ClusterId': 'eu-central-1', 'GatewayId': gid}, 404, 'ResourceNotFound'),
                                 ({'ClusterId': 'cn-hangzhou', 'GatewayId': 'gw-forbidden0001'}, 403, 'UnauthorizedOperation'),
                                 ({'ClusterId': 'cn-hangzhou'}, 400, 'MissingParameter')):
        resp = gw_get(emu, 'eas', 'ListGatewayDomains', params)
        assert (resp.status_code, resp.json()['Code']) == (status, code)
    resp = gw_get(emu, 'eas', 'ListGatewayDomains', {'ClusterId': 'cn-nowhere', 'GatewayId': gid})
    assert resp.json()['Recommend'] == 'Use a valid region ID (e.g., cn-hangzhou, cn-shanghai).'
    for params in ({'PageSize': 0}, {'PageSize': 101}, {'PageNumber': 0}):
        assert gw_get(emu, 'eas', 'ListGateway', params).status_code == 400


def test_message_config_and_instances(emu):
    data = _data(emu)
    body = acs3_get(emu, '/api/v2/users/messageConfig', action='GetMessageConfig', version='2022-01-12').json()
    assert body['ErrorCode'] == 0 and body['Data'] == data['message_config'] and body['RequestId']
    emu.configure(message_config_error_code=1003)
    body = gw_get(emu, 'PaiPlugin', 'GetMessageConfig').json()
    assert body['ErrorCode'] == 1003 and body['ErrorMessage']
    resp = acs3_get(emu, '/api/v2/users/messageConfig', action='GetMessageConfig', version='2022-01-12', secret='wrong')
    assert resp.status_code == 400 and set(resp.json()) == {'code', 'message', 'requestId'}
    body = acs3_get(emu, '/api/v1/instances', {'PageSize': '100'}, action='ListInstances', version='2022-12-13').json()
    assert body['TotalCount'] == len(data['instances']['cn-hangzhou']) >= 1
    assert 'PageNumber' not in body
    body = gw_get(emu, 'PaiRecService', 'ListInstances', {'Type': 'Standard'}).json()
    assert [i['Type'] for i in body['Instances']] == ['standard'] * body['TotalCount']


def test_huawei_operations(emu):
    data = _data(emu)
    models = data['base_models']['cn-north-4']
    assert len(models) == 12 and any(m['max_tokens'] < 4096 for m in models)
    body = hw_token_get(emu, '/v1/base-models').json()
    assert body == {'total': 12, 'models': models[:10]}
    body = hw_token_get(emu, '/v1/base-models', {'offset': 10, 'limit': 5}).json()
    assert body['models'] == models[10:]
    assert hw_token_get(emu, '/v1/base-models', {'offset': 1000000000}).json()['models'] == []
    for params in ({'offset': -1}, {'offset': 1000000001}, {'limit': 0}, {'limit': 101}, {'limit': 'abc'}):
        resp = hw_token_get(emu, '/v1/base-models', params)
        assert (resp.status_code, resp.json()['error_code']) == (400, 'common.01000001'), params
        assert 'error_msg' in resp.json() and 'X-Request-Id' in resp.headers
    body = hw_token_get(emu, '/v1/workspaces', {'limit': 2}).json()
    assert body['total'] == 3 and body['workspaces'] == data['workspaces']['cn-north-4'][:2]
    resp = hw_token_get(emu, '/v1/specs')
    assert (resp.status_code, resp.json()['error_code']) == (404, 'APIG.0101')


def test_unknown_paths(emu):
    resp = requests.get(emu.base_url + '/whatever', timeout=10)
    assert resp.status_code == 404 and resp.json()['Code'] == 'InvalidAction.NotFound' and resp.json()['RequestId']
    resp = gw_get(emu, 'AIWorkSpace', 'DeleteEverything')
    assert (resp.status_code, resp.json()['Code']) == (404, 'InvalidAction.NotFound')
    resp = requests.get(emu.base_url + '/v9/nothing', timeout=10)
    assert resp.status_code == 404 and set(resp.json()) == {'error_code', 'error_msg'}
    assert requests.get(emu.base_url + '/_emulator/nothing', timeout=10).status_code == 404


# ---------------------------------------------------------------- knobs

@pytest.mark.parametrize('kind, status, code', [
    ('500', 500, 'InternalError'), ('503', 503, 'ServiceUnavailable'), ('408', 408, 'RequestTimeout'),
    ('429', 429, 'Throttling.User'), ('429-no-header', 429, 'Throttling.User'), ('throttle-400', 400, 'Throttling.User')])
def test_faults_alibaba(emu, kind, status, code):
    emu.configure(fault_rate=1, faults=[kind])
    resp = gw_get(emu, 'AIWorkSpace', 'ListConnections')
    assert (resp.status_code, resp.json()['Code']) == (status, code)
    assert ('x-acs-retry-after' in resp.headers) == (kind == '429')
    if kind == '429':
        assert int(resp.headers['x-acs-retry-after']) > 0 and int(resp.headers['Retry-After']) >= 1
    resp = hw_token_get(emu, '/v1/base-models')
    assert resp.status_code == status and 'error_code' in resp.json()
    assert requests.get(emu.base_url + '/_emulator/stats', timeout=10).status_code == 200


def test_faults_transport(emu):
    emu.configure(fault_rate=1, faults=['502'])
    resp = gw_get(emu, 'eas', 'ListGateway')
    assert resp.status_code == 502 and resp.headers['Content-Type'].startswith('text/html')
    emu.configure(faults=['drop'])
    with pytest.raises(requests.exceptions.ConnectionError):
        gw_get(emu, 'eas', 'ListGateway')
    emu.configure(faults=['truncate'])
    with pytest.raises(requests.exceptions.RequestException):
        gw_get(emu, 'eas', 'ListGateway')
    emu.configure(fault_rate=0.5, faults='500,503')
    statuses = [gw_get(emu, 'eas', 'ListGateway').status_code for dummy in range(40)]
    assert 200 in statuses and (500 in statuses or 503 in statuses)
    log = emu.stats()['log']
    assert log[1]['status'] == 0 and log[1]['fault'] == 'drop'


def test_qps_limit(emu):
    emu.configure(qps=3)
    statuses = [gw_get(emu, 'eas', 'ListGateway') for dummy in range(10)]
    throttled = [r for r in statuses if r.status_code == 429]
    assert throttled and throttled[0].json()['Code'] == 'Throttling.User' and 'x-acs-retry-after' in throttled[0].headers
    assert 200 in [r.status_code for r in statuses]
    resp = hw_token_get(emu, '/v1/base-models')
    assert resp.status_code == 429 and resp.json()['error_code'] == 'APIG.0308'
    assert requests.get(emu.base_url + '/_emulator/data', timeout=10).status_code == 200
    time.sleep(1.1)
    assert gw_get(emu, 'eas', 'ListGateway').status_code == 200


def test_down_region_and_latency(emu):
    cfg = requests.post(emu.base_url + '/_emulator/config', json={'down_regions': ['cn-shanghai'], 'latency_ms': 300}, timeout=10).json()
    assert cfg['down_regions'] == ['cn-shanghai'] and cfg['latency_ms'] == 300
    resp = gw_get(emu, 'eas', 'ListGateway', {'RegionId': 'cn-shanghai'})
    assert (resp.status_code, resp.json()['Code']) == (503, 'ServiceUnavailable')
    results = []
    threads = [threading.Thread(target=lambda: results.append(gw_get(emu, 'eas', 'ListGateway').status_code)) for dummy in range(8)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    assert results == [200] * 8
    assert 0.3 <= elapsed < 1.5, elapsed


def test_control_api(emu):
    gw_get(emu, 'eas', 'ListGateway')
    hw_token_get(emu, '/v1/base-models')
    stats = requests.get(emu.base_url + '/_emulator/stats', timeout=10).json()
    assert stats['requests'] == 2
    assert stats['by_operation'] == {'ListGateway': 1, 'ListBaseModels': 1}
    assert stats['by_region'] == {'cn-hangzhou': 1, 'cn-north-4': 1}
    assert stats['by_status'] == {'200': 2}
    assert [e['auth'] for e in stats['log']] == ['gateway-bearer', 'token']
    assert requests.post(emu.base_url + '/_emulator/reset', timeout=10).status_code == 200
    assert requests.get(emu.base_url + '/_emulator/stats', timeout=10).json()['requests'] == 0
    resp = requests.post(emu.base_url + '/_emulator/config', json={'faults': ['nope']}, timeout=10)
    assert resp.status_code == 400
    resp = requests.post(emu.base_url + '/_emulator/config', json={'fault_rate': 2}, timeout=10)
    assert resp.status_code == 400
    # keep-alive: several requests over one connection
    with requests.Session() as session:
        for dummy in range(3):
            assert session.get(emu.base_url + '/_emulator/config', timeout=10).json()['qps'] is None


def test_deterministic_data(emu):
    first = json.dumps(D.build(seed=7), sort_keys=True)
    assert first == json.dumps(D.build(seed=7), sort_keys=True)
    assert first != json.dumps(D.build(seed=8), sort_keys=True)
    assert requests.get(emu.base_url + '/_emulator/data', timeout=10).text == first
    data = D.build(seed=7, connections_per_region=40, gateways_per_region=5, base_models=20)
    assert len(data['connections']['cn-beijing']) == 40 and len(data['gateways']['cn-beijing']) == 5
    assert len(data['base_models']['cn-southwest-2']) == 20
    ids = [c['ConnectionId'] for region in D.ALIBABA_REGIONS for c in data['connections'][region]]
    assert len(ids) == len(set(ids))
    secrets = [v for region in D.ALIBABA_REGIONS for c in data['connections'][region] for v in c['Secrets'].values()]
    assert secrets and all(v.startswith(D.SECRET_PREFIX) for v in secrets)


def test_tls(tmp_path):
    emu = start(port=0, tls=True, cert_dir=str(tmp_path))
    try:
        assert emu.base_url.startswith('https://127.0.0.1:') and os.path.exists(emu.ca_file)
        resp = requests.get(emu.base_url + '/api/PaiPlugin/2022-01-12/GetMessageConfig', verify=emu.ca_file, timeout=10,
                            headers={'Authorization': 'Bearer ' + emu.credentials['alibaba_api_key']})
        assert resp.status_code == 200 and resp.json()['ErrorCode'] == 0
        resp = requests.get(emu.base_url.replace('127.0.0.1', 'localhost') + '/_emulator/stats', verify=emu.ca_file, timeout=10)
        assert resp.status_code == 200
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(emu.base_url + '/_emulator/stats', timeout=10)
    finally:
        emu.stop()


def test_loopback_only():
    with pytest.raises(ValueError):
        start(host='0.0.0.0', port=0)


def test_cli_ready_file_and_sigterm(tmp_path):
    root = os.path.dirname(os.path.dirname(HERE))
    ready = tmp_path / 'ready.json'
    proc = subprocess.Popen([sys.executable, '-m', 'tests.emulator', '--port', '0', '--ready-file', str(ready),
                             '--seed', '3', '--alibaba-api-key', 'sk-cli-key'],
                            cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith('PAI emulator listening on http://127.0.0.1:')
        deadline = time.time() + 10
        while not ready.exists() and time.time() < deadline:
            time.sleep(0.05)
        info = json.loads(ready.read_text())
        assert info['base_url'] == line.split()[-1] and info['tls'] is False and info['ca_file'] is None
        assert info['credentials']['alibaba_api_key'] == 'sk-cli-key'
        resp = requests.get(info['base_url'] + '/api/eas/2021-07-01/ListGateway', headers={'Authorization': 'Bearer sk-cli-key'}, timeout=10)
        assert resp.status_code == 200
        assert requests.get(info['base_url'] + '/_emulator/data', timeout=10).json()['seed'] == 3
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        proc.stdout.close()
        proc.stderr.close()


def test_alibaba_regions_option_and_proxy_form():
    """--alibaba-regions (benchmarks): every region listed is populated and served, the others are unknown; the
    default data stays as it was. A client that uses the emulator as its HTTP proxy (absolute-form request target)
    is served from the Host header."""
    assert D.build()['alibaba_regions'] == list(D.ALIBABA_REGIONS)
    regions = ['cn-shenzhen', 'us-west-1']
    emu = start(port=0, alibaba_regions=','.join(regions), connections_per_region=3, gateways_per_region=1)
    try:
        data = _data(emu)
        assert data['alibaba_regions'] == regions
        assert [len(data['connections'][r]) for r in regions] == [3, 3]
        headers = {'x-acs-bearer-token': emu.credentials['alibaba_api_key'], 'x-acs-signature-type': 'BEARERTOKEN',
                   'x-acs-action': 'ListConnections', 'x-acs-version': '2021-02-04'}
        resp = requests.get(emu.base_url + '/r/us-west-1/api/v1/connections', headers=headers, timeout=10)
        assert resp.json()['TotalCount'] == 3
        resp = requests.get(emu.base_url + '/r/cn-hangzhou/api/v1/connections', headers=headers, timeout=10)
        assert (resp.status_code, resp.json()['Code']) == (404, 'InvalidRegionId')
        proxies = {'http': emu.base_url}
        resp = requests.get('http://aiworkspace.cn-shenzhen.aliyuncs.com/api/v1/connections', headers=headers,
                            proxies=proxies, timeout=10)
        assert sorted(c['ConnectionId'] for c in resp.json()['Connections']) == \
            sorted(c['ConnectionId'] for c in data['connections']['cn-shenzhen'])
        gateway = data['gateways']['cn-shenzhen'][0]['GatewayId']
        resp = requests.get(emu.base_url + '/r/cn-shenzhen/api/v2/gateways/cn-shenzhen/%s/domains' % gateway,
                            headers=dict(headers, **{'x-acs-action': 'ListGatewayDomains', 'x-acs-version': '2021-07-01'}),
                            timeout=10)
        assert resp.status_code == 200
    finally:
        emu.stop()
    with pytest.raises(ValueError):
        start(port=0, alibaba_regions='cn-hangzhou,cn-hangzhou')


# ---------------------------------------------------------------- paging anomalies, clock skew, body faults

def test_paging_anomalies(emu):
    base = acs3_get(emu, '/api/v1/connections', {'MaxResults': '10', 'NextToken': '10'}).json()
    assert base['NextToken'] == '20' and base['TotalCount'] == 25
    emu.configure(paging_anomaly='repeat_token')
    assert acs3_get(emu, '/api/v1/connections', {'MaxResults': '10', 'NextToken': '10'}).json()['NextToken'] == '10'
    assert acs3_get(emu, '/api/v1/connections', {'MaxResults': '10'}).json()['NextToken'] == '10'
    emu.configure(paging_anomaly='oversize_page')
    body = acs3_get(emu, '/api/v1/connections', {'MaxResults': '10'}).json()
    assert len(body['Connections']) == 11 and body['MaxResults'] == 10
    assert len(gw_get(emu, 'eas', 'ListGateway', {'PageSize': '2'}).json()['Gateways']) == 3
    assert len(hw_token_get(emu, '/v1/base-models', {'limit': '5'}).json()['models']) == 6
    emu.configure(paging_anomaly='total_drift')
    assert acs3_get(emu, '/api/v1/connections', {'MaxResults': '10'}).json()['TotalCount'] == 25
    assert acs3_get(emu, '/api/v1/connections', {'MaxResults': '10', 'NextToken': '10'}).json()['TotalCount'] == 26
    assert gw_get(emu, 'eas', 'ListGateway', {'PageSize': '1', 'PageNumber': '2'}).json()['TotalCount'] == 4
    assert hw_token_get(emu, '/v1/base-models', {'limit': '5', 'offset': '5'}).json()['total'] == 13
    emu.configure(paging_anomaly='repeat_page')
    first = gw_get(emu, 'eas', 'ListGateway', {'PageSize': '1'}).json()['Gateways']
    assert gw_get(emu, 'eas', 'ListGateway', {'PageSize': '1', 'PageNumber': '3'}).json()['Gateways'] == first
    models = hw_token_get(emu, '/v1/base-models', {'limit': '5'}).json()['models']
    assert hw_token_get(emu, '/v1/base-models', {'limit': '5', 'offset': '10'}).json()['models'] == models
    assert emu.stats()['log'][-1]['fault'] == 'repeat_page'
    resp = requests.post(emu.base_url + '/_emulator/config', json={'paging_anomaly': 'sideways'}, timeout=10)
    assert resp.status_code == 400


def test_clock_skew_and_body_faults(emu):
    emu.configure(clock_skew_seconds=3600)
    resp = acs3_get(emu, '/api/v1/connections')
    assert (resp.status_code, resp.json()['Code']) == (400, 'InvalidTimeStamp.Expired')
    resp = hw_get(emu, '/v1/base-models')
    assert (resp.status_code, resp.json()['error_code']) == (401, 'APIG.0303')
    emu.configure(clock_skew_seconds=600)
    assert acs3_get(emu, '/api/v1/connections').status_code == 200
    emu.configure(clock_skew_seconds=0, body_fault='html')
    resp = acs3_get(emu, '/api/v1/connections')
    assert resp.status_code == 200 and resp.headers['Content-Type'].startswith('text/html') and '<html>' in resp.text
    emu.configure(body_fault='empty')
    resp = hw_token_get(emu, '/v1/base-models')
    assert resp.status_code == 200 and resp.text == ''
    assert emu.stats()['log'][-1]['fault'] == 'body-empty'


def test_echo_headers(emu):
    creds = emu.credentials
    emu.configure(echo_headers='json')
    resp = acs3_get(emu, '/api/v1/connections', ak=creds['alibaba_sts_access_key_id'],
                    secret=creds['alibaba_sts_access_key_secret'], token=creds['alibaba_sts_security_token'])
    assert (resp.status_code, resp.json()['Code']) == (400, 'BadRequest')
    assert 'x-acs-security-token: %s' % creds['alibaba_sts_security_token'] in resp.json()['Message']
    resp = hw_token_get(emu, '/v1/base-models')
    assert resp.json()['error_code'] == 'common.00000400'
    assert 'x-auth-token: %s' % creds['huawei_iam_token'] in resp.json()['error_msg']
    emu.configure(echo_headers='html')
    resp = gw_get(emu, 'AIWorkSpace', 'ListConnections')
    assert resp.status_code == 400 and resp.headers['Content-Type'] == 'text/html'
    assert 'authorization: Bearer %s\n' % creds['alibaba_api_key'] in resp.text
    emu.configure(echo_headers='padded')
    for key, at in (('sk-short', 196), ('sk-' + 'x' * 300, None)):  # a long key cannot start later than its header
        text = gw_get(emu, 'AIWorkSpace', 'ListConnections', key=key).text
        start = text.index('authorization: Bearer ') + len('authorization: Bearer ')
        assert text[start:start + len(key)] == key and start < 200 < start + len(key) and start == (at or start)
    resp = hw_get(emu, '/v1/base-models', ak=creds['huawei_temp_ak'], sk=creds['huawei_temp_sk'],
                  token=creds['huawei_security_token'])
    token = creds['huawei_security_token']
    assert resp.text.index(token) == 200 - len(token) // 2
    assert [e['fault'] for e in emu.stats()['log']] == ['echo-json'] * 2 + ['echo-html'] + ['echo-padded'] * 3
    resp = requests.post(emu.base_url + '/_emulator/config', json={'echo_headers': 'xml'}, timeout=10)
    assert resp.status_code == 400
