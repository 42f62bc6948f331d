# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Side-by-side timings of the collection's main job against the emulator, with the targets of issue 12 (see
benchmarks/README.md).

    .venv/bin/python benchmarks/run.py            # the full benchmark: sizes x1, x2, x4, x8, three repetitions
                                                  # (about 10 minutes on a quiet 2-core machine)
    .venv/bin/python benchmarks/run.py --tiny     # every variant once at two tiny sizes (CI; about a minute)

At each size (x1 = 8 regions x 1,000 connections, 3 gateways per region with custom domains, 50 ms latency; xN
has N times the connections) the variants run in turn, repetition after repetition (interleaved), and their
medians are compared with the floor: benchmarks/floor.yml (ansible-playbook with one trivial module task) plus
max(the longest chain of sequential requests of a region x the latency, all the requests / the rate limit).
Each process is timed as a whole; the API requests come from the emulator's counters.

Results: benchmarks/results/<UTC time>.json and .md, and benchmarks/results/latest.{json,md}.
"""

from __future__ import print_function

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

from harness import (API_KEY, HERE, PAGE_SIZE, RAISED_RATE_LIMIT, RATE_LIMIT, REGIONS, ROOT, Emulator, ansible_env,
                     chain, loadavg, log, module_wrapper, needed_requests, run_once)
from report import markdown, targets

FULL = dict(regions=8, connections=1000, gateways=3, latency_ms=50, reps=3, scales=[1, 2, 4, 8], lookup_tasks=10)
TINY = dict(regions=2, connections=150, gateways=2, latency_ms=5, reps=1, scales=[1, 2], lookup_tasks=3)

# name -> (what it is, the sizes it runs at): 'all', 'ends' (the smallest and the largest: x1 and x8), 'first' (x1).
VARIANTS = (
    ('floor', 'benchmarks/floor.yml: ansible-playbook, one ping task', 'all'),
    ('empty', 'benchmarks/empty.yml: ansible-playbook, no task', 'first'),
    ('inventory', 'playbooks/inventory.yml', 'all'),
    ('audit', 'playbooks/audit.yml', 'all'),
    ('lookup', 'benchmarks/lookup_inventory.yml: the lookups', 'all'),
    ('inventory_raised', 'playbooks/inventory.yml, rate_limit %d' % RAISED_RATE_LIMIT, 'ends'),
    ('sdk_threaded', 'official SDKs, one thread per region', 'ends'),
    ('sdk', 'official SDKs, one region after another', 'first'),
    ('uri', 'ansible.builtin.uri, one host per region, -f 8', 'first'),
    # x1 only: ansible-inventory costs some milliseconds per host either way, minutes per run at x8 (64,000 hosts).
    ('inventory_warm', 'ansible-inventory --list, pai.catalog.pai, warm cache', 'first'),
    ('inventory_static', 'ansible-inventory --list, static YAML of the same hosts', 'first'),
)
LABELS = [[name, label] for name, label, _sizes in VARIANTS]
PARTS = [name for name, _label, _sizes in VARIANTS] + ['memory', 'lookup-cost']


class Scenario(object):
    """One size: its emulator, the commands of the variants, and what the runs measured."""

    def __init__(self, cfg, work, logs, bin_dir, scale):
        self.cfg, self.work, self.logs, self.bin_dir, self.scale = cfg, work, logs, bin_dir, scale
        self.tag = 'x%d' % scale
        self.regions = REGIONS[:cfg['regions']]
        self.connections = cfg['connections'] * scale
        self.emulator = None
        self.env = None

    def playbook(self, path, extra, inventory='localhost,', options=()):
        return ([os.path.join(self.bin_dir, 'ansible-playbook'), '-i', inventory] + list(options)
                + [path, '-e', json.dumps(extra)])

    def main_job(self, name, **extra):
        """playbooks/<name>.yml over the scenario's regions, without DataArts Fabric (as the baselines)."""
        return self.playbook(os.path.join(ROOT, 'playbooks', name + '.yml'),
                             dict(extra, pai_regions=self.regions, pai_fabric_regions=[]))

    def command(self, name):
        """(argv, extra environment) of a variant."""
        if name in ('floor', 'empty'):
            return self.playbook(os.path.join(HERE, name + '.yml'), {}), {}
        if name == 'inventory':
            return self.main_job('inventory'), {}
        if name == 'audit':
            return self.main_job('audit', pai_audit_dest=os.path.join(self.work, 'audit-' + self.tag)), {}
        if name == 'inventory_raised':
            # inventory.yml hands pai_rate_limit to its task; the lookups' variable and PAI_CATALOG_RATE_LIMIT are
            # set too, so that the figure does not depend on which of them the job reads.
            return (self.main_job('inventory', pai_rate_limit=RAISED_RATE_LIMIT,
                                  pai_catalog_rate_limit=RAISED_RATE_LIMIT),
                    {'PAI_CATALOG_RATE_LIMIT': str(RAISED_RATE_LIMIT)})
        if name == 'lookup':
            return self.playbook(os.path.join(HERE, 'lookup_inventory.yml'), {'bench_regions': self.regions}), {}
        if name in ('sdk', 'sdk_threaded'):
            return ([sys.executable, os.path.join(HERE, 'sdk_inventory.py'), '--proxy', self.emulator.base_url,
                     '--regions', ','.join(self.regions), '--page-size', str(PAGE_SIZE)]
                    + (['--threads'] if name == 'sdk_threaded' else [])), {}
        if name == 'uri':
            return self.playbook(os.path.join(HERE, 'uri_inventory.yml'), {
                'bench_endpoint': self.emulator.base_url + '/r/{region}', 'bench_api_key': API_KEY,
                'bench_page_size': PAGE_SIZE}, os.path.join(HERE, 'uri_hosts.yml'),
                ['--limit', ','.join(self.regions), '-f', '8']), {}
        if name == 'inventory_warm':
            return self.ansible_inventory('warm')
        if name == 'inventory_static':
            return self.ansible_inventory('static')
        raise ValueError(name)

    def ansible_inventory(self, kind):
        """ansible-inventory --list over the pai.catalog.pai source (cold, warm) or the static YAML file, with only the
        inventory plugin that reads it enabled: by default the auto plugin would parse the static file once more
        before the yaml plugin does."""
        source, plugin = ((self.static_path(), 'yaml') if kind == 'static' else
                          (self.inventory_source(), 'pai.catalog.pai'))
        return ([os.path.join(self.bin_dir, 'ansible-inventory'), '-i', source, '--list', '--output',
                 os.path.join(self.work, 'listing-%s-%s.json' % (self.tag, kind))],
                {'ANSIBLE_INVENTORY_ENABLED': plugin})

    def inventory_source(self):
        return os.path.join(self.work, 'bench-%s.pai.yml' % self.tag)

    def static_path(self):
        return os.path.join(self.work, 'static-%s.yml' % self.tag)

    def start(self):
        cfg = self.cfg
        log('size %s: %d regions x %d connections, %d gateways per region, %d ms latency; load %s'
            % (self.tag, len(self.regions), self.connections, cfg['gateways'], cfg['latency_ms'], loadavg()))
        self.emulator = Emulator(self.work, self.regions, self.connections, cfg['gateways'], cfg['latency_ms'])
        self.env = ansible_env(self.work, self.emulator)

    def stop(self):
        if self.emulator:
            self.emulator.stop()

    def run(self, name, label, extra_env=None):
        cmd, env = self.command(name)
        env = dict(self.env, **env)
        env.update(extra_env or {})
        return run_once('%s-%s-%s' % (name, self.tag, label), cmd, env, self.emulator, self.logs, self.work)

    def prepare_inventory(self):
        """The pai.catalog.pai source with a jsonfile cache in a folder of its own, one cold run that fills the cache
        (not timed with the others), and the static YAML inventory made from that run's listing."""
        cache = os.path.join(self.work, 'inventory-cache-' + self.tag)
        with open(self.inventory_source(), 'w') as handle:
            yaml.safe_dump({'plugin': 'pai.catalog.pai', 'regions': self.regions, 'cache': True,
                            'cache_plugin': 'ansible.builtin.jsonfile', 'cache_connection': cache,
                            'cache_timeout': 86400}, handle)
        cmd, env = self.ansible_inventory('cold')
        cold = run_once('inventory_cold-%s' % self.tag, cmd, dict(self.env, **env), self.emulator, self.logs, self.work)
        with open(os.path.join(self.work, 'listing-%s-cold.json' % self.tag)) as handle:
            listing = unwrap(json.load(handle))
        with open(self.static_path(), 'w') as handle:
            yaml.dump(static_inventory(listing), handle, Dumper=getattr(yaml, 'CSafeDumper', yaml.SafeDumper),
                      default_flow_style=False, sort_keys=False)
        hosts = len(listing.get('_meta', {}).get('hostvars', {}))
        log('ansible-inventory cold run %s: %.2f s, %d API requests, %d hosts'
            % (self.tag, cold['seconds'], cold['requests'], hosts))
        return {'cold_seconds': cold['seconds'], 'cold_requests': cold['requests'], 'hosts': hosts}

    def same_hosts(self):
        """Do the warm and the static listings hold the same hosts with the same variables in the same groups?"""
        listings = []
        for kind in ('warm', 'static'):
            with open(os.path.join(self.work, 'listing-%s-%s.json' % (self.tag, kind))) as handle:
                listing = unwrap(json.load(handle))
            groups = dict((name, sorted(group.get('hosts', []))) for name, group in listing.items()
                          if name != '_meta' and group.get('hosts'))
            listings.append((listing.get('_meta', {}).get('hostvars', {}), groups))
        return listings[0] == listings[1]

    def memory(self, name):
        """One more run of a main job (not timed) with each module process, if it starts any, under a wrapper
        interpreter that records its peak RSS. The controller's own peak and the largest of its children's (the
        workers, where the action plugins run) come from the bench_timer callback, the largest process's from
        wait4."""
        wrapper, out = module_wrapper(self.work, '%s-%s' % (name, self.tag))
        result = self.run(name, 'memory', {'ANSIBLE_PYTHON_INTERPRETER': wrapper})
        module = None
        if os.path.exists(out):
            with open(out) as handle:
                module = max(int(line) for line in handle if line.strip()) / 1024.0
        memory = {'controller_mib': result['controller_peak_rss_mib'], 'module_process_mib': module,
                  'worker_mib': max(result['children_peak_rss_mib'], module or 0),
                  'largest_process_mib': result['tree_peak_rss_mib'], 'seconds': result['seconds']}
        memory['together_mib'] = memory['controller_mib'] + memory['worker_mib']
        log('memory %s %s: controller %.0f MiB, worker or module %.0f MiB, largest process %.0f MiB'
            % (name, self.tag, memory['controller_mib'], memory['worker_mib'], memory['largest_process_mib']))
        return memory

    def measure(self, names, reps, parts):
        cfg = self.cfg
        result = {'scale': self.scale, 'regions': len(self.regions), 'connections_per_region': self.connections,
                  'gateways_per_region': cfg['gateways'], 'latency_ms': cfg['latency_ms'],
                  'chain': chain(self.connections, cfg['gateways']), 'load_at_start': loadavg(), 'variants': {}}
        # The main job (inventory.yml, audit.yml) also reads the message configuration; the lookups do not.
        result['needed_requests'] = dict(
            (job, needed_requests(len(self.regions), self.connections, cfg['gateways'], message_config))
            for job, message_config in (('main', True), ('lookups', False)))
        if {'inventory_warm', 'inventory_static'} & set(names):
            result['ansible_inventory'] = self.prepare_inventory()
        runs = dict((name, []) for name in names)
        for rep in range(reps):
            for name in names:
                run = self.run(name, str(rep + 1))
                runs[name].append(run)
                log('%s %s run %d/%d: %.2f s, %d API requests' % (name, self.tag, rep + 1, reps, run['seconds'],
                                                                  run['requests']))
        for name in names:
            result['variants'][name] = summary(runs[name])
        if 'inventory_warm' in runs:
            result['ansible_inventory']['warm_requests'] = [run['requests'] for run in runs['inventory_warm']]
            if 'inventory_static' in runs:
                result['ansible_inventory']['same_hosts'] = self.same_hosts()
        if 'floor' in result['variants']:
            result['floor'] = floor(result)
        if 'memory' in parts:
            result['memory'] = dict((name, self.memory(name)) for name in ('inventory', 'audit'))
        return result


