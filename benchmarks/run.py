# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Side-by-side timings of a multi-region inventory against the emulator (see benchmarks/README.md).

    .venv/bin/python benchmarks/run.py            # the full benchmark (about 9 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --tiny     # every variant once at a tiny size (CI; well under a minute)

Variants, each timed as a whole process, several repetitions, medians:
  (a) playbooks/inventory.yml: connections, gateways and custom domains of every region (the collection's roles)
  (b) benchmarks/uri_inventory.yml: ansible.builtin.uri, page by page, region by region, gateway by gateway
  (c) benchmarks/sdk_inventory.py: the official Alibaba Cloud SDKs, sequentially
  (d) the floor: benchmarks/floor.yml (ansible-playbook with one module task) + the longest chain of sequential
      pages of any region x the latency
  lookup: benchmarks/lookup_inventory.yml, the same inventory with the collection's lookups
Also: (a), (d) and the lookup variant at 2x and 4x the items, the cost of one lookup task next to built-in
lookups, the peak RSS of the module process at 50,000 connections, and a per-task breakdown of (a).

Results: benchmarks/results/<UTC time>.json and .md, and benchmarks/results/latest.{json,md}.
"""

from __future__ import print_function

import argparse
import json
import math
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-zhangjiakou', 'ap-southeast-1',
           'us-west-1', 'eu-central-1']
PAGE_SIZE = 100          # the largest page ListConnections and ListGateway allow; every variant uses it
ACCESS_KEY = ('LTAI5tEmulatorAccessKey', 'emulator-access-key-secret')
API_KEY = 'sk-emulator-pai-key'

FULL = dict(regions=8, connections=1000, gateways=3, latency_ms=50, reps=3, reps_uri=2, reps_scaled=3,
            scales=[2, 4], memory_connections=50000, lookup_tasks=10)
TINY = dict(regions=2, connections=150, gateways=2, latency_ms=5, reps=1, reps_uri=1, reps_scaled=1,
            scales=[2], memory_connections=400, lookup_tasks=3)


def log(message):
    sys.stderr.write('[bench %s] %s\n' % (time.strftime('%H:%M:%S'), message))
    sys.stderr.flush()


class Emulator(object):
    """python -m tests.emulator in a process of its own, so that its CPU is not the measured process's."""

    def __init__(self, work, regions, connections, gateways, latency_ms):
        self.ready = os.path.join(work, 'emulator-%d.json' % connections)
        self.regions = regions
        cmd = [sys.executable, '-m', 'tests.emulator', '--port', '0', '--ready-file', self.ready, '--quiet',
               '--latency-ms', str(latency_ms), '--connections-per-region', str(connections),
               '--gateways-per-region', str(gateways), '--alibaba-regions', ','.join(regions)]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 120
        while not os.path.exists(self.ready):
            if self.proc.poll() is not None:
                raise RuntimeError('the emulator exited: %s' % self.proc.stderr.read().decode('utf-8', 'replace'))
            if time.monotonic() > deadline:
                raise RuntimeError('the emulator did not start within 120 s')
            time.sleep(0.05)
        with open(self.ready) as handle:
            self.base_url = json.load(handle)['base_url']

    def control(self, path, body=None):
        data = None if body is None else json.dumps(body).encode('utf-8')
        request = urllib.request.Request(self.base_url + path, data=data, method='GET' if body is None else 'POST',
                                         headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read().decode('utf-8'))

    def reset(self):
        self.control('/_emulator/reset', {})

    def requests(self):
        return self.control('/_emulator/stats')['requests']

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def ansible_env(work, emulator, timer_file=None):
    env = dict(os.environ)
    env.update({
        'ANSIBLE_COLLECTIONS_PATH': os.path.join(work, 'collections'),
        'ANSIBLE_PYTHON_INTERPRETER': sys.executable,
        'ANSIBLE_LOCALHOST_WARNING': 'false',
        'ANSIBLE_INVENTORY_UNPARSED_WARNING': 'false',
        'ANSIBLE_NOCOLOR': '1',
        'ANSIBLE_CALLBACK_PLUGINS': os.path.join(HERE, 'callback_plugins'),
        'ANSIBLE_CALLBACKS_ENABLED': 'bench_timer',
        'ANSIBLE_LOCAL_TEMP': os.path.join(work, 'ansible-local'),
        'ANSIBLE_REMOTE_TEMP': os.path.join(work, 'ansible-remote'),
        'PAI_CATALOG_ENDPOINT_URL': emulator.base_url + '/r/{region}',
        'ALIBABA_CLOUD_ACCESS_KEY_ID': ACCESS_KEY[0],
        'ALIBABA_CLOUD_ACCESS_KEY_SECRET': ACCESS_KEY[1],
        'BENCH_TIMER_FILE': timer_file or os.path.join(work, 'timer.json'),
    })
    for name in ('PAI_API_KEY', 'DASHSCOPE_API_KEY', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALICLOUD_SECURITY_TOKEN',
                 'ALIBABA_CLOUD_PROFILE', 'ALICLOUD_PROFILE'):
        env.pop(name, None)
    return env


def playbook(bin_dir, path, extra):
    return [os.path.join(bin_dir, 'ansible-playbook'), '-i', 'localhost,', path, '-e', json.dumps(extra)]


def run_once(name, cmd, env, emulator, logs):
    """Run cmd once; return (seconds, API requests). A failed run stops the benchmark: its figure would lie."""
    emulator.reset()
    log_path = os.path.join(logs, '%s.log' % name)
    with open(log_path, 'wb') as out:
        start = time.perf_counter()
        code = subprocess.call(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - start
    if code != 0:
        with open(log_path, 'rb') as handle:
            tail = handle.read()[-3000:].decode('utf-8', 'replace')
        raise RuntimeError('%s failed (exit %d), see %s:\n%s' % (name, code, log_path, tail))
    return seconds, emulator.requests()


def measure(name, cmd, env, emulator, logs, reps):
    times, requests = [], None
    for rep in range(reps):
        seconds, requests = run_once('%s-%d' % (name, rep + 1), cmd, env, emulator, logs)
        times.append(seconds)
        log('%s run %d/%d: %.2f s, %d API requests' % (name, rep + 1, reps, seconds, requests))
    return {'median': statistics.median(times), 'min': min(times), 'max': max(times), 'runs': times,
            'requests': requests}


def chain(connections, gateways):
    """The longest chain of requests that must follow one another in any region: the NextToken pages of its
    connections, or ListGateway pages and then ListGatewayDomains."""
    connection_pages = max(1, math.ceil(connections / float(PAGE_SIZE)))
    gateway_pages = max(1, math.ceil(gateways / float(PAGE_SIZE)))
    return max(connection_pages, gateway_pages + 1)


def scenario(cfg, work, logs, bin_dir, scale, variants, reps):
    connections = cfg['connections'] * scale
    regions = REGIONS[:cfg['regions']]
    log('scenario x%d: %d regions x %d connections, %d gateways per region, %d ms latency'
        % (scale, len(regions), connections, cfg['gateways'], cfg['latency_ms']))
    emulator = Emulator(work, regions, connections, cfg['gateways'], cfg['latency_ms'])
    try:
        env = ansible_env(work, emulator)
        result = {'scale': scale, 'regions': len(regions), 'connections_per_region': connections,
                  'gateways_per_region': cfg['gateways'], 'latency_ms': cfg['latency_ms'],
                  'chain': chain(connections, cfg['gateways'])}
        tag = 'x%d' % scale
        if 'a' in variants:
            timer = os.path.join(work, 'timer-a.json')
            result['a'] = measure('a-' + tag, playbook(bin_dir, os.path.join(ROOT, 'playbooks', 'inventory.yml'),
                                                       {'pai_regions': regions, 'pai_fabric_regions': []}),
                                  dict(env, BENCH_TIMER_FILE=timer), emulator, logs, reps)
            with open(timer) as handle:
                result['a']['tasks'] = json.load(handle)['tasks']
        if 'modules' in variants:
            timer = os.path.join(work, 'timer-modules.json')
            result['modules'] = measure('modules-' + tag, playbook(bin_dir, os.path.join(HERE, 'modules_inventory.yml'),
                                                                   {'bench_regions': regions}),
                                        dict(env, BENCH_TIMER_FILE=timer), emulator, logs, reps)
            with open(timer) as handle:
                result['modules']['tasks'] = json.load(handle)['tasks']
        if 'b' in variants:
            result['b'] = measure('b-' + tag, playbook(bin_dir, os.path.join(HERE, 'uri_inventory.yml'), {
                'bench_endpoint': emulator.base_url + '/r/{region}', 'bench_api_key': API_KEY,
                'bench_regions': regions, 'bench_page_size': PAGE_SIZE}), env, emulator, logs, cfg['reps_uri'])
        if 'c' in variants:
            result['c'] = measure('c-' + tag, [sys.executable, os.path.join(HERE, 'sdk_inventory.py'), '--proxy',
                                               emulator.base_url, '--regions', ','.join(regions),
                                               '--page-size', str(PAGE_SIZE)], env, emulator, logs, reps)
        if 'd' in variants:
            floor = measure('d-' + tag, playbook(bin_dir, os.path.join(HERE, 'floor.yml'), {}), env, emulator, logs,
                            reps)
            empty = measure('empty-' + tag, playbook(bin_dir, os.path.join(HERE, 'empty.yml'), {}), env, emulator,
                            logs, reps)
            wire = result['chain'] * cfg['latency_ms'] / 1000.0
            result['d'] = {'median': floor['median'] + wire, 'playbook_with_one_module_task': floor['median'],
                           'empty_playbook': empty['median'], 'chain_seconds': wire}
        if 'lookup' in variants:
            result['lookup'] = measure('lookup-' + tag, playbook(bin_dir, os.path.join(HERE, 'lookup_inventory.yml'),
                                                                 {'bench_regions': regions}),
                                       env, emulator, logs, reps)
        return result
    finally:
        emulator.stop()


def lookup_cost(cfg, work, logs, bin_dir):
    """Per-task time of a lookup: built-in env (no network), built-in url (one HTTP GET to the emulator's control
    API) and pai.catalog.connections (one ListConnections with an empty answer), latency 0."""
    emulator = Emulator(work, REGIONS[:1], 1, 0, 0)
    try:
        n = cfg['lookup_tasks']
        kinds = [('env', "{{ lookup('ansible.builtin.env', 'HOME') }}"),
                 ('url', "{{ lookup('ansible.builtin.url', '%s/_emulator/config') }}" % emulator.base_url),
                 ('pai', "{{ query('pai.catalog.connections', regions=['cn-hangzhou'], connection_ids=['conn-none']) }}")]
        tasks = []
        for kind, expression in kinds:
            for index in range(n):
                tasks.append({'name': '%s-%d' % (kind, index), 'ansible.builtin.set_fact': {'bench_value': expression}})
        path = os.path.join(work, 'lookup_cost.yml')
        with open(path, 'w') as handle:
            json.dump([{'name': 'Cost of a lookup task', 'hosts': 'localhost', 'connection': 'local',
                        'gather_facts': False, 'tasks': tasks}], handle, indent=1)
        timer = os.path.join(work, 'timer-lookup.json')
        env = ansible_env(work, emulator, timer)
        runs = []
        for rep in range(max(1, cfg['reps'] // 2 + 1)):
            run_once('lookup-cost-%d' % (rep + 1), playbook(bin_dir, path, {}), env, emulator, logs)
            with open(timer) as handle:
                runs.append(json.load(handle)['tasks'])
        result = {'tasks_per_kind': n, 'runs': len(runs)}
        for kind, _expression in kinds:
            first = [t['seconds'] for run in runs for t in run if t['task'] == '%s-0' % kind]
            rest = [t['seconds'] for run in runs for t in run if t['task'].startswith(kind + '-')
                    and t['task'] != '%s-0' % kind]
            result[kind] = {'first_ms': 1000 * statistics.median(first),
                            'next_ms': 1000 * statistics.median(rest) if rest else None}
        log('lookup task: env %.1f ms, url %.1f ms, pai.catalog.connections %.1f ms (first %.1f ms)'
            % (result['env']['next_ms'] or 0, result['url']['next_ms'] or 0, result['pai']['next_ms'] or 0,
               result['pai']['first_ms']))
        return result
    finally:
        emulator.stop()


WRAPPER = r'''#!%(python)s
# Runs the module with the real interpreter and appends the peak RSS of that process (KiB) to a file.
import os, resource, subprocess, sys
code = subprocess.call([%(python)r] + sys.argv[1:])
with open(%(out)r, 'a') as handle:
    handle.write('%%d\n' %% resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
'''


def memory(cfg, work, logs, bin_dir):
    """Peak RSS of the connection_info module process (and of the whole ansible-playbook tree) at
    memory_connections connections over the regions."""
    regions = REGIONS[:cfg['regions']]
    per_region = int(math.ceil(cfg['memory_connections'] / float(len(regions))))
    emulator = Emulator(work, regions, per_region, 1, 0)
    try:
        out = os.path.join(work, 'module-rss.txt')
        wrapper = os.path.join(work, 'rss-python')
        with open(wrapper, 'w') as handle:
            handle.write(WRAPPER % {'python': sys.executable, 'out': out})
        os.chmod(wrapper, 0o755)
        path = os.path.join(work, 'memory.yml')
        with open(path, 'w') as handle:
            json.dump([{'name': 'Memory', 'hosts': 'localhost', 'connection': 'local', 'gather_facts': False,
                        'tasks': [{'name': 'All connections', 'pai.catalog.connection_info': {'regions': regions},
                                   'register': 'answer'},
                                  {'name': 'Count', 'ansible.builtin.debug': {
                                      'msg': '{{ answer.total_count }} connections'}}]}], handle)
        env = dict(ansible_env(work, emulator), ANSIBLE_PYTHON_INTERPRETER=wrapper)
        before = resource_children()
        seconds, requests = run_once('memory', playbook(bin_dir, path, {}), env, emulator, logs)
        tree = resource_children()
        with open(out) as handle:
            module_kib = max(int(line) for line in handle if line.strip())
        with open(os.path.join(logs, 'memory.log')) as handle:
            text = handle.read()
        if '%d connections' % (per_region * len(regions)) not in text:
            raise RuntimeError('the memory run did not return %d connections' % (per_region * len(regions)))
        result = {'connections': per_region * len(regions), 'module_peak_rss_mib': module_kib / 1024.0,
                  'largest_process_peak_rss_mib': max(tree, before) / 1024.0, 'seconds': seconds,
                  'requests': requests}
        log('memory: %d connections, module peak RSS %.0f MiB, largest process %.0f MiB, %.1f s'
            % (result['connections'], result['module_peak_rss_mib'], result['largest_process_peak_rss_mib'], seconds))
        return result
    finally:
        emulator.stop()


def resource_children():
    import resource
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def ratio(x, y):
    return x / y if x and y else None


def summarise(results):
    """Targets of issue 7 -> {name: (value, target text, met)}."""
    base = results['scenarios'][0]
    out = {}
    if 'a' in base and 'd' in base:
        value = ratio(base['a']['median'], base['d']['median'])
        out['a_over_d'] = (value, '<= 1.3', value is not None and value <= 1.3)
    if 'a' in base and 'b' in base:
        value = ratio(base['b']['median'], base['a']['median'])
        out['b_over_a'] = (value, '>= 20', value is not None and value >= 20)
    if 'a' in base and 'c' in base:
        value = ratio(base['c']['median'], base['a']['median'])
        out['c_over_a'] = (value, '>= 3', value is not None and value >= 3)
    if 'modules' in base:
        # The same ratios for the modules alone (no roles): informational, what the engine itself achieves.
        for other, key, wanted, test in (('d', 'modules_over_d', '<= 1.3', lambda v: v <= 1.3),
                                         ('b', 'b_over_modules', '>= 20', lambda v: v >= 20),
                                         ('c', 'c_over_modules', '>= 3', lambda v: v >= 3)):
            if other in base:
                pair = (base['modules']['median'], base[other]['median'])
                value = ratio(*pair) if other == 'd' else ratio(*reversed(pair))
                out[key] = (value, wanted, value is not None and test(value))
    scenarios = results['scenarios']
    for previous, current in zip(scenarios, scenarios[1:]):
        for variant in ('a', 'modules', 'lookup'):
            if variant in previous and variant in current:
                factor = current['scale'] / float(previous['scale'])
                value = ratio(current[variant]['median'], previous[variant]['median'])
                name = '%s_x%d_over_x%d' % (variant, current['scale'], previous['scale'])
                out[name] = (value, '<= 2.1 (for %gx the items)' % factor, value is not None and value <= 2.1)
    if results.get('lookup_cost'):
        cost = results['lookup_cost']
        value = cost['pai']['next_ms'] - cost['url']['next_ms'] if cost['pai']['next_ms'] is not None else None
        out['lookup_minus_builtin_url_ms'] = (value, '<= 10', value is not None and value <= 10)
    return out


def markdown(results):
    lines = []
    machine = results['machine']
    values = (results['time'], machine['platform'], machine['cpus'], machine['python'], machine['ansible'],
              results['load_average_before'], results['load_average_after'], results['command'], results['seconds'])
    lines.append('Measured %s on %s, %d CPUs, Python %s, ansible-core %s, load average %.1f before and %.1f after; '
                 'command: `%s`; %.0f s.' % values)
    lines.append('')
    lines.append('| scenario | (a) inventory.yml | (b) uri | (c) SDK | (d) floor | lookups | modules only | (a)/(d) '
                 '| (b)/(a) | (c)/(a) |')
    lines.append('|---|---|---|---|---|---|---|---|---|---|')

    def cell(entry):
        if not entry:
            return 'n/a'
        text = '%.2f s' % entry['median']
        if entry.get('requests') is not None:
            text += ' (%d req)' % entry['requests']
        return text

    def rcell(value):
        return '%.2f' % value if value else 'n/a'

    for s in results['scenarios']:
        values = (s['scale'], s['regions'], s['connections_per_region'], s['gateways_per_region'], s['latency_ms'])
        name = 'x%d: %d regions x %d conn., %d gw/region, %d ms' % values
        a, b, c, d = s.get('a'), s.get('b'), s.get('c'), s.get('d')
        lines.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            name, cell(a), cell(b), cell(c),
            ('%.2f s (%.2f + %d x %d ms)' % (d['median'], d['playbook_with_one_module_task'], s['chain'], s['latency_ms'])
             if d else 'n/a'),
            cell(s.get('lookup')), cell(s.get('modules')), rcell(a and d and ratio(a['median'], d['median'])),
            rcell(a and b and ratio(b['median'], a['median'])), rcell(a and c and ratio(c['median'], a['median']))))
    lines.append('')
    if results['scenarios'] and results['scenarios'][0].get('d'):
        d = results['scenarios'][0]['d']
        lines.append('Empty ansible-playbook run: %.2f s; with one module task (ansible.builtin.ping): %.2f s.'
                     % (d['empty_playbook'], d['playbook_with_one_module_task']))
        lines.append('')
    base = results['scenarios'][0] if results['scenarios'] else {}
    if base.get('a', {}).get('tasks'):
        lines.append('Where (a) spends its time (last run at x%d, tasks over 50 ms):' % base['scale'])
        lines.append('')
        lines.append('| task | seconds |')
        lines.append('|---|---|')
        for task in base['a']['tasks']:
            if task['seconds'] >= 0.05:
                lines.append('| %s | %.2f |' % (task['task'].replace('|', '/'), task['seconds']))
        lines.append('')
    if base.get('modules', {}).get('tasks'):
        lines.append('Where the modules-only variant spends its time (last run at x%d): %s.' % (base['scale'], ', '.join(
            '%s %.2f s' % (t['task'], t['seconds']) for t in base['modules']['tasks'])))
        lines.append('')
    if results.get('lookup_cost'):
        cost = results['lookup_cost']
        lines.append('One lookup task (set_fact, median of the tasks after the first of each kind; first task in '
                     'brackets): built-in env %.1f ms (%.1f), built-in url %.1f ms (%.1f), pai.catalog.connections '
                     '%.1f ms (%.1f).' % (cost['env']['next_ms'], cost['env']['first_ms'], cost['url']['next_ms'],
                                          cost['url']['first_ms'], cost['pai']['next_ms'], cost['pai']['first_ms']))
        lines.append('')
    if results.get('memory'):
        m = results['memory']
        values = (m['connections'], m['module_peak_rss_mib'], m['largest_process_peak_rss_mib'], m['seconds'],
                  m['requests'])
        lines.append('Memory at %d connections: module process peak RSS %.0f MiB (largest process of the run %.0f '
                     'MiB), %.1f s, %d API requests.' % values)
        lines.append('')
    lines.append('| target | measured | wanted | met |')
    lines.append('|---|---|---|---|')
    for name, (value, wanted, met) in sorted(results['targets'].items()):
        shown = '%.2f' % value if value is not None else 'n/a'
        lines.append('| %s | %s | %s | %s |' % (name, shown, wanted, 'yes' if met else 'NO'))
    return '\n'.join(lines) + '\n'


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--tiny', action='store_true', help='every variant once at a tiny size (CI)')
    parser.add_argument('--reps', type=int, help='repetitions of each variant at the base size')
    parser.add_argument('--only', default='a,b,c,d,lookup,modules,scale,lookup-cost,memory',
                        help='comma-separated parts: a,b,c,d,lookup,modules,scale,lookup-cost,memory')
    parser.add_argument('--connections', type=int, help='connections per region at the base size')
    parser.add_argument('--out', default=os.path.join(HERE, 'results'))
    args = parser.parse_args(argv)
    cfg = dict(TINY if args.tiny else FULL)
    if args.reps:
        cfg['reps'] = args.reps
    if args.connections:
        cfg['connections'] = args.connections
    parts = set(p.strip() for p in args.only.split(',') if p.strip())
    bin_dir = os.path.dirname(sys.executable)
    if not os.path.exists(os.path.join(bin_dir, 'ansible-playbook')):
        parser.error('run with the Python of the virtual environment that has ansible-core (.venv/bin/python)')
    os.makedirs(args.out, exist_ok=True)
    work = tempfile.mkdtemp(prefix='pai-bench-')
    stamp = time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())
    logs = os.path.join(args.out, 'logs-' + stamp)
    os.makedirs(logs)
    os.makedirs(os.path.join(work, 'collections', 'ansible_collections', 'pai'))
    os.symlink(ROOT, os.path.join(work, 'collections', 'ansible_collections', 'pai', 'catalog'))
    ansible_version = subprocess.check_output([os.path.join(bin_dir, 'ansible-playbook'), '--version'],
                                              universal_newlines=True).split('\n', maxsplit=1)[0]
    results = {'time': time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()), 'config': cfg,
               'command': ' '.join(['.venv/bin/python', 'benchmarks/run.py'] + (argv if argv is not None else sys.argv[1:])),
               'machine': {'platform': platform.platform(), 'cpus': os.cpu_count(), 'python': platform.python_version(),
                           'ansible': ansible_version.split('[')[-1].rstrip(']').replace('core ', '')},
               'scenarios': []}
    started = time.monotonic()
    results['load_average_before'] = os.getloadavg()[0]
    try:
        variants = parts & {'a', 'b', 'c', 'd', 'lookup', 'modules'}
        if variants:
            results['scenarios'].append(scenario(cfg, work, logs, bin_dir, 1, variants, cfg['reps']))
        if 'scale' in parts:
            for scale in cfg['scales']:
                results['scenarios'].append(scenario(cfg, work, logs, bin_dir, scale, parts & {'a', 'd', 'lookup', 'modules'},
                                                     cfg['reps_scaled']))
        if 'lookup-cost' in parts:
            results['lookup_cost'] = lookup_cost(cfg, work, logs, bin_dir)
        if 'memory' in parts:
            results['memory'] = memory(cfg, work, logs, bin_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results['seconds'] = time.monotonic() - started
    results['load_average_after'] = os.getloadavg()[0]
    results['targets'] = summarise(results)
    text = markdown(results)
    for name in (stamp, 'latest'):
        with open(os.path.join(args.out, name + '.json'), 'w') as handle:
            json.dump(results, handle, indent=1, sort_keys=True)
        with open(os.path.join(args.out, name + '.md'), 'w') as handle:
            handle.write(text)
    sys.stdout.write(text)
    log('done in %.0f s; results in %s' % (results['seconds'], os.path.join(args.out, stamp + '.{json,md}')))
    return 0


if __name__ == '__main__':
    sys.exit(main())
