# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The vendors' official SDKs as clients of the emulator: every call succeeds and matches /_emulator/data."""

import json
import sys

import pytest
import requests

try:
    from ansible_collections.pai.catalog.tests.emulator import start
    from ansible_collections.pai.catalog.tests.emulator.data import GATEWAY_DESCRIBE_FIELDS, GATEWAY_LIST_FIELDS
except ImportError:  # run from the repository root: python -m pytest tests/sdk
    from tests.emulator import start
    from tests.emulator.data import GATEWAY_DESCRIBE_FIELDS, GATEWAY_LIST_FIELDS

REGION = 'cn-hangzhou'  # what an Alibaba SDK pointed at 127.0.0.1:PORT reaches
HW_REGION = 'cn-north-4'


@pytest.fixture(scope='module')
def emulator():
    emu = start(port=0)
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture(scope='module')
def truth(emulator):
    return requests.get(emulator.base_url + '/_emulator/data', timeout=10).json()


def _config(emulator, secret=None):
    from alibabacloud_tea_openapi.models import Config  # pylint: disable=import-outside-toplevel
    creds = emulator.credentials
    return Config(endpoint='127.0.0.1:%d' % emulator.port, protocol='http', region_id=REGION,
                  access_key_id=creds['alibaba_access_key_id'],
                  access_key_secret=secret or creds['alibaba_access_key_secret'])


def _aiworkspace(emulator, secret=None):
    from alibabacloud_aiworkspace20210204.client import Client  # pylint: disable=import-outside-toplevel
    return Client(_config(emulator, secret))


def _eas(emulator):
    from alibabacloud_eas20210701.client import Client  # pylint: disable=import-outside-toplevel
    return Client(_config(emulator))


def test_list_connections_paging_to_the_end(emulator, truth):
    from alibabacloud_aiworkspace20210204 import models  # pylint: disable=import-outside-toplevel
    client = _aiworkspace(emulator)
    seen, token = [], None
    while True:
        body = client.list_connections(models.ListConnectionsRequest(max_results=7, next_token=token,
                                                                     encrypt_option='PlainText')).body
        seen.extend(c.to_map() for c in body.connections)
        assert body.total_count == len(truth['connections'][REGION])
        token = body.next_token
        if not token:
            break
    expected = sorted(truth['connections'][REGION], key=lambda c: (c['GmtCreateTime'], c['ConnectionId']), reverse=True)
    assert seen == expected


def test_list_connections_filters(emulator, truth):
    from alibabacloud_aiworkspace20210204 import models  # pylint: disable=import-outside-toplevel
    client = _aiworkspace(emulator)
    workspace = truth['workspace_ids'][REGION][0]
    request = models.ListConnectionsRequest(workspace_id=workspace, connection_types=['DashScopeConnection', 'OpenLLMConnection', 'CustomConnection'],
                                            model_types=['LLM'], tool_call=True, accessibility='PUBLIC', max_results=100, order='ASC',
                                            sort_by='GmtCreateTime')
    body = client.list_connections(request).body
    expected = [c for c in truth['connections'][REGION]
                if c['WorkspaceId'] == workspace and c['Accessibility'] == 'PUBLIC'
                and any(m['ModelType'] == 'LLM' and m['ToolCall'] for m in c.get('Models', []))]
    assert expected, 'seed data should contain PUBLIC connections with tool-call models'
    assert sorted(c.connection_id for c in body.connections) == sorted(c['ConnectionId'] for c in expected)
    assert body.total_count == len(expected)
    times = [c.gmt_create_time for c in body.connections]
    assert times == sorted(times)
    for conn in body.connections:  # default EncryptOption: secrets are never returned in clear
        assert all(not v.startswith('emulator-secret-') for v in conn.secrets.values())


def test_get_connection(emulator, truth):
    from alibabacloud_aiworkspace20210204 import models  # pylint: disable=import-outside-toplevel
    client = _aiworkspace(emulator)
    conn = truth['connections'][REGION][3]
    got = client.get_connection(conn['ConnectionId'], models.GetConnectionRequest(encrypt_option='PlainText')).body.to_map()
    got.pop('RequestId')
    assert got == conn


def test_wrong_secret_refused(emulator):
    from alibabacloud_aiworkspace20210204 import models  # pylint: disable=import-outside-toplevel
    from alibabacloud_tea_openapi.exceptions import ClientException  # pylint: disable=import-outside-toplevel
    client = _aiworkspace(emulator, secret='not-the-secret')
    with pytest.raises(ClientException) as info:
        client.list_connections(models.ListConnectionsRequest())
    assert info.value.code == 'SignatureDoesNotMatch'
    assert info.value.status_code == 400


