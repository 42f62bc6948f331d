# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# This module_utils file is private to pai.catalog; its API may change without notice.
"""Credentials: options > environment variables > profile file, one resolver per vendor.

The first source that holds any credential of a vendor decides; a profile named in the options is an option, and
beats the environment. A half-given credential is an error, and a missing one names every place that was searched.
Every secret value resolved is registered with the run's errors.Scrubber, which hides it in whatever leaves the
engine.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import hashlib
import json
import os

from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError

# option name -> environment variables, first set wins
ALIBABA_ENV = (
    ('access_key_id', ('ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY')),
    ('access_key_secret', ('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_SECRET_KEY')),
    ('security_token', ('ALIBABA_CLOUD_SECURITY_TOKEN', 'ALICLOUD_SECURITY_TOKEN')),
    ('api_key', ('PAI_API_KEY', 'DASHSCOPE_API_KEY')),
)
ALIBABA_PROFILE_ENV = ('ALIBABA_CLOUD_PROFILE', 'ALICLOUD_PROFILE')
ALIBABA_PROFILE_FILE = '~/.aliyun/config.json'
HUAWEI_ENV = (
    ('huawei_access_key', ('HUAWEICLOUD_SDK_AK',)),
    ('huawei_secret_key', ('HUAWEICLOUD_SDK_SK',)),
    ('huawei_project_id', ('HUAWEICLOUD_SDK_PROJECT_ID',)),
    ('huawei_security_token', ('HUAWEICLOUD_SDK_SECURITY_TOKEN',)),
    ('huawei_auth_token', ('HUAWEICLOUD_AUTH_TOKEN',)),
)
SECRET_OPTIONS = ('access_key_secret', 'security_token', 'api_key', 'huawei_secret_key', 'huawei_security_token',
                  'huawei_auth_token')


class Credentials:
    """What one vendor's requests are authorised with. `source` says where it came from (never the values)."""

    def __init__(self, vendor, source, origins=None, **values):
        """origins: option name -> where that value came from (e.g. "environment variable PAI_API_KEY"), for the
        errors that name it; `source` where none is given."""
        self.vendor = vendor
        self.source = source
        self.scrubber = None
        self.values = dict((k, v) for k, v in values.items() if v)
        for name, value in self.values.items():
            _check_value(name, value, (origins or {}).get(name, source))

    def register(self, scrubber):
        """Make the secret values known to `scrubber` (errors.Scrubber), the engine's one list of the credentials
        to hide; update() registers later values with it too."""
        self.scrubber = scrubber
        scrubber.add(*self.secrets())

    def update(self, **values):
        """Take new values, such as temporary credentials obtained or refreshed during the run: checked like the
        first ones, and known to the scrubber before anything can send them."""
        values = dict((k, v) for k, v in values.items() if v)
        for name, value in values.items():
            _check_value(name, value, self.source)
        if self.scrubber is not None:
            self.scrubber.add(*(v for k, v in values.items() if k in SECRET_OPTIONS))
        self.values.update(values)

    def get(self, name):
        return self.values.get(name)

    def secrets(self):
        """The secret values, and each as Python would quote it where that differs (a library's error message may
        quote a value), so that both forms are hidden."""
        found = []
        for name, value in self.values.items():
            if name in SECRET_OPTIONS:
                found.append(value)
                quoted = repr(value)[1:-1]
                if quoted != value:
                    found.append(quoted)
        return found

    def auth_kind(self, form):
        """The scheme used for a form: acs3, sts, bearer (product), gateway-bearer, sdk-hmac or token."""
        if self.vendor == 'huawei':
            return 'sdk-hmac' if self.get('huawei_access_key') else 'token'
        if form == 'gateway':
            if not self.get('api_key'):
                raise ApiError('the catalog gateway (endpoint_form=gateway) takes a bearer API key; set api_key '
                               'or PAI_API_KEY/DASHSCOPE_API_KEY (credentials found in %s hold none)' % self.source,
                               code='MissingCredentials')
            return 'gateway-bearer'
        if self.get('access_key_id'):
            return 'sts' if self.get('security_token') else 'acs3'
        return 'bearer'

    # The values that say who the caller is, for fingerprint(); session tokens only go with an AccessKey ID.
    IDENTITY = ('access_key_id', 'api_key', 'huawei_access_key', 'huawei_project_id', 'huawei_auth_token')

    def fingerprint(self):
        """Who these credentials act as, in 16 hex digits that give none of them away: the same identity gives the
        same fingerprint in every run, another identity another one (caches are keyed by it).

        Identifiers that are not secret (the AccessKey ID, the Huawei AK and project ID) are hashed as they are. A
        secret that is an identity by itself (a bearer API key, an IAM token) is first stretched with PBKDF2 (100,000
        rounds, about 20 ms) and only 64 bits of the result are kept, so that the fingerprint can be neither reversed
        nor practically tested against guessed keys.
        """
        parts = [self.vendor]
        for name in self.IDENTITY:
            value = self.values.get(name)
            if value and name in SECRET_OPTIONS:
                value = hashlib.pbkdf2_hmac('sha256', value.encode('utf-8'), b'pai.catalog identity', 100000).hex()
            if value:
                parts.append('%s=%s' % (name, value))
        return hashlib.sha256('\n'.join(parts).encode('utf-8')).hexdigest()[:16]


