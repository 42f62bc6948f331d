# Copyright (c) pai.catalog contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Keep the ``pai`` action group in meta/runtime.yml complete: one entry per module, nothing else."""

from __future__ import annotations

import os

import yaml

COLLECTION_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNTIME_PATH = os.path.join(COLLECTION_ROOT, 'meta', 'runtime.yml')
MODULES_DIR = os.path.join(COLLECTION_ROOT, 'plugins', 'modules')


def _module_names():
    if not os.path.isdir(MODULES_DIR):
        return []
    return sorted(
        os.path.splitext(name)[0]
        for name in os.listdir(MODULES_DIR)
        if name.endswith('.py') and name != '__init__.py'
    )


def _action_group():
    with open(RUNTIME_PATH, encoding='utf-8') as runtime_file:
        runtime = yaml.safe_load(runtime_file)
    return runtime['action_groups']['pai']


def test_action_group_lists_every_module():
    assert sorted(set(_action_group())) == _module_names()


def test_action_group_has_no_duplicates():
    group = _action_group()
    assert len(group) == len(set(group))
