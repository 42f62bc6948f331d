# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
name: pai
short_description: PAI workspace connections and EAS private gateways as hosts and groups
version_added: 0.1.0
description:
  - Reads a YAML configuration file whose name ends in C(pai.yml) or C(pai.yaml), for example C(prod.pai.yml), and
    whose C(plugin) key is C(pai.catalog.pai). A file with another name is not read (ansible-core says that it
    "could not be verified"; this plugin adds a warning that names the suffix).
  - Lists the AIWorkSpace connections (C(ListConnections)) and the EAS private gateways (C(ListGateway)) of every
    region of O(regions) concurrently, with the custom domains of each gateway (C(ListGatewayDomains)), and makes
    each one a host.
  - Host variables are the fields of the resource, snake_case and prefixed C(pai_) (C(pai_connection_id),
    C(pai_region), C(pai_accessibility), C(pai_custom_domains), ...), plus C(pai_resource_type) (C(connection) or
    C(gateway)). Secret values are redacted unless O(reveal_secrets=true); credentials never become variables.
  - Default groups (O(default_groups)) are C(pai_connections), C(pai_gateways), C(pai_region_<region>),
    C(pai_type_<connection type>) (C(pai_type_gateway) for gateways) and C(pai_accessibility_<public|private>)
    (a gateway is public when its internet endpoint is enabled), with names sanitised to letters, digits and
    underscores.
  - With O(cache=true), the raw API results are cached per source and region (secrets redacted unless
    O(reveal_secrets=true)); groups and composed variables are rebuilt from them on every run. A run that finds
    everything in the cache makes no request and does not reset the cache's timeout. A region that failed is not
    cached and is asked again on the next run. The cache is keyed by the identity of the credentials (a
    fingerprint of the AccessKey ID, or of the bearer key, that reveals neither), so other credentials never read
    the hosts cached for another identity.
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  plugin:
    description: The name of this plugin; it makes the file a source for it.
    type: str
    required: true
    choices: [pai.catalog.pai]
  sources:
    description: What becomes hosts.
    type: list
    elements: str
    choices: [connections, gateways]
    default: [connections, gateways]
  connection_filters:
    description:
      - Filters of C(ListConnections), by the option names of M(pai.catalog.connection_info), for example
        C(workspace_id), C(connection_types), C(accessibility), C(model_types), C(tool_call), C(max_results).
      - Checked against the catalog (names, types, choices, ranges) before any request.
    type: dict
    default: {}
  gateway_filters:
    description:
      - Filters of C(ListGateway), by the option names of M(pai.catalog.gateway_info), for example
        C(gateway_name), C(resource_name), C(gateway_id), C(page_size).
    type: dict
    default: {}
  custom_domains:
    description:
      - Fetch the custom domains of every gateway (one C(ListGatewayDomains) per gateway, concurrently) into
        C(pai_custom_domains).
    type: bool
    default: true
  hostnames:
    description:
      - How hosts are named; the first entry that gives a non-empty value for a resource wins.
      - An entry is a field name (C(connection_name), or C(pai_connection_name)) or a Jinja2 expression over the
        host variables, for example C(pai_connection_name ~ '.' ~ pai_region).
      - An expression over a variable that a resource does not have (a connection's field, for a gateway) gives it
        no name, and the next entry is tried; the same holds in O(compose), where the variable is then not set.
        Any other error of an expression, and an expression that gives no host a value because its variables are
        undefined, fails the inventory with O(strict=true) and is a warning naming the expression and the error
        otherwise (once per expression).
      - A resource for which no entry gives a name is skipped with a warning (an error with O(strict=true)).
    type: list
    elements: str
    default: [connection_id, gateway_id]
  default_groups:
    description: Make the default groups (by source, region, type and accessibility).
    type: bool
    default: true
  reveal_secrets:
    description:
      - Put the values of each connection's C(secrets) in C(pai_secrets), and in the cache, instead of redacting
        them.
    type: bool
    default: false
  strict:
    description:
      - With V(true), a region that fails (after retries) fails the whole inventory, and so does an error in
        O(hostnames), O(compose), O(groups) or O(keyed_groups) (see O(hostnames) for what is an error there).
      - With V(false), a failing region is reported as a warning that names the region, operation, HTTP status,
        error code and request id, and the other regions load; entries of O(groups) and O(keyed_groups) that fail
        are skipped, and entries of O(hostnames) and O(compose) that fail are skipped with a warning.
      - Whatever O(strict) says, the inventory fails when the API refuses the credentials or their permissions
        (HTTP 401 or 403, an unknown, disabled or expired AccessKey or token, a signature that does not match),
        and when a source fails in every region, because an inventory without those hosts is wrong, not partial
        (and an AWX sync that overwrites would remove them all).
    type: bool
    default: false
extends_documentation_fragment:
  - pai.catalog.info_plugin
  - pai.catalog.plugin_alibaba_auth
  - pai.catalog.plugin_endpoint
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
notes:
  - Any change of the credentials' identity, O(regions), O(sources), the filters or the endpoint options uses new
    cache entries. Credentials are resolved before the cache is read (no request is made), so a run that finds
    everything in the cache still needs them.
  - Boolean options take V(true) or V(false) (also V(yes), V(no), V(on), V(off), V(1), V(0)); any other value is
    an error, as in modules.
'''

EXAMPLES = r'''
---
# prod.pai.yml (the name must end in pai.yml or pai.yaml): every connection and gateway of three regions,
# credentials from ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET
plugin: pai.catalog.pai
regions: [cn-hangzhou, cn-shanghai, ap-southeast-1]

---
# vectors.pai.yml: public vector stores only, named by their names, cached for an hour
plugin: pai.catalog.pai
profile: audit
regions: cn-hangzhou
sources: [connections]
connection_filters:
  accessibility: PUBLIC
  connection_types: [MilvusConnection, OpenSearchConnection]
hostnames:
  - pai_connection_name ~ '-' ~ pai_region
  - connection_id
keyed_groups:
  - key: pai_workspace_id
    prefix: workspace
groups:
  llm_capable: pai_models | default([]) | selectattr('model_type', 'eq', 'LLM') | list | length > 0
compose:
  ansible_host: pai_configs.baseUrl | default(omit)
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/pai-inventory
cache_timeout: 3600
strict: true
'''

import hashlib
import json
import os
import re
from concurrent.futures import ThreadPoolExecutor

from ansible import constants as C
from ansible.errors import AnsibleParserError, AnsibleUndefinedVariable
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.pai.catalog.plugins.module_utils import catalog
from ansible_collections.pai.catalog.plugins.module_utils import module as engine_module
from ansible_collections.pai.catalog.plugins.module_utils.client import Job
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError, invalid_option, is_denied
from ansible_collections.pai.catalog.plugins.plugin_utils.catalog_plugin import (
    check_booleans, engine_options, scrub, warn_tls)

SOURCES = dict(connections=dict(operation='ListConnections', filters='connection_filters', id='connection_id',
                                kind='connection'),
               gateways=dict(operation='ListGateway', filters='gateway_filters', id='gateway_id', kind='gateway'))
_IDENTIFIER = re.compile(r'^[A-Za-z_][A-Za-z0-9_]*$')
_UNSAFE = re.compile(r'[^A-Za-z0-9_]')
# A YAML or JSON file that names this plugin: "plugin: pai.catalog.pai"
_NAMES_PLUGIN = re.compile(r'''["']?plugin["']?\s*:\s*["']?pai\.catalog\.pai\b''')
SUFFIXES = ('pai.yml', 'pai.yaml')
_FAILED = object()  # what a template that failed gives


def group_name(*parts):
    """pai_region_cn_hangzhou: lowercase letters, digits and underscores."""
    return _UNSAFE.sub('_', '_'.join(str(p) for p in parts).lower())


def _what(error):
    return 'connections' if error.operation == 'ListConnections' else 'gateways'


def host_variables(kind, item):
    """The fields of a resource as host variables, each prefixed pai_ (never a reserved name such as tags)."""
    hostvars = dict(('pai_' + _UNSAFE.sub('_', str(key)), value) for key, value in item.items())
    hostvars['pai_resource_type'] = kind
    if kind == 'gateway':
        hostvars['pai_accessibility'] = 'PUBLIC' if item.get('internet_enabled') else 'PRIVATE'
    return hostvars


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'pai.catalog.pai'

    def verify_file(self, path):
        """Files whose name ends in pai.yml or pai.yaml. A file that names this plugin under another name gets a
        warning that says so, beside ansible-core's "could not be verified", which does not say why."""
        if not super(InventoryModule, self).verify_file(path):
            return False
        if path.endswith(SUFFIXES):
            return True
        try:
            with open(path, 'rb') as handle:
                names_plugin = _NAMES_PLUGIN.search(handle.read(65536).decode('utf-8', 'replace'))
        except (IOError, OSError):
            names_plugin = None
        if names_plugin:
            self.display.warning('pai.catalog.pai: %s names this plugin but is not read by it: the name of a '
                                 'pai.catalog.pai configuration file must end in %s, for example prod.pai.yml'
                                 % (path, ' or '.join(SUFFIXES)))
        return False

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        config = self._read_config_data(path)
        self._check_keys(config)
        error = check_booleans(config, C.config.get_configuration_definitions('inventory', self._load_name) or {})
        if error is not None:
            raise AnsibleParserError('%s: %s' % (path, error))
        self._secrets = []
        self._client = None
        failure = None
        try:
            data = self._load(path, cache)
        except ApiError as exc:
            failure = scrub(exc, self._secrets)
        finally:
            if self._client is not None:
                self._client.transport.close()
            warn_tls(self.NAME, self._client)
        if failure is not None:
            raise AnsibleParserError('%s: %s' % (path, failure))
        self._populate(data)

    def _check_keys(self, config):
        definitions = C.config.get_configuration_definitions('inventory', self._load_name) or {}
        known = set(definitions) | set(self._options)
        for definition in definitions.values():
            known.update(definition.get('aliases') or ())
        unknown = sorted(set(config) - known)
        if unknown:
            raise AnsibleParserError('unknown option%s in the pai.catalog.pai configuration: %s; known options: %s'
                                     % ('s' if len(unknown) > 1 else '', ', '.join(unknown),
                                        ', '.join(sorted(definitions or known))))

    # data ---------------------------------------------------------------------------------------------------

    def _load(self, path, cache):
        """(source, region) -> items: from the cache where it holds them, else from the API."""
        options = engine_options(self)
        self._regions = engine_module.regions_from(options, ['alibaba'])
        self._sources = list(self.get_option('sources'))
        params = dict((source, self._filters(source)) for source in self._sources)
        # Credentials are resolved before the cache is read (no request is made): the cache is keyed by who asks.
        self._client, self._secrets = engine_module.engine(options, ['alibaba'])
        fingerprint = self._fingerprint(options, params)
        base = self.get_cache_key(path)
        keys = dict(((source, region), '_'.join((base, source, group_name(region), fingerprint)))
                    for source in self._sources for region in self._regions)
        use_cache = bool(self.get_option('cache'))
        data = {}
        if use_cache and cache:
            for slot, key in keys.items():
                try:
                    data[slot] = self._cache[key]
                except KeyError:
                    continue
        wanted = [slot for slot in keys if slot not in data]
        self.display.vvv('pai.catalog.pai: %d of %d source/region entries from the cache'
                         % (len(keys) - len(wanted), len(keys)))
        fresh, errors = self._fetch(params, wanted) if wanted else ({}, [])
        data.update(fresh)
        self._tolerate(errors, data)
        if use_cache and fresh:
            # Only what was fetched is written: rewriting the entries that came from the cache would reset their
            # timeout. The adjudicator writes every key it holds, so the hits leave it first.
            for slot in keys:
                if slot not in fresh and keys[slot] in self._cache:
                    del self._cache[keys[slot]]
            for slot, items in fresh.items():
                self._cache[keys[slot]] = items
            self.update_cache_if_changed()
        return data

    def _filters(self, source):
        spec = SOURCES[source]
        given = self.get_option(spec['filters']) or {}
        known = [p['option'] for p in catalog.option_params(spec['operation'])]
        for key in given:
            if key not in known:
                raise invalid_option('%s.%s' % (spec['filters'], key), given[key],
                                     '%s takes the filters: %s' % (spec['operation'], ', '.join(known)))
        shown = dict((key, '%s.%s' % (spec['filters'], key)) for key in known)
        return catalog.validate(spec['operation'], given, shown)

    def _fingerprint(self, options, params):
        """What the cached data depends on besides the file and the region: who asks (the credentials'
        fingerprint, never a credential), where, and what."""
        endpoint_url = options.get('endpoint_url') or os.environ.get(engine_module.ENDPOINT_ENV)
        identity = sorted(creds.fingerprint() for creds in self._client.credentials.values())
        basis = dict(params=params, identity=identity, endpoint_url=endpoint_url, form=options.get('endpoint_form'),
                     network=options.get('network'), reveal=bool(options.get('reveal_secrets')),
                     domains=bool(self.get_option('custom_domains')))
        return hashlib.sha256(json.dumps(basis, sort_keys=True).encode('utf-8')).hexdigest()[:10]

    def _fetch(self, params, wanted):
        """Sources concurrently, each over its regions concurrently -> ((source, region) -> items, errors)."""
        by_source = {}
        for source, region in wanted:
            by_source.setdefault(source, []).append(region)
        fetchers = dict(connections=self._connections, gateways=self._gateways)
        with ThreadPoolExecutor(max_workers=max(1, len(by_source))) as pool:
            futures = [(source, pool.submit(fetchers[source], params[source], regions))
                       for source, regions in by_source.items()]
            outcomes = [(source, future.result()) for source, future in futures]
        fresh, errors = {}, []
        for source, (items_by_region, failed) in outcomes:
            fresh.update(((source, region), items) for region, items in items_by_region.items())
            errors.extend(failed)
        calls = self._client.transport.calls
        self.display.vvv('pai.catalog.pai: %s' % ', '.join('%s %d request(s)' % kv for kv in sorted(calls.items())))
        return fresh, errors

    def _tolerate(self, errors, data):
        """Failed regions: with strict false, a warning each and the other regions load. Two failures fail the
        source whatever strict says, because an inventory that loads without them is wrong, not partial (and a sync
        that overwrites would remove every host): credentials or permissions refused (errors.is_denied), and a
        source that no region gave."""
        denied = [error for error in errors if is_denied(error.status, error.code)]
        if denied:
            raise ApiError('access was refused (credentials or permissions), which fails the source whatever strict '
                           'says: %s' % denied[0], code=denied[0].code)
        if errors and self.get_option('strict'):
            raise errors[0]
        # The engine's failure policy: only a transient failure (ApiError.transient) leaves its region out.
        permanent = [error for error in errors if not error.transient]
        if permanent:
            raise permanent[0]
        for source in self._sources:
            if not any((source, region) in data for region in self._regions):
                error = next(e for e in errors if _what(e) == source)
                raise ApiError('the %s failed in every region, which fails the source whatever strict says: %s'
                               % (source, error), code=error.code)
        for error in errors:
            self.display.warning('pai.catalog.pai: the %s of %s are left out of the inventory: %s'
                                 % (_what(error), error.region, scrub(error, self._secrets)))

    def _connections(self, params, regions):
        result = self._client.call('ListConnections', params, regions, strict=False)
        return self._by_region(regions, result.items, result.errors), result.errors

    def _gateways(self, params, regions):
        result = self._client.call('ListGateway', params, regions, strict=False)
        by_region = self._by_region(regions, result.items, result.errors)
        errors = list(result.errors)
        if self.get_option('custom_domains') and result.items:
            jobs = [Job(g['region'], {'ClusterId': g['region'], 'GatewayId': g['gateway_id']}, g)
                    for g in result.items]
            for job in self._client.run('ListGatewayDomains', jobs, strict=False):
                if job.error is not None:
                    # The region's data is incomplete: report it and do not cache it.
                    errors.append(job.error)
                    by_region.pop(job.region, None)
                    continue
                job.tag['custom_domains'] = job.items
        return by_region, errors

    @staticmethod
    def _by_region(regions, items, errors):
        failed = set(e.region for e in errors)
        by_region = dict((region, []) for region in regions if region not in failed)
        for item in items:
            by_region.setdefault(item['region'], []).append(item)
        return by_region

    # hosts and groups ---------------------------------------------------------------------------------------

    def _populate(self, data):
        strict = self.get_option('strict')
        self._worked, self._undefined, self._warned = set(), {}, set()
        for source in self._sources:
            spec = SOURCES[source]
            for region in self._regions:
                for item in data.get((source, region)) or []:
                    hostvars = host_variables(spec['kind'], item)
                    name = self._hostname(item, hostvars)
                    if not name:
                        message = 'pai.catalog.pai: no entry of hostnames names %s %s in %s' % (
                            spec['kind'], item.get(spec['id']), region)
                        if strict:
                            raise AnsibleParserError(message)
                        self.display.warning(message + '; it is left out')
                        continue
                    self._add(name, source, hostvars, strict)
        for key, message in sorted(self._undefined.items()):
            if key not in self._worked:
                self._template_error(key, message + '; it gave no value for any host')

    def _hostname(self, item, hostvars):
        for entry in self.get_option('hostnames'):
            if _IDENTIFIER.match(entry):
                value = item.get(entry, hostvars.get(entry))
            else:
                value = self._evaluate('hostnames entry', entry, hostvars)
            if value not in (None, '', _FAILED) and not isinstance(value, (dict, list)):
                return str(value)
        return None

    def _evaluate(self, what, expression, hostvars):
        """The value of a hostnames or compose expression for one resource, or _FAILED.

        A template error is the user's: with strict it fails the inventory, naming the expression; without, it is a
        warning, once per expression. A variable that the resource lacks is not an error by itself: an expression
        over the fields of connections gives gateways no value (the next hostnames entry names them). It is one
        when the expression gave no value for any host, which _populate reports at the end.
        """
        try:
            value = self._compose(expression, hostvars)
        except Exception as exc:  # any error of the template engine: syntax, filters, undefined variables
            message = 'pai.catalog.pai: %s %r failed: %s' % (what, expression, exc)
            if isinstance(exc, AnsibleUndefinedVariable):
                self._undefined.setdefault((what, expression), message)
            else:
                self._template_error((what, expression), message)
            return _FAILED
        self._worked.add((what, expression))
        return value

    def _template_error(self, key, message):
        """strict: fail; else a warning, once per expression."""
        if self.get_option('strict'):
            raise AnsibleParserError(message)
        if key not in self._warned:
            self._warned.add(key)
            self.display.warning(message)

    def _add(self, name, source, hostvars, strict):
        if name in self.inventory.hosts:
            self.display.warning('pai.catalog.pai: two resources are named %s; the second one (%s) is left out'
                                 % (name, hostvars.get('pai_' + SOURCES[source]['id'])))
            return
        self.inventory.add_host(name)
        for key, value in hostvars.items():
            self.inventory.set_variable(name, key, value)
        if self.get_option('default_groups'):
            groups = ['pai_' + source, group_name('pai_region', hostvars['pai_region']),
                      group_name('pai_type', hostvars.get('pai_connection_type') or hostvars['pai_resource_type'])]
            if hostvars.get('pai_accessibility'):
                groups.append(group_name('pai_accessibility', hostvars['pai_accessibility']))
            for group in groups:
                self.inventory.add_group(group)
                self.inventory.add_child(group, name)
        for variable, expression in (self.get_option('compose') or {}).items():
            value = self._evaluate('compose entry %s:' % variable, expression, hostvars)
            if value is not _FAILED:
                self.inventory.set_variable(name, variable, value)
        self._add_host_to_composed_groups(self.get_option('groups'), hostvars, name, strict=strict)
        self._add_host_to_keyed_groups(self.get_option('keyed_groups'), hostvars, name, strict=strict)