def _check_value(name, value, where):
    """Credentials are tokens of printable ASCII: a control character (a line break left by a file) or whitespace at
    either end (left by a copy) would break the HTTP header or the signature, and any other character (an invisible
    one pasted from a web page: a zero-width space, a no-break space, a line separator) cannot be sent in a header at
    all. The error names the option and where it came from (`where`), never the value, nor the character."""
    if not isinstance(value, str):
        raise ApiError('credential %s in %s must be a string, not %s' % (name, where, type(value).__name__),
                       code='InvalidCredentials')
    if value != value.strip() or any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ApiError('credential %s in %s holds a control character or whitespace at either end (a line break or a '
                       'space left over from a copy?); remove it' % (name, where), code='InvalidCredentials')
    if any(ord(c) > 126 for c in value):
        raise ApiError('credential %s in %s holds a character that cannot be sent in an HTTP header: credentials are '
                       'printable ASCII, and this one holds another character, probably an invisible one copied with '
                       'it from a web page (a zero-width space, a no-break space, a line separator); type it again or '
                       'remove that character' % (name, where), code='InvalidCredentials')


def _options_or_env(pairs, options, environ):
    """The credential values of the first source that has any: task options, else environment variables.
    Returns (values by option name, a description of the source that names no value, option -> the variable that
    held it)."""
    given = dict((option, options[option]) for option, _variables in pairs if options.get(option))
    if given:
        return given, 'task options', {}
    names, origins = [], {}
    for option, variables in pairs:
        var = next((v for v in variables if environ.get(v)), None)
        if var:
            given[option] = environ[var]
            names.append(var)
            origins[option] = 'environment variable ' + var
    return given, 'environment variables ' + ', '.join(names), origins


def _searched(pairs, extra):
    options = ', '.join(option for option, _variables in pairs)
    variables = ', '.join(var for _option, variables in pairs for var in variables)
    return 'searched the options %s; the environment variables %s%s' % (options, variables, extra)


def _check_pair(values, first, second, source):
    if bool(values.get(first)) != bool(values.get(second)):
        missing = second if values.get(first) else first
        raise ApiError('incomplete credentials in %s: %s is set but %s is missing'
                       % (source, first if missing == second else second, missing), code='MissingCredentials')


