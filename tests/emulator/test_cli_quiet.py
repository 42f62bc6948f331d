# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""python -m tests.emulator --quiet prints nothing at all (the demo and the tests read the ready file); without it,
the start-up lines name the URL and the credentials."""

import json
import os
import signal
import subprocess
import sys
import time

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(tmp_path, *flags):
    """Start the CLI, send one request, stop it; (stdout, stderr, ready file)."""
    ready = tmp_path / 'ready.json'
    proc = subprocess.Popen([sys.executable, '-m', 'tests.emulator', '--port', '0', '--ready-file', str(ready)] +
                            list(flags), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 10
        while not ready.exists() and time.time() < deadline:
            time.sleep(0.05)
        info = json.loads(ready.read_text())
        requests.get(info['base_url'] + '/_emulator/data', timeout=10)
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    return out, err, info


def test_quiet_prints_nothing(tmp_path):
    out, err, info = run(tmp_path, '--quiet')
    assert (out, err) == ('', '')
    assert info['credentials']['alibaba_access_key_secret']


def test_loud_prints_url_and_credentials(tmp_path):
    out, err, info = run(tmp_path)
    lines = out.splitlines()
    assert lines[0] == 'PAI emulator listening on %s' % info['base_url']
    assert json.loads(lines[1].split(': ', 1)[1]) == info['credentials']
    assert '/_emulator/data' in err
