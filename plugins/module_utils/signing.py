# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# This module_utils file is private to pai.catalog; its API may change without notice.
"""Request signing for both vendors, as pure functions (stdlib only).

Alibaba Cloud product endpoints: ACS3-HMAC-SHA256 (AccessKey pair, optionally an STS token) or a bearer token.
Huawei Cloud DataArts Fabric: SDK-HMAC-SHA256 (AK/SK, optionally a security token) or an IAM token.
Each algorithm follows its official Python SDK (alibabacloud-tea-openapi, huaweicloudsdkcore) and is checked
against the requests those SDKs sent (tests/unit/fixtures/signing-vectors.json).

Shared canonical form: METHOD, CanonicalURI, CanonicalQuery, one 'name:value' line per signed header,
the signed header names joined by ';', and the hex SHA-256 of the body, joined by newlines.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import datetime
import hashlib
import hmac
import re
import uuid

from urllib.parse import quote, unquote


ACS3_ALGORITHM = 'ACS3-HMAC-SHA256'
SDK_ALGORITHM = 'SDK-HMAC-SHA256'
EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

ACS3_DATE_FORMAT = '%Y-%m-%dT%H:%M:%SZ'
SDK_DATE_FORMAT = '%Y%m%dT%H%M%SZ'

_PATH_PARAM = re.compile(r'\{([^{}]+)\}')


# ---------------------------------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------------------------------

def _to_bytes(data):
    """Body or text as bytes: None -> b'', str -> UTF-8."""
    if data is None:
        return b''
    if isinstance(data, str):
        return data.encode('utf-8')
    return bytes(data)


def sha256_hex(data):
    """Hex SHA-256 of bytes or str (UTF-8); None is the empty body."""
    return hashlib.sha256(_to_bytes(data)).hexdigest()


def hmac_sha256_hex(key, message):
    """Hex HMAC-SHA256 of message keyed with key (both str or bytes; str is UTF-8)."""
    return hmac.new(_to_bytes(key), _to_bytes(message), hashlib.sha256).hexdigest()


def percent_encode(value, safe='~'):
    """RFC 3986 percent-encoding of str(value) as UTF-8: only A-Z a-z 0-9 - _ . ~ (and safe) stay as they are.

    Space is %20 (never '+'), '*' is %2A. Booleans and numbers are str()-ed: the caller decides their spelling.
    """
    if not isinstance(value, (str, bytes)):
        value = str(value)
    return quote(value, safe=safe)


def encode_path(template, params):
    """Fill '{Name}' placeholders of a path template, each value encoded as one path segment ('/' is %2F).

    Raises ValueError naming a placeholder without a value (missing, None or empty), so that a request never
    goes to a different resource such as '/api/v2/gateways//x'.
    """
    def _segment(match):
        name = match.group(1)
        if name not in params:
            raise ValueError('missing path parameter %s for %s' % (name, template))
        value = params[name]
        if value is None or str(value) == '':
            raise ValueError('empty path parameter %s for %s' % (name, template))
        return percent_encode(value, safe='')

    return _PATH_PARAM.sub(_segment, template)


def canonical_query(pairs):
    """Canonical (and wire) query string from decoded (name, value) pairs or a mapping.

    Pairs are sorted by (name, value), each part encoded with percent_encode, 'name=value' joined by '&'.
    Pairs whose value is None are left out (as both SDKs do); duplicate names are kept.
    """
    if pairs is None:
        return ''
    if hasattr(pairs, 'items'):
        pairs = pairs.items()
    items = sorted((str(name), str(value)) for name, value in pairs if value is not None)
    return '&'.join('%s=%s' % (percent_encode(name), percent_encode(value)) for name, value in items)


def _lower_headers(headers):
    """Mapping of lowercase header name -> trimmed str value; ValueError on names differing only in case."""
    result = {}
    for name, value in headers.items():
        key = name.lower()
        if key in result:
            raise ValueError('header %s given more than once' % key)
        result[key] = str(value).strip()
    return result


def _signed_header_names(lowered, signed_headers, default_filter):
    """Sorted, de-duplicated lowercase names to sign; each must be among the headers."""
    if signed_headers is None:
        names = [name for name in lowered if default_filter(name)]
    else:
        names = [name.lower() for name in signed_headers]
    names = sorted(set(names))
    missing = [name for name in names if name not in lowered]
    if missing:
        raise ValueError('signed header(s) not among the headers: %s' % ', '.join(missing))
    return names


def _canonical_request(method, canonical_uri, query, lowered, names, body):
    """The canonical request both algorithms sign (each header line ends with a newline)."""
    header_block = ''.join('%s:%s\n' % (name, lowered[name]) for name in names)
    return '\n'.join((method.upper(), canonical_uri, query, header_block, ';'.join(names), sha256_hex(body)))


def _utc(date):
    """date (naive means UTC, aware is converted) or now, in UTC."""
    if date is None:
        return datetime.datetime.now(datetime.timezone.utc)
    if date.tzinfo is not None:
        return date.astimezone(datetime.timezone.utc)
    return date


# ---------------------------------------------------------------------------------------------------------------
# Alibaba Cloud: ACS3-HMAC-SHA256 and bearer tokens
# ---------------------------------------------------------------------------------------------------------------

def acs3_canonical_request(method, canonical_uri, pairs, headers, body, signed_headers=None):
    """(canonical request, signed header names) of ACS3-HMAC-SHA256; see acs3_authorization."""
    lowered = _lower_headers(headers)
    names = _signed_header_names(lowered, signed_headers, lambda name: name != 'authorization')
    return _canonical_request(method, canonical_uri or '/', canonical_query(pairs), lowered, names, body), names


def acs3_authorization(method, canonical_uri, pairs, headers, body, access_key_id, access_key_secret, signed_headers=None):
    """Authorization header value of ACS3-HMAC-SHA256.

    canonical_uri: the path exactly as sent (still percent-encoded), '/' if empty. pairs: decoded query pairs.
    headers: mapping of every header (any case). signed_headers: lowercase names to sign, by default every given
    header but authorization (the Python SDK's choice; the Go SDK signs only host, content-type and x-acs-*).
    body: bytes or str, '' or None when empty.
    """
    request, names = acs3_canonical_request(method, canonical_uri, pairs, headers, body, signed_headers)
    string_to_sign = '%s\n%s' % (ACS3_ALGORITHM, sha256_hex(request))
    return '%s Credential=%s,SignedHeaders=%s,Signature=%s' % (
        ACS3_ALGORITHM, access_key_id, ';'.join(names), hmac_sha256_hex(access_key_secret, string_to_sign))


def acs3_headers(method, host, action, version, canonical_uri, pairs, body, access_key_id, access_key_secret,
                 security_token=None, date=None, nonce=None):
    """Every header of an ACS3-HMAC-SHA256 request, Authorization included; all others are signed."""
    headers = {
        'host': host,
        'x-acs-action': action,
        'x-acs-version': version,
        'x-acs-date': _utc(date).strftime(ACS3_DATE_FORMAT),
        'x-acs-signature-nonce': nonce or uuid.uuid4().hex,
        'x-acs-content-sha256': sha256_hex(body),
        'accept': 'application/json',
    }
    if body:
        headers['content-type'] = 'application/json'
    if security_token:
        headers['x-acs-accesskey-id'] = access_key_id
        headers['x-acs-security-token'] = security_token
    headers['Authorization'] = acs3_authorization(method, canonical_uri, pairs, headers, body, access_key_id, access_key_secret)
    return headers


def bearer_product_headers(token):
    """Bearer token on an Alibaba Cloud product endpoint (no Authorization header)."""
    return {'x-acs-bearer-token': token, 'x-acs-signature-type': 'BEARERTOKEN'}


def bearer_gateway_headers(api_key):
    """API key of an EAS gateway or a service endpoint."""
    return {'Authorization': 'Bearer ' + api_key}


# ---------------------------------------------------------------------------------------------------------------
# Huawei Cloud: SDK-HMAC-SHA256 and IAM tokens
# ---------------------------------------------------------------------------------------------------------------

def sdk_canonical_uri(path):
    """CanonicalURI as huaweicloudsdkcore builds it: the path is percent-DEcoded first, split on '/', each segment
    encoded with percent_encode, and a trailing '/' is always appended ('/v1/x' -> '/v1/x/').

    So an encoded '/' inside a segment ('%2F') is signed as a plain '/', and '+' is signed as '%2B'.
    """
    uri = '/'.join(percent_encode(segment) for segment in unquote(path or '').split('/'))
    return uri if uri.endswith('/') else uri + '/'


def sdk_canonical_request(method, path, pairs, headers, body, signed_headers=None):
    """(canonical request, signed header names, X-Sdk-Date value) of SDK-HMAC-SHA256; see sdk_authorization."""
    lowered = _lower_headers(headers)
    if 'x-sdk-date' not in lowered:
        raise ValueError('SDK-HMAC-SHA256 needs an X-Sdk-Date header')
    names = _signed_header_names(lowered, signed_headers, lambda name: '_' not in name and name != 'authorization')
    request = _canonical_request(method, sdk_canonical_uri(path), canonical_query(pairs), lowered, names, body)
    return request, names, lowered['x-sdk-date']


def sdk_authorization(method, path, pairs, headers, body, access_key, secret_key, signed_headers=None):
    """Authorization header value of SDK-HMAC-SHA256.

    path: the request path as sent (see sdk_canonical_uri). pairs: decoded query pairs. headers: mapping of every
    header (any case), X-Sdk-Date included. signed_headers: lowercase names to sign, by default every given header
    except names containing '_' and authorization (as the SDK does). body: bytes or str, '' or None when empty.
    """
    request, names, sdk_date = sdk_canonical_request(method, path, pairs, headers, body, signed_headers)
    string_to_sign = '%s\n%s\n%s' % (SDK_ALGORITHM, sdk_date, sha256_hex(request))
    return '%s Access=%s, SignedHeaders=%s, Signature=%s' % (
        SDK_ALGORITHM, access_key, ';'.join(names), hmac_sha256_hex(secret_key, string_to_sign))


def sdk_headers(method, host, path, pairs, body, access_key, secret_key, project_id=None, security_token=None, date=None):
    """Every header of an SDK-HMAC-SHA256 request, Authorization included; all others are signed."""
    headers = {
        'Host': host,
        'X-Sdk-Date': _utc(date).strftime(SDK_DATE_FORMAT),
        'Content-Type': 'application/json',
    }
    if project_id:
        headers['X-Project-Id'] = project_id
    if security_token:
        headers['X-Security-Token'] = security_token
    headers['Authorization'] = sdk_authorization(method, path, pairs, headers, body, access_key, secret_key)
    return headers


def token_headers(token):
    """IAM token authentication of Huawei Cloud."""
    return {'X-Auth-Token': token}
