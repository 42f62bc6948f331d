"""Checks of the pai.catalog.pai inventory plugin, run by runme.sh: python inventory_test.py EMULATOR_URL WORKDIR."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json
import os
import subprocess
import sys
import time

from ansible.module_utils.urls import open_url

URL, WORK = sys.argv[1], sys.argv[2]
CACHE = os.path.join(WORK, 'inventory-cache')
KEY_ID, SECRET = 'LTAI5tEmulatorAccessKey', 'emulator-access-key-secret'
REGIONS = ['cn-hangzhou', 'cn-shanghai']
SECRETS = (SECRET, 'emulator-secret-', 'emulator-sts-secret', 'sk-emulator-pai-key', 'hw-emulator-sk')


def control(path, body=None):
    data = None if body is None else json.dumps(body)
    response = open_url(URL + '/_emulator/' + path, data=data, method='GET' if body is None else 'POST',
                        headers={'Content-Type': 'application/json'})
    return json.loads(response.read().decode('utf-8'))


def requests():
    return control('stats')['by_operation']


def unwrap(value):
    """ansible-core 2.19 prints strings of inventory plugins as {"__ansible_unsafe": ...}."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((k, unwrap(v)) for k, v in value.items())
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value


def config(name, **options):
    base = dict(plugin='pai.catalog.pai', regions=REGIONS, endpoint_url=URL + '/r/{region}',
                access_key_id=KEY_ID, access_key_secret=SECRET)
    base.update(options)
    path = os.path.join(WORK, name)
    with open(path, 'w') as handle:
        json.dump(base, handle, indent=2)  # JSON is YAML
    return path


def inventory(path, *args, **kwargs):
    """ansible-inventory -i path args -> (rc, parsed --list output or None, stdout + stderr)."""
    env = dict(os.environ, ANSIBLE_INVENTORY_UNPARSED_WARNING='true', **kwargs.pop('env', {}))
    out = os.path.join(WORK, 'out.json')
    if os.path.exists(out):
        os.remove(out)
    command = ['ansible-inventory', '-i', path] + list(args)
    if '--list' in args:
        command += ['--output', out]
    proc = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                          check=False)
    data = None
    if os.path.exists(out):
        with open(out) as handle:
            data = unwrap(json.load(handle))
    for secret in SECRETS:
        assert secret not in proc.stdout, 'a secret (%s) is in the output of %s' % (secret, command)
        assert data is None or secret not in json.dumps(data), 'a secret (%s) is in the inventory' % secret
    assert 'Traceback' not in proc.stdout, proc.stdout
    return proc.returncode, data, proc.stdout


def hosts_of(data, group):
    return sorted(data.get(group, {}).get('hosts', []))


def check_cache_files():
    names = sorted(os.listdir(CACHE))
    for name in names:
        with open(os.path.join(CACHE, name)) as handle:
            text = handle.read()
        for secret in SECRETS + (KEY_ID,):
            assert secret not in text, 'a credential or secret (%s) is in the cache file %s' % (secret, name)
    return dict((name, os.stat(os.path.join(CACHE, name)).st_mtime) for name in names)


def step(text):
    print('-- ' + text)
    sys.stdout.flush()


truth = control('data')
conn_ids = sorted(c['ConnectionId'] for r in REGIONS for c in truth['connections'][r])
gateway_ids = sorted(g['GatewayId'] for r in REGIONS for g in truth['gateways'][r])
public_ids = sorted(c['ConnectionId'] for r in REGIONS for c in truth['connections'][r] if c['Accessibility'] == 'PUBLIC')

step('cold cache: every connection and gateway of two regions, with the custom domains of each gateway')
cached = config('cached.pai.yml', cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=CACHE,
                cache_timeout=3600)
control('reset', {})
rc, cold, output = inventory(cached, '--list', '-vvvv')
assert rc == 0, output
assert requests() == {'ListConnections': 2, 'ListGateway': 2, 'ListGatewayDomains': len(gateway_ids)}, requests()
assert hosts_of(cold, 'pai_connections') == conn_ids
assert hosts_of(cold, 'pai_gateways') == gateway_ids
hostvars = cold['_meta']['hostvars']
assert sorted(hostvars) == sorted(conn_ids + gateway_ids)
for region in REGIONS:
    names = sorted([c['ConnectionId'] for c in truth['connections'][region]] +
                   [g['GatewayId'] for g in truth['gateways'][region]])
    assert hosts_of(cold, 'pai_region_' + region.replace('-', '_')) == names, region