def alibaba(options, environ=None):
    """Resolve Alibaba Cloud credentials: AccessKey pair (+ STS token) and/or bearer API key."""
    environ = os.environ if environ is None else environ
    profile_file = os.path.expanduser(options.get('profile_file') or ALIBABA_PROFILE_FILE)
    if options.get('profile'):
        # A profile named in the options is the task's own choice: it beats the environment, and it must exist.
        both = [option for option, _variables in ALIBABA_ENV if options.get(option)]
        if both:
            raise ApiError('options profile and %s are both set; give the credentials one way: the profile, or the '
                           'options' % ', '.join(both), code='InvalidOption')
        given, origins = _profile(profile_file, options['profile']), {}
    else:
        given, source, origins = _options_or_env(ALIBABA_ENV, options, environ)
        profile_name = next((environ[v] for v in ALIBABA_PROFILE_ENV if environ.get(v)), None)
        if not given and (profile_name or os.path.exists(profile_file)):
            given = _profile(profile_file, profile_name)
    if '_name' in given:
        source = 'profile %s in %s' % (given.pop('_name'), profile_file)
    if not given:
        raise ApiError('no Alibaba Cloud credentials found: ' + _searched(
            ALIBABA_ENV, '; and the profile file %s (profile from option profile or %s)'
            % (profile_file, '/'.join(ALIBABA_PROFILE_ENV))), code='MissingCredentials')
    _check_pair(given, 'access_key_id', 'access_key_secret', source)
    if given.get('security_token') and not given.get('access_key_id'):
        raise ApiError('incomplete credentials in %s: security_token needs access_key_id and access_key_secret'
                       % source, code='MissingCredentials')
    return Credentials('alibaba', source, origins, **given)


def _profile(path, name):
    """One profile of the aliyun CLI's config.json, in AK or StsToken mode."""
    try:
        with open(path) as handle:
            config = json.load(handle)
    except (IOError, OSError) as exc:
        raise ApiError('cannot read the profile file %s: %s' % (path, exc.strerror or exc), code='InvalidProfile')
    except ValueError as exc:
        raise ApiError('the profile file %s is not valid JSON: %s' % (path, exc), code='InvalidProfile')
    profiles = config.get('profiles') if isinstance(config, dict) else None
    if not isinstance(profiles, list):
        raise ApiError('the profile file %s has no "profiles" list' % path, code='InvalidProfile')
    name = name or config.get('current') or 'default'
    entry = next((p for p in profiles if isinstance(p, dict) and p.get('name') == name), None)
    if entry is None:
        known = ', '.join(str(p.get('name')) for p in profiles if isinstance(p, dict))
        raise ApiError('option profile: %r is not in %s; profiles there: %s' % (name, path, known or 'none'),
                       code='InvalidProfile')
    mode = entry.get('mode', 'AK')
    if mode not in ('AK', 'StsToken'):
        raise ApiError('profile %s in %s has mode %s; supported modes: AK, StsToken' % (name, path, mode),
                       code='InvalidProfile')
    values = dict(_name=name, access_key_id=entry.get('access_key_id'),
                  access_key_secret=entry.get('access_key_secret'))
    if mode == 'StsToken':
        values['security_token'] = entry.get('sts_token')
    if not values['access_key_id'] or not values['access_key_secret'] or (
            mode == 'StsToken' and not values['security_token']):
        raise ApiError('profile %s in %s (mode %s) lacks access_key_id, access_key_secret%s'
                       % (name, path, mode, ' or sts_token' if mode == 'StsToken' else ''), code='InvalidProfile')
    return values


def huawei(options, environ=None):
    """Resolve Huawei Cloud credentials: AK/SK (+ project id, security token) or an IAM token."""
    environ = os.environ if environ is None else environ
    given, source, origins = _options_or_env(HUAWEI_ENV, options, environ)
    if not given.get('huawei_access_key') and not given.get('huawei_secret_key') and not given.get(
            'huawei_auth_token'):
        raise ApiError('no Huawei Cloud credentials found: ' + _searched(HUAWEI_ENV, ''), code='MissingCredentials')
    _check_pair(given, 'huawei_access_key', 'huawei_secret_key', source)
    if given.get('huawei_access_key') and not given.get('huawei_project_id'):
        raise ApiError('incomplete credentials in %s: AK/SK signing needs huawei_project_id '
                       '(HUAWEICLOUD_SDK_PROJECT_ID)' % source, code='MissingCredentials')
    return Credentials('huawei', source, origins, **given)
