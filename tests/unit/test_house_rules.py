# Copyright (c) pai.catalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The recipes of docs/development.md, kept by tests: each fails when a recipe step is left out.

* add an operation: every catalog operation has an emulator route and a fidelity test with the official SDK;
* add a credential provider or a vendor: every vendor of the catalog has its credential resolver, options, region
  variables, auth kinds and doc fragments, and every secret option is both no_log and known to the scrubber;
* add an audit rule: every rule id, with its severity, is in the role's defaults, argument spec and README and in
  docs/audit.md (the modules' `rules` choices are tied to audit.RULE_IDS by test_docs_env.py);
* the two copies of the signing vectors are equal (the emulator must not read the collection's files);
* cut a release: the version is written in galaxy.yml only; the user agent carries it.

The emulator and the SDK tests are read as text (ast), never imported: this test looks at them, as a reviewer would.
"""

from __future__ import annotations

import ast
import json
import os
import re

import pytest
import yaml

from ansible_collections.pai.catalog.plugins.module_utils import audit
from ansible_collections.pai.catalog.plugins.module_utils import catalog
from ansible_collections.pai.catalog.plugins.module_utils import credentials
from ansible_collections.pai.catalog.plugins.module_utils import module as engine
from ansible_collections.pai.catalog.plugins.module_utils import transport

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _path(*parts):
    return os.path.join(ROOT, *parts)


def _read(*parts):
    with open(_path(*parts), encoding='utf-8') as handle:
        return handle.read()


def _yaml(*parts):
    return yaml.safe_load(_read(*parts))


def _assignment(source, name):
    """The value node of the top-level assignment `name = ...` in Python source."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == name for t in node.targets):
            return node.value
    raise AssertionError('no top-level assignment %s' % name)


# ------------------------------------------------------------------------------------------- add an operation

def emulator_routes():
    """operation name -> how the emulator serves it, read from tests/emulator/ops.py and server.py.

    Alibaba: (product, version) of ops.ALIBABA_OPERATIONS and the path regex of server.PRODUCT_ROUTES; Huawei: the
    path of ops.HUAWEI_OPERATIONS."""
    ops = _read('tests', 'emulator', 'ops.py')
    server = _read('tests', 'emulator', 'server.py')
    routes = {}
    table = _assignment(ops, 'ALIBABA_OPERATIONS')
    for key in table.keys:
        product, version, name = ast.literal_eval(key)
        routes.setdefault(name, {})['service'] = (product, version)
    for route in _assignment(server, 'PRODUCT_ROUTES').elts:
        pattern = ast.literal_eval(route.elts[0].args[0])
        routes.setdefault(ast.literal_eval(route.elts[2]), {})['path_re'] = pattern
    table = _assignment(ops, 'HUAWEI_OPERATIONS')
    for key, value in zip(table.keys, table.values):
        routes.setdefault(ast.literal_eval(value.elts[0]), {})['path'] = ast.literal_eval(key)
    return routes


def _sample_path(template):
    """A catalog path template with every {Param} filled with a plausible value."""
    return re.sub(r'\{[^{}]+\}', 'x-1', template)


def check_emulator_routes(operations, routes):
    """The operations the emulator does not serve as the catalog declares them (name, product, version, path)."""
    problems = []
    for name, op in sorted(operations.items()):
        product = catalog.PRODUCTS[op['product']]
        route = routes.get(name, {})
        if product['vendor'] == 'huawei':
            if route.get('path') != op['path']:
                problems.append('%s: no route for GET %s in tests/emulator/ops.py HUAWEI_OPERATIONS'
                                % (name, op['path']))
            continue
        if route.get('service') != (product.get('gateway_service', product['name']), product['version']):
            problems.append('%s: no (%s, %s, %s) handler in tests/emulator/ops.py ALIBABA_OPERATIONS'
                            % (name, product.get('gateway_service'), product['version'], name))
        if not route.get('path_re') or not re.match(route['path_re'], _sample_path(op['path'])):
            problems.append('%s: no route matching %s in tests/emulator/server.py PRODUCT_ROUTES' % (name, op['path']))
    return problems


def test_every_operation_has_an_emulator_route():
    assert check_emulator_routes(catalog.OPERATIONS, emulator_routes()) == []


# Operations that have no fidelity test with the official SDK, each with the reason. Empty today: every operation
# is called by its vendor's SDK in tests/sdk. An entry here is a debt, not a way out.
NO_SDK_TEST = {}


def sdk_method(operation):
    """The method the vendors' Python SDKs name an operation by: ListGatewayDomains -> list_gateway_domains."""
    return re.sub(r'(?<=[a-z0-9])(?=[A-Z])', '_', operation).lower()


def sdk_calls():
    """The SDK client methods that tests/sdk calls (`client.list_connections(...)`)."""
    called = set()
    folder = _path('tests', 'sdk')
    for filename in sorted(os.listdir(folder)):
        if filename.endswith('.py'):
            for node in ast.walk(ast.parse(_read('tests', 'sdk', filename))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    called.add(node.func.attr)
    return called


def test_every_operation_has_an_sdk_fidelity_test():
    called = sdk_calls()
    missing = [name for name in sorted(catalog.OPERATIONS)
               if sdk_method(name) not in called and name not in NO_SDK_TEST]
    assert missing == [], 'operations that no test in tests/sdk calls with the official SDK'
    assert sorted(set(NO_SDK_TEST) - set(catalog.OPERATIONS)) == [], 'stale NO_SDK_TEST entries'


def test_the_checks_find_a_missing_route_and_sdk_test():
    """The checks above are not vacuous: an operation the emulator and the SDK tests do not know is found."""
    extra = dict(catalog.OPERATIONS)
    extra['ListThings'] = dict(catalog.OPERATIONS['ListGateway'], path='/api/v2/things')
    extra['ListFabricThings'] = dict(catalog.OPERATIONS['ListBaseModels'], path='/v1/things')
    found = [p.split(':')[0] for p in check_emulator_routes(extra, emulator_routes())]
    assert found.count('ListThings') == 2 and found.count('ListFabricThings') == 1  # handler, route; path
    assert sdk_method('ListThings') not in sdk_calls()


# -------------------------------------------------------------------------- add a credential provider / vendor

def test_every_vendor_has_its_rooms():
    for vendor in sorted(set(product['vendor'] for product in catalog.PRODUCTS.values())):
        assert callable(getattr(credentials, vendor, None)), 'credentials.%s(options, environ): the resolver' % vendor
        assert engine.VENDOR_SPECS.get(vendor), 'module.VENDOR_SPECS[%r]: the credential options' % vendor
        assert engine.REGION_ENV.get(vendor), 'module.REGION_ENV[%r]: the region variables' % vendor
        assert catalog.AUTH_KINDS.get(vendor), 'catalog.AUTH_KINDS[%r]: what api_info reports' % vendor
        for fragment in ('%s_auth.py', 'plugin_%s_auth.py'):
            assert os.path.isfile(_path('plugins', 'doc_fragments', fragment % vendor)), fragment % vendor


def test_secret_options_are_no_log_and_scrubbed():
    """A credential option is hidden twice: Ansible's no_log, and the engine's Scrubber, which registers the values
    of credentials.SECRET_OPTIONS (Credentials.secrets). A new secret option must be in both."""
    no_log = set()
    for spec in list(engine.VENDOR_SPECS.values()) + [engine.COMMON_SPEC]:
        no_log.update(name for name, option in spec.items() if option.get('no_log'))
    assert no_log == set(credentials.SECRET_OPTIONS)
    found = credentials.Credentials('alibaba', 'options', **dict((name, 'value-of-%s' % name) for name in no_log))
    assert set(found.secrets()) == set('value-of-%s' % name for name in no_log)


# ------------------------------------------------------------------------------------------ add an audit rule

def _rule_table(*parts):
    """{rule id: severity} from the markdown table whose first column holds the rule ids in backquotes."""
    rows = re.findall(r'^\| `([a-z0-9-]+)` \| (low|medium|high) \|', _read(*parts), re.MULTILINE)
    return dict(rows)


def test_audit_rules_are_everywhere_the_role_lists_them():
    ids = list(audit.RULE_IDS)
    assert _yaml('roles', 'audit', 'defaults', 'main.yml')['audit_rules'] == ids
    option = _yaml('roles', 'audit', 'meta', 'argument_specs.yml')['argument_specs']['main']['options']['audit_rules']
    assert option['choices'] == ids
    assert option['default'] == ids


@pytest.mark.parametrize('doc', [('roles', 'audit', 'README.md'), ('docs', 'audit.md')], ids='/'.join)
def test_audit_rules_tables_name_every_rule_and_its_severity(doc):
    assert _rule_table(*doc) == dict((rule['id'], rule['severity']) for rule in audit.RULES)


# -------------------------------------------------------------------------------------- the signing vectors

def test_signing_vector_copies_are_equal():
    """tests/emulator keeps its own copy so that it never reads the collection's files; the copies must agree."""
    with open(_path('tests', 'unit', 'fixtures', 'signing-vectors.json'), encoding='utf-8') as unit_copy:
        with open(_path('tests', 'emulator', 'signing_vectors.json'), encoding='utf-8') as emulator_copy:
            assert json.load(unit_copy) == json.load(emulator_copy)


# --------------------------------------------------------------------------------------------- cut a release

VERSION = str(_yaml('galaxy.yml')['version'])
# Where a version may be written besides galaxy.yml: the release history, and lines that record when something
# appeared or which release is the least needed, which stay true after the next release.
HISTORY = ('CHANGELOG.rst', 'changelogs' + os.sep)
HISTORIC_LINE = re.compile(r'version_added:|New in pai\.catalog |version: *["\']?>=')
TEXT = ('.py', '.yml', '.yaml', '.md', '.rst', '.txt', '.cfg', '.ini', '.j2', '.json', '.sh', '.toml', 'Makefile')
# Version control and what tools write into a checkout (the folders `make tree` leaves out).
SKIP_NAMES = ('.git', '.ansible', '.pytest_cache', '__pycache__')
SKIP_DIRS = ('collections', os.path.join('.ci', 'cache'), os.path.join('tests', 'output'),
             os.path.join('tests', 'integration', 'inventory'))


def version_mentions(root, version):
    """(path, line number, line) for every line of a text file that names `version`, outside galaxy.yml and the
    history."""
    word = re.compile(r'(?<![0-9.])%s(?![0-9])' % re.escape(version))
    found = []
    for folder, dirs, files in os.walk(root):
        rel_folder = os.path.relpath(folder, root)
        dirs[:] = sorted(d for d in dirs if not d.startswith('.venv') and d not in SKIP_NAMES
                         and os.path.normpath(os.path.join(rel_folder, d)) not in SKIP_DIRS)
        for filename in sorted(files):
            rel = os.path.normpath(os.path.join(rel_folder, filename))
            if rel == 'galaxy.yml' or rel.startswith(HISTORY) or not filename.endswith(TEXT):
                continue
            with open(os.path.join(folder, filename), encoding='utf-8', errors='replace') as handle:
                for number, line in enumerate(handle, 1):
                    if word.search(line) and not HISTORIC_LINE.search(line):
                        found.append((rel, number, line.strip()))
    return found


def test_user_agent_carries_the_galaxy_version():
    # module_utils cannot read galaxy.yml at run time (it is not shipped inside AnsiballZ), so a test ties them.
    assert transport.USER_AGENT == 'pai.catalog/%s' % VERSION


def test_the_version_is_written_in_galaxy_yml_only():
    # transport.USER_AGENT is the one allowed copy, tied to galaxy.yml by the test above.
    user_agent = (os.path.join('plugins', 'module_utils', 'transport.py'), 'USER_AGENT = ')
    found = [m for m in version_mentions(ROOT, VERSION) if (m[0], m[2][:len(user_agent[1])]) != user_agent]
    assert found == [], 'write the version in galaxy.yml only (a release bumps it there and nowhere else)'


def test_version_check_finds_a_stray_version(tmp_path):
    (tmp_path / 'docs').mkdir()
    (tmp_path / 'docs' / 'x.md').write_text('install pai-catalog-%s.tar.gz\nversion_added: %s\n' % (VERSION, VERSION))
    (tmp_path / 'galaxy.yml').write_text('version: %s\n' % VERSION)
    (tmp_path / 'CHANGELOG.rst').write_text('v%s\n' % VERSION)
    assert version_mentions(str(tmp_path), VERSION) == [(os.path.join('docs', 'x.md'), 1,
                                                         'install pai-catalog-%s.tar.gz' % VERSION)]
