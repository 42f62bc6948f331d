"""Compare what one run of playbooks/inventory.yml or playbooks/audit.yml gathered with the emulator's seeded data.

python check_run.py EMULATOR_URL inventory FACTS_JSON
python check_run.py EMULATOR_URL audit AUDIT_JSON [BASELINE_AUDIT_JSON]

Exact: every seeded item once, nothing else, no failed region; an audit report complete, with the findings of the
baseline (a run without faults). Prints one line; exits 1 with the differences otherwise.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import collections
import json
import sys

from ansible.module_utils.urls import open_url


def seeded(url):
    data = json.loads(open_url(url + '/_emulator/data').read().decode('utf-8'))
    truth = dict(
        connections=[(r, c['ConnectionId']) for r, cs in data['connections'].items() for c in cs],
        gateways=[(r, g['GatewayId']) for r, gs in data['gateways'].items() for g in gs],
        domains=[(r, g['GatewayId'], d['Domain']) for r, gs in data['gateways'].items() for g in gs
                 for d in g['CustomDomains']],
        base_models=[(r, m['base_model_type']) for r, ms in data['base_models'].items() for m in ms],
    )
    return dict((k, sorted(v)) for k, v in truth.items())


def gathered(facts):
    return dict(
        connections=sorted((c['region'], c['connection_id']) for c in facts['connections']),
        gateways=sorted((g['region'], g['gateway_id']) for g in facts['gateways']),
        domains=sorted((d['region'], d['gateway_id'], d['domain']) for d in facts['domains']),
        base_models=sorted((m['region'], m['base_model_type']) for m in facts['base_models']),
    )


def compare(truth, got):
    problems = []
    for kind in sorted(truth):
        want, have = collections.Counter(truth[kind]), collections.Counter(got[kind])
        missing = sorted((want - have).elements())
        extra = sorted((have - want).elements())
        if missing or extra:
            problems.append('%s: %d missing %s, %d extra or duplicate %s'
                            % (kind, len(missing), missing[:3], len(extra), extra[:3]))
    return problems


def main():
    url, kind, path = sys.argv[1:4]
    with open(path) as handle:
        result = json.load(handle)
    truth = seeded(url)
    if kind == 'inventory':
        got = gathered(result)
        problems = compare(truth, got)
        for key in ('connection_failed_regions', 'gateway_failed_regions', 'base_model_failed_regions'):
            if result[key]:
                problems.append('%s: %s' % (key, result[key]))
    else:
        got = gathered(result['inventory'])
        problems = compare(truth, got)
        if not result['complete'] or result['failed_regions']:
            problems.append('the report is not complete: %s' % result['failed_regions'])
        if len(sys.argv) > 4:
            with open(sys.argv[4]) as handle:
                baseline = json.load(handle)
            if result['findings'] != baseline['findings']:
                problems.append('the findings differ from those of the run without faults')
    counts = ', '.join('%d %s' % (len(got[k]), k) for k in sorted(got))
    if problems:
        print('%s: NOT EXACT (%s)' % (kind, counts))
        for problem in problems:
            print('  ' + problem)
        sys.exit(1)
    print('%s: exact (%s)' % (kind, counts))


if __name__ == '__main__':
    main()
