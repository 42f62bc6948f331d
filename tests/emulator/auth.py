# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Credentials and signature verification (ACS3-HMAC-SHA256, SDK-HMAC-SHA256, bearer and token forms).

Written from the vendors' descriptions, independent of the collection's own signers.
Header mappings passed to these functions use lowercase names.
"""

import hashlib
import hmac
import re
import threading
import time
from calendar import timegm
from urllib.parse import parse_qsl, quote, unquote

EMPTY_SHA256 = hashlib.sha256(b'').hexdigest()
MAX_SKEW_SECONDS = 15 * 60

DEFAULT_CREDENTIALS = {
    'alibaba_access_key_id': 'LTAI5tEmulatorAccessKey',
    'alibaba_access_key_secret': 'emulator-access-key-secret',
    'alibaba_sts_access_key_id': 'STS.EmulatorTempKey',
    'alibaba_sts_access_key_secret': 'emulator-sts-secret',
    'alibaba_sts_security_token': 'emulator-sts-token',
    'alibaba_expired_sts_security_token': 'emulator-expired-sts-token',
    'alibaba_disabled_access_key_id': 'LTAI5tDisabledKey',
    'alibaba_disabled_access_key_secret': 'emulator-disabled-secret',
    'alibaba_api_key': 'sk-emulator-pai-key',
    'huawei_ak': 'HWEMULATORAK',
    'huawei_sk': 'hw-emulator-sk',
    'huawei_project_id': '0123456789abcdef0123456789abcdef',
    'huawei_security_token': 'hw-emulator-security-token',
    'huawei_temp_ak': 'HWTEMPAK',
    'huawei_temp_sk': 'hw-temp-sk',
    'huawei_iam_token': 'hw-emulator-iam-token',
    'huawei_iam_user': 'emulator-user',
    'huawei_iam_password': 'emulator-password',
    'huawei_iam_domain': 'emulator-domain',
}


class AuthError(Exception):
    """A refused request: status and vendor code; message is generic and never contains secrets."""

    def __init__(self, status, code, message):
        super(AuthError, self).__init__(message)
        self.status = status
        self.code = code
        self.message = message


def _canonical_query(raw_query):
    pairs = parse_qsl(raw_query or '', keep_blank_values=True)
    encoded = sorted((quote(k, safe='~'), quote(v, safe='~')) for k, v in pairs)
    return '&'.join('%s=%s' % kv for kv in encoded)


def _canonical_headers(headers, signed_headers):
    lines = []
    for name in signed_headers:
        if name not in headers:
            raise AuthError(400, 'IncompleteSignature', 'A header listed in SignedHeaders is missing from the request.')
        lines.append('%s:%s\n' % (name, str(headers[name]).strip()))
    return ''.join(lines)


def _split_params(value, sep):
    result = {}
    for part in value.split(sep):
        if '=' in part:
            key, val = part.strip().split('=', 1)
            result[key.strip()] = val.strip()
    return result


# ---------------------------------------------------------------- Alibaba ACS3-HMAC-SHA256

def parse_acs3_authorization(value):
    """Return (access_key_id, [signed headers], signature) from an ACS3 Authorization header."""
    if not value or not value.startswith('ACS3-HMAC-SHA256 '):
        raise AuthError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.')
    params = _split_params(value[len('ACS3-HMAC-SHA256 '):], ',')
    if not params.get('Credential') or not params.get('SignedHeaders') or not params.get('Signature'):
        raise AuthError(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.')
    return params['Credential'], params['SignedHeaders'].lower().split(';'), params['Signature'].lower()


def acs3_string_to_sign(method, raw_path, raw_query, headers, signed_headers, body=b''):
    canonical = '\n'.join((
        method.upper(),
        raw_path or '/',
        _canonical_query(raw_query),
        _canonical_headers(headers, signed_headers),
        ';'.join(signed_headers),
        hashlib.sha256(body or b'').hexdigest(),
    ))
    return 'ACS3-HMAC-SHA256\n' + hashlib.sha256(canonical.encode('utf-8')).hexdigest()


def acs3_signature(secret, string_to_sign):
    return hmac.new(secret.encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()


def verify_acs3(method, raw_path, raw_query, headers, body, lookup_secret, check_time=True, now=None):
    """Verify an ACS3-HMAC-SHA256 request; return the access key id or raise AuthError.

    lookup_secret(access_key_id) returns the secret or None for an unknown key.
    """
    ak, signed, signature = parse_acs3_authorization(headers.get('authorization'))
    if signed != sorted(signed):
        raise AuthError(400, 'IncompleteSignature', 'SignedHeaders must be sorted and lowercase.')
    required = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']
    if 'x-acs-security-token' in headers:
        required.append('x-acs-security-token')
    if any(name not in signed for name in required):
        raise AuthError(400, 'IncompleteSignature', 'The host and x-acs-* headers must be signed.')
    secret = lookup_secret(ak)
    if secret is None:
        raise AuthError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.')
    body_hash = hashlib.sha256(body or b'').hexdigest()
    if headers.get('x-acs-content-sha256', '').lower() != body_hash:
        raise AuthError(400, 'SignatureDoesNotMatch', 'Specified signature does not match our calculation.')
    expected = acs3_signature(secret, acs3_string_to_sign(method, raw_path, raw_query, headers, signed, body))
    if not hmac.compare_digest(expected, signature):
        raise AuthError(400, 'SignatureDoesNotMatch', 'Specified signature does not match our calculation.')
    if check_time:
        try:
            stamp = timegm(time.strptime(headers.get('x-acs-date', ''), '%Y-%m-%dT%H:%M:%SZ'))
        except ValueError:
            raise AuthError(400, 'InvalidTimeStamp.Format', 'Specified time stamp or date value is not well formatted.')
        if abs((now or time.time()) - stamp) > MAX_SKEW_SECONDS:
            raise AuthError(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.')
    return ak


class NonceCache(object):
    """Remembers x-acs-signature-nonce values for the signature validity window."""

    def __init__(self, ttl=2 * MAX_SKEW_SECONDS):
        self.ttl = ttl
        self.lock = threading.Lock()
        self.seen = {}

    def use(self, nonce):
        """Return True the first time a nonce is seen, False on replay."""
        now = time.time()
        with self.lock:
            if len(self.seen) > 100000:
                self.seen = dict((k, v) for k, v in self.seen.items() if now - v < self.ttl)
            stamp = self.seen.get(nonce)
            if stamp is not None and now - stamp < self.ttl:
                return False
            self.seen[nonce] = now
            return True

    def clear(self):
        with self.lock:
            self.seen.clear()


class AlibabaAuth(object):
    def __init__(self, creds, nonces):
        self.creds = creds
        self.nonces = nonces
        self.secrets = {
            creds['alibaba_access_key_id']: creds['alibaba_access_key_secret'],
            creds['alibaba_sts_access_key_id']: creds['alibaba_sts_access_key_secret'],
            creds['alibaba_disabled_access_key_id']: creds['alibaba_disabled_access_key_secret'],
        }

    def product(self, method, raw_path, raw_query, headers, body, now=None):
        """Authenticate a product-endpoint request; return the auth kind (acs3, sts, bearer).

        now: the server's clock for the x-acs-date check (None: time.time()).
        """
        if headers.get('x-acs-signature-type', '').upper() == 'BEARERTOKEN' or 'x-acs-bearer-token' in headers:
            token = headers.get('x-acs-bearer-token', '')
            if not hmac.compare_digest(token.encode('utf-8'), self.creds['alibaba_api_key'].encode('utf-8')):
                raise AuthError(401, 'InvalidApiKey', 'Invalid API-key provided.')
            return 'bearer'
        if 'authorization' not in headers:
            raise AuthError(400, 'MissingAuthorization', 'Authorization is mandatory for this action.')
        ak = verify_acs3(method, raw_path, raw_query, headers, body, self.secrets.get, now=now)
        if not self.nonces.use(headers.get('x-acs-signature-nonce', '')):
            raise AuthError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.')
        if ak == self.creds['alibaba_disabled_access_key_id']:
            raise AuthError(403, 'InvalidAccessKeyId.Inactive', 'Specified access key is disabled.')
        if 'x-acs-accesskey-id' in headers and headers['x-acs-accesskey-id'] != ak:
            raise AuthError(400, 'InvalidAccessKeyId.Mismatch', 'x-acs-accesskey-id does not match the signing key.')
        if ak == self.creds['alibaba_sts_access_key_id']:
            token = headers.get('x-acs-security-token')
            if token == self.creds['alibaba_expired_sts_security_token']:
                raise AuthError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.')
            if token != self.creds['alibaba_sts_security_token']:
                raise AuthError(400, 'InvalidSecurityToken.Malformed', 'Specified SecurityToken is malformed or missing.')
            return 'sts'
        if 'x-acs-security-token' in headers:
            raise AuthError(400, 'InvalidSecurityToken.Mismatch', 'Specified SecurityToken does not belong to this AccessKey.')
        return 'acs3'

    def gateway(self, headers):
        """Authenticate a catalog-gateway request (Authorization: Bearer <api key> only)."""
        value = headers.get('authorization', '').strip()
        if not value:
            raise AuthError(401, 'MissingAuthorization', 'Authorization header is required: Bearer <api key>.')
        scheme, dummy, token = value.partition(' ')
        expected = self.creds['alibaba_api_key'].encode('utf-8')
        if scheme.lower() != 'bearer' or not hmac.compare_digest(token.strip().encode('utf-8'), expected):
            raise AuthError(401, 'InvalidApiKey', 'Invalid API-key provided.')
        return 'gateway-bearer'


# ---------------------------------------------------------------- Huawei SDK-HMAC-SHA256

def parse_sdk_authorization(value):
    if not value or not value.startswith('SDK-HMAC-SHA256 '):
        raise AuthError(401, 'APIG.0301', 'Incorrect IAM authentication information: unsupported signing algorithm.')
    params = _split_params(value[len('SDK-HMAC-SHA256 '):], ',')
    if not params.get('Access') or not params.get('SignedHeaders') or not params.get('Signature'):
        raise AuthError(401, 'APIG.0301', 'Incorrect IAM authentication information: Authorization header is malformed.')
    return params['Access'], params['SignedHeaders'].lower().split(';'), params['Signature'].lower()


def sdk_canonical_uri(raw_path):
    """huaweicloudsdkcore: unquote the path, quote each segment with '~' safe, always end with '/'."""
    uri = '/'.join(quote(seg, safe='~') for seg in unquote(raw_path or '/').split('/'))
    return uri if uri.endswith('/') else uri + '/'


def sdk_string_to_sign(method, raw_path, raw_query, headers, signed_headers, body=b''):
    if not body:
        payload = EMPTY_SHA256
    else:
        payload = headers.get('x-sdk-content-sha256') or hashlib.sha256(body).hexdigest()
    canonical = '\n'.join((
        method.upper(),
        sdk_canonical_uri(raw_path),
        _canonical_query(raw_query),
        _canonical_headers(headers, signed_headers),
        ';'.join(signed_headers),
        payload,
    ))
    return 'SDK-HMAC-SHA256\n%s\n%s' % (headers.get('x-sdk-date', ''), hashlib.sha256(canonical.encode('utf-8')).hexdigest())


def sdk_signature(secret, string_to_sign):
    return hmac.new(secret.encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()


def verify_sdk_hmac(method, raw_path, raw_query, headers, body, lookup_secret, check_time=True, now=None):
    """Verify an SDK-HMAC-SHA256 request; return the AK or raise AuthError."""
    try:
        ak, signed, signature = parse_sdk_authorization(headers.get('authorization'))
        if 'host' not in signed or 'x-sdk-date' not in signed:
            raise AuthError(401, 'APIG.0301', 'Incorrect IAM authentication information: host and X-Sdk-Date must be signed.')
        secret = lookup_secret(ak)
        if secret is None:
            raise AuthError(401, 'APIG.0301', 'Incorrect IAM authentication information: AK not found.')
        expected = sdk_signature(secret, sdk_string_to_sign(method, raw_path, raw_query, headers, signed, body))
    except AuthError as exc:
        if exc.status == 400:
            exc.status, exc.code = 401, 'APIG.0301'
        raise
    if not hmac.compare_digest(expected, signature):
        raise AuthError(401, 'APIG.0301', 'Incorrect IAM authentication information: verify aksk signature fail.')
    if check_time:
        try:
            stamp = timegm(time.strptime(headers.get('x-sdk-date', ''), '%Y%m%dT%H%M%SZ'))
        except ValueError:
            raise AuthError(401, 'APIG.0303', 'Incorrect IAM authentication information: X-Sdk-Date is malformed.')
        if abs((now or time.time()) - stamp) > MAX_SKEW_SECONDS:
            raise AuthError(401, 'APIG.0303', 'Incorrect IAM authentication information: X-Sdk-Date is expired.')
    return ak


TOKEN_FORBIDDEN = 'token-forbidden'  # code used for the seed's odd 403 shape


class HuaweiAuth(object):
    def __init__(self, creds):
        self.creds = creds
        self.secrets = {creds['huawei_ak']: creds['huawei_sk'], creds['huawei_temp_ak']: creds['huawei_temp_sk']}

    def check(self, method, raw_path, raw_query, headers, body, now=None):
        """Return the auth kind (sdk-hmac or token) or raise AuthError. now: the server's clock (None: time.time())."""
        if 'authorization' in headers:
            ak = verify_sdk_hmac(method, raw_path, raw_query, headers, body, self.secrets.get, now=now)
            if headers.get('x-project-id') != self.creds['huawei_project_id']:
                raise AuthError(401, 'APIG.0301', 'Incorrect IAM authentication information: X-Project-Id does not match the AK.')
            token = headers.get('x-security-token')
            if ak == self.creds['huawei_temp_ak'] and token is None:
                raise AuthError(401, 'APIG.0301', 'Incorrect IAM authentication information: temporary AK requires X-Security-Token.')
            signed = parse_sdk_authorization(headers['authorization'])[1]
            if token is not None and (token != self.creds['huawei_security_token'] or 'x-security-token' not in signed):
                raise AuthError(401, 'APIG.0301', 'Incorrect IAM authentication information: X-Security-Token is invalid.')
            return 'sdk-hmac'
        if 'x-auth-token' in headers:
            token = headers['x-auth-token']
            if len(token) < 8 or re.search(r'\s', token):
                raise AuthError(403, TOKEN_FORBIDDEN, 'X-Auth-Token is invalid in the request')
            if not hmac.compare_digest(token.encode('utf-8'), self.creds['huawei_iam_token'].encode('utf-8')):
                raise AuthError(401, 'APIG.1002', 'Incorrect token or token resolution failed')
            return 'token'
        raise AuthError(401, 'APIG.1000', 'Incorrect IAM authentication information: x-auth-token not found')
