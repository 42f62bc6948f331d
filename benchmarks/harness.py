# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The machinery of benchmarks/run.py: the emulator process, the environment of the measured commands, one timed
run of a command (wall time, API requests, peak memory), and the floor's arithmetic."""

import json
import math
import os
import signal
import subprocess
import sys
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
REGIONS = ['cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-shenzhen', 'cn-zhangjiakou', 'ap-southeast-1',
           'us-west-1', 'eu-central-1']
PAGE_SIZE = 100          # the largest page ListConnections and ListGateway allow; every variant uses it
RATE_LIMIT = 100.0       # requests per second: the default rate_limit of the collection's modules and plugins
RAISED_RATE_LIMIT = 10000  # the largest rate_limit the collection accepts: the limiter is then not the bound
ACCESS_KEY = ('LTAI5tEmulatorAccessKey', 'emulator-access-key-secret')
API_KEY = 'sk-emulator-pai-key'


def log(message):
    sys.stderr.write('[bench %s] %s\n' % (time.strftime('%H:%M:%S'), message))
    sys.stderr.flush()


def loadavg():
    """/proc/loadavg as it is: the 1, 5 and 15 minute load averages, running/total tasks, last pid."""
    try:
        with open('/proc/loadavg') as handle:
            return handle.read().strip()
    except OSError:
        return ' '.join('%.2f' % value for value in os.getloadavg())


class Emulator(object):
    """python -m tests.emulator in a process of its own, so that its CPU is not the measured process's."""

    def __init__(self, work, regions, connections, gateways, latency_ms):
        self.ready = os.path.join(work, 'emulator-%d-%d.json' % (connections, time.monotonic_ns()))
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

    def stats(self):
        return self.control('/_emulator/stats')

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def ansible_env(work, emulator):
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
    })
    for name in ('PAI_API_KEY', 'DASHSCOPE_API_KEY', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALICLOUD_SECURITY_TOKEN',
                 'ALIBABA_CLOUD_PROFILE', 'ALICLOUD_PROFILE', 'PAI_CATALOG_RATE_LIMIT'):
        env.pop(name, None)
    return env


# The interpreter of the module processes in the memory runs: it runs the real interpreter as its child and
# appends that child's peak RSS (KiB) to a file. Forking instead of a subprocess keeps the wrapper's own cost small.
MODULE_WRAPPER = r'''#!%(python)s
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(%(python)r, [%(python)r] + sys.argv[1:])
_pid, status, usage = os.wait4(pid, 0)
with open(%(out)r, 'a') as handle:
    handle.write('%%d\n' %% usage.ru_maxrss)
sys.exit(os.waitstatus_to_exitcode(status))
'''


def module_wrapper(work, name):
    """(interpreter path, file of peak RSS figures) for the module processes of one memory run."""
    out = os.path.join(work, 'module-rss-%s.txt' % name)
    path = os.path.join(work, 'rss-python-%s' % name)
    with open(path, 'w') as handle:
        handle.write(MODULE_WRAPPER % {'python': sys.executable, 'out': out})
    os.chmod(path, 0o755)
    if os.path.exists(out):
        os.remove(out)
    return path, out


def run_once(name, cmd, env, emulator, logs, work):
    """Run cmd once, the emulator's counters zeroed first. Returns {seconds, requests, by_operation,
    tree_peak_rss_mib (the largest process of the command's tree), tasks and controller_peak_rss_mib (from the
    bench_timer callback, for ansible-playbook: also children_peak_rss_mib)}. A failed run stops the benchmark: its figure would lie."""
    emulator.reset()
    log_path = os.path.join(logs, '%s.log' % name)
    timer = os.path.join(work, 'timer-%s.json' % name)
    env = dict(env, BENCH_TIMER_FILE=timer)
    with open(log_path, 'wb') as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        # wait4, not wait: the rusage of the child and of every descendant it waited for, at no cost to the run.
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        with open(log_path, 'rb') as handle:
            tail = handle.read()[-3000:].decode('utf-8', 'replace')
        raise RuntimeError('%s failed (exit %d), see %s:\n%s' % (name, proc.returncode, log_path, tail))
    stats = emulator.stats()
    result = {'seconds': seconds, 'requests': stats['requests'], 'by_operation': stats['by_operation'],
              'tree_peak_rss_mib': usage.ru_maxrss / 1024.0}
    if os.path.exists(timer):
        with open(timer) as handle:
            timed = json.load(handle)
        os.remove(timer)
        result['tasks'] = timed['tasks']
        result['controller_peak_rss_mib'] = timed['controller_peak_rss_kib'] / 1024.0
        result['children_peak_rss_mib'] = timed['children_peak_rss_kib'] / 1024.0
    return result


def chain(connections, gateways):
    """The longest chain of requests that must follow one another in any region: the NextToken pages of its
    connections, or the ListGateway pages and then ListGatewayDomains."""
    connection_pages = max(1, math.ceil(connections / float(PAGE_SIZE)))
    gateway_pages = max(1, math.ceil(gateways / float(PAGE_SIZE)))
    return max(connection_pages, gateway_pages + (1 if gateways else 0))


def needed_requests(regions, connections, gateways, message_config):
    """The fewest requests that fetch every connection, gateway and custom domain of the regions (and the message
    configuration, one request for the account): what the floor charges to the rate limit."""
    per_region = (max(1, math.ceil(connections / float(PAGE_SIZE))) + max(1, math.ceil(gateways / float(PAGE_SIZE)))
                  + gateways)
    return regions * per_region + (1 if message_config else 0)
