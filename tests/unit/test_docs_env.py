# Copyright (c) pai.catalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plugin docs agree with the code.

For every module, lookup and inventory plugin (found on disk, so plugins added later are covered):

* the documented options, doc fragments merged as Ansible merges them, equal the module's argument spec (name,
  aliases, type, elements, required, default, choices, suboptions), or, for controller plugins, the options
  the plugin and the engine read;
* every environment variable the engine reads (credentials.ALIBABA_ENV, HUAWEI_ENV, ALIBABA_PROFILE_ENV;
  module.ENDPOINT_ENV, REGION_ENV; any other *_ENV constant of module_utils or plugin_utils) is named in the
  docs of the option it stands for, in every plugin that documents that option; an `env:` entry of a
  controller plugin names only variables the engine reads for that option; a variable a plugin reads itself
  is named in its docs;
* every plugin has `version_added` and `attributes`; every return value has a `sample` (a value with
  `contains` through its members).
"""

from __future__ import annotations

import ast
import copy
import glob
import importlib
import json
import os
import re

import pytest
import yaml

from ansible_collections.pai.catalog.plugins.module_utils import credentials
from ansible_collections.pai.catalog.plugins.module_utils import module as engine

COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLUGINS = os.path.join(COLLECTION_ROOT, 'plugins')
PREFIX = 'ansible_collections.pai.catalog.plugins'
# Plugin folders whose .py files carry DOCUMENTATION (filters and tests keep theirs in YAML files; action
# plugins share the docs of their module).
NOT_DOCUMENTED = ('module_utils', 'plugin_utils', 'doc_fragments', 'action', 'filter', 'test')
ENV_NAME = re.compile(r'^[A-Z][A-Z0-9_]*[A-Z0-9]$')


# ----------------------------------------------------------------------------------------------- discovery

def _plugin_files():
    found = []
    for folder in sorted(os.listdir(PLUGINS)):
        path = os.path.join(PLUGINS, folder)
        if folder in NOT_DOCUMENTED or folder.startswith(('.', '_')) or not os.path.isdir(path):
            continue
        for filename in sorted(os.listdir(path)):
            if filename.endswith('.py') and not filename.startswith('_'):
                found.append((folder.rstrip('s') if folder == 'modules' else folder, filename[:-3]))
    return found


PLUGIN_FILES = _plugin_files()
MODULES = [name for kind, name in PLUGIN_FILES if kind == 'module']
CONTROLLER = [(kind, name) for kind, name in PLUGIN_FILES if kind != 'module']


def _path(kind, name):
    return os.path.join(PLUGINS, 'modules' if kind == 'module' else kind, name + '.py')


def _source(path):
    with open(path, encoding='utf-8') as handle:
        return handle.read()


def _constants(path):
    """Module-level string assignments (DOCUMENTATION, RETURN, ...) of a file, without importing it."""
    tree = ast.parse(_source(path))
    values = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(node.value.value, str):
                    values[target.id] = node.value.value
    return values


def _fragment_text(name):
    """The YAML of a doc fragment: pai.catalog.NAME or pai.catalog.NAME.ATTRIBUTE, or one of ansible-core's."""
    parts = name.split('.')
    if name.startswith('pai.catalog.'):
        short, attribute = parts[2], (parts[3] if len(parts) > 3 else 'DOCUMENTATION')
        path = os.path.join(PLUGINS, 'doc_fragments', short + '.py')
        assert os.path.isfile(path), 'doc fragment %s: no file %s' % (name, path)
        tree = ast.parse(_source(path))
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == 'ModuleDocFragment':
                for item in node.body:
                    if isinstance(item, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attribute.upper()
                                                            for t in item.targets):
                        return item.value.value
        raise AssertionError('doc fragment %s: no attribute %s in %s' % (name, attribute.upper(), path))
    from ansible.plugins.loader import fragment_loader
    if name.startswith('ansible.builtin.'):
        name = name[len('ansible.builtin.'):]
    short, _dot, attribute = name.partition('.')
    fragment = fragment_loader.get(short)
    assert fragment is not None, 'doc fragment %s not found' % name
    return getattr(fragment, (attribute or 'DOCUMENTATION').upper())


