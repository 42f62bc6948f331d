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
DISABLED = dict(access_key_id='LTAI5tDisabledKey', access_key_secret='emulator-disabled-secret')
FAIL = dict(ANSIBLE_INVENTORY_UNPARSED_FAILED='true')  # as AWX runs ansible-inventory
REGIONS = ['cn-hangzhou', 'cn-shanghai']
SECRETS = (SECRET, 'emulator-secret-', 'emulator-sts-secret', 'sk-emulator-pai-key', 'hw-emulator-sk',
           DISABLED['access_key_secret'])


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

step('warm cache, other credentials (a disabled key): the cache is keyed by identity, so they ask, and fail')
disabled = config('cached.pai.yml', cache=True, cache_plugin='ansible.builtin.jsonfile', cache_connection=CACHE,
                  cache_timeout=3600, **DISABLED)
control('reset', {})
rc, data, output = inventory(disabled, '--list', env=FAIL)
assert rc != 0 and data is None, output
assert requests().get('ListConnections'), requests()
for words in ('HTTP 403 InvalidAccessKeyId.Inactive', 'whatever strict says'):
    assert words in output, (words, output)
assert check_cache_files() == mtimes, 'a failed identity changed the cache'
control('reset', {})

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

step('every region failing fails the source whatever strict says (an empty source would empty the inventory)')
control('config', {'down_regions': REGIONS})
try:
    rc, _data, output = inventory(config('all-down.pai.yml', max_attempts=1, strict=False), '--list', env=FAIL)
finally:
    control('config', {'down_regions': []})
assert rc != 0, output
for words in ('failed in every region', 'whatever strict says', 'HTTP 503 ServiceUnavailable'):
    assert words in output, (words, output)

step('refused credentials fail the source whatever strict says, each form of refusal')
for options, code in ((DISABLED, 'InvalidAccessKeyId.Inactive'),
                      (dict(access_key_id='LTAI5tNobody', access_key_secret='x-secret'), 'InvalidAccessKeyId.NotFound'),
                      (dict(access_key_secret='not-the-secret'), 'SignatureDoesNotMatch')):
    rc, _data, output = inventory(config('refused.pai.yml', strict=False, **options), '--list', env=FAIL)
    assert rc != 0, output
    assert code in output and 'access was refused' in output, (code, output)
    assert 'not-the-secret' not in output

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

step('hostnames and compose: an expression that fails is a warning naming it, once; strict makes it an error')
broken = "pai_connection_name | no_such_filter"
templated = config('templated.pai.yml', sources=['connections'], hostnames=[broken, 'connection_id'],
                   compose=dict(pai_label="pai_region | no_such_filter", pai_where="pai_region ~ '/'"))
rc, data, output = inventory(templated, '--list')
assert rc == 0, output
assert sorted(data['_meta']['hostvars']) == conn_ids, sorted(data['_meta']['hostvars'])
assert output.count("hostnames entry %r failed" % broken) == 1, output
assert output.count("compose entry pai_label: 'pai_region | no_such_filter' failed") == 1, output
assert output.count('WARNING') == 3, output  # ansible-core's "running with default collection", then ours
assert all(v['pai_where'] == v['pai_region'] + '/' for v in data['_meta']['hostvars'].values())
rc, _data, output = inventory(config('templated.pai.yml', sources=['connections'], strict=True,
                                     hostnames=[broken, 'connection_id']), '--list', env=FAIL)
assert rc != 0 and "hostnames entry %r failed" % broken in output, output
rc, _data, output = inventory(config('templated.pai.yml', sources=['connections'], strict=True,
                                     compose=dict(pai_label="pai_region | no_such_filter")), '--list', env=FAIL)
assert rc != 0 and "compose entry pai_label: 'pai_region | no_such_filter' failed" in output, output

step('hostnames: a field of the other source is no error; a variable that no host has is (a typo)')
mixed = ["pai_connection_name ~ '.' ~ pai_region", "pai_gateway_name ~ '.' ~ pai_region"]
rc, data, output = inventory(config('mixed.pai.yml', strict=True, hostnames=mixed), '--list', env=FAIL)
assert rc == 0 and 'failed' not in output, output
assert len(data['_meta']['hostvars']) == len(conn_ids) + len(gateway_ids), sorted(data['_meta']['hostvars'])
typo = "pai_conection_name ~ '.' ~ pai_region"
rc, data, output = inventory(config('typo.pai.yml', sources=['connections'], hostnames=[typo, 'connection_id']),
                             '--list')
assert rc == 0 and sorted(data['_meta']['hostvars']) == conn_ids, output
assert output.count('hostnames entry %r failed' % typo) == 1 and 'pai_conection_name' in output, output
rc, _data, output = inventory(config('typo.pai.yml', sources=['connections'], strict=True,
                                     hostnames=[typo, 'connection_id']), '--list', env=FAIL)
assert rc != 0 and 'it gave no value for any host' in output, output

step('a configuration file whose name does not end in pai.yml: a warning names the suffix')
rc, _data, output = inventory(config('wrong-name.yml'), '--list')
assert 'must end in pai.yml or pai.yaml' in output, output

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
    (dict(reveal_secrets='maybe'), ["option reveal_secrets: 'maybe' is not valid", 'allowed values: true, false']),
    (dict(strict='maybe'), ["option strict: 'maybe' is not valid", 'allowed values: true, false']),
    (dict(custom_domains='maybe'), ["option custom_domains: 'maybe'", 'allowed values: true, false']),
    (dict(cache='maybe'), ["option cache: 'maybe'", 'allowed values: true, false']),
    (dict(validate_certs=[True]), ['option validate_certs', 'allowed values: true, false']),
)
for options, words in BAD:
    bad = config('bad.pai.yml', **options)
    rc, _data, output = inventory(bad, '--list', env=FAIL)
    assert rc != 0, output
    for word in words:
        assert word in output, (word, output)
assert requests() == {}, requests()
print('inventory: all checks passed')
