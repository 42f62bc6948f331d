# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import os
import subprocess
import sys

import pytest

from ansible_collections.pai.catalog.plugins.inventory.pai import group_name, host_variables
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError, is_denied
from ansible_collections.pai.catalog.plugins.plugin_utils.catalog_plugin import classify, engine_options, scrub


@pytest.mark.parametrize('status, code, kind', [
    (404, 'ResourceNotFound', 'missing'),
    (404, 'InvalidRegionId', 'missing'),
    (404, 'APIG.0101', 'missing'),
    (404, 'InvalidAction.NotFound', None),
    (404, 'InvalidAccessKeyId.NotFound', 'denied'),
    (403, 'UnauthorizedOperation', 'denied'),
    (401, 'InvalidApiKey', 'denied'),
    (401, 'APIG.1002', 'denied'),
    (400, 'SignatureDoesNotMatch', 'denied'),
    (403, 'InvalidAccessKeyId.Inactive', 'denied'),
    (400, 'InvalidSecurityToken.Expired', 'denied'),
    (400, 'InvalidTimeStamp.Expired', 'denied'),
    (400, 'APIG.0301', 'denied'),
    (400, 'APIG.0308', None),
    (400, 'Throttling.User', None),
    (400, 'InvalidParameter.ClusterId', None),
    (503, 'ServiceUnavailable', None),
    (None, 'InvalidOption', None),
    (None, 'ConnectionError', None),
])
def test_classify(status, code, kind):
    assert classify(ApiError('x', status=status, code=code)) == kind
    assert is_denied(status, code) is (kind == 'denied')


def test_scrub_replaces_every_secret_longest_first():
    text = 'signed with secret-abc and secret-abcdef; token tok'
    assert scrub(text, ['secret-abc', 'secret-abcdef', 'tok', None]) == 'signed with ******** and ********; token tok'


class FakePlugin:
    def __init__(self, options):
        self.options = options

    def get_option_and_origin(self, name):
        if name not in self.options:
            raise KeyError(name)
        return self.options[name]


def test_engine_options_leave_the_environment_to_the_engine():
    plugin = FakePlugin(dict(access_key_id=('AK', 'env: ALIBABA_CLOUD_ACCESS_KEY_ID'),
                             api_key=('key', 'var: pai_catalog_api_key'), regions=(['cn-hangzhou'], 'Direct'),
                             network=('public', 'default')))
    assert engine_options(plugin) == dict(api_key='key', regions=['cn-hangzhou'], network='public')


def test_host_variables_are_prefixed_and_gateways_get_an_accessibility():
    variables = host_variables('gateway', dict(gateway_id='gw-1', tags='x', internet_enabled=True, region='cn-x'))
    assert variables == dict(pai_gateway_id='gw-1', pai_tags='x', pai_internet_enabled=True, pai_region='cn-x',
                             pai_resource_type='gateway', pai_accessibility='PUBLIC')
    assert host_variables('connection', dict(accessibility='PRIVATE'))['pai_accessibility'] == 'PRIVATE'


def test_group_names_are_sanitised():
    assert group_name('pai_region', 'cn-hangzhou') == 'pai_region_cn_hangzhou'
    assert group_name('pai_type', 'MilvusConnection') == 'pai_type_milvusconnection'


def test_importing_a_lookup_imports_neither_requests_nor_jmespath():
    code = ('import sys\n'
            'from ansible_collections.pai.catalog.plugins.lookup import connections, api, endpoint\n'
            'from ansible_collections.pai.catalog.plugins.inventory import pai\n'
            'print(sorted(m for m in ("requests", "urllib3", "jmespath") if m in sys.modules))\n')
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    out = subprocess.run([sys.executable, '-c', code], stdout=subprocess.PIPE, universal_newlines=True,
                         check=True, env=env).stdout
    assert out.strip() == '[]'