def test_eas_gateways(emulator, truth):
    from alibabacloud_eas20210701 import models  # pylint: disable=import-outside-toplevel
    client = _eas(emulator)
    body = client.list_gateway(models.ListGatewayRequest(page_number=1, page_size=100)).body
    gateways = truth['gateways'][REGION]
    assert body.total_count == len(gateways)
    assert [g.to_map() for g in body.gateways] == [dict((k, g[k]) for k in GATEWAY_LIST_FIELDS) for g in gateways]
    for gateway in gateways:
        described = client.describe_gateway(REGION, gateway['GatewayId']).body.to_map()
        described.pop('RequestId')
        assert described == dict((k, gateway[k]) for k in GATEWAY_DESCRIBE_FIELDS)
        domains = client.list_gateway_domains(REGION, gateway['GatewayId']).body
        assert [d.to_map() for d in domains.custom_domains] == gateway['CustomDomains']
    other = truth['gateways']['cn-shanghai'][0]
    domains = client.list_gateway_domains('cn-shanghai', other['GatewayId']).body
    assert [d.to_map() for d in domains.custom_domains] == other['CustomDomains']


def test_eas_errors(emulator):
    from alibabacloud_tea_openapi.exceptions import ClientException  # pylint: disable=import-outside-toplevel
    client = _eas(emulator)
    for cluster, gateway, code, status in (('cn-nowhere', 'gw-abc', 'InvalidParameter.ClusterId', 400),
                                           (REGION, 'GW_bad', 'InvalidParameter.GatewayId', 400),
                                           (REGION, 'gw-unknown0000', 'ResourceNotFound', 404),
                                           (REGION, 'gw-forbidden0001', 'UnauthorizedOperation', 403)):
        with pytest.raises(ClientException) as info:
            client.describe_gateway(cluster, gateway)
        assert (info.value.code, info.value.status_code) == (code, status)


def test_paiplugin_message_config(emulator, truth):
    from alibabacloud_paiplugin20220112.client import Client  # pylint: disable=import-outside-toplevel
    body = Client(_config(emulator)).get_message_config().body
    assert body.error_code == 0
    assert body.data.to_map() == truth['message_config']


def test_pairec_list_instances(emulator, truth):
    from alibabacloud_pairecservice20221213 import models  # pylint: disable=import-outside-toplevel
    from alibabacloud_pairecservice20221213.client import Client  # pylint: disable=import-outside-toplevel
    client = Client(_config(emulator))
    body = client.list_instances(models.ListInstancesRequest(page_number=1, page_size=100, sort_by='GmtCreateTime', order='Asc')).body
    expected = sorted(truth['instances'][REGION], key=lambda i: (i['GmtCreateTime'], i['InstanceId']))
    assert body.total_count == len(expected)
    assert [i.to_map() for i in body.instances] == expected
    body = client.list_instances(models.ListInstancesRequest(type='standard')).body
    assert [i.instance_id for i in body.instances] == [i['InstanceId'] for i in truth['instances'][REGION] if i['Type'] == 'standard']


@pytest.fixture()
def huawei(emulator, tmp_path, monkeypatch):
    """Import the Huawei SDK with HOME in a temporary folder (huaweicloudsdkcore writes ~/.huaweicloud)."""
    monkeypatch.setenv('HOME', str(tmp_path))
    for name in [n for n in sys.modules if n.startswith('huaweicloudsdk')]:
        monkeypatch.delitem(sys.modules, name)
    from huaweicloudsdkcore.auth.credentials import BasicCredentials  # pylint: disable=import-outside-toplevel
    from huaweicloudsdkcore.exceptions import exceptions  # pylint: disable=import-outside-toplevel
    from huaweicloudsdkdataartsfabric.v1 import DataArtsFabricClient  # pylint: disable=import-outside-toplevel
    from huaweicloudsdkdataartsfabric.v1 import model  # pylint: disable=import-outside-toplevel
    creds = emulator.credentials

    def client(sk=None):
        credentials = BasicCredentials(creds['huawei_ak'], sk or creds['huawei_sk'], creds['huawei_project_id'])
        return DataArtsFabricClient.new_builder().with_credentials(credentials).with_endpoints([emulator.base_url]).build()

    return client, model, exceptions


def test_huawei_list_base_models(huawei, truth):
    client, model, dummy = huawei
    expected = truth['base_models'][HW_REGION]
    seen, offset = [], 0
    while True:
        resp = client().list_base_models(model.ListBaseModelsRequest(offset=offset, limit=5))
        assert resp.total == len(expected)
        assert resp.x_request_id
        seen.extend(m.to_dict() for m in resp.models)
        offset += 5
        if offset >= resp.total:
            break
    assert seen == expected
    assert any(m['max_tokens'] < 4096 for m in seen)


def test_huawei_list_workspaces(huawei, truth):
    client, model, dummy = huawei
    resp = client().list_workspaces(model.ListWorkspacesRequest(limit=100))
    got = json.loads(json.dumps([w.to_dict() for w in resp.workspaces], default=lambda d: d.strftime('%Y-%m-%dT%H:%M:%SZ')))
    assert got == truth['workspaces'][HW_REGION]
    assert resp.total == len(got)


def test_huawei_wrong_secret_and_bad_range(huawei):
    client, model, exceptions = huawei
    with pytest.raises(exceptions.ClientRequestException) as info:
        client(sk='wrong-sk').list_base_models(model.ListBaseModelsRequest())
    assert (info.value.status_code, info.value.error_code) == (401, 'APIG.0301')
    with pytest.raises(exceptions.ClientRequestException) as info:
        client().list_base_models(model.ListBaseModelsRequest(limit=101))
    assert (info.value.status_code, info.value.error_code) == (400, 'common.01000001')
