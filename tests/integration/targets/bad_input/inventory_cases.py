"""Bad input of the pai.catalog.pai inventory source: python inventory_cases.py EMULATOR_URL WORKDIR.

Each case is a configuration file; ansible-inventory must fail with every word of the case in its output, and
without a traceback. A case that fails on its input alone must do so before any request: the emulator's request
counter must not move. A case that reaches a server by design has a third element, True.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json
import os
import subprocess
import sys
from urllib.request import urlopen

URL, WORK = sys.argv[1], sys.argv[2]
BASE = dict(plugin='pai.catalog.pai', regions=['cn-hangzhou'], endpoint_url=URL + '/r/{region}',
            access_key_id='LTAI5tEmulatorAccessKey', access_key_secret='emulator-access-key-secret', max_attempts=2,
            strict=True)
CASES = [
    (dict(colour='blue'), ['unknown option in the pai.catalog.pai configuration: colour', 'known options']),
    (dict(sources=['databases']), ['sources', 'databases', 'connections, gateways']),
    (dict(connection_filters={'accessibility': 'INTERNAL'}),
     ['connection_filters.accessibility', 'INTERNAL', 'PUBLIC, PRIVATE']),
    (dict(connection_filters={'colour': 'blue'}), ['connection_filters.colour', 'ListConnections takes the filters']),
    (dict(gateway_filters={'page_size': 500}), ['gateway_filters.page_size', '500', '1 to 100']),
    (dict(regions=['Hang Zhou']), ["option regions: 'Hang Zhou' is not valid"]),
    (dict(endpoint_url='ftp://127.0.0.1/{region}'), ['endpoint_url', 'http(s) URL']),
    (dict(endpoint_url=URL + '/r/{region}\n'), ['endpoint_url', 'without control characters']),
    (dict(endpoint_url='http://alice:hunter2-do-not-echo@127.0.0.1/r/{region}'), ['credentials in the URL']),
    (dict(endpoint_url=URL + '/r/cn-hangzhou', regions=['cn-hangzhou', 'cn-shanghai']),
     ['endpoint_url', 'must contain {region}']),
    (dict(connection_filters={'workspace_id': 'w' * 100000}), ['connection_filters.workspace_id', '100000 characters']),
    (dict(gateway_filters={'gateway_id': 'my gateway'}), ['gateway_filters.gateway_id', 'gw-']),
    (dict(access_key_secret='wrong-secret-do-not-echo'), ['ListConnections in cn-hangzhou failed: HTTP 400 '
                                                          'SignatureDoesNotMatch', 'request id'], True),
    (dict(access_key_id=None, access_key_secret=None, profile_file='/nonexistent/pai-catalog/config.json'),
     ['no Alibaba Cloud credentials found', 'ALIBABA_CLOUD_ACCESS_KEY_ID']),
    (dict(endpoint_url='http://127.0.0.1:9/r/{region}'), ['cannot complete the request to http://127.0.0.1:9'], True),
    # A Jinja error in hostnames or compose names the expression (strict); hosts never fall back silently.
    (dict(hostnames=['pai_connection_name ~ ']), ['hostnames entry', "'pai_connection_name ~ '", 'failed'], True),
    (dict(compose={'owner': 'pai_creator | no_such_filter'}), ['compose entry owner', 'no_such_filter'], True),
]


def requests():
    with urlopen(URL + '/_emulator/stats') as response:
        return json.loads(response.read().decode('utf-8'))['requests']


def main():
    env = dict(os.environ, ANSIBLE_INVENTORY_UNPARSED_FAILED='true', ANSIBLE_INVENTORY_ENABLED='pai.catalog.pai')
    failures = []
    early = 0
    for number, case in enumerate(CASES, 1):
        changes, words, sent = (case + (False,))[:3]
        before = requests()
        config = dict(BASE)
        config.update(changes)
        config = dict((k, v) for k, v in config.items() if v is not None)
        path = os.path.join(WORK, 'case%d.pai.yml' % number)
        with open(path, 'w') as handle:
            json.dump(config, handle)
        proc = subprocess.run(['ansible-inventory', '-i', path, '--list'], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True, check=False)
        text = ' '.join(proc.stdout.split())
        missing = [w for w in words if w not in text]
        made = requests() - before
        if proc.returncode == 0 or missing or 'Traceback' in text or 'do-not-echo' in text or (made and not sent):
            failures.append('case %d %s: rc %d, missing %s, %d request(s):\n%s'
                            % (number, str(changes)[:300], proc.returncode, missing, made, proc.stdout[-1500:]))
        elif not sent:
            early += 1
    for failure in failures:
        print(failure)
    print('bad_input: %d of %d inventory cases passed; %d refused before any request'
          % (len(CASES) - len(failures), len(CASES), early))
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
