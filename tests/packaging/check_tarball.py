#!/usr/bin/env python
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""make build: the collection tarball holds the collection and nothing else.

    python tests/packaging/check_tarball.py dist/pai-catalog-X.Y.Z.tar.gz

Fails on local state of tools (test output, caches, virtual environments, build and EE folders, editor files),
on any file that .gitignore ignores, on files that work in a checkout only (Makefile, ansible.cfg, the demo),
and on a file of the collection's content (plugins, meta, roles, playbooks, docs, ...) that the checkout has and
the tarball lacks.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
import tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

FORBIDDEN = [
    'tests/output/*', 'tests/integration/inventory', 'tests/integration/integration_config.yml',
    'tests/integration/cloud-config-*', '.ansible/*', 'collections/*', '.venv*', '.tox/*', '.nox/*',
    '.git/*', '.git', '.ci/cache/*', 'benchmarks/results/*', 'build/*', 'dist/*', 'context/*', 'ee/*',
    'changelogs/.plugin-cache.yaml', '*.tar.gz',
    '*__pycache__*', '*.pyc', '*.pyo', '*.pytest_cache*', '*.mypy_cache*', '*.ruff_cache*', '*.coverage*',
    '*.retry', '*.swp', '*.swo', '*~', '*.orig', '*.rej', '*.bak', '*.DS_Store', '*.idea/*', '*.vscode/*',
    '*.egg-info*', '*.log',
]
# Of a checkout only: they need the repository (.ci, .venv-run, the emulator's checkout path) and would fail for
# someone who installed the tarball, so they stay out of it (galaxy.yml build_ignore).
CHECKOUT_ONLY = ['Makefile', 'ansible.cfg', 'scripts/demo.sh', 'pai-audit-report/*']
# Required in every release.
REQUIRED = ['MANIFEST.json', 'FILES.json', 'README.md', 'COPYING', 'CHANGELOG.rst', 'changelogs/changelog.yaml',
            'meta/runtime.yml', 'meta/execution-environment.yml', 'requirements.txt', 'bindep.txt',
            'docs/index.md']
# Folders whose every file (not ignored by git) must ship.
CONTENT = ['plugins', 'meta', 'roles', 'playbooks', 'docs', 'changelogs', 'tests/emulator']


def git_ignored(paths):
    """The paths that .gitignore ignores; empty outside a git work tree."""
    try:
        inside = subprocess.run(['git', '-C', ROOT, 'rev-parse', '--is-inside-work-tree'], capture_output=True,
                                text=True, check=False).stdout.strip() == 'true'
    except OSError:
        return set()
    if not inside or not paths:
        return set()
    result = subprocess.run(['git', '-C', ROOT, 'check-ignore', '--no-index', '--stdin'], input='\n'.join(paths),
                            capture_output=True, text=True, check=False)
    return set(line.strip() for line in result.stdout.splitlines() if line.strip())


def main(tarball):
    with tarfile.open(tarball) as archive:
        members = archive.getmembers()
    files = sorted(m.name[2:] if m.name.startswith('./') else m.name for m in members if m.isfile())
    problems = []
    for name in files:
        for pattern in FORBIDDEN:
            if fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch('/' + name, '*/' + pattern):
                problems.append('%s: local file (%s)' % (name, pattern))
                break
    for name in files:
        for pattern in CHECKOUT_ONLY:
            if fnmatch.fnmatch(name, pattern):
                problems.append('%s: works in a checkout only, so it must not ship' % name)
    for name in sorted(git_ignored(files)):
        problems.append('%s: ignored by .gitignore, so a local file' % name)
    for name in REQUIRED:
        if name not in files:
            problems.append('%s: missing' % name)
    shipped = set(files)
    on_disk = []
    for folder in CONTENT:
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, folder)):
            dirnames[:] = [d for d in dirnames if d != '__pycache__' and not d.startswith('.')]
            on_disk.extend(os.path.relpath(os.path.join(dirpath, f), ROOT) for f in filenames
                           if not f.endswith(('.pyc', '.pyo')))
    ignored = git_ignored(on_disk)
    for name in sorted(set(on_disk) - ignored - shipped):
        if name != 'changelogs/.plugin-cache.yaml':
            problems.append('%s: in the checkout, not in the tarball (build_ignore in galaxy.yml?)' % name)
    size = os.path.getsize(tarball)
    if problems:
        sys.exit('%s:\n  %s' % (tarball, '\n  '.join(problems)))
    print('%s: %d files, %.0f KiB, no local files, nothing missing'
          % (os.path.basename(tarball), len(files), size / 1024.0))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: check_tarball.py TARBALL')
    main(sys.argv[1])
