# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# This module_utils file is private to pai.catalog; its API may change without notice.
"""The one error value of the engine.

Everything below a module, lookup or inventory raises ApiError; only those edges turn it into
fail_json, AnsibleLookupError or AnsibleParserError.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json
import threading
from urllib.parse import quote


# The recommended actions of the seed's error table (pai-api-catalog, "Error Handling"): by code, for the
# operations the code belongs to (None: any), then by HTTP status.
CODE_ACTIONS = {
    'InvalidParameter.ClusterId': ('Use a valid region ID (e.g. cn-hangzhou, cn-shanghai).', None),
    'InvalidParameter.GatewayId': ('Obtain the correct GatewayId from the ListGateway API response.', None),
    'ResourceNotFound': ('Ensure the gateway exists in the specified cluster and you have access to it.',
                         ('DescribeGateway', 'ListGatewayDomains')),
    'UnauthorizedOperation': ('Assign appropriate RAM policies to your user or role.', None),
}
# Credential failures, by code prefix: which credential to check, before the generic advice of the status.
PREFIX_ACTIONS = (
    ('InvalidAccessKeyId', 'Check the AccessKey ID: it must exist and be enabled in the RAM console.'),
    ('SignatureDoesNotMatch', 'Check that the AccessKey secret belongs to the AccessKey ID.'),
    ('InvalidSecurityToken', 'Get a new STS token: it has expired or does not belong to the AccessKey.'),
    ('InvalidTimeStamp', 'Synchronise the clock of the host that runs the task (NTP).'),
    ('APIG.1002', 'Get a new IAM token (they last 24 hours) or use AK/SK.'),
    ('APIG.0308', 'Lower rate_limit or retry later: the API is throttling the account.'),
    ('APIG.030', 'Check the Huawei AK/SK, the project ID and the clock of the host that runs the task.'),
    ('InvalidRegionId', 'Use a region where the product is available, or set endpoint_url.'),
    ('Throttling', 'Lower rate_limit or retry later: the account quota is 100 requests per second.'),
)
STATUS_ACTIONS = {
    400: 'Validate all required parameters and their formats.',
    401: 'Ensure your API key or credentials are valid and correctly formatted.',
    403: 'Verify your account has the necessary RAM permissions for the requested operation.',
    404: 'Confirm the WorkspaceId, ConnectionId, or other resource identifiers are correct.',
    408: 'Retry the request; if it keeps timing out, raise read_timeout or check the network path.',
    429: 'Lower rate_limit or retry later: the account quota is 100 requests per second.',
    500: 'Retry the request after a short delay; contact support if the issue persists.',
    503: 'Implement exponential backoff and retry logic.',
}

RETRYABLE_STATUS = frozenset((408, 429, 500, 502, 503, 504))
# Throttling that some services answer with a 400: Alibaba's Throttling* codes, Huawei API Gateway's APIG.0308.
THROTTLING_CODES = ('Throttling', 'APIG.0308')
# Refusals of the credentials (wrong, unknown, disabled or expired; a clock too far off to sign), by code prefix:
# Alibaba's, then Huawei API Gateway's (APIG.030x but the throttling APIG.0308, and APIG.1002, a bad IAM token).
DENIED_CODES = ('InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidSecurityToken', 'InvalidApiKey',
                'InvalidTimeStamp', 'APIG.030', 'APIG.1002')


def recommended_action(code, status, operation=None):
    """The seed's recommended action for an error code (where it applies to the operation), else for its status."""
    action, operations = CODE_ACTIONS.get(code, (None, None))
    if action and (operations is None or operation in operations):
        return action
    for prefix, text in PREFIX_ACTIONS:
        if code and code.startswith(prefix):
            return text
    return STATUS_ACTIONS.get(status)


def is_throttling(status, code):
    """True for the answers that say "too many requests": 429 and the throttling codes (some come with a 400)."""
    return status == 429 or (bool(code) and str(code).startswith(THROTTLING_CODES))


def is_retryable(status, code):
    """True for the transient failures: timeouts, throttling, 5xx and ServiceUnavailable."""
    if status in RETRYABLE_STATUS:
        return True
    return bool(code) and (code.startswith(THROTTLING_CODES) or code == 'ServiceUnavailable')


def is_denied(status, code):
    """True when the API refused the caller, not the request: 401, 403, and the credential codes that come with
    another status (Alibaba answers a wrong secret with a 400 SignatureDoesNotMatch, an unknown AccessKey with a 404
    InvalidAccessKeyId.NotFound; Huawei's APIG.030x with a 401 or 403). The same credentials fail the same way in
    every region, so these failures fail closed wherever a failed region would otherwise be tolerated."""
    if status in (401, 403):
        return True
    code = str(code or '')
    return code.startswith(DENIED_CODES) and not is_throttling(status, code)


