# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json
import time

import pytest

from ansible_collections.pai.catalog.plugins.module_utils import transport
from ansible_collections.pai.catalog.plugins.module_utils.client import REDACTED, normalise, snake
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError


def body(data):
    return json.dumps(data).encode()


@pytest.mark.parametrize('status, headers, payload, expected', [
    (400, {}, body({'RequestId': 'r1', 'HostId': 'h', 'Code': 'InvalidParameter.GatewayId', 'Message': 'bad gw',
                    'Recommend': 'https://x'}),
     dict(code='InvalidParameter.GatewayId', message='bad gw', request_id='r1',
          recommended_action='Obtain the correct GatewayId from the ListGateway API response.', retryable=False)),
    (500, {}, body({'requestId': 'r2', 'code': 'InternalError', 'message': 'boom'}),
     dict(code='InternalError', message='boom', request_id='r2', retryable=True)),
    (401, {'X-Request-Id': 'hw1'}, body({'error_code': 'APIG.1002', 'error_msg': 'Incorrect token'}),
     dict(code='APIG.1002', message='Incorrect token', request_id='hw1', retryable=False)),
    (403, {}, body({'error': {'code': '403', 'message': 'X-Auth-Token is invalid in the request',
                              'title': 'Forbidden'}, 'error_code': 403,
                    'error_msg': 'X-Auth-Token is invalid in the request', 'title': 'Forbidden'}),
     dict(code='403', message='X-Auth-Token is invalid in the request', retryable=False)),
    (400, {'x-acs-retry-after': '1500'}, body({'Code': 'Throttling.User', 'Message': 'slow down'}),
     dict(code='Throttling.User', retryable=True, retry_after=1.5)),
    (503, {'Retry-After': '2'}, body({'Code': 'ServiceUnavailable', 'Message': 'busy'}),
     dict(retryable=True, retry_after=2.0)),
    (502, {}, b'<html><body>Bad gateway</body></html>',
     dict(code=None, message='the response body is not JSON: <html><body>Bad gateway</body></html>', retryable=True)),
    (500, {}, b'{"Code": "InternalEr', dict(code=None, retryable=True)),
    (408, {}, body({'error_code': 'common.00000408', 'error_msg': 'timeout exception occurred'}),
     dict(code='common.00000408', retryable=True)),
])
def test_decode_error_shapes(status, headers, payload, expected):
    error = transport.decode_error(status, headers, payload)
    assert error.status == status
    for key, value in expected.items():
        assert getattr(error, key) == value, key


def test_error_text_carries_everything():
    error = transport.decode_error(403, {}, body({'Code': 'UnauthorizedOperation', 'Message': 'no', 'RequestId': 'q'}))
    error.region, error.operation, error.attempts = 'cn-hangzhou', 'ListGatewayDomains', 1
    assert str(error) == ('ListGatewayDomains in cn-hangzhou failed: HTTP 403 UnauthorizedOperation: no '
                          '(request id q). Recommended action: Assign appropriate RAM policies to your user or role.')
    assert error.to_dict()['recommended_action'].startswith('Assign')


def test_backoff_is_jittered_and_bounded():
    values = [transport.backoff(attempt, 0.2, 5.0) for attempt in range(1, 12) for dummy in range(20)]
    assert all(0 <= v <= 5.0 for v in values)
    assert len(set(values)) > 100
    assert max(transport.backoff(1, 0.2, 5.0) for dummy in range(200)) <= 0.2


def test_rate_limiter_paces_requests():
    limiter = transport.RateLimiter(50)
    start = time.monotonic()
    for dummy in range(30):
        limiter.acquire()
    elapsed = time.monotonic() - start
    # 5 tokens of burst, then 25 more at 50 per second: at least 0.5 s.
    assert elapsed >= 0.45


@pytest.mark.parametrize('name, expected', [('GmtCreateTime', 'gmt_create_time'), ('RequestId', 'request_id'),
                                            ('SSLRedirectionEnabled', 'ssl_redirection_enabled'),
                                            ('base_model_type', 'base_model_type'), ('ToolCall', 'tool_call')])
def test_snake(name, expected):
    assert snake(name) == expected


