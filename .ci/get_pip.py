"""Offline stand-in for the get-pip.py bootstrap script that ansible-test downloads.

ansible-test (``ansible_test/_util/target/setup/requirements.py``, ``bootstrap``) fetches
``https://ci-files.testing.ansible.com/ansible-test/get-pip-<version>.py`` unless it finds
``~/.ansible/test/cache/get_pip_<version with underscores>.py``. That host is unreachable here,
so ``make sanity`` copies this file to that name. ansible-test runs it, through its ``quiet_pip``
wrapper, inside an empty virtual environment (created without pip) as::

    <venv python> quiet_pip.py --disable-pip-version-check pip==<version> --no-setuptools --no-wheel

This script does the same job as the real one: put pip into the running interpreter with
``ensurepip`` (bundled with CPython, no network), then install the requested packages (the pinned
pip) from the configured package index.
"""

import subprocess
import sys

# Options of the real get-pip.py that are not pip options.
GET_PIP_ONLY = {'--no-setuptools', '--no-wheel'}


def main():
    args = sys.argv[1:]
    options = [arg for arg in args if arg.startswith('-') and arg not in GET_PIP_ONLY]
    packages = [arg for arg in args if not arg.startswith('-')]

    if '--no-setuptools' not in args:
        packages.append('setuptools')
    if '--no-wheel' not in args:
        packages.append('wheel')

    subprocess.check_call([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'])

    if packages:
        subprocess.check_call([sys.executable, '-m', 'pip', 'install', '--upgrade'] + options + packages)

    # ensurepip of Python < 3.12 also installs setuptools, which the real script leaves out when asked.
    if '--no-setuptools' in args and sys.version_info < (3, 12):
        subprocess.check_call([sys.executable, '-m', 'pip', 'uninstall', '--yes', '--quiet'] + options + ['setuptools'])


if __name__ == '__main__':
    try:
        main()
    except subprocess.CalledProcessError as ex:
        sys.exit(ex.returncode)
