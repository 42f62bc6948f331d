"""Bad input of the pai.catalog.pai inventory source: python inventory_cases.py EMULATOR_URL WORKDIR.

Each case is a configuration file; ansible-inventory must fail with every word of the case in its output, and
without a traceback.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json
import os
import subprocess
import sys

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
    (dict(access_key_secret='wrong-secret-do-not-echo'), ['ListConnections in cn-hangzhou failed: HTTP 400 '
                                                          'SignatureDoesNotMatch', 'request id']),
    (dict(access_key_id=None, access_key_secret=None, profile_file='/nonexistent/pai-catalog/config.json'),
     ['no Alibaba Cloud credentials found', 'ALIBABA_CLOUD_ACCESS_KEY_ID']),
    (dict(endpoint_url='http://127.0.0.1:9/r/{region}'), ['cannot complete the request to http://127.0.0.1:9']),
]


def main():
    env = dict(os.environ, ANSIBLE_INVENTORY_UNPARSED_FAILED='true', ANSIBLE_INVENTORY_ENABLED='pai.catalog.pai')
    failures = []
    for number, (changes, words) in enumerate(CASES, 1):
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
        if proc.returncode == 0 or missing or 'Traceback' in text or 'do-not-echo' in text:
            failures.append('case %d %s: rc %d, missing %s:\n%s' % (number, changes, proc.returncode, missing,
                                                                    proc.stdout[-1500:]))
    for failure in failures:
        print(failure)
    print('bad_input: %d of %d inventory cases passed' % (len(CASES) - len(failures), len(CASES)))
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