def summary(runs):
    times = [run['seconds'] for run in runs]
    last = runs[-1]
    out = {'median': statistics.median(times), 'min': min(times), 'max': max(times), 'runs': times,
           'requests': last['requests'], 'by_operation': last['by_operation'],
           'tree_peak_rss_mib': max(run['tree_peak_rss_mib'] for run in runs)}
    if 'tasks' in last:
        out['tasks'] = last['tasks']
        out['controller_peak_rss_mib'] = max(run['controller_peak_rss_mib'] for run in runs)
    return out


def floor(scenario):
    """Floor per job: the playbook with one trivial module task + max(chain x latency, requests / rate limit)."""
    playbook = scenario['variants']['floor']['median']
    chain_seconds = scenario['chain'] * scenario['latency_ms'] / 1000.0
    out = {'playbook': playbook, 'chain_seconds': chain_seconds, 'rate_limit': RATE_LIMIT, 'requests_seconds': {}}
    for job, requests in scenario['needed_requests'].items():
        out['requests_seconds'][job] = requests / RATE_LIMIT
        out[job] = playbook + max(chain_seconds, requests / RATE_LIMIT)
    return out


def unwrap(value):
    """ansible-inventory --list of ansible-core 2.19 writes the strings of inventory plugins as
    {"__ansible_unsafe": "..."}: the plain values."""
    if isinstance(value, dict):
        if len(value) == 1 and '__ansible_unsafe' in value:
            return value['__ansible_unsafe']
        return dict((key, unwrap(item)) for key, item in value.items())
    if isinstance(value, list):
        return [unwrap(item) for item in value]
    return value


