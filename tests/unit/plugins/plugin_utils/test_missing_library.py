# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A Python without requests (or jmespath for query): every import site says how to install it, for the interpreter
that lacks it, and raises the collection's error, never ImportError ("No module named 'requests'")."""
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import sys
import types

import pytest

from ansible.errors import AnsibleLookupError

from ansible_collections.pai.catalog.plugins.module_utils import transport
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError
from ansible_collections.pai.catalog.plugins.plugin_utils.catalog_plugin import CatalogLookup


class Blocker:
    """A meta path finder that makes the named top-level packages unimportable, as on a host without them."""

    def __init__(self, names):
        self.names = names

    def find_spec(self, fullname, path=None, target=None):
        if fullname.split('.')[0] in self.names:
            raise ImportError("No module named '%s'" % fullname)
        return None


@pytest.fixture
def without(monkeypatch):
    def block(*names):
        for name in list(sys.modules):
            if name.split('.')[0] in names:
                monkeypatch.delitem(sys.modules, name)
        monkeypatch.setattr(sys, 'meta_path', [Blocker(names)] + sys.meta_path)
    return block


def prepare():
    return 'http://127.0.0.1:9/', {}, None


@pytest.mark.parametrize('call', [
    lambda t: t.session(),
    lambda t: t.send(prepare, 'ListConnections'),
    lambda t: t.probe('http://127.0.0.1:9/'),
], ids=['session', 'send', 'probe'])
def test_requests_missing(without, call):
    without('requests')
    with pytest.raises(ApiError) as caught:
        call(transport.Transport())
    message = str(caught.value)
    assert caught.value.code == 'MissingLibrary'
    assert '%s -m pip install requests' % sys.executable in message
    assert 'No module named' not in message


@pytest.mark.parametrize('step', ['compile', 'finish'])
def test_jmespath_missing(without, step):
    lookup = types.SimpleNamespace(name='pai.catalog.connections', get_option=lambda name: '[].name')
    lookup._jmespath = lambda: CatalogLookup._jmespath(lookup)
    query = CatalogLookup.compile_query(lookup) if step == 'finish' else None
    without('jmespath')
    with pytest.raises(AnsibleLookupError) as caught:
        if step == 'compile':
            CatalogLookup.compile_query(lookup)
        else:
            CatalogLookup.finish(lookup, [{'name': 'a'}], query)
    message = str(caught.value)
    assert message.startswith('pai.catalog.connections: the query option needs the Python library jmespath')
    assert '%s -m pip install jmespath' % sys.executable in message
    assert 'No module named' not in message
