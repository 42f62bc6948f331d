# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the examples of docs/*.md as a reader of the page would, so that the docs cannot rot.

    python run_docs.py CHECKOUT READY_FILE

A fenced block right after `<!-- runnable -->` is a shell script, run with bash; after `<!-- runnable: NAME -->` it
is a file that the page asks the reader to save as NAME. The blocks run in order, docs/index.md first, in one bash (one
reader, whose Getting started makes the environment of the other pages), from the root of a fresh copy of the
checkout, as a reader with the emulator running and its variables exported (docs/index.md,
"The emulator"), a fresh HOME, and no Ansible of the test on PATH: the page itself must say how to get one. The
emulator's default port of the docs, 127.0.0.1:8765, becomes the test emulator's. A block that fails, prints a
traceback, an Ansible error or a warning fails the test, and so does a page of PAGES that lost all its runnable blocks.

`make env` would install ansible-core and requirements.txt into .venv-run with pip; there is no registry in CI, so
the copy's .venv-run is made beforehand from this test's Python (same packages, no pip) and `make env` only links
the checkout into .ansible/collections, as it does once the requirements are installed.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PAGES = ('index.md', 'lookups.md', 'inventory.md')  # each must keep runnable examples
MARK = re.compile(r'^<!-- runnable(?::\s*(\S+))?\s*-->\s*$')
FENCE = re.compile(r'^```(\w+)\s*$')
COMMANDS = {'ansible': 'adhoc', 'ansible-playbook': 'playbook', 'ansible-inventory': 'inventory',
            'ansible-doc': 'doc', 'ansible-galaxy': 'galaxy', 'ansible-config': 'config'}
ENVIRONMENT = {  # variable -> key of the emulator's credentials
    'ALIBABA_CLOUD_ACCESS_KEY_ID': 'alibaba_access_key_id',
    'ALIBABA_CLOUD_ACCESS_KEY_SECRET': 'alibaba_access_key_secret',
    'HUAWEICLOUD_SDK_AK': 'huawei_ak',
    'HUAWEICLOUD_SDK_SK': 'huawei_sk',
    'HUAWEICLOUD_SDK_PROJECT_ID': 'huawei_project_id',
}


def examples(path):
    """(file name or None, language, text, line) of each runnable block of a page."""
    with open(path) as handle:
        lines = handle.read().splitlines()
    found = []
    for number, line in enumerate(lines):
        mark = MARK.match(line)
        if not mark:
            continue
        fence = FENCE.match(lines[number + 1]) if number + 1 < len(lines) else None
        end = next((i for i in range(number + 2, len(lines)) if lines[i].strip() == '```'), None)
        if not fence or end is None:
            sys.exit('%s:%d: a runnable mark must be right before a fenced block with a language' % (path, number + 1))
        if not mark.group(1) and fence.group(1) not in ('sh', 'bash'):
            sys.exit('%s:%d: a runnable %s block needs a file name: <!-- runnable: NAME -->'
                     % (path, number + 1, fence.group(1)))
        found.append((mark.group(1), fence.group(1), '\n'.join(lines[number + 2:end]) + '\n', number + 3))
    return found


def script(page, blocks, address):
    """The bash script of a page: its files written, its commands run, each announced with its line."""
    parts = []
    for name, _language, text, line in blocks:
        text = text.replace('127.0.0.1:8765', address)
        parts.append("echo '==> docs/%s line %d'" % (page, line))
        parts.append("cat > '%s' <<'PAI_DOCS_EOF'\n%sPAI_DOCS_EOF" % (name, text) if name else text)
    return '\n'.join(['set -eu -o pipefail'] + parts)


def seed_venv(venv):
    """.venv-run as `make env` leaves it, from this Python's packages: site-packages reach this Python's, and the
    ansible-* commands are the console scripts pip would write."""
    subprocess.run([sys.executable, '-m', 'venv', '--without-pip', venv], check=True)
    python = os.path.join(venv, 'bin', 'python')
    purelib = subprocess.run([python, '-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'],
                             capture_output=True, text=True, check=True).stdout.strip()
    with open(os.path.join(purelib, 'pai_docs_examples.pth'), 'w') as handle:
        handle.write('\n'.join(p for p in sys.path if os.path.basename(p) in ('site-packages', 'dist-packages')) + '\n')
    for command, module in COMMANDS.items():
        path = os.path.join(venv, 'bin', command)
        with open(path, 'w') as handle:
            handle.write('#!%s\nimport sys\nfrom ansible.cli.%s import main\nsys.exit(main())\n' % (python, module))
        os.chmod(path, 0o755)
    open(os.path.join(venv, '.requirements.txt.stamp'), 'w').close()


