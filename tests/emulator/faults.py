# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Runtime knobs: latency, random faults, QPS token bucket and down regions."""

import random
import threading
import time

FAULT_KINDS = ('500', '502', '503', '408', '429', '429-no-header', 'throttle-400', 'drop', 'truncate')
RETRY_AFTER_MS = 1000
# Paging anomalies of ListConnections (token), ListGateway (page) and ListBaseModels (offset), one at a time:
# repeat_token  ListConnections answers a NextToken with that same NextToken (an endless loop for a naive client)
# repeat_page   ListGateway / ListBaseModels ignore PageNumber / offset: every page is the first one
# oversize_page a page holds one item more than MaxResults / PageSize / limit asked for
# total_drift   TotalCount / total is one higher on every page but the first
PAGING_ANOMALIES = ('repeat_token', 'repeat_page', 'oversize_page', 'total_drift')
BODY_FAULTS = ('html', 'empty')
# A misconfigured proxy or gateway that refuses every request (400) and repeats its headers in the error body:
# json    the vendor's JSON error shape, the headers in its message
# html    an HTML page with the headers in a <pre> block
# padded  plain text padded so that the value of the request's credential header straddles character ECHO_CUT (200,
#         the length clients commonly quote of a body that is not JSON): half of the credential before it
ECHO_SHAPES = ('json', 'html', 'padded')
ECHO_CUT = 200
# The headers that carry a credential itself (not a signature derived from it), the first one present is padded.
CREDENTIAL_HEADERS = ('x-acs-security-token', 'x-security-token', 'x-acs-bearer-token', 'x-auth-token', 'authorization')
KNOBS = ('latency_ms', 'fault_rate', 'faults', 'qps', 'down_regions', 'message_config_error_code', 'paging_anomaly',
         'clock_skew_seconds', 'body_fault', 'echo_headers')


class ConfigError(ValueError):
    pass


def parse_faults(value):
    if value is None:
        return list(FAULT_KINDS)
    if isinstance(value, str):
        value = [v.strip() for v in value.split(',') if v.strip()]
    kinds = [str(v) for v in value]
    unknown = [k for k in kinds if k not in FAULT_KINDS]
    if unknown:
        raise ConfigError('unknown fault kind(s) %s; allowed: %s' % (', '.join(unknown), ', '.join(FAULT_KINDS)))
    return kinds


class Knobs(object):
    """Thread-safe mutable configuration plus the token bucket."""

    def __init__(self, latency_ms=0, fault_rate=0.0, faults=None, qps=None, seed=7):
        self.lock = threading.Lock()
        self.rng = random.Random(seed * 7919 + 1)
        self.latency_ms = 0
        self.fault_rate = 0.0
        self.faults = list(FAULT_KINDS)
        self.qps = None
        self.down_regions = []
        self.message_config_error_code = 0
        self.paging_anomaly = None
        self.clock_skew_seconds = 0
        self.body_fault = None
        self.echo_headers = None
        self.tokens = 0.0
        self.last = time.monotonic()
        self.update({'latency_ms': latency_ms, 'fault_rate': fault_rate, 'faults': faults, 'qps': qps})

    def update(self, changes):
        """Apply a dict of changes (keys as in POST /_emulator/config); raise ConfigError if invalid."""
        unknown = set(changes) - set(KNOBS)
        if unknown:
            raise ConfigError('unknown config key(s): %s' % ', '.join(sorted(unknown)))
        new = self.snapshot()
        try:
            if 'latency_ms' in changes:
                new['latency_ms'] = max(0, int(changes['latency_ms'] or 0))
            if 'fault_rate' in changes:
                new['fault_rate'] = float(changes['fault_rate'] or 0)
                if not 0 <= new['fault_rate'] <= 1:
                    raise ConfigError('fault_rate must be between 0 and 1')
            if 'faults' in changes:
                new['faults'] = parse_faults(changes['faults'])
            if 'qps' in changes:
                new['qps'] = float(changes['qps']) if changes['qps'] else None
                if new['qps'] is not None and new['qps'] <= 0:
                    raise ConfigError('qps must be positive (or null for unlimited)')
            if 'down_regions' in changes:
                new['down_regions'] = [str(r) for r in (changes['down_regions'] or [])]
            if 'message_config_error_code' in changes:
                new['message_config_error_code'] = int(changes['message_config_error_code'] or 0)
            if 'paging_anomaly' in changes:
                new['paging_anomaly'] = changes['paging_anomaly'] or None
                if new['paging_anomaly'] not in (None,) + PAGING_ANOMALIES:
                    raise ConfigError('paging_anomaly must be one of %s (or null)' % ', '.join(PAGING_ANOMALIES))
            if 'clock_skew_seconds' in changes:
                new['clock_skew_seconds'] = int(changes['clock_skew_seconds'] or 0)
            if 'body_fault' in changes:
                new['body_fault'] = changes['body_fault'] or None
                if new['body_fault'] not in (None,) + BODY_FAULTS:
                    raise ConfigError('body_fault must be one of %s (or null)' % ', '.join(BODY_FAULTS))
            if 'echo_headers' in changes:
                new['echo_headers'] = changes['echo_headers'] or None
                if new['echo_headers'] not in (None,) + ECHO_SHAPES:
                    raise ConfigError('echo_headers must be one of %s (or null)' % ', '.join(ECHO_SHAPES))
        except (TypeError, ValueError) as exc:
            raise ConfigError(str(exc))
        with self.lock:
            for key, value in new.items():
                setattr(self, key, value)
            if 'qps' in changes:
                self.tokens = self.qps or 0.0
                self.last = time.monotonic()
        return self.snapshot()

    def snapshot(self):
        return {'latency_ms': self.latency_ms, 'fault_rate': self.fault_rate, 'faults': list(self.faults),
                'qps': self.qps, 'down_regions': list(self.down_regions),
                'message_config_error_code': self.message_config_error_code, 'paging_anomaly': self.paging_anomaly,
                'clock_skew_seconds': self.clock_skew_seconds, 'body_fault': self.body_fault,
                'echo_headers': self.echo_headers}

    def now(self):
        """The emulator's clock for signature timestamps: the real one moved by clock_skew_seconds (None: unmoved)."""
        return time.time() + self.clock_skew_seconds if self.clock_skew_seconds else None

    def sleep(self):
        if self.latency_ms:
            time.sleep(self.latency_ms / 1000.0)

    def take_token(self):
        """Token bucket over all API requests: False when the request exceeds the QPS limit."""
        with self.lock:
            if not self.qps:
                return True
            now = time.monotonic()
            self.tokens = min(self.qps, self.tokens + (now - self.last) * self.qps)
            self.last = now
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            return False

    def pick_fault(self):
        with self.lock:
            if self.fault_rate <= 0 or not self.faults or self.rng.random() >= self.fault_rate:
                return None
            return self.rng.choice(self.faults)


