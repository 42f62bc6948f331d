# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# This module_utils file is private to pai.catalog; its API may change without notice.
"""HTTP for one run: a keep-alive session, timeouts, TLS, a shared rate limiter, per-request retries with
jittered exponential backoff, and the decoding of every vendor error shape into one ApiError.

`requests` is imported when the first session is made, so that controller plugins stay cheap to load.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json
import random
import re
import sys
import threading
import time
import warnings

from ansible_collections.pai.catalog.plugins.module_utils.errors import (
    ApiError, Scrubber, is_retryable, is_throttling, recommended_action)

USER_AGENT = 'pai.catalog/0.1.0'
REQUEST_ID_HEADERS = ('x-request-id', 'x-acs-request-id')


def missing_library(name, where='the host that runs this task'):
    """The error for a Python library the interpreter lacks: how to install it, for that very interpreter (the one
    Ansible picked may not be the one the user installed into), never a bare "No module named ..."."""
    return ApiError('the Python library %s is required on %s, and its Python lacks it: %s -m pip install %s'
                    % (name, where, sys.executable, name), code='MissingLibrary')


def _requests():
    """requests, imported on first use (controller plugins stay cheap to load); every import goes through here."""
    try:
        import requests
        import requests.adapters  # noqa: F401 pylint: disable=unused-import
    except ImportError:
        raise missing_library('requests')
    return requests


class RateLimiter:
    """A token bucket shared by all threads of a run: `rate` requests per second, bursts of a tenth of that."""

    def __init__(self, rate):
        self.rate = float(rate)
        self.capacity = max(1.0, self.rate / 10.0)
        self.tokens = self.capacity
        self.stamp = time.monotonic()
        self.slowed = self.stamp - 1.0
        self.lock = threading.Lock()

    def acquire(self):
        with self.lock:
            now = time.monotonic()
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now
            self.tokens -= 1.0
            wait = -self.tokens / self.rate if self.tokens < 0 else 0.0
        if wait > 0:
            time.sleep(wait)

    def slow_down(self, floor=1.0):
        """The server throttled a request: halve the rate for the rest of the run (not below `floor` per second), so
        that the threads stop hitting a quota lower than the one configured."""
        with self.lock:
            now = time.monotonic()
            if now - self.slowed < 1.0:
                return  # the threads throttled together count once: at most one halving a second
            self.slowed = now
            self.rate = max(min(floor, self.rate), self.rate / 2.0)
            self.capacity = max(1.0, self.rate / 10.0)
            self.tokens = min(self.tokens, self.capacity)


def decode_error(status, headers, body, operation=None):
    """Any error response of either vendor -> ApiError (status, code, message, request id, recommended action).

    Shapes: Alibaba {Code, Message, RequestId, Recommend}, its lowercase variant {code, message, requestId},
    Huawei {error_code, error_msg, solution_msg}, Huawei's 403 whose error_code is an int and whose `error` object
    repeats it, and bodies that are not JSON at all (proxies, truncation).
    """
    headers = dict((k.lower(), v) for k, v in (headers or {}).items())
    data = _json_or_none(body)
    request_id = next((headers[h] for h in REQUEST_ID_HEADERS if headers.get(h)), None)
    if isinstance(data, dict):
        nested = data.get('error') if isinstance(data.get('error'), dict) else {}
        code = _first(data, 'Code', 'code', 'error_code', 'ErrorCode') or _first(nested, 'code')
        message = _first(data, 'Message', 'message', 'error_msg', 'ErrorMessage') or _first(nested, 'message')
        request_id = _first(data, 'RequestId', 'requestId', 'request_id') or request_id
        advice = _first(data, 'Recommend', 'solution_msg')
    else:
        code, advice = None, None
        text = (body or b'')[:200].decode('utf-8', 'replace').strip()
        message = 'the response body is not JSON%s' % (': ' + ' '.join(text.split()) if text else ' (empty)')
    code = str(code) if code is not None else None
    return ApiError(message or 'no error message in the response', status=status, code=code, request_id=request_id,
                    recommended_action=recommended_action(code, status, operation) or advice,
                    retryable=is_retryable(status, code), retry_after=retry_after(headers))


def _first(data, *names):
    for name in names:
        if data.get(name) not in (None, ''):
            return data[name]
    return None


def _json_or_none(body):
    try:
        return json.loads(body.decode('utf-8') if isinstance(body, bytes) else body)
    except (ValueError, AttributeError, UnicodeDecodeError):
        return None


def retry_after(headers):
    """Seconds the server asked us to wait: x-acs-retry-after (milliseconds) or Retry-After (seconds)."""
    for name, scale in (('x-acs-retry-after', 0.001), ('retry-after', 1.0)):
        value = headers.get(name)
        if value is not None:
            try:
                return max(0.0, float(value) * scale)
            except ValueError:
                continue
    return None


def backoff(attempt, base, cap):
    """Full-jitter exponential backoff for the n-th retry (1-based)."""
    return random.uniform(0, min(cap, base * (2 ** (attempt - 1))))


class Transport:
    """One per run; thread-safe. send() retries one request, never a whole pagination."""

    def __init__(self, connect_timeout=5.0, read_timeout=10.0, validate_certs=True, ca_path=None, max_attempts=8,
                 max_retry_time=60.0, rate_limit=100.0, pool_size=16, backoff_base=0.2, backoff_cap=5.0,
                 scrubber=None):
        """scrubber: the run's errors.Scrubber; every response body and every error passes through it."""
        self.timeout = (connect_timeout, read_timeout)
        self.scrubber = scrubber if scrubber is not None else Scrubber()
        self.unverified = set()
        self.verify = ca_path if (ca_path and validate_certs) else bool(validate_certs)
        self.max_attempts = max(1, int(max_attempts))
        self.max_retry_time = max_retry_time
        self.limiter = RateLimiter(rate_limit) if rate_limit else None
        self.pool_size = pool_size
        self.backoff = (backoff_base, backoff_cap)
        self.calls = {}
        self.retries = 0
        self._lock = threading.Lock()
        self._session = None

    def session(self):
        with self._lock:
            if self._session is None:
                requests = _requests()
                session = requests.Session()
                adapter = requests.adapters.HTTPAdapter(pool_connections=self.pool_size, pool_maxsize=self.pool_size,
                                                        max_retries=0)
                session.mount('https://', adapter)
                session.mount('http://', adapter)
                session.headers['User-Agent'] = USER_AGENT
                self._session = session
            return self._session

    def close(self):
        if self._session is not None:
            self._session.close()

    def _count(self, operation, retry):
        with self._lock:
            self.calls[operation] = self.calls.get(operation, 0) + 1
            self.retries += 1 if retry else 0

    def _note_unverified(self, url):
        """validate_certs=false: remember the host, for one warning per task (tls_warning), and silence urllib3's
        warning for that host only, which would otherwise reach stderr once per request."""
        if self.verify is not False or not url.startswith('https://'):
            return
        host = _origin(url).split('://', 1)[1]
        with self._lock:
            if host in self.unverified:
                return
            self.unverified.add(host)
        name = host[1:].split(']', 1)[0] if host.startswith('[') else host.rsplit(':', 1)[0]
        warnings.filterwarnings('ignore', message="Unverified HTTPS request is being made to host '%s'"
                                % re.escape(name))

    def tls_warning(self):
        """The warning for the hosts this run sent requests to without verifying their certificate, or None."""
        if not self.unverified:
            return None
        return ('TLS verification is off for %s (validate_certs=false): the server certificate was not checked, so '
                'the server may not be who it claims to be; to trust a private CA, set ca_path instead'
                % ', '.join(sorted(self.unverified)))

    def probe(self, url):
        """One unauthenticated GET, no retry: is the endpoint reachable, with which status, how fast."""
        requests = _requests()
        session = self.session()
        self._note_unverified(url)
        if self.limiter:
            self.limiter.acquire()
        start = time.monotonic()
        try:
            response = session.get(url, timeout=self.timeout, verify=self.verify, allow_redirects=False)
            outcome = dict(reachable=True, status=response.status_code, error=None)
        except requests.exceptions.RequestException as exc:
            outcome = dict(reachable=False, status=None, error=_reason(exc))
        outcome['latency_ms'] = round((time.monotonic() - start) * 1000.0, 1)
        return outcome

    def send(self, prepare, operation, method='GET'):
        """prepare() -> (url, headers, body), called per attempt so each attempt is signed afresh.

        Returns (parsed JSON body, response headers). Raises ApiError with attempts set.
        """
        requests = _requests()
        session = self.session()
        deadline = time.monotonic() + self.max_retry_time
        attempt = failures = 0
        while True:
            attempt += 1
            url, headers, body = prepare()
            self._note_unverified(url)
            if self.limiter:
                self.limiter.acquire()
            self._count(operation, attempt > 1)
            error = None
            try:
                response = session.request(method, url, headers=headers, data=body, timeout=self.timeout,
                                           verify=self.verify, allow_redirects=False)
                # Before anything parses, quotes or cuts it: a proxy may echo the request's credentials.
                content = self.scrubber.body(response.content)
            except requests.exceptions.SSLError as exc:
                raise ApiError('TLS verification failed for %s (%s); set ca_path to the CA bundle that signed the '
                               'server certificate' % (_origin(url), _reason(exc)), code='TLSError', attempts=attempt)
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                    requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
                error = ApiError('cannot complete the request to %s: %s' % (_origin(url), _reason(exc)),
                                 code=type(exc).__name__, retryable=True)
            except requests.exceptions.InvalidHeader:
                # requests quotes the header value, which may be a token: never repeat it.
                raise ApiError('invalid request to %s: a header value holds a line break, a leading space or another '
                               'character that HTTP does not allow; check the credentials for stray whitespace'
                               % _origin(url), code='RequestError')
            except requests.exceptions.RequestException as exc:
                raise ApiError('invalid request to %s: %s' % (_origin(url), _reason(exc)), code='RequestError')
            else:
                if response.status_code < 400:
                    data = _json_or_none(content)
                    if isinstance(data, (dict, list)):
                        return data, response.headers
                    error = decode_error(response.status_code, response.headers, content, operation)
                    error.code = 'InvalidResponse'
                    # A body cut short by a dropped connection is transient; a page of HTML from a proxy is not.
                    error.retryable = content[:1] in (b'{', b'[')
                    if error.retryable:
                        # Never echo part of an answer: it may hold the secrets of the resources it lists.
                        error.message = 'the response body is not valid JSON (%d bytes, cut short?)' % len(content)
                else:
                    error = decode_error(response.status_code, response.headers, content, operation)
            error.attempts = attempt
            # A throttled request is the server asking us to wait, not a failure: it slows the whole run down and
            # does not use up max_attempts; only max_retry_time (and three times max_attempts in all) bounds it.
            throttled = is_throttling(error.status, error.code)
            failures += 0 if throttled else 1
            if throttled and self.limiter:
                self.limiter.slow_down()
            self.scrubber.error(error)
            if (not error.retryable or failures >= self.max_attempts or self.max_attempts == 1
                    or attempt >= 3 * self.max_attempts):
                raise error
            delay = backoff(attempt, *self.backoff)
            if error.retry_after is not None:
                # The wait the server asks for, plus jitter, so that the threads it throttled together do not all
                # come back in the same instant.
                delay = error.retry_after + delay / 2.0
            if time.monotonic() + delay > deadline:
                error.message += ' (retry budget of %ss exhausted)' % self.max_retry_time
                raise error
            time.sleep(delay)


def _origin(url):
    """scheme://host[:port] of a URL: what error messages show (never headers, never the query)."""
    scheme, _sep, rest = url.partition('://')
    return scheme + '://' + rest.split('/', 1)[0].split('?', 1)[0]


def _reason(exc):
    """The innermost reason of a requests exception, without the URL (which is shown once, as its origin)."""
    reason = exc.args[0] if exc.args else exc
    while getattr(reason, 'reason', None) is not None and reason.reason is not reason:
        reason = reason.reason
    if isinstance(reason, Exception) and len(reason.args) > 1 and isinstance(reason.args[0], str):
        # urllib3's ProtocolError('Connection broken: IncompleteRead(...)', IncompleteRead(...)): the text only.
        reason = reason.args[0]
    return _NOISE.sub('', str(reason)) or type(exc).__name__


_NOISE = re.compile(r'^(<[^>]*>|\w*Connection(Pool)?\([^)]*\)):\s*')