def static_inventory(listing):
    """The YAML inventory of an ansible-inventory --list answer: every host with its variables under all, every
    group with its hosts and child groups."""
    hostvars = listing.get('_meta', {}).get('hostvars', {})
    out = {'all': {'hosts': dict((host, variables or None) for host, variables in hostvars.items())}}
    for name, group in listing.items():
        if name in ('_meta', 'all') or not (group.get('hosts') or group.get('children') or group.get('vars')):
            continue
        entry = {}
        if group.get('hosts'):
            entry['hosts'] = dict((host, None) for host in group['hosts'])
        if group.get('children'):
            entry['children'] = dict((child, None) for child in group['children'])
        if group.get('vars'):
            entry['vars'] = group['vars']
        out[name] = entry
    return out


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
        env = ansible_env(work, emulator)
        cmd = [os.path.join(bin_dir, 'ansible-playbook'), '-i', 'localhost,', path]
        runs = [run_once('lookup-cost-%d' % (rep + 1), cmd, env, emulator, logs, work)['tasks']
                for rep in range(max(1, cfg['reps'] // 2 + 1))]
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


def variants_at(scale, scales, parts):
    """The variants that run at this size, in the order of VARIANTS."""
    where = {'all': scales, 'ends': sorted({scales[0], scales[-1]}), 'first': scales[:1]}
    return [name for name, _label, sizes in VARIANTS if name in parts and scale in where[sizes]]


def check(results):
    """The only failures besides a variant that does not run: a warm-cache run that made requests. Timing targets
    are reported, never asserted."""
    problems = []
    for scenario in results['scenarios']:
        warm = scenario.get('ansible_inventory', {}).get('warm_requests', [])
        if any(warm):
            problems.append('x%d: ansible-inventory with a warm cache made API requests: %s'
                            % (scenario['scale'], warm))
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n', maxsplit=1)[0])
    parser.add_argument('--tiny', action='store_true', help='every variant once at tiny sizes (CI)')
    parser.add_argument('--reps', type=int, help='repetitions of each variant at each size')
    parser.add_argument('--scales', help='comma-separated sizes, multiples of the base size (default 1,2,4,8)')
    parser.add_argument('--only', default=','.join(PARTS), help='comma-separated parts: %s' % ','.join(PARTS))
    parser.add_argument('--connections', type=int, help='connections per region at the base size')
    parser.add_argument('--out', default=os.path.join(HERE, 'results'))
    args = parser.parse_args(argv)
    cfg = dict(TINY if args.tiny else FULL)
    if args.reps:
        cfg['reps'] = args.reps
    if args.connections:
        cfg['connections'] = args.connections
    if args.scales:
        cfg['scales'] = sorted(set(int(scale) for scale in args.scales.split(',')))
    parts = set(p.strip() for p in args.only.split(',') if p.strip())
    if parts - set(PARTS):
        parser.error('unknown parts: %s (known: %s)' % (', '.join(sorted(parts - set(PARTS))), ', '.join(PARTS)))
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
    results = {'time': time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime()), 'config': cfg, 'labels': LABELS,
               'command': ' '.join(['.venv/bin/python', 'benchmarks/run.py'] + (argv if argv is not None else sys.argv[1:])),
               'machine': {'platform': platform.platform(), 'cpus': os.cpu_count(), 'python': platform.python_version(),
                           'ansible': ansible_version.split('[')[-1].rstrip(']').replace('core ', '')},
               'rate_limit': RATE_LIMIT, 'raised_rate_limit': RAISED_RATE_LIMIT, 'page_size': PAGE_SIZE,
               'scenarios': []}
    started = time.monotonic()
    results['load_before'] = loadavg()
    try:
        for scale in cfg['scales']:
            names = variants_at(scale, cfg['scales'], parts)
            if not names and 'memory' not in parts:
                continue
            scenario = Scenario(cfg, work, logs, bin_dir, scale)
            try:
                scenario.start()
                results['scenarios'].append(scenario.measure(names, cfg['reps'], parts))
            finally:
                scenario.stop()
        if 'lookup-cost' in parts:
            results['lookup_cost'] = lookup_cost(cfg, work, logs, bin_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results['seconds'] = time.monotonic() - started
    results['load_after'] = loadavg()
    results['targets'] = targets(results)
    results['problems'] = check(results)
    text = markdown(results)
    for name in (stamp, 'latest'):
        with open(os.path.join(args.out, name + '.json'), 'w') as handle:
            json.dump(results, handle, indent=1, sort_keys=True)
        with open(os.path.join(args.out, name + '.md'), 'w') as handle:
            handle.write(text)
    sys.stdout.write(text)
    log('done in %.0f s; results in %s' % (results['seconds'], os.path.join(args.out, stamp + '.{json,md}')))
    for problem in results['problems']:
        log('FAILED: ' + problem)
    return 1 if results['problems'] else 0


if __name__ == '__main__':
    sys.exit(main())