assert hosts_of(cold, 'pai_accessibility_public') == sorted(
    public_ids + [g['GatewayId'] for r in REGIONS for g in truth['gateways'][r] if g['InternetEnabled']])
milvus = sorted(c['ConnectionId'] for r in REGIONS for c in truth['connections'][r]
                if c['ConnectionType'] == 'MilvusConnection')
assert hosts_of(cold, 'pai_type_milvusconnection') == milvus
assert hosts_of(cold, 'pai_type_gateway') == gateway_ids
for name, variables in hostvars.items():
    assert all(key.startswith('pai_') for key in variables), sorted(variables)
    assert not set(variables) & {'tags', 'region', 'status', 'name', 'ansible_host'}, sorted(variables)
one = truth['connections']['cn-shanghai'][0]
conn = hostvars[one['ConnectionId']]
assert conn['pai_connection_name'] == one['ConnectionName'] and conn['pai_region'] == 'cn-shanghai'
assert conn['pai_accessibility'] == one['Accessibility'] and conn['pai_resource_type'] == 'connection'
assert set(conn['pai_secrets'].values()) <= {'VALUE_REDACTED_BY_PAI_CATALOG'}, conn['pai_secrets']
gateway = truth['gateways']['cn-hangzhou'][0]
gw = hostvars[gateway['GatewayId']]
assert sorted(d['domain'] for d in gw['pai_custom_domains']) == sorted(d['Domain'] for d in gateway['CustomDomains'])
assert gw['pai_status'] == gateway['Status'] and gw['pai_resource_type'] == 'gateway'
assert gw['pai_accessibility'] == ('PUBLIC' if gateway['InternetEnabled'] else 'PRIVATE')
mtimes = check_cache_files()
assert len(mtimes) == 4, sorted(mtimes)  # connections and gateways of two regions

step('warm cache: the same inventory, no request, cache files untouched')
time.sleep(1.1)
control('reset', {})
rc, warm, output = inventory(cached, '--list', '-vvvv')
assert rc == 0, output
assert requests() == {}, requests()
assert warm == cold
assert check_cache_files() == mtimes, 'a cache hit rewrote the cache (and reset its timeout)'
rc, _none, graph = inventory(cached, '--graph')
assert rc == 0 and '@pai_region_cn_hangzhou:' in graph and '@pai_gateways:' in graph, graph
assert requests() == {}, requests()

step('warm cache: constructed groups and variables are rebuilt on every parse')
cached = config('cached.pai.yml', cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=CACHE,
                cache_timeout=3600,
                keyed_groups=[dict(key='pai_workspace_id', prefix='workspace')],
                groups=dict(with_domains='pai_custom_domains | default([]) | length > 0'),
                compose=dict(ansible_host="pai_internet_domain | default(pai_connection_name | default(''))"))
rc, rebuilt, output = inventory(cached, '--list')
assert rc == 0, output
assert requests() == {}, requests()
workspaces = sorted(set(c['WorkspaceId'] for r in REGIONS for c in truth['connections'][r]))
for workspace in workspaces:
    assert hosts_of(rebuilt, 'workspace_' + workspace), workspace
assert hosts_of(rebuilt, 'with_domains') == sorted(g['GatewayId'] for r in REGIONS for g in truth['gateways'][r]
                                                   if g['CustomDomains'])
assert rebuilt['_meta']['hostvars'][gateway['GatewayId']]['ansible_host'] == gateway['InternetDomain']
assert check_cache_files() == mtimes

step('--flush-cache asks the API again')
rc, _data, output = inventory(cached, '--list', '--flush-cache')
assert rc == 0, output
assert requests()['ListConnections'] == 2, requests()

