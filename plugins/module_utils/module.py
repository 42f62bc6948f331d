# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# This module_utils file is private to pai.catalog; its API may change without notice.
"""Options -> engine, shared by modules and controller plugins, and the base of every module.

The option specs here are the single definition of the common, credential and endpoint options; the doc
fragments document exactly these.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import gc
import os

from ansible_collections.pai.catalog.plugins.module_utils import catalog, credentials, endpoints
from ansible_collections.pai.catalog.plugins.module_utils.client import Client
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError, Scrubber, invalid_option
from ansible_collections.pai.catalog.plugins.module_utils.transport import Transport

ENDPOINT_ENV = 'PAI_CATALOG_ENDPOINT_URL'
REGION_ENV = {'alibaba': ('ALIBABA_CLOUD_REGION_ID', 'ALICLOUD_REGION'), 'huawei': ('HUAWEICLOUD_SDK_REGION',)}

COMMON_SPEC = dict(
    regions=dict(type='list', elements='str', aliases=['region']),
    endpoint_url=dict(type='str'),
    endpoint_form=dict(type='str', choices=list(endpoints.FORMS), default='product'),
    network=dict(type='str', choices=list(endpoints.NETWORKS), default='public'),
    connect_timeout=dict(type='float', default=5.0),
    read_timeout=dict(type='float', default=10.0),
    validate_certs=dict(type='bool', default=True),
    ca_path=dict(type='path'),
    max_attempts=dict(type='int', default=8),
    max_retry_time=dict(type='float', default=60.0),
    rate_limit=dict(type='float', default=100.0),
    concurrency=dict(type='int', default=8),
    strict=dict(type='bool', default=True),
)
ALIBABA_SPEC = dict(
    access_key_id=dict(type='str', no_log=False),
    access_key_secret=dict(type='str', no_log=True),
    security_token=dict(type='str', no_log=True),
    api_key=dict(type='str', no_log=True),
    profile=dict(type='str'),
    profile_file=dict(type='path'),
)
HUAWEI_SPEC = dict(
    huawei_access_key=dict(type='str', no_log=False),
    huawei_secret_key=dict(type='str', no_log=True),
    huawei_project_id=dict(type='str'),
    huawei_security_token=dict(type='str', no_log=True),
    huawei_auth_token=dict(type='str', no_log=True),
)
VENDOR_SPECS = {'alibaba': ALIBABA_SPEC, 'huawei': HUAWEI_SPEC}
SECRETS_SPEC = dict(reveal_secrets=dict(type='bool', default=False))

# option -> (lowest, highest or None)
_LIMITS = dict(connect_timeout=(0.001, 600), read_timeout=(0.001, 3600), max_attempts=(1, 20),
               max_retry_time=(0, 3600), rate_limit=(0.1, 10000), concurrency=(1, 64))


def argument_spec(vendors=('alibaba', 'huawei'), secrets=False):
    """Common options plus the credential options of `vendors`. Modules take both vendors' options, so that
    module_defaults for group/pai.catalog.pai can hold everything; each resolves only the credentials of the
    vendors it calls."""
    spec = dict(COMMON_SPEC)
    for vendor in vendors:
        spec.update(VENDOR_SPECS[vendor])
    if secrets:
        spec.update(SECRETS_SPEC)
    return spec


def endpoint_url_from(options, environ=None):
    """(checked endpoint URL template or None, the name of the option it came from)."""
    environ = os.environ if environ is None else environ
    if options.get('endpoint_url'):
        return endpoints.check_endpoint_url(options['endpoint_url']), 'endpoint_url'
    if environ.get(ENDPOINT_ENV):
        option = 'endpoint_url (from %s)' % ENDPOINT_ENV
        return endpoints.check_endpoint_url(environ[ENDPOINT_ENV], option), option
    return None, 'endpoint_url'


def regions_from(options, vendors, environ=None, operations=None):
    """The regions option, deduplicated in order and checked, else the vendor's region environment variable.

    Checked before any request: the format of each region, their number, and with operations (catalog names),
    that each product has an endpoint in each region (unless endpoint_url is set) and that an endpoint_url
    without {region} is not asked for several regions (unless no operation is regional).
    """
    environ = os.environ if environ is None else environ
    regions = options.get('regions')
    if isinstance(regions, str):
        regions = [r.strip() for r in regions.split(',')]
    if not regions:
        variables = [v for vendor in vendors for v in REGION_ENV[vendor]]
        regions = next(([r.strip() for r in environ[v].split(',')] for v in variables if environ.get(v)), None)
        if not regions:
            raise ApiError('option regions is required (or set %s)' % ' or '.join(variables), code='InvalidOption')
    seen = []
    for region in regions:
        endpoints.check_region(region)
        if region not in seen:
            seen.append(region)
    if len(seen) > endpoints.MAX_REGIONS:
        raise ApiError('option regions: %d regions (%s, ...) are more than the %d allowed; no product has that '
                       'many' % (len(seen), ', '.join(seen[:3]), endpoints.MAX_REGIONS), code='InvalidOption')
    endpoint_url, option = endpoint_url_from(options, environ)
    ops = [catalog.operation(name) for name in operations or ()]
    if not ops or any(op['regional'] for op in ops):
        endpoints.check_fan_out(endpoint_url, seen, option)
    if not endpoint_url:
        for product_key in sorted(set(op['product_key'] for op in ops)):
            for region in seen:
                endpoints.check_known_region(product_key, region)
    return seen


def engine(options, vendors, environ=None):
    """Validate the common options and resolve credentials -> (Client, secrets to hide). No request is made."""
    environ = os.environ if environ is None else environ
    for name, (low, high) in _LIMITS.items():
        value = options.get(name)
        if value is not None and not low <= value <= high:
            raise invalid_option(name, value, 'allowed range: %s to %s' % (low, high))
    endpoint_url = endpoint_url_from(options, environ)[0]
    for name, allowed in (('endpoint_form', endpoints.FORMS), ('network', endpoints.NETWORKS)):
        if options.get(name) not in (None,) + allowed:
            raise invalid_option(name, options.get(name), 'allowed values: ' + ', '.join(allowed))
    resolvers = {'alibaba': credentials.alibaba, 'huawei': credentials.huawei}
    creds = dict((vendor, resolvers[vendor](options, environ)) for vendor in vendors)
    scrubber = Scrubber()
    for found in creds.values():
        found.register(scrubber)
    ca_path = options.get('ca_path')
    if ca_path and not os.path.isfile(ca_path):
        raise invalid_option('ca_path', ca_path, 'a readable file of PEM CA certificates')
    transport = Transport(
        connect_timeout=options.get('connect_timeout') or 5.0, read_timeout=options.get('read_timeout') or 10.0,
        validate_certs=options.get('validate_certs', True) is not False, ca_path=ca_path,
        max_attempts=options.get('max_attempts') or 8,
        max_retry_time=60.0 if options.get('max_retry_time') is None else options['max_retry_time'],
        rate_limit=options.get('rate_limit') or 100.0, pool_size=max(16, options.get('concurrency') or 8),
        scrubber=scrubber)
    client = Client(transport, creds, network=options.get('network') or 'public',
                    form=options.get('endpoint_form') or 'product', endpoint_url=endpoint_url,
                    reveal_secrets=bool(options.get('reveal_secrets')), concurrency=options.get('concurrency') or 8,
                    scrubber=scrubber)
    return client, scrubber


class CatalogModule:
    """The base of every *_info module: common options, check mode, one engine, exit/fail with ApiError details."""

    def __init__(self, operations, argument_spec=None, secrets=False, **kwargs):
        """operations: what the module may call; their vendors decide which credentials are resolved."""
        from ansible.module_utils.basic import AnsibleModule
        self.operations = operations
        self.vendors = sorted(set(catalog.operation(name)['vendor'] for name in operations))
        spec = globals()['argument_spec'](secrets=secrets)
        spec.update(argument_spec or {})
        self.module = AnsibleModule(argument_spec=spec, supports_check_mode=True, **kwargs)
        self.params = self.module.params
        # endpoint_url with a password is refused (endpoints.check_endpoint_url); nor may the module's arguments
        # in the result show it.
        self.module.no_log_values.update(v for v in [endpoints.userinfo(self.params.get('endpoint_url'))] if v)
        self._client = None
        self.failed = []

    @property
    def client(self):
        if self._client is None:
            self._client, scrubber = engine(self.params, self.vendors)
            self.module.no_log_values.update(scrubber)  # a second net: the engine scrubs what it returns itself
        return self._client

    def regions(self, operations=None):
        """The regions of the task, checked for the operations it calls (by default every one it may call)."""
        return regions_from(self.params, self.vendors,
                            operations=self.operations if operations is None else operations)

    def validate(self, name, exclude=()):
        """Wire parameters of an operation from this module's options, checked against the catalog."""
        values = dict((p['option'], self.params.get(p['option'])) for p in catalog.option_params(name)
                      if p['option'] not in exclude)
        return catalog.validate(name, values)

    def call(self, name, params, regions, paginate=None, strict=None):
        """Run an operation in every region. Unless strict, failed regions are kept in self.failed and
        reported as failed_regions while the others' items are returned."""
        strict = self.params.get('strict', True) if strict is None else strict
        result = self.client.call(name, params, regions, paginate=paginate, strict=strict)
        self.keep(result.errors)
        return result

    def run_jobs(self, name, jobs):
        """Client.run with the module's strictness; failed jobs go to failed_regions. A region with a failed job is
        left out as a whole, so that a result never holds part of a region."""
        return self._whole_regions(self.client.run(name, jobs, strict=self.params.get('strict', True)))

    def children(self, name, parents):
        """Client.children (parent -> child fan-out, from the catalog) with the module's strictness, as run_jobs."""
        return self._whole_regions(self.client.children(name, parents, strict=self.params.get('strict', True)))

    def _whole_regions(self, jobs):
        errors = [job.error for job in jobs if job.error is not None]
        self.keep(errors)
        failed = set(error.region for error in errors)
        return [job for job in jobs if job.region not in failed]

    def keep(self, errors):
        """Report errors of regions left out (strict=false). Only a transient failure may leave its region out;
        the first other one fails the task (the engine's failure policy, ApiError.transient)."""
        for error in errors:
            if not error.transient:
                raise error
        for error in errors:
            self.failed.append(error.to_dict())
            self.module.warn('%s; the results leave that region out' % error)

    def exit(self, **result):
        calls = dict(self._client.transport.calls) if self._client else {}
        self._warn_tls()
        self.module.exit_json(changed=False, api_calls=calls, failed_regions=self.failed, **result)

    def fail(self, error):
        if self._client is not None:
            self._client.scrubber.error(error)
            self._warn_tls()
        self.module.fail_json(msg=str(error), error=error.to_dict())

    def _warn_tls(self):
        """One warning per task when requests went out with validate_certs=false."""
        text = self._client.transport.tls_warning() if self._client else None
        if text:
            self.module.warn(text)

    def run(self, main):
        """Call main(self); turn an ApiError into a failure with its details. No traceback reaches the user."""
        # A large answer is many small containers without reference cycles. At the default threshold (700 new
        # containers) the cyclic collector passes over the growing heap hundreds of times: a fifth of this process's
        # CPU at 32,000 connections (docs/performance.md). Cycles are still collected, less often.
        threshold = gc.get_threshold()
        gc.set_threshold(max(threshold[0], 100000), *threshold[1:])
        try:
            main(self)
        except ApiError as error:
            self.fail(error)
        finally:
            if self._client is not None:
                self._client.transport.close()
