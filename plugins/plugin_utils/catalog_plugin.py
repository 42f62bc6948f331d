# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# This plugin_utils file is private to pai.catalog; its API may change without notice.
"""Controller-side glue shared by the lookups and the inventory: plugin options -> engine options, the
classification of API errors (missing, denied, other), scrubbing of secrets from log lines, and the base class of
every lookup.

Nothing heavy is imported here: `requests` is imported by the transport when the first request is sent, and
`jmespath` only by a lookup whose `query` option is set.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

from ansible import constants as C
from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display

from ansible_collections.pai.catalog.plugins.module_utils import module as engine_module
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError, Scrubber, invalid_option, is_denied
from ansible_collections.pai.catalog.plugins.module_utils.transport import missing_library

display = Display()

# The options that the engine resolves itself from the environment, in its own order of precedence.
ENGINE_OPTIONS = (tuple(engine_module.COMMON_SPEC) + tuple(engine_module.ALIBABA_SPEC) +
                  tuple(engine_module.HUAWEI_SPEC) + tuple(engine_module.SECRETS_SPEC))


def engine_options(plugin, names=ENGINE_OPTIONS):
    """The plugin's options as the engine takes them.

    Values that Ansible's configuration found in environment variables are left out: the engine reads the same
    variables itself, with the precedence the modules have (options, then the environment, then profile files,
    where the first place that holds any credential of a vendor decides).
    """
    options = {}
    for name in names:
        try:
            value, origin = plugin.get_option_and_origin(name)
        except KeyError:
            continue
        if str(origin).startswith('env:'):
            continue
        options[name] = value
    return options


def classify(error):
    """'denied' (errors.is_denied: 401, 403, credentials refused), 'missing' (other 404s) or None (anything else).

    An unknown path or action (InvalidAction.*) is never 'missing': it is a fault of the request, not of the data.
    """
    code = str(error.code or '')
    if is_denied(error.status, code):
        return 'denied'
    if error.status == 404 and not code.startswith('InvalidAction'):
        return 'missing'
    return None


def check_booleans(values, definitions, variables=False):
    """The error (an ApiError) for the first value of a bool option that is not a boolean, else None.

    Ansible's configuration reads any string that it does not know as false, so that `reveal_secrets: maybe` would
    mean false; modules refuse such a value, and so do the plugins, naming the option, the value and the values
    allowed. values: what the user gave, by option name or alias, or with variables=True by variable name.
    """
    from ansible.module_utils.parsing.convert_bool import BOOLEANS
    options = {}
    for option, definition in definitions.items():
        if definition.get('type') in ('bool', 'boolean'):
            names = ([entry['name'] for entry in definition.get('vars') or ()] if variables
                     else [option] + list(definition.get('aliases') or ()))
            options.update((name, option) for name in names)
    for name in sorted(set(values) & set(options)):
        value = values[name]
        if value is None or isinstance(value, bool):
            continue
        try:
            valid = (value.strip().lower() if isinstance(value, str) else value) in BOOLEANS
        except TypeError:  # a list or a dictionary
            valid = False
        if not valid:
            shown = name if name == options[name] else '%s (variable %s)' % (options[name], name)
            return invalid_option(shown, value, 'allowed values: true, false (also yes, no, on, off, 1, 0)')
    return None


def scrub(text, secrets):
    """The text of a message (an ApiError, a warning) as it may leave the plugin: every credential, and every long
    fragment of one, replaced by a placeholder. secrets: the engine's Scrubber, or values (see errors.Scrubber)."""
    return (secrets if isinstance(secrets, Scrubber) else Scrubber(secrets)).text(str(text))


def warn_tls(name, client):
    """One warning per lookup or source run when requests went out with validate_certs=false."""
    text = client.transport.tls_warning() if client is not None else None
    if text:
        display.warning('%s: %s' % (name, text))