def _merge(target, source):
    """ansible.utils.plugin_docs.merge_fragment: what the plugin itself says wins, key by key."""
    for key, value in source.items():
        if key in target:
            if isinstance(target[key], dict):
                value.update(target[key])
            elif isinstance(target[key], list):
                value = sorted(frozenset(value + target[key]), key=str)
            else:
                raise AssertionError('doc fragment conflict on %s' % key)
        target[key] = value


def load_docs(kind, name):
    """(doc with fragments merged, RETURN, names of options that come from fragments outside pai.catalog)."""
    texts = _constants(_path(kind, name))
    assert 'DOCUMENTATION' in texts, '%s %s has no DOCUMENTATION' % (kind, name)
    doc = yaml.safe_load(texts['DOCUMENTATION']) or {}
    foreign = set()
    for fragment_name in doc.pop('extends_documentation_fragment', None) or []:
        fragment = yaml.safe_load(_fragment_text(fragment_name)) or {}
        if not fragment_name.startswith('pai.catalog.'):
            foreign.update((fragment.get('options') or {}).keys())
        for key in ('notes', 'seealso'):
            if key in fragment:
                doc.setdefault(key, []).extend(fragment.pop(key))
        for key in ('options', 'attributes'):
            if key in fragment:
                if key in doc:
                    _merge(doc[key], fragment.pop(key))
                else:
                    doc[key] = fragment.pop(key)
        _merge(doc, fragment)
    returns = yaml.safe_load(texts.get('RETURN') or '') or {}
    return doc, returns, foreign


# --------------------------------------------------------------------------------------- environment variables

def _env_names(value):
    if isinstance(value, str):
        return [value] if ENV_NAME.match(value) else []
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return [n for item in value for n in _env_names(item)]
    return []


def env_by_option():
    """option -> environment variables that the engine reads in its place."""
    mapping = {}
    for option, variables in tuple(credentials.ALIBABA_ENV) + tuple(credentials.HUAWEI_ENV):
        mapping.setdefault(option, []).extend(variables)
    mapping.setdefault('profile', []).extend(credentials.ALIBABA_PROFILE_ENV)
    mapping.setdefault('endpoint_url', []).append(engine.ENDPOINT_ENV)
    mapping.setdefault('regions', []).extend(_env_names(engine.REGION_ENV))
    return mapping


ENV_BY_OPTION = env_by_option()


def _engine_env_constants():
    """Every environment variable name held by a *_ENV constant of module_utils and plugin_utils."""
    found = {}
    for folder in ('module_utils', 'plugin_utils'):
        for path in sorted(glob.glob(os.path.join(PLUGINS, folder, '*.py'))):
            package = '%s.%s.%s' % (PREFIX, folder, os.path.basename(path)[:-3])
            tree = ast.parse(_source(path))
            names = [t.id for node in tree.body if isinstance(node, ast.Assign)
                     for t in node.targets if isinstance(t, ast.Name) and t.id.endswith('_ENV')]
            if names:
                loaded = importlib.import_module(package)
                for constant in names:
                    for variable in _env_names(getattr(loaded, constant)):
                        found[variable] = '%s.%s' % (os.path.basename(path), constant)
    return found


