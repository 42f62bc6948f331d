# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import hashlib
import json

import pytest

from ansible_collections.pai.catalog.plugins.module_utils import credentials
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError

NO_FILE = {'profile_file': '/nonexistent/config.json'}


def test_options_beat_environment():
    env = {'ALIBABA_CLOUD_ACCESS_KEY_ID': 'env-id', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET': 'env-secret'}
    creds = credentials.alibaba(dict(NO_FILE, access_key_id='opt-id', access_key_secret='opt-secret'), env)
    assert creds.get('access_key_id') == 'opt-id' and creds.source == 'task options'
    assert creds.auth_kind('product') == 'acs3'
    assert creds.secrets() == ['opt-secret']


def test_environment_names_in_order_and_alicloud_fallback():
    env = {'ALICLOUD_ACCESS_KEY': 'ali-id', 'ALICLOUD_SECRET_KEY': 'ali-secret', 'ALICLOUD_SECURITY_TOKEN': 'tok'}
    creds = credentials.alibaba(dict(NO_FILE), env)
    assert creds.get('access_key_id') == 'ali-id' and creds.auth_kind('product') == 'sts'
    assert 'ALICLOUD_ACCESS_KEY' in creds.source and 'ali-secret' not in creds.source
    env['ALIBABA_CLOUD_ACCESS_KEY_ID'] = 'new-id'
    env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'] = 'new-secret'
    assert credentials.alibaba(dict(NO_FILE), env).get('access_key_id') == 'new-id'


def test_bearer_key_forms():
    creds = credentials.alibaba(dict(NO_FILE), {'DASHSCOPE_API_KEY': 'sk-1'})
    assert creds.auth_kind('gateway') == 'gateway-bearer'
    assert creds.auth_kind('product') == 'bearer'
    ak_only = credentials.alibaba(dict(NO_FILE, access_key_id='a', access_key_secret='b'), {})
    with pytest.raises(ApiError) as info:
        ak_only.auth_kind('gateway')
    assert 'api_key' in str(info.value) and 'PAI_API_KEY' in str(info.value)


def test_missing_credentials_name_every_place_searched():
    with pytest.raises(ApiError) as info:
        credentials.alibaba(dict(NO_FILE), {})
    text = str(info.value)
    for place in ('access_key_id', 'api_key', 'ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY', 'PAI_API_KEY',
                  'DASHSCOPE_API_KEY', '/nonexistent/config.json', 'ALIBABA_CLOUD_PROFILE'):
        assert place in text
    with pytest.raises(ApiError) as info:
        credentials.huawei({}, {})
    for place in ('huawei_access_key', 'HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_AUTH_TOKEN'):
        assert place in str(info.value)


def test_half_a_credential_is_an_error():
    with pytest.raises(ApiError) as info:
        credentials.alibaba(dict(NO_FILE, access_key_id='id-only'), {})
    assert 'access_key_secret is missing' in str(info.value)
    with pytest.raises(ApiError) as info:
        credentials.huawei({}, {'HUAWEICLOUD_SDK_AK': 'ak', 'HUAWEICLOUD_SDK_SK': 'sk'})
    assert 'huawei_project_id' in str(info.value)


def test_huawei_token_and_aksk():
    assert credentials.huawei({'huawei_auth_token': 't'}, {}).auth_kind('product') == 'token'
    creds = credentials.huawei({}, {'HUAWEICLOUD_SDK_AK': 'ak', 'HUAWEICLOUD_SDK_SK': 'sk',
                                    'HUAWEICLOUD_SDK_PROJECT_ID': 'p'})
    assert creds.auth_kind('product') == 'sdk-hmac' and creds.secrets() == ['sk']


def write(tmp_path, content):
    path = tmp_path / 'config.json'
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


PROFILES = {'current': 'dev', 'profiles': [
    {'name': 'dev', 'mode': 'AK', 'access_key_id': 'dev-id', 'access_key_secret': 'dev-secret'},
    {'name': 'sts', 'mode': 'StsToken', 'access_key_id': 'sts-id', 'access_key_secret': 'sts-secret',
     'sts_token': 'sts-token'},
    {'name': 'role', 'mode': 'RamRoleArn', 'access_key_id': 'x', 'access_key_secret': 'y'},
]}


def test_profile_file_current_named_and_env(tmp_path):
    path = write(tmp_path, PROFILES)
    assert credentials.alibaba({'profile_file': path}, {}).get('access_key_id') == 'dev-id'
    creds = credentials.alibaba({'profile_file': path}, {'ALIBABA_CLOUD_PROFILE': 'sts'})
    assert creds.get('security_token') == 'sts-token' and creds.auth_kind('product') == 'sts'
    assert 'profile sts' in creds.source
    assert credentials.alibaba({'profile_file': path, 'profile': 'dev'}, {}).get('access_key_secret') == 'dev-secret'


@pytest.mark.parametrize('content, profile, words', [
    (PROFILES, 'nope', ["'nope'", 'dev, sts, role']),
    (PROFILES, 'role', ['RamRoleArn', 'AK, StsToken']),
    ('{"profiles": [', None, ['not valid JSON']),
    ({'profiles': 'x'}, None, ['no "profiles" list']),
    ({'profiles': [{'name': 'default', 'mode': 'StsToken', 'access_key_id': 'a', 'access_key_secret': 'b'}]}, None,
     ['sts_token']),
])
def test_broken_profiles(tmp_path, content, profile, words):
    path = write(tmp_path, content)
    with pytest.raises(ApiError) as info:
        credentials.alibaba({'profile_file': path, 'profile': profile}, {})
    for word in words:
        assert word in str(info.value)


def test_named_profile_without_file():
    with pytest.raises(ApiError) as info:
        credentials.alibaba({'profile_file': '/nonexistent/config.json', 'profile': 'x'}, {})
    assert 'cannot read the profile file /nonexistent/config.json' in str(info.value)


@pytest.mark.parametrize('value', ['SENTINEL-KEY\n', ' SENTINEL-KEY', 'SENTINEL-KEY ', 'SENTINEL\r\nX-Injected: 1',
                                   'A\x00B', 'SENTI\tNEL'])
def test_credentials_with_control_characters_or_outer_whitespace_are_refused_without_the_value(value):
    with pytest.raises(ApiError) as info:
        credentials.alibaba({'api_key': value}, {})
    assert info.value.code == 'InvalidCredentials' and 'api_key' in str(info.value)
    assert 'SENTI' not in str(info.value) and 'A\x00B' not in str(info.value)


def test_secrets_include_the_quoted_form_of_values_that_python_would_escape():
    creds = credentials.Credentials('alibaba', 'test', api_key='sk-plain')
    assert creds.secrets() == ['sk-plain']
    creds.values['api_key'] = 'sk-\t1'  # set behind the check, as a library could quote it
    assert creds.secrets() == ['sk-\t1', 'sk-\\t1']


def test_fingerprint_tells_identities_apart_and_gives_no_credential_away():
    def fingerprint(**values):
        return credentials.Credentials('alibaba', 'test', **values).fingerprint()

    one = fingerprint(access_key_id='LTAI5tOne', access_key_secret='secret-one')
    assert one == fingerprint(access_key_id='LTAI5tOne', access_key_secret='secret-one')
    assert len(one) == 16 and int(one, 16) >= 0
    # The AccessKey ID decides, not the secret or the session token that go with it.
    assert one == fingerprint(access_key_id='LTAI5tOne', access_key_secret='secret-rotated', security_token='tok')
    others = [fingerprint(access_key_id='LTAI5tTwo', access_key_secret='secret-one'),
              fingerprint(api_key='sk-one'), fingerprint(api_key='sk-two'),
              credentials.Credentials('huawei', 'test', huawei_auth_token='sk-one').fingerprint(),
              credentials.Credentials('huawei', 'test', huawei_access_key='HWAK', huawei_secret_key='s',
                                      huawei_project_id='p1').fingerprint(),
              credentials.Credentials('huawei', 'test', huawei_access_key='HWAK', huawei_secret_key='s',
                                      huawei_project_id='p2').fingerprint()]
    assert len(set([one] + others)) == len(others) + 1
    # A bearer key is stretched before it is hashed: its plain hash is not the fingerprint.
    for text in ('alibaba\napi_key=sk-one', 'sk-one'):
        assert hashlib.sha256(text.encode('utf-8')).hexdigest()[:16] != fingerprint(api_key='sk-one')


ENV_KEYS = {'ALIBABA_CLOUD_ACCESS_KEY_ID': 'env-id', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET': 'env-secret'}


def test_an_explicit_profile_beats_the_environment(tmp_path):
    path = write(tmp_path, PROFILES)
    creds = credentials.alibaba({'profile_file': path, 'profile': 'sts'}, ENV_KEYS)
    assert creds.get('access_key_id') == 'sts-id' and creds.source == 'profile sts in %s' % path
    # A profile named by the environment ranks after the environment's own keys, as documented.
    assert credentials.alibaba({'profile_file': path}, dict(ENV_KEYS, ALIBABA_CLOUD_PROFILE='sts')).get(
        'access_key_id') == 'env-id'


def test_an_explicit_profile_that_does_not_exist_is_an_error_whatever_the_environment_holds(tmp_path):
    path = write(tmp_path, PROFILES)
    with pytest.raises(ApiError) as info:
        credentials.alibaba({'profile_file': path, 'profile': 'nope'}, ENV_KEYS)
    assert "option profile: 'nope' is not in" in str(info.value) and 'dev, sts, role' in str(info.value)
    with pytest.raises(ApiError) as info:
        credentials.alibaba({'profile_file': str(tmp_path / 'missing.json'), 'profile': 'dev'}, ENV_KEYS)
    assert 'cannot read the profile file' in str(info.value)


def test_a_profile_and_credential_options_together_are_refused_naming_both(tmp_path):
    path = write(tmp_path, PROFILES)
    with pytest.raises(ApiError) as info:
        credentials.alibaba({'profile_file': path, 'profile': 'dev', 'api_key': 'sk-opt'}, {})
    assert 'options profile and api_key are both set' in str(info.value) and 'sk-opt' not in str(info.value)


@pytest.mark.parametrize('bad', [u'\u200b', u'\u2028', u'\u00a0', u'\ufeff', u'\u00e9'])
def test_a_character_that_cannot_go_in_a_header_names_the_option_or_variable_never_the_value(bad):
    value = u'SENTINEL' + bad + u'KEY'
    with pytest.raises(ApiError) as info:
        credentials.alibaba(dict(NO_FILE, api_key=value), {})
    assert 'credential api_key in task options holds a character that cannot be sent in an HTTP header' in str(
        info.value)
    with pytest.raises(ApiError) as info:
        credentials.huawei({}, {'HUAWEICLOUD_AUTH_TOKEN': value})
    text = str(info.value)
    assert info.value.code == 'InvalidCredentials'
    assert 'huawei_auth_token in environment variable HUAWEICLOUD_AUTH_TOKEN' in text
    assert 'SENTINEL' not in text and bad not in text


def test_every_secret_is_registered_with_the_scrubber_and_so_are_later_ones():
    from ansible_collections.pai.catalog.plugins.module_utils.errors import Scrubber
    scrubber = Scrubber()
    creds = credentials.huawei({}, {'HUAWEICLOUD_SDK_AK': 'HWAK', 'HUAWEICLOUD_SDK_SK': 'env-sk-secret',
                                    'HUAWEICLOUD_SDK_PROJECT_ID': 'project'})
    creds.register(scrubber)
    assert scrubber.text('sk=env-sk-secret ak=HWAK') == 'sk=******** ak=HWAK'
    creds.update(huawei_security_token='later-session-token')
    assert creds.get('huawei_security_token') == 'later-session-token'
    assert scrubber.text('X-Security-Token: later-session-token') == 'X-Security-Token: ********'
    with pytest.raises(ApiError):
        creds.update(huawei_security_token=u'later\u200btoken')