def main(collection, ready_file):
    with open(ready_file) as handle:
        ready = json.load(handle)
    docs = os.path.join(collection, 'docs')
    work = tempfile.mkdtemp(prefix='pai-docs-examples.')
    try:
        checkout = os.path.join(work, 'checkout')
        shutil.copytree(collection, checkout, symlinks=True, ignore=lambda folder, names: [
            n for n in names if n in ('.ansible', '__pycache__') or n.startswith('.venv') or
            (n == 'output' and os.path.basename(folder) == 'tests')])
        for name in ('Makefile', 'ansible.cfg'):
            if not os.path.exists(os.path.join(checkout, name)):
                sys.exit('%s is not a checkout: no %s' % (collection, name))
        seed_venv(os.path.join(checkout, '.venv-run'))
        env = dict((k, v) for k, v in os.environ.items() if k not in ('PYTHONPATH', 'VIRTUAL_ENV') and
                   not k.startswith(('ANSIBLE_', 'PAI_', 'ALIBABA_', 'ALICLOUD_', 'HUAWEICLOUD_', 'DASHSCOPE_')))
        env['PATH'] = ':'.join(d for d in os.environ['PATH'].split(':')
                               if d and not os.path.exists(os.path.join(d, 'ansible-playbook')))
        env['HOME'] = os.path.join(work, 'home')
        os.mkdir(env['HOME'])
        env['PAI_CATALOG_ENDPOINT_URL'] = ready['base_url'] + '/r/{region}'
        env.update((variable, ready['credentials'][key]) for variable, key in ENVIRONMENT.items())
        address = ready['base_url'].split('://', 1)[1]
        # One reader, one shell: docs/index.md first (its Getting started makes the environment), then the others.
        pages = sorted((p for p in os.listdir(docs) if p.endswith('.md')), key=lambda p: (p != 'index.md', p))
        ran = dict((page, examples(os.path.join(docs, page))) for page in pages)
        ran = dict((page, blocks) for page, blocks in ran.items() if blocks)
        scripts = '\n'.join(script(page, blocks, address) for page, blocks in ran.items())
        result = subprocess.run(['bash', '-c', scripts], cwd=checkout, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, check=False)
        print(result.stdout)
        for bad in ('Traceback', '[ERROR]', 'ERROR!', '[WARNING]'):
            if bad in result.stdout:
                sys.exit('an example printed %r, see above' % bad)
        if result.returncode:
            sys.exit('an example failed (exit status %d) after the last "==>" line above' % result.returncode)
        # What ansible.cfg promises beyond the examples' success (a Python found on PATH may have requests too):
        # with -i localhost, modules run with the Python of ansible-playbook, the one of .venv-run.
        python = os.path.join(checkout, '.venv-run', 'bin', 'python')
        ansible = os.path.join(checkout, '.venv-run', 'bin', 'ansible')
        result = subprocess.run([ansible, '-i', 'localhost,', '-c', 'local', 'localhost', '-m', 'ansible.builtin.setup',
                                 '-a', 'filter=ansible_python'],
                                cwd=checkout, env=env, capture_output=True, text=True, check=False)
        if '"executable": "%s"' % python not in result.stdout:
            sys.exit('ansible.cfg: a module with -i localhost, did not run with %s:\n%s%s'
                     % (python, result.stdout, result.stderr))
        lost = [p for p in PAGES if p not in ran]
        if lost:
            sys.exit('no runnable example left in %s' % ', '.join('docs/' + p for p in lost))
        print('docs examples: %s' % ', '.join('docs/%s %d block(s)' % (p, len(b)) for p, b in ran.items()))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main(*sys.argv[1:])