step('a failing region, strict false: a warning names it and the other region loads; it is not cached')
down_cache = os.path.join(WORK, 'cache-down')
down = config('down.pai.yml', max_attempts=2, cache=True, cache_plugin='ansible.builtin.jsonfile',
              cache_connection=down_cache)
control('config', {'down_regions': ['cn-shanghai']})
control('reset', {})
rc, partial, output = inventory(down, '--list')
assert rc == 0, output
for words in ('ListConnections in cn-shanghai failed', 'ListGateway in cn-shanghai failed', 'HTTP 503',
              'ServiceUnavailable', 'request id', 'after 2 attempts', 'left out of the inventory'):
    assert words in output, (words, output)
hz = sorted([c['ConnectionId'] for c in truth['connections']['cn-hangzhou']] +
            [g['GatewayId'] for g in truth['gateways']['cn-hangzhou']])
assert sorted(partial['_meta']['hostvars']) == hz
assert 'pai_region_cn_shanghai' not in partial
assert len(os.listdir(down_cache)) == 2, os.listdir(down_cache)

step('a failing region, strict true: the inventory fails with the region, operation, status, code and request id')
strict = config('strict.pai.yml', max_attempts=1, strict=True)
rc, _data, output = inventory(strict, '--list', env=dict(ANSIBLE_INVENTORY_UNPARSED_FAILED='true'))
assert rc != 0, output
for words in ('in cn-shanghai failed', 'HTTP 503 ServiceUnavailable', 'request id'):
    assert words in output, (words, output)

step('the region is back: only it is fetched, the cached region is not asked again')
control('config', {'down_regions': []})
control('reset', {})
rc, whole, output = inventory(down, '--list')
assert rc == 0, output
assert sorted(whole['_meta']['hostvars']) == sorted(conn_ids + gateway_ids)
assert requests() == {'ListConnections': 1, 'ListGateway': 1,
                      'ListGatewayDomains': len(truth['gateways']['cn-shanghai'])}, requests()

step('hostnames, filters and sources; credentials from the environment')
named = config('named.pai.yml', sources=['connections'], connection_filters=dict(accessibility='PUBLIC'),
               hostnames=["pai_connection_name ~ '.' ~ pai_region", 'connection_id'], default_groups=False,
               access_key_id=None, access_key_secret=None)
rc, data, output = inventory(named, '--list', env=dict(ALIBABA_CLOUD_ACCESS_KEY_ID=KEY_ID,
                                                       ALIBABA_CLOUD_ACCESS_KEY_SECRET=SECRET))
assert rc == 0, output
expected = sorted('%s.%s' % (c['ConnectionName'], r) for r in REGIONS for c in truth['connections'][r]
                  if c['Accessibility'] == 'PUBLIC')
assert sorted(data['_meta']['hostvars']) == expected, sorted(data['_meta']['hostvars'])
assert not [g for g in data if g.startswith('pai_')], sorted(data)

step('reveal_secrets puts the secrets in the host variables, only when asked')
revealed = config('revealed.pai.yml', sources=['connections'], regions=['cn-beijing'], reveal_secrets=True,
                  connection_filters=dict(encrypt_option='PlainText'))
proc = subprocess.run(['ansible-inventory', '-i', revealed, '--list'], stdout=subprocess.PIPE,
                      stderr=subprocess.PIPE, universal_newlines=True, check=False)
assert proc.returncode == 0 and 'emulator-secret-' in proc.stdout, proc.stderr

step('bad configuration fails before any request')
control('reset', {})
BAD = (
    (dict(connection_filters=dict(accesibility='PUBLIC')), ['connection_filters.accesibility', 'takes the filters']),
    (dict(connection_filters=dict(accessibility='INTERNAL')), ['accessibility', 'INTERNAL']),
    (dict(regions=['Hang Zhou']), ['regions', 'Hang Zhou']),
    (dict(hostname=['x']), ['unknown option', 'hostname']),
)
for options, words in BAD:
    bad = config('bad.pai.yml', **options)
    rc, _data, output = inventory(bad, '--list', env=dict(ANSIBLE_INVENTORY_UNPARSED_FAILED='true'))
    assert rc != 0, output
    for word in words:
        assert word in output, (word, output)
assert requests() == {}, requests()
print('inventory: all checks passed')