class CatalogLookup(LookupBase):
    """The base of every lookup: options -> engine -> items -> query -> list.

    A subclass sets VENDORS (whose credentials it needs) and implements items(terms), which returns a list and
    raises ApiError; errors of single regions go through self.handle() so that on_missing and on_denied apply.
    """

    VENDORS = ()

    @property
    def name(self):
        """The name users know the lookup by, e.g. pai.catalog.connections."""
        return getattr(self, 'ansible_name', None) or self._load_name

    def run(self, terms, variables=None, **kwargs):
        definitions = C.config.get_configuration_definitions('lookup', self._load_name) or {}
        var_options = self._variables(variables, definitions)
        self._check_kwargs(kwargs, definitions, var_options)
        self.set_options(var_options=var_options, direct=kwargs)
        query = self.compile_query()
        self._client = None
        self._secrets = []
        failure = None
        try:
            items = self.items(list(terms or []))
        except ApiError as exc:
            failure = scrub(exc, self._secrets)
        finally:
            if self._client is not None:
                self._client.transport.close()
            warn_tls(self.name, self._client)
        if failure is not None:
            # Raised outside the except block, so that no chained exception (or traceback) goes with it.
            raise AnsibleLookupError(failure)
        return self.finish(items, query)

    # options ----------------------------------------------------------------------------------------------

    def _variables(self, variables, definitions):
        """The pai_catalog_* variables that options read, templated (the configuration system does not)."""
        if not variables:
            return None
        names = set(entry['name'] for definition in definitions.values() for entry in definition.get('vars') or ())
        found = {}
        for name in names:
            if name in variables:
                value = variables[name]
                found[name] = self._templar.template(value) if self._templar is not None else value
        return found

    def _check_kwargs(self, kwargs, definitions, var_options=None):
        """An unknown keyword is an error naming the known ones, not silently ignored; a value that is not one of
        the choices, or not a boolean where one is wanted (in a keyword or a pai_catalog_* variable), is an error
        naming the values allowed."""
        known = set(definitions)
        for definition in definitions.values():
            known.update(definition.get('aliases') or ())
        unknown = sorted(set(kwargs) - known)
        if unknown:
            raise AnsibleLookupError('%s: unknown option%s %s; known options: %s' % (
                self.name, 's' if len(unknown) > 1 else '', ', '.join(unknown),
                ', '.join(sorted(n for n in definitions if not n.startswith('_')))))
        # Ansible's own check of choices names neither the values allowed nor, for lists, the value refused.
        for name, definition in definitions.items():
            choices = definition.get('choices')
            value = kwargs.get(name)
            if not choices or value is None:
                continue
            values = value if isinstance(value, (list, tuple)) else [value]
            bad = [v for v in values if v not in choices]
            if bad:
                raise AnsibleLookupError('%s: option %s: %r is not valid; allowed values: %s' % (
                    self.name, name, bad[0], ', '.join(str(c) for c in choices)))
        error = check_booleans(kwargs, definitions) or check_booleans(var_options or {}, definitions, variables=True)
        if error is not None:
            raise AnsibleLookupError('%s: %s' % (self.name, error))

    def options(self, names=ENGINE_OPTIONS):
        return engine_options(self, names)

    @property
    def client(self):
        if self._client is None:
            self._client, self._secrets = engine_module.engine(self.options(), list(self.VENDORS))
        return self._client

    def regions(self, vendors=None):
        return engine_module.regions_from(self.options(('regions', 'endpoint_url')), list(vendors or self.VENDORS))

    # results ----------------------------------------------------------------------------------------------

    def call(self, name, params, regions, paginate=None):
        """Client.call over every region, strict=False: the errors of single regions go through handle()."""
        result = self.client.call(name, params, regions, paginate=paginate, strict=False)
        self.handle(result.errors)
        self.log(name, regions, len(result.items))
        return result

    def run_jobs(self, name, jobs, paginate=True):
        """Client.run of several jobs (one operation, several parameter sets); errors are left on the jobs."""
        jobs = self.client.run(name, jobs, paginate=paginate, strict=False)
        self.log(name, sorted(set(job.region for job in jobs)), sum(len(job.items) for job in jobs))
        return jobs

    def children(self, name, parents):
        """Client.children (parent -> child fan-out, from the catalog); errors are left on the jobs."""
        jobs = self.client.children(name, parents, strict=False)
        self.log(name, sorted(set(job.region for job in jobs)), sum(len(job.items) for job in jobs))
        return jobs

    def handle(self, errors):
        """Apply on_missing / on_denied to errors of single regions; any other error fails the lookup."""
        for error in errors:
            self.outcome(classify(error), error)

    def outcome(self, kind, error):
        """kind: 'missing', 'denied' or None; error: an ApiError. Raise, warn or stay silent as the policy says."""
        policy = self.get_option('on_' + kind) if kind else 'error'
        if policy == 'error':
            raise error
        if policy == 'warn':
            display.warning('%s: %s' % (self.name, scrub(error, self._secrets)))

    def log(self, name, regions, count):
        """-vvv: operation, regions and counts only; never options or values."""
        calls = sum(self._client.transport.calls.values()) if self._client is not None else 0
        display.vvv('%s: %s in %s -> %d item(s), %d request(s) so far' % (
            self.name, name, ', '.join(regions) or 'no region', count, calls))

    def compile_query(self):
        """The query option, compiled before any request (None without one): a syntax error must not wait until
        everything has been fetched."""
        query = self.get_option('query')
        if not query:
            return None
        jmespath = self._jmespath()
        failure = None
        try:
            return jmespath.compile(query)
        except jmespath.exceptions.JMESPathError as exc:
            failure = '%s: option query: %r is not a valid JMESPath expression: %s' % (self.name, query, exc)
        raise AnsibleLookupError(failure)

    def _jmespath(self):
        """jmespath, imported only for the query option; every import goes through here."""
        try:
            import jmespath
        except ImportError:
            raise AnsibleLookupError('%s: the query option needs %s' % (
                self.name, missing_library('jmespath', 'the controller').message))
        return jmespath

    def finish(self, items, query=None):
        """Apply the compiled query; always a list, [] when empty."""
        items = list(items or [])
        if query is None:
            return items
        jmespath = self._jmespath()
        failure = None
        try:
            value = query.search(items)
        except jmespath.exceptions.JMESPathError as exc:
            failure = '%s: option query: %r failed on the items: %s' % (self.name, query.expression, exc)
        if failure:
            raise AnsibleLookupError(failure)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    def items(self, terms):
        raise NotImplementedError()