def test_normalise_redacts_secrets_and_keeps_opaque_keys():
    raw = [{'ConnectionId': 'c1', 'Secrets': {'api_key': 'sk-1', 'Password': 'p'}, 'Configs': {'baseUrl': 'u'},
            'Models': [{'ToolCall': True, 'ModelType': 'LLM'}], 'ResourceMeta': {'InstanceId': 'i'}}]
    out = normalise(raw, ('Configs', 'Secrets'), ('Secrets',))
    assert out == [{'connection_id': 'c1', 'secrets': {'api_key': REDACTED, 'Password': REDACTED},
                    'configs': {'baseUrl': 'u'}, 'models': [{'tool_call': True, 'model_type': 'LLM'}],
                    'resource_meta': {'instance_id': 'i'}}]
    revealed = normalise(raw, ('Configs', 'Secrets'), ('Secrets',), reveal=True)
    assert revealed[0]['secrets'] == {'api_key': 'sk-1', 'Password': 'p'}
    assert 'sk-1' not in json.dumps(out)


def test_api_error_is_an_exception_with_fields():
    error = ApiError('m', status=404, code='ResourceNotFound')
    assert error.recommended_action is None
    assert error.to_dict() == {'status': 404, 'code': 'ResourceNotFound', 'message': 'm', 'transient': False}


@pytest.mark.parametrize('status, code, retryable', [
    (400, 'Throttling.Api', True), (400, 'APIG.0308', True), (400, 'ServiceUnavailable', True),
    (400, 'InvalidParameter', False), (403, 'Forbidden.RAM', False), (404, None, False), (504, None, True)])
def test_retryable_errors(status, code, retryable):
    from ansible_collections.pai.catalog.plugins.module_utils.errors import is_retryable
    assert is_retryable(status, code) is retryable


class FakeResponse:
    def __init__(self, status, payload, headers=None):
        self.status_code, self.content, self.headers = status, body(payload), headers or {}


class FakeSession:
    """Answers from a list, in order; records how many requests were sent."""

    def __init__(self, answers):
        self.answers, self.sent = list(answers), 0

    def request(self, method, url, **kwargs):
        self.sent += 1
        return self.answers.pop(0)

    def close(self):
        pass


def sending(answers, **options):
    t = transport.Transport(backoff_base=0.001, backoff_cap=0.002, **options)
    t._session = FakeSession(answers)
    return t


def test_throttled_answers_do_not_use_up_attempts_and_slow_the_run_down():
    throttled = FakeResponse(429, {'Code': 'Throttling.User', 'Message': 'slow down'}, {'x-acs-retry-after': '1'})
    failed = FakeResponse(503, {'Code': 'ServiceUnavailable', 'Message': 'busy'})
    t = sending([throttled, throttled, failed, throttled, FakeResponse(200, {'ok': 1})], max_attempts=2, rate_limit=80)
    data, _headers = t.send(lambda: ('http://h/p', {}, None), 'ListGateway')
    assert data == {'ok': 1} and t._session.sent == 5
    assert t.limiter.rate == 40.0  # halved once: the throttles of the same second count once
    t = sending([failed, failed, FakeResponse(200, {'ok': 1})], max_attempts=2)
    with pytest.raises(ApiError) as info:
        t.send(lambda: ('http://h/p', {}, None), 'ListGateway')
    assert info.value.attempts == 2 and info.value.status == 503
    t = sending([throttled] * 10, max_attempts=2)
    with pytest.raises(ApiError) as info:
        t.send(lambda: ('http://h/p', {}, None), 'ListGateway')
    assert info.value.attempts == 6 and info.value.code == 'Throttling.User'  # three times max_attempts in all
    t = sending([throttled, FakeResponse(200, {'ok': 1})], max_attempts=1)
    with pytest.raises(ApiError):
        t.send(lambda: ('http://h/p', {}, None), 'ListGateway')


def test_a_truncated_json_body_is_not_echoed():
    cut = FakeResponse(200, {})
    cut.content = b'{"Connections": [{"Secrets": {"apiKey": "emulator-secret-1'
    t = sending([cut, cut], max_attempts=2)
    with pytest.raises(ApiError) as info:
        t.send(lambda: ('http://h/p', {}, None), 'ListConnections')
    assert 'emulator-secret-' not in str(info.value) and 'not valid JSON' in str(info.value)
    assert info.value.attempts == 2


SECRET = 'SENTINEL-STS-TOKEN-3b7e9d1c'


def no_fragment(text, secret=SECRET, size=8):
    """True when no run of `size` characters of the secret is in the text."""
    return not any(secret[i:i + size] in text for i in range(len(secret) - size + 1))


def test_scrubber_hides_values_their_quoted_forms_and_long_fragments():
    from ansible_collections.pai.catalog.plugins.module_utils.errors import Scrubber
    scrubber = Scrubber([SECRET, 'sk-a/b+c', 'abc', 'shrt'])
    assert scrubber.text('token %s, again %r' % (SECRET, SECRET)) == "token ********, again '********'"
    assert scrubber.text('key sk-a%2Fb%2Bc or "sk-a\\/b+c"') == 'key ******** or "********"'
    # The head of a value cut at the end of a quote, its tail at the start of one, a piece cut out of its middle.
    assert scrubber.text('headers: x-acs-security-token: ' + SECRET[:12]) == 'headers: x-acs-security-token: ********'
    assert scrubber.text(SECRET[-9:] + '; accept: */*') == '********; accept: */*'
    assert scrubber.text('[' + SECRET[5:20] + ']') == '[********]'
    # Seven characters are not a fragment; short values are hidden only whole, shorter than 4 never.
    assert scrubber.text(SECRET[:7] + ' shrt abc') == SECRET[:7] + ' ******** abc'
    assert scrubber.body(b'{"echo": "' + SECRET.encode() + b'"}') == b'{"echo": "********"}'
    assert list(Scrubber())[:1] == [] and SECRET in list(scrubber)


@pytest.mark.parametrize('shape', ['json', 'html', 'padded'])
def test_an_error_body_that_echoes_a_credential_is_scrubbed_before_it_is_cut(shape):
    from ansible_collections.pai.catalog.plugins.module_utils.errors import Scrubber
    headers = 'host: h; x-acs-security-token: %s; accept: application/json' % SECRET
    if shape == 'json':
        answer = FakeResponse(400, {'Code': 'BadRequest', 'Message': 'request headers: ' + headers,
                                    'Recommend': 'resend ' + SECRET, 'RequestId': SECRET[:10]})
    else:
        answer = FakeResponse(400, {})
        padding = '-' * (200 - len(SECRET) // 2 - len('x-acs-security-token: ')) if shape == 'padded' else ''
        answer.content = ('<pre>' if shape == 'html' else '') + padding + headers[9:]
        answer.content = answer.content.encode()
    t = sending([answer], scrubber=Scrubber([SECRET]))
    with pytest.raises(ApiError) as info:
        t.send(lambda: ('http://h/p', {}, None), 'ListConnections')
    error = info.value
    assert error.status == 400 and '********' in str(error)
    for text in [str(error), error.args[0]] + [v for v in error.to_dict().values() if isinstance(v, str)]:
        assert no_fragment(text), text


def test_unverified_hosts_give_one_warning_and_no_urllib3_noise():
    import warnings
    t = sending([FakeResponse(200, {'ok': 1})] * 3, validate_certs=False)
    for url in ('https://unverified.example:8443/p', 'https://unverified.example:8443/q', 'http://plain.example/p'):
        t.send(lambda: (url, {}, None), 'ListGateway')
    assert t.unverified == set(['unverified.example:8443'])
    assert t.tls_warning().startswith('TLS verification is off for unverified.example:8443 (validate_certs=false)')
    assert sending([], validate_certs=True).tls_warning() is None
    with warnings.catch_warnings(record=True) as caught:
        warnings.warn("Unverified HTTPS request is being made to host 'unverified.example'. Adding certificate "
                      "verification is strongly advised.", UserWarning)
        warnings.warn("Unverified HTTPS request is being made to host 'other.example'. Adding certificate "
                      "verification is strongly advised.", UserWarning)
    assert [str(w.message).split("'")[1] for w in caught] == ['other.example']