def _direct_env_reads(path):
    """Literal names in os.environ.get('X'), os.environ['X'], os.getenv('X') and environ.get('X')."""
    tree = ast.parse(_source(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            if isinstance(func, ast.Attribute) and (
                    (func.attr == 'get' and _is_environ(func.value)) or func.attr == 'getenv'):
                names.add(node.args[0].value)
        elif isinstance(node, ast.Subscript) and _is_environ(node.value):
            key = node.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                names.add(key.value)
    return set(n for n in names if isinstance(n, str) and ENV_NAME.match(n))


def _is_environ(node):
    return (isinstance(node, ast.Attribute) and node.attr == 'environ') or (
        isinstance(node, ast.Name) and node.id == 'environ')


def _option_text(spec):
    """What a reader sees of an option: its description and its env entries."""
    text = json.dumps(spec.get('description') or '')
    names = [entry.get('name') for entry in spec.get('env') or []]
    return text + ' ' + ' '.join(n for n in names if n)


# ---------------------------------------------------------------------------------------------- module specs

class _Captured(Exception):
    pass


def module_spec(name, monkeypatch):
    """Run the module's main() with AnsibleModule replaced: the argument spec and keywords it was given. A module
    that is only the documentation of an action plugin (no main): the spec the action validates its arguments with."""
    module = importlib.import_module('%s.modules.%s' % (PREFIX, name))
    if not hasattr(module, 'main'):
        action = importlib.import_module('%s.action.%s' % (PREFIX, name))
        return action.argument_spec(), dict(supports_check_mode=action.ActionModule._supports_check_mode)
    captured = {}

    class FakeAnsibleModule:
        def __init__(self, *args, **kwargs):
            captured['argument_spec'] = kwargs.pop('argument_spec', args[0] if args else {})
            captured['kwargs'] = kwargs
            raise _Captured()

    import ansible.module_utils.basic
    monkeypatch.setattr(ansible.module_utils.basic, 'AnsibleModule', FakeAnsibleModule)
    if hasattr(module, 'AnsibleModule'):
        monkeypatch.setattr(module, 'AnsibleModule', FakeAnsibleModule)
    with pytest.raises(_Captured):
        module.main()
    return captured['argument_spec'], captured['kwargs']


def _norm_choices(choices):
    if choices is None:
        return None
    values = list(choices.keys()) if isinstance(choices, dict) else list(choices)
    return sorted(str(v) for v in values)


def compare_options(spec, documented, where):
    """Differences between an argument spec and documented options, as readable lines."""
    problems = []
    for name in sorted(set(spec) - set(documented)):
        problems.append('%s%s: in the argument spec, not documented' % (where, name))
    for name in sorted(set(documented) - set(spec)):
        problems.append('%s%s: documented, not in the argument spec' % (where, name))
    for name in sorted(set(spec) & set(documented)):
        s, d = spec[name] or {}, documented[name] or {}
        here = '%s%s' % (where, name)
        checks = (
            ('type', s.get('type', 'str'), d.get('type', 'str')),
            ('elements', s.get('elements'), d.get('elements')),
            ('required', bool(s.get('required')), bool(d.get('required'))),
            ('default', s.get('default'), d.get('default')),
            ('aliases', sorted(s.get('aliases') or []), sorted(d.get('aliases') or [])),
            ('choices', _norm_choices(s.get('choices')), _norm_choices(d.get('choices'))),
        )
        for what, in_spec, in_doc in checks:
            if in_spec != in_doc:
                problems.append('%s: %s is %r in the argument spec, %r in the docs' % (here, what, in_spec, in_doc))
        if s.get('options') or d.get('suboptions'):
            problems.extend(compare_options(s.get('options') or {}, d.get('suboptions') or {}, here + '.'))
    return problems


# -------------------------------------------------------------------------------- options of controller plugins

def _engine_spec():
    spec = {}
    for attribute in ('COMMON_SPEC', 'ALIBABA_SPEC', 'HUAWEI_SPEC', 'SECRETS_SPEC'):
        spec.update(copy.deepcopy(getattr(engine, attribute, {})))
    return spec


def _read_options(path):
    """Options a file reads: literal names; names it may read (the string literals of a file that computes an
    option name); name prefixes ('on_' + kind); catalog operations whose parameters it reads through
    option_params('Operation')."""
    tree = ast.parse(_source(path))
    names, maybe, prefixes, operations = set(), set(), set(), set()
    scopes = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for scope in scopes or [tree]:
        for node in ast.walk(scope):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            attr = func.attr if isinstance(func, ast.Attribute) else getattr(func, 'id', None)
            if attr in ('get_option', 'get_option_and_origin', 'has_option') and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    names.add(arg.value)
                elif isinstance(arg, ast.BinOp) and isinstance(arg.left, ast.Constant):
                    prefixes.add(arg.left.value)
                else:
                    # get_option(name) for name in ('a', 'b'), get_option(spec['filters']): a name computed
                    # from data; any string literal of the file may be it.
                    maybe.update(item.value for item in ast.walk(tree)
                                 if isinstance(item, ast.Constant) and isinstance(item.value, str)
                                 and re.match(r'^[a-z_][a-z0-9_]*$', item.value))
            elif attr == 'option_params' and node.args and isinstance(node.args[0], ast.Constant):
                operations.add(node.args[0].value)
    return names, maybe, prefixes, operations


def controller_reads(kind, name):
    """(options read by the plugin's own file, everything it may read including its base classes and engine)."""
    own, maybe, prefixes, operations = _read_options(_path(kind, name))
    every = own | maybe
    source = _source(_path(kind, name))
    if 'plugin_utils' in source:
        for path in glob.glob(os.path.join(PLUGINS, 'plugin_utils', '*.py')):
            more, more_maybe, more_prefixes, more_operations = _read_options(path)
            every |= more | more_maybe
            prefixes |= more_prefixes
            operations |= more_operations
        every |= set(_engine_spec())
    if operations:
        from ansible_collections.pai.catalog.plugins.module_utils import catalog
        for operation in operations:
            every |= set(p['option'] for p in catalog.option_params(operation))
    return own, every, prefixes


# ------------------------------------------------------------------------------------------------------ tests

def test_plugins_found():
    assert MODULES, 'no module found in %s' % PLUGINS


@pytest.mark.parametrize('name', MODULES)
def test_module_options_match_argument_spec(name, monkeypatch):
    doc, _returns, _foreign = load_docs('module', name)
    spec, kwargs = module_spec(name, monkeypatch)
    problems = compare_options(spec, doc.get('options') or {}, '')
    check_mode = ((doc.get('attributes') or {}).get('check_mode') or {}).get('support')
    if bool(kwargs.get('supports_check_mode')) != (check_mode in ('full', 'partial')):
        problems.append('supports_check_mode=%r but attributes.check_mode.support=%r'
                        % (kwargs.get('supports_check_mode'), check_mode))
    assert not problems, 'module %s:\n  %s' % (name, '\n  '.join(problems))


@pytest.mark.parametrize('kind,name', CONTROLLER)
def test_controller_plugin_options_match_what_it_reads(kind, name):
    doc, _returns, foreign = load_docs(kind, name)
    options = doc.get('options') or {}
    own, every, prefixes = controller_reads(kind, name)
    problems = []
    for option in sorted(own - set(options)):
        problems.append('%s: read with get_option, not documented' % option)
    # _terms and _input are the terms of lookups and filters; Ansible itself reads an inventory's plugin option.
    for option in sorted(set(options) - every - foreign - {'_terms', '_input', 'plugin'}):
        if not any(option.startswith(prefix) for prefix in prefixes):
            problems.append('%s: documented, never read' % option)
    engine_spec = _engine_spec()
    # An inventory's strict is the constructed plugins' option (default false, by Ansible's convention); for the
    # modules it means the same (fail on a failed region) with the safer default true.
    shared = set(options) & set(engine_spec) - ({'strict'} if kind == 'inventory' else set())
    for option in sorted(shared):
        s, d = engine_spec[option], options[option] or {}
        for what, in_spec, in_doc in (
                ('type', s.get('type', 'str'), d.get('type', 'str')),
                ('elements', s.get('elements'), d.get('elements')),
                ('choices', _norm_choices(s.get('choices')), _norm_choices(d.get('choices')))):
            if in_spec != in_doc:
                problems.append('%s: %s is %r for the engine, %r in the docs' % (option, what, in_spec, in_doc))
        if 'default' in d and d['default'] != s.get('default'):
            problems.append('%s: default is %r for the engine, %r in the docs'
                            % (option, s.get('default'), d['default']))
    assert not problems, '%s %s:\n  %s' % (kind, name, '\n  '.join(problems))


def test_every_engine_variable_is_mapped_to_an_option():
    """A new *_ENV constant must be added to env_by_option() above, so that its docs are checked."""
    known = set(v for variables in ENV_BY_OPTION.values() for v in variables)
    unmapped = dict((v, where) for v, where in _engine_env_constants().items() if v not in known)
    assert not unmapped, 'environment variables without an option in env_by_option(): %s' % unmapped
    for folder in ('module_utils', 'plugin_utils'):
        for path in glob.glob(os.path.join(PLUGINS, folder, '*.py')):
            direct = _direct_env_reads(path) - known
            assert not direct, '%s reads %s directly; put them in a *_ENV constant mapped to an option' % (
                path, sorted(direct))


@pytest.mark.parametrize('kind,name', PLUGIN_FILES)
def test_environment_variables_are_documented(kind, name):
    doc, _returns, _foreign = load_docs(kind, name)
    options = doc.get('options') or {}
    problems = []
    for option, variables in sorted(ENV_BY_OPTION.items()):
        if option not in options:
            continue
        text = _option_text(options[option] or {})
        for variable in variables:
            if variable not in text:
                problems.append('option %s does not name %s, which the engine reads in its place' % (option, variable))
    for option, spec in sorted(options.items()):
        for entry in (spec or {}).get('env') or []:
            if option in ENV_BY_OPTION and entry.get('name') not in ENV_BY_OPTION[option]:
                problems.append('option %s: env %s is not a variable the engine reads for it (%s)'
                                % (option, entry.get('name'), ', '.join(ENV_BY_OPTION[option])))
    everything = json.dumps(doc)
    for variable in sorted(_direct_env_reads(_path(kind, name))):
        if variable not in everything:
            problems.append('reads %s, which its docs never name' % variable)
    assert not problems, '%s %s:\n  %s' % (kind, name, '\n  '.join(problems))


def test_every_engine_variable_is_documented_somewhere():
    named = ''
    for kind, name in PLUGIN_FILES:
        try:
            named += json.dumps(load_docs(kind, name)[0])
        except (yaml.YAMLError, AssertionError):
            continue  # the per-plugin tests report docs that do not load
    missing = sorted(v for variables in ENV_BY_OPTION.values() for v in variables if v not in named)
    assert not missing, 'no plugin documents %s' % ', '.join(missing)


@pytest.mark.parametrize('kind,name', PLUGIN_FILES)
def test_version_added_and_attributes(kind, name):
    doc, _returns, _foreign = load_docs(kind, name)
    assert doc.get('version_added'), '%s %s: no version_added' % (kind, name)
    attributes = doc.get('attributes') or {}
    assert attributes, '%s %s: no attributes' % (kind, name)
    if kind == 'module':
        missing = sorted({'check_mode', 'diff_mode', 'platform'} - set(attributes))
        assert not missing, 'module %s: attributes %s missing' % (name, ', '.join(missing))
    for attribute, spec in attributes.items():
        assert (spec or {}).get('support') in ('full', 'partial', 'none', 'N/A'), (
            '%s %s: attribute %s has no support level' % (kind, name, attribute))


def _missing_samples(values, where=''):
    missing = []
    for key, spec in sorted((values or {}).items()):
        spec = spec or {}
        if spec.get('contains'):
            missing.extend(_missing_samples(spec['contains'], where + key + '.'))
        elif 'sample' not in spec:
            missing.append(where + key)
    return missing


@pytest.mark.parametrize('kind,name', [(k, n) for k, n in PLUGIN_FILES if k in ('module', 'lookup')])
def test_every_return_value_has_a_sample(kind, name):
    _doc, returns, _foreign = load_docs(kind, name)
    assert returns, '%s %s: no RETURN' % (kind, name)
    missing = _missing_samples(returns)
    assert not missing, '%s %s: no sample for %s' % (kind, name, ', '.join(missing))


def test_self_check_finds_a_missing_variable():
    """The checks above catch what they are meant to catch."""
    options = {'endpoint_url': {'description': ['An URL.'], 'type': 'str'}}
    text = _option_text(options['endpoint_url'])
    assert engine.ENDPOINT_ENV not in text
    assert compare_options({'a': {'type': 'int', 'default': 1}}, {'a': {'type': 'int', 'default': 2}}, '')
    assert compare_options({'a': {}}, {}, '') == ['a: in the argument spec, not documented']
    assert _missing_samples({'x': {'contains': {'y': {'type': 'str'}}}}) == ['x.y']