def by_id(lookup, name, jobs, what, decorate=None):
    """Jobs that look one ID (the job's tag) up in every region: the items of the regions that have it; a 404
    elsewhere is expected. decorate(job, item) -> item, if given, adds what the job knows to each item.

    An ID found in no region is 'missing' (on_missing); other errors go through on_denied or fail.
    """
    jobs = lookup.run_jobs(name, jobs)
    found = {}
    for job in jobs:
        if job.error is None:
            found.setdefault(job.tag, []).extend(decorate(job, item) if decorate else item for item in job.items)
            continue
        if classify(job.error) != 'missing':
            lookup.outcome(classify(job.error), job.error)
    items = []
    for tag in _unique(job.tag for job in jobs):
        if tag in found:
            items.extend(found[tag])
            continue
        regions = [job.region for job in jobs if job.tag == tag]
        errors = [job.error for job in jobs if job.tag == tag and job.error is not None]
        if any(classify(e) != 'missing' for e in errors):
            continue  # refused (and skipped or warned about) somewhere: whether it exists is not known
        request_ids = [e.request_id for e in errors if e.request_id]
        lookup.outcome('missing', ApiError('%s %s was not found in %s' % (what, tag, ', '.join(regions)),
                                           code='NotFound', operation=name,
                                           request_id=request_ids[0] if request_ids else None))
    return items


def _unique(values):
    seen = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen
