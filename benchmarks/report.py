# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The targets of issue 12 over the results of benchmarks/run.py, and the Markdown page of a run."""

FLOOR_RATIO = 1.3          # the main jobs and the lookups: at most this many times the floor, at every size
DOUBLING = 2.1             # doubling the items costs at most this many times the time
MEMORY_MIB = 1024          # controller + module peak RSS at the largest size
WARM_OVER_STATIC = 1.5     # ansible-inventory --list, warm cache over a static YAML inventory

# Variants compared with the floor, and the floor of which job.
FLOORED = (('inventory', 'main'), ('audit', 'main'), ('lookup', 'lookups'))


def ratio(x, y):
    return x / y if x is not None and y else None


def median(scenario, name):
    entry = scenario['variants'].get(name)
    return entry['median'] if entry else None


def targets(results):
    """[{target, measured, wanted, met}] in the order of issue 12; a target whose parts did not run is left out."""
    out = []

    def add(target, measured, wanted, met):
        out.append({'target': target, 'measured': measured, 'wanted': wanted,
                    'met': measured is not None and met(measured)})

    scenarios = results['scenarios']
    for scenario in scenarios:
        tag = 'x%d' % scenario['scale']
        for name, job in FLOORED:
            if scenario.get('floor') and name in scenario['variants']:
                add('%s %s / floor' % (name, tag), ratio(median(scenario, name), scenario['floor'][job]),
                    '<= %g' % FLOOR_RATIO, lambda value: value <= FLOOR_RATIO)
    for scenario in scenarios:
        value = ratio(median(scenario, 'inventory_raised'), median(scenario, 'sdk_threaded'))
        if value is not None:
            name = 'inventory (rate_limit %d) x%d / SDKs with a thread per region'
            add(name % (results['raised_rate_limit'], scenario['scale']), value, '<= 1', lambda value: value <= 1.0)
    for previous, current in zip(scenarios, scenarios[1:]):
        factor = current['scale'] / float(previous['scale'])
        limit = DOUBLING * factor / 2.0
        for name in ('inventory', 'audit', 'lookup'):
            value = ratio(median(current, name), median(previous, name))
            if value is not None:
                add('%s x%d / x%d' % (name, current['scale'], previous['scale']), value,
                    '<= %g (%gx the items)' % (limit, factor), lambda value, limit=limit: value <= limit)
    for scenario in scenarios[-1:]:
        for name, memory in scenario.get('memory', {}).items():
            add('%s x%d peak RSS, controller + worker or module (MiB)' % (name, scenario['scale']),
                memory['together_mib'], '< %d' % MEMORY_MIB, lambda value: value < MEMORY_MIB)
    for scenario in scenarios:
        listing = scenario.get('ansible_inventory', {})
        value = ratio(median(scenario, 'inventory_warm'), median(scenario, 'inventory_static'))
        if value is not None:
            add('ansible-inventory --list x%d, warm cache / static YAML' % scenario['scale'], value,
                '<= %g' % WARM_OVER_STATIC, lambda value: value <= WARM_OVER_STATIC)
        if 'warm_requests' in listing:
            add('ansible-inventory --list x%d, API requests of the warm runs' % scenario['scale'],
                max(listing['warm_requests']), '0', lambda value: value == 0)
    return out


def seconds(entry):
    return '%.2f s' % entry['median'] if entry else 'n/a'


def number(value, digits=2):
    return ('%%.%df' % digits) % value if value is not None else 'n/a'


def table(intro, header, rows):
    """A paragraph and a Markdown table under it (nothing when there is no row)."""
    if not rows:
        return []
    lines = [intro, ''] if intro else []
    lines += ['| %s |' % ' | '.join(header), '|%s' % ('---|' * len(header))]
    lines += ['| %s |' % ' | '.join(str(cell).replace('|', '/') for cell in row) for row in rows]
    return lines + ['']


def markdown(results):
    machine = results['machine']
    scenarios = results['scenarios']
    lines = ['Measured %s on %s, %d CPUs, Python %s, ansible-core %s; command `%s`; %.0f s in all.' % (
        results['time'], machine['platform'], machine['cpus'], machine['python'], machine['ansible'],
        results['command'], results['seconds']), '',
        'Load (`/proc/loadavg`: 1, 5, 15 minutes, running/total tasks, last pid): `%s` before, `%s` after.'
        % (results['load_before'], results['load_after']), '']
    for problem in results.get('problems', []):
        lines += ['**FAILED**: %s' % problem, '']

    lines += table(None, ['target', 'measured', 'wanted', 'met'], [
        (t['target'], number(t['measured']), t['wanted'], 'yes' if t['met'] else 'NO') for t in results['targets']])

    if scenarios:
        base = scenarios[0]
        intro = ('Sizes: x1 = %d regions x %d connections, %d gateways per region with custom domains, %d ms latency; '
                 'xN has N times the connections. Each cell: median of %d interleaved runs, API requests of a run, '
                 'ratio to `playbooks/inventory.yml` at that size.'
                 % (base['regions'], base['connections_per_region'] // base['scale'], base['gateways_per_region'],
                    base['latency_ms'], results['config']['reps']))
        rows = []
        for name, label in results['labels']:
            if any(name in s['variants'] for s in scenarios):
                rows.append([label] + [cell(s, name) for s in scenarios])
        lines += table(intro, ['variant'] + ['x%d' % s['scale'] for s in scenarios], rows)

    intro = ('Floor = `floor.yml` + max(chain x latency, requests / %g per second), the requests being the fewest that '
             'fetch everything: ListConnections and ListGateway pages of %d, one ListGatewayDomains per gateway, and '
             'for the main job (inventory.yml, audit.yml) one GetMessageConfig.'
             % (results['rate_limit'], results['page_size']))
    lines += table(intro, ['size', 'floor.yml', 'chain', 'chain x latency', 'requests: main job / lookups',
                           'requests / rate', 'floor: main job / lookups'], [
        ('x%d' % s['scale'], '%.2f s' % s['floor']['playbook'], s['chain'], '%.2f s' % s['floor']['chain_seconds'],
         '%d / %d' % (s['needed_requests']['main'], s['needed_requests']['lookups']),
         '%.2f / %.2f s' % (s['floor']['requests_seconds']['main'], s['floor']['requests_seconds']['lookups']),
         '%.2f / %.2f s' % (s['floor']['main'], s['floor']['lookups'])) for s in scenarios if s.get('floor')])

    intro = ('Peak RSS of one more run of each main job (MiB): the controller (ansible-playbook, its own rusage), the '
             'worker or module process (the largest child of the controller, where the action plugin or the module '
             'runs), their sum (the target; an upper bound: a forked worker counts the pages it shares with the '
             'controller), and the largest process of the whole tree (wait4).')
    lines += table(intro, ['size', 'job', 'controller', 'worker or module', 'controller + worker', 'largest process'], [
        ('x%d' % s['scale'], name, '%.0f' % m['controller_mib'], '%.0f' % m['worker_mib'], '%.0f' % m['together_mib'],
         '%.0f' % m['largest_process_mib']) for s in scenarios for name, m in s.get('memory', {}).items()])

    intro = ('`ansible-inventory --list`: one cold run fills the jsonfile cache, then warm runs and runs over the static '
             'YAML inventory made from the cold listing alternate.')
    lines += table(intro, ['size', 'hosts', 'cold', 'warm', 'static YAML', 'API requests of the warm runs',
                           'same listing'], [
        ('x%d' % s['scale'], i['hosts'], '%.2f s (%d req)' % (i['cold_seconds'], i['cold_requests']),
         seconds(s['variants'].get('inventory_warm')), seconds(s['variants'].get('inventory_static')),
         ', '.join(str(n) for n in i.get('warm_requests', [])) or 'n/a',
         {True: 'yes', False: 'NO'}.get(i.get('same_hosts'), 'n/a'))
        for s in scenarios for i in [s.get('ansible_inventory')] if i])

    for name in ('inventory', 'audit'):
        entry = scenarios[0]['variants'].get(name) if scenarios else None
        intro = ('Where `playbooks/%s.yml` spends its time (last run at x%d, tasks of 50 ms or more):'
                 % (name, scenarios[0]['scale'] if scenarios else 0))
        lines += table(intro, ['task', 'seconds'], [(task['task'], '%.2f' % task['seconds'])
                                                    for task in (entry or {}).get('tasks', [])
                                                    if task['seconds'] >= 0.05])

    if results.get('lookup_cost'):
        cost = results['lookup_cost']
        lines += ['One lookup task (set_fact, median of the tasks after the first of each kind; first task in '
                  'brackets): built-in env %s ms (%.1f), built-in url %s ms (%.1f), pai.catalog.connections %s ms '
                  '(%.1f).' % (number(cost['env']['next_ms'], 1), cost['env']['first_ms'],
                               number(cost['url']['next_ms'], 1), cost['url']['first_ms'],
                               number(cost['pai']['next_ms'], 1), cost['pai']['first_ms']), '']
    return '\n'.join(lines)


def cell(scenario, name):
    """Median, API requests and the ratio to inventory.yml of one variant at one size."""
    entry = scenario['variants'].get(name)
    if not entry:
        return ''
    reference = median(scenario, 'inventory')
    text = '%s, %d req' % (seconds(entry), entry['requests'])
    return text + (', %.2f' % ratio(entry['median'], reference) if reference else '')