class ApiError(Exception):
    """One failure: of the user's input (no status), of the network (status None, code set) or of the API."""

    FIELDS = ('status', 'code', 'message', 'request_id', 'region', 'operation', 'recommended_action', 'attempts',
              'transient')

    def __init__(self, message, status=None, code=None, request_id=None, region=None, operation=None,
                 recommended_action=None, attempts=None, retryable=False, retry_after=None):
        super(ApiError, self).__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.request_id = request_id
        self.region = region
        self.operation = operation
        self.recommended_action = recommended_action
        self.attempts = attempts
        self.retryable = retryable
        self.retry_after = retry_after

    @property
    def transient(self):
        """The failure policy, decided here once: True when the same request may succeed later (the network, a
        body cut short, 5xx, 408, 429, throttling), False for what will fail again (credentials, permissions, a bad
        request, TLS, paging anomalies, bad input). Where a region may be tolerated, only a transient failure is."""
        return bool(self.retryable) or is_retryable(self.status, self.code)

    def to_dict(self):
        return dict((name, getattr(self, name)) for name in self.FIELDS if getattr(self, name) is not None)

    def __str__(self):
        where = ''
        if self.operation:
            where = self.operation + (' in ' + self.region if self.region else '') + ' failed: '
        what = []
        if self.status is not None:
            what.append('HTTP %s' % self.status)
        if self.code and self.status is not None and str(self.code) != str(self.status):
            what.append(str(self.code))
        text = where + (' '.join(what) + ': ' if what else '') + str(self.message)
        if self.request_id:
            text += ' (request id %s)' % self.request_id
        if self.attempts and self.attempts > 1:
            text += ' after %d attempts' % self.attempts
        if self.recommended_action:
            text += '. Recommended action: ' + self.recommended_action
        return text


def invalid_option(option, value, allowed):
    """The error for bad user input, raised before any request: names the option, the value and what is allowed."""
    return ApiError('option %s: %r is not valid; %s' % (option, value, allowed), code='InvalidOption')


PLACEHOLDER = '********'
# A run of this many characters of a credential is treated as the credential: it is what survives when a quote cuts
# a value short, and no longer run of a random token appears in ordinary text by chance.
FRAGMENT = 8


class Scrubber:
    """Every credential value the engine holds, whatever its source, and their removal from what leaves it.

    One per run (engine() makes it; the transport and the client hold it). Credentials register their values when
    they are resolved and temporary credentials when they are obtained (credentials.Credentials.register and
    update), so that one object knows them all. Thread-safe.

    text() hides each value in the forms a library or a server may quote it in (as is, with Python's or JSON's
    escapes, percent-encoded), and any run of FRAGMENT or more characters of one: the head of a value cut at the end
    of a quote, its tail at the start of one, or a piece a server cut itself. Values shorter than FRAGMENT are hidden
    where they appear whole (from 4 characters; shorter ones would hide ordinary words). Iterating gives every form
    hidden, for Ansible's no_log_values.
    """

    def __init__(self, values=()):
        self._lock = threading.Lock()
        self._forms = frozenset()
        self._grams = frozenset()
        self.add(*values)

    def add(self, *values):
        """Register credential values (None and empty values are ignored)."""
        forms = set()
        for value in values:
            if isinstance(value, str) and len(value) >= 4:
                forms.update(_quoted_forms(value))
        with self._lock:
            forms -= self._forms
            if forms:
                self._forms = self._forms | forms
                self._grams = self._grams | frozenset(
                    form[i:i + FRAGMENT] for form in forms for i in range(len(form) - FRAGMENT + 1))

    def __iter__(self):
        return iter(sorted(self._forms))

    def text(self, text):
        """text with every credential, and every long fragment of one, replaced by PLACEHOLDER."""
        text = text if isinstance(text, str) else str(text)
        forms, grams = self._forms, self._grams
        for form in sorted(forms, key=len, reverse=True):
            if form in text:
                text = text.replace(form, PLACEHOLDER)
        if not grams or len(text) < FRAGMENT:
            return text
        spans = []
        for start in range(len(text) - FRAGMENT + 1):
            if text[start:start + FRAGMENT] in grams:
                if spans and start <= spans[-1][1]:
                    spans[-1][1] = start + FRAGMENT
                else:
                    spans.append([start, start + FRAGMENT])
        for start, end in reversed(spans):
            text = text[:start] + PLACEHOLDER + text[end:]
        return text

    def body(self, content):
        """A raw response body (bytes) with every credential, in every form, replaced by PLACEHOLDER: done before
        anything parses, quotes or truncates it. Only whole values: a fast search, fit for bodies of any size."""
        if not content:
            return content
        for form in sorted(self._forms, key=len, reverse=True):
            raw = form.encode('utf-8')
            if raw in content:
                content = content.replace(raw, PLACEHOLDER.encode('utf-8'))
        return content

    def error(self, error):
        """Scrub every text field of an ApiError in place; returns it."""
        for name in ApiError.FIELDS:
            value = getattr(error, name, None)
            if isinstance(value, str):
                setattr(error, name, self.text(value))
        error.args = tuple(self.text(a) if isinstance(a, str) else a for a in error.args)
        return error


def _quoted_forms(value):
    """A value as is, with Python's escapes (repr), with JSON's (also the \\/ some encoders write) and
    percent-encoded."""
    encoded = json.dumps(value)[1:-1]
    return set((value, repr(value)[1:-1], encoded, encoded.replace('/', '\\/'), quote(value, safe='')))