def fault_response(kind, vendor):
    """(status, json body or None, extra headers, content type override) for an HTTP-level fault.

    drop and truncate are handled by the server; 502 is an HTML page from the load balancer, like the real one.
    """
    retry = {'x-acs-retry-after': str(RETRY_AFTER_MS), 'Retry-After': str(RETRY_AFTER_MS // 1000)}
    if kind == '502':
        return 502, None, {}, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>'
    if vendor == 'huawei':
        table = {
            '500': (500, 'common.00000500', 'internal error', {}),
            '503': (503, 'APIG.0201', 'Backend unavailable', {}),
            '408': (408, 'common.00000408', 'timeout exception occurred', {}),
            '429': (429, 'APIG.0308', 'The request is throttled: the throttling threshold has been reached.', {'Retry-After': retry['Retry-After']}),
            '429-no-header': (429, 'APIG.0308', 'The request is throttled: the throttling threshold has been reached.', {}),
            'throttle-400': (400, 'APIG.0308', 'The request is throttled: the throttling threshold has been reached.', {}),
        }
        status, code, msg, headers = table[kind]
        return status, {'error_code': code, 'error_msg': msg}, headers, None
    table = {
        '500': (500, 'InternalError', 'The request processing has failed due to some unknown error.', {}),
        '503': (503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.', {}),
        '408': (408, 'RequestTimeout', 'The request timed out on the server side.', {}),
        '429': (429, 'Throttling.User', 'Request was denied due to user flow control.', retry),
        '429-no-header': (429, 'Throttling.User', 'Request was denied due to user flow control.', {}),
        'throttle-400': (400, 'Throttling.User', 'Request was denied due to user flow control.', {}),
    }
    status, code, msg, headers = table[kind]
    return status, {'Code': code, 'Message': msg}, headers, None


def echo_text(shape, headers):
    """The body of an echo_headers refusal in the html or padded shape (json: see echo_message), as text.

    headers: the request's headers, lowercase names, as received.
    """
    lines = ['%s: %s' % (name, value) for name, value in sorted(headers.items())]
    if shape == 'html':
        return ('<html><head><title>400 Bad Request</title></head><body><h1>400 Bad Request</h1>'
                '<p>The gateway refused the request:</p><pre>%s</pre></body></html>' % '\n'.join(lines))
    name = next((n for n in CREDENTIAL_HEADERS if headers.get(n)), None)
    if name is None:
        return 'Bad Request: the gateway refused the request; headers: ' + '; '.join(lines)
    value = headers[name]
    secret = value.split(' ')[-1]  # "Bearer <key>": the key itself must straddle the cut
    lead = '%s: %s' % (name, value[:len(value) - len(secret)])
    text = 'Bad Request: the gateway refused the request '
    text += '-' * max(0, ECHO_CUT - len(secret) // 2 - len(text) - len(lead) - 1) + ' ' + lead
    return text + secret + '; ' + '; '.join(line for line in lines if not line.startswith(name + ':'))


def echo_message(headers):
    """The message of an echo_headers refusal in the json shape."""
    return 'the gateway refused the request; request headers: ' + '; '.join(
        '%s: %s' % (name, value) for name, value in sorted(headers.items()))
