# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit rules, the report renderers and the atomic publication of a report directory."""
from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import json
import os
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from ansible_collections.pai.catalog.plugins.module_utils import audit

SECRET = 'emulator-secret-do-not-leak'


def connection(cid, region='cn-hangzhou', **fields):
    base = dict(connection_id=cid, connection_name=cid + '-name', connection_type='MilvusConnection',
                workspace_id='1001', accessibility='PRIVATE', creator='2001', description='a description',
                secrets={}, models=[], region=region)
    base.update(fields)
    return base


def gateway(gid, region='cn-hangzhou', **fields):
    base = dict(gateway_id=gid, gateway_name=gid + '-name', status='Running', internet_enabled=False,
                ssl_redirection_enabled=True, internet_domain=gid + '.example.com', region=region)
    base.update(fields)
    return base


def clean_inventory():
    """An inventory with no problem at all."""
    return dict(
        regions=['cn-hangzhou'], fabric_regions=['cn-north-4'], encrypt_option='PlainText',
        connections=[connection('conn-ok')], gateways=[gateway('gw-ok', internet_enabled=True)],
        domains=[dict(domain='api.example.com', type='internet', certificate_id='123-cn-hangzhou',
                      gateway_id='gw-ok', region='cn-hangzhou'),
                 dict(domain='in.example.com', type='intranet', gateway_id='gw-ok', region='cn-hangzhou')],
        base_models=[dict(base_model_type='big', max_tokens=32768, num_of_mu=8, region='cn-north-4')],
        message_config=dict(sms_report_url='https://hooks.example.com/report', sms_up_url=''),
    )


def dirty_inventory():
    """One case for every rule."""
    inv = clean_inventory()
    inv['regions'] = ['cn-hangzhou', 'eu-central-1', 'cn-shanghai']
    inv['connections'] += [
        connection('conn-public', accessibility='PUBLIC'),
        connection('conn-tools', accessibility='PUBLIC',
                   models=[dict(model='qwen-max', model_type='LLM', tool_call=True),
                           dict(model='gte-rerank', model_type='ReRank', tool_call=False)]),
        connection('conn-secret', secrets={'password': SECRET}, workspace_id='1002'),
        connection('conn-nodesc', description='', creator=None),
    ]
    inv['gateways'] += [gateway('gw-http', internet_enabled=True, ssl_redirection_enabled=False),
                        gateway('gw-stopped', status='Stopped'), gateway('gw-noname', gateway_name='')]
    inv['domains'].append(dict(domain='bare.example.com', type='internet', certificate_id='', gateway_id='gw-http',
                               region='cn-hangzhou'))
    inv['base_models'].append(dict(base_model_type='tiny', max_tokens=2048, num_of_mu=1, region='cn-north-4'))
    inv['message_config'] = dict(sms_report_url='http://hooks.example.com/r', sms_up_url='https://mns.emulator.internal/up')
    inv['failed_regions'] = [dict(region='cn-shanghai', operation='ListConnections', status=503,
                                  code='ServiceUnavailable', message='down', request_id='R-1')]
    return inv


def by_rule(findings):
    result = {}
    for finding in findings:
        result.setdefault(finding['id'], []).append(finding)
    return result


def test_rules_are_data_with_a_check_each():
    assert set(audit.CHECKS) == set(audit.RULE_IDS)
    assert len(audit.RULE_IDS) == len(set(audit.RULE_IDS))
    for rule in audit.RULES:
        assert rule['severity'] in audit.SEVERITIES
        assert rule['title'] and rule['remedy'] and '\n' not in rule['remedy']


def test_a_clean_inventory_has_no_finding():
    assert audit.evaluate(clean_inventory()) == []


def test_every_rule_fires_on_its_case():
    found = by_rule(audit.evaluate(dirty_inventory()))
    assert set(found) == set(audit.RULE_IDS)
    assert [f['resource'] for f in found['connection-public']] == ['conn-public', 'conn-tools']
    assert [f['resource'] for f in found['tool-calling-public']] == ['conn-tools']
    assert 'qwen-max' in found['tool-calling-public'][0]['message']
    assert 'gte-rerank' not in found['tool-calling-public'][0]['message']
    assert [(f['resource_type'], f['resource']) for f in found['connection-secrets-plaintext']] == [('workspace', '1002')]
    assert sorted((f['resource'], f['message']) for f in found['metadata-missing']) == [
        ('conn-nodesc', 'connection has no description and no creator'), ('gw-noname', 'gateway has no name')]
    assert [f['resource'] for f in found['gateway-ssl-redirect-off']] == ['gw-http']
    assert [f['resource'] for f in found['domain-no-certificate']] == ['bare.example.com']
    assert [f['resource'] for f in found['gateway-not-running']] == ['gw-stopped']
    assert 'Stopped' in found['gateway-not-running'][0]['message']
    # A failed region is not also "empty".
    assert [f['resource'] for f in found['region-empty']] == ['eu-central-1']
    assert [f['resource'] for f in found['base-model-small-context']] == ['tiny']
    assert sorted(f['resource'] for f in found['message-callback-not-public']) == ['sms_report_url', 'sms_up_url']
    assert [(f['region'], f['resource']) for f in found['region-failed']] == [('cn-shanghai', 'ListConnections')]
    for finding in audit.evaluate(dirty_inventory()):
        assert set(finding) >= {'id', 'severity', 'resource', 'region', 'remedy', 'message', 'fingerprint'}


def test_findings_are_sorted_most_severe_first_and_fingerprints_are_stable():
    findings = audit.evaluate(dirty_inventory())
    ranks = [audit.severity_rank(f['severity']) for f in findings]
    assert ranks == sorted(ranks, reverse=True)
    again = audit.evaluate(dirty_inventory())
    assert [f['fingerprint'] for f in findings] == [f['fingerprint'] for f in again]
    assert len(set((f['id'], f['region'], f['resource']) for f in findings)) == len(findings)


def test_secrets_rule_needs_plaintext():
    inv = dirty_inventory()
    inv['encrypt_option'] = 'Secret'
    assert 'connection-secrets-plaintext' not in by_rule(audit.evaluate(inv))
    inv['encrypt_option'] = None
    assert 'connection-secrets-plaintext' not in by_rule(audit.evaluate(inv))


def test_empty_fabric_region_and_threshold():
    inv = clean_inventory()
    inv['fabric_regions'] = ['cn-north-4', 'cn-southwest-2']
    found = by_rule(audit.evaluate(inv, min_max_tokens=65536))
    assert [f['resource'] for f in found['region-empty']] == ['cn-southwest-2']
    assert found['region-empty'][0]['message'] == 'no base models'
    assert [f['resource'] for f in found['base-model-small-context']] == ['big']
    assert 'base-model-small-context' not in by_rule(audit.evaluate(inv, min_max_tokens=1024))


def test_rule_selection_and_severity_overrides():
    findings = audit.evaluate(dirty_inventory(), rules=['gateway-not-running', 'connection-public'],
                              severities={'connection-public': 'high'})
    assert set(f['id'] for f in findings) == {'gateway-not-running', 'connection-public'}
    assert set(f['severity'] for f in findings if f['id'] == 'connection-public') == {'high'}
    assert audit.evaluate(dirty_inventory(), rules=[]) == []
    with pytest.raises(audit.AuditError, match='unknown audit rule.*no-such-rule'):
        audit.evaluate(dirty_inventory(), rules=['no-such-rule'])
    with pytest.raises(audit.AuditError, match='severity of rule connection-public'):
        audit.evaluate(dirty_inventory(), severities={'connection-public': 'critical'})
    with pytest.raises(audit.AuditError, match='min_max_tokens'):
        audit.evaluate(dirty_inventory(), min_max_tokens=-1)


@pytest.mark.parametrize('fail_on, count', [('none', 0), ('high', 5), ('medium', 10), ('low', 15)])
def test_fail_on_counts_findings_at_or_above(fail_on, count):
    findings = [dict(severity=s) for s in ('high', 'medium', 'low') for dummy in range(5)]
    assert len(audit.fails(findings, fail_on)) == count


def test_fail_on_rejects_unknown_levels():
    with pytest.raises(audit.AuditError):
        audit.fails([], 'critical')


@pytest.mark.parametrize('url, problem', [
    ('https://hooks.example.com/sms', None),
    ('https://203.0.113.9/sms', 'private address'),  # documentation range: not global
    ('https://8.8.8.8/sms', None),
    ('http://hooks.example.com/sms', 'not HTTPS'),
    ('https://mns.emulator.internal/sms', 'private host name'),
    ('https://localhost:8443/sms', 'private host name'),
    ('https://intranet/sms', 'private host name'),
    ('https://10.1.2.3/sms', 'private address'),
    ('https://[::1]/sms', 'private address'),
])
def test_callback_problem(url, problem):
    result = audit.callback_problem(url)
    assert (result is None) if problem is None else (problem in result)


def test_report_summary_usage_and_digest():
    report = audit.build_report(dirty_inventory(), api_calls={'ListConnections': 4, 'ListBaseModels': 2},
                                fail_on='high', generated_at='2025-01-01T00:00:00Z')
    summary = report['summary']
    assert report['complete'] is False and summary['failed_regions'] == ['cn-shanghai']
    assert summary['per_region']['cn-shanghai']['status'] == 'failed'
    assert summary['per_region']['eu-central-1']['status'] == 'empty'
    assert summary['per_region']['cn-hangzhou']['connections'] == 5
    assert summary['connections_by_accessibility'] == {'PRIVATE': 3, 'PUBLIC': 2}
    assert summary['max_severity'] == 'high'
    assert summary['failing_findings'] == summary['findings_by_severity']['high'] > 0
    assert sum(summary['findings_by_rule'].values()) == summary['findings'] == len(report['findings'])
    usage = dict((row['operation'], row) for row in report['api_calls'])
    assert usage['ListConnections']['free_calls_per_month'] == 1000
    assert usage['ListConnections']['share_of_free_tier'] == 0.004
    assert usage['ListConnections']['audits_per_month_within_free_tier'] == 250
    assert usage['ListBaseModels']['free_calls_per_month'] is None  # Huawei: not in the seed's billing notes
    later = audit.build_report(dirty_inventory(), api_calls={'ListConnections': 4, 'ListBaseModels': 2},
                               fail_on='high', generated_at='2026-01-01T00:00:00Z')
    assert later['digest'] == report['digest']
    changed = audit.build_report(clean_inventory(), generated_at='2025-01-01T00:00:00Z')
    assert changed['digest'] != report['digest']


class _Collector(HTMLParser):
    def __init__(self):
        HTMLParser.__init__(self)
        self.tags = []
        self.attrs = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_renderings_escape_and_leak_no_secret():
    inv = dirty_inventory()
    inv['connections'].append(connection('conn-<script>alert(1)</script>', accessibility='PUBLIC',
                                         connection_name='a|b "quoted" <b>', secrets={'api_key': SECRET}))
    files = audit.render(audit.build_report(inv, generated_at='2025-01-01T00:00:00Z'))
    assert sorted(files) == sorted(audit.REPORT_FILES)
    for text in files.values():
        assert SECRET not in text
    html = files['audit.html']
    assert '<script' not in html and '&lt;script&gt;' in html
    collector = _Collector()
    collector.feed(html)
    assert 'script' not in collector.tags and 'link' not in collector.tags and 'img' not in collector.tags
    assert collector.tags.count('svg') == 2
    assert not [value for name, value in collector.attrs if name in ('src', 'href') and value]
    for svg in html.split('<svg')[1:]:
        ET.fromstring('<svg' + svg.split('</svg>')[0] + '</svg>')  # well-formed XML
    assert 'conn-\\<script\\>alert(1)\\</script\\>' in files['audit.md']
    data = json.loads(files['audit.json'])
    assert data['complete'] is False and data['schema'] == audit.SCHEMA_VERSION
    assert all('secrets' not in c and 'configs' not in c for c in data['inventory']['connections'])


def _report_files(tag):
    report = audit.build_report(clean_inventory(), title=tag, generated_at='2025-01-01T00:00:00Z')
    return audit.render(report), report['digest']


def test_publish_creates_and_replaces_the_whole_directory(tmp_path):
    dest = str(tmp_path / 'reports' / 'pai')
    files, digest = _report_files('first')
    audit.publish(dest, files)
    assert sorted(os.listdir(dest)) == sorted(audit.REPORT_FILES)
    assert audit.existing_report(dest)['digest'] == digest
    files2, digest2 = _report_files('second')
    audit.publish(dest, files2)
    assert audit.existing_report(dest)['digest'] == digest2 != digest
    assert sorted(os.listdir(str(tmp_path / 'reports'))) == ['pai']  # no temporary directory left


def test_publish_without_atomic_exchange_falls_back_to_two_renames(tmp_path, monkeypatch):
    monkeypatch.setattr(audit, '_exchange', lambda first, second: False)
    dest = str(tmp_path / 'pai')
    audit.publish(dest, _report_files('first')[0])
    files, digest = _report_files('second')
    audit.publish(dest, files)
    assert audit.existing_report(dest)['digest'] == digest
    assert os.listdir(str(tmp_path)) == ['pai']


def test_a_failing_write_leaves_the_previous_report_untouched(tmp_path):
    dest = str(tmp_path / 'pai')
    files, digest = _report_files('first')
    audit.publish(dest, files)
    before = dict((name, open(os.path.join(dest, name)).read()) for name in audit.REPORT_FILES)
    written = []

    def failing_write(path, text, mode):
        if len(written) == 2:
            raise OSError(28, 'No space left on device')
        written.append(path)
        audit._write_file(path, text, mode)

    with pytest.raises(OSError, match='No space left'):
        audit.publish(dest, _report_files('second')[0], _write=failing_write)
    assert len(written) == 2
    assert dict((name, open(os.path.join(dest, name)).read()) for name in audit.REPORT_FILES) == before
    assert os.listdir(str(tmp_path)) == ['pai']


def test_a_failing_first_write_leaves_nothing(tmp_path):
    dest = str(tmp_path / 'pai')

    def failing_write(path, text, mode):
        raise OSError(5, 'I/O error')

    with pytest.raises(OSError):
        audit.publish(dest, _report_files('first')[0], _write=failing_write)
    assert os.listdir(str(tmp_path)) == []
    assert audit.existing_report(dest) is None


def test_publish_refuses_foreign_files_and_non_directories(tmp_path):
    dest = tmp_path / 'pai'
    dest.mkdir()
    (dest / 'notes.txt').write_text(u'mine')
    with pytest.raises(audit.AuditError, match='notes.txt'):
        audit.publish(str(dest), _report_files('first')[0])
    assert os.listdir(str(dest)) == ['notes.txt']
    afile = tmp_path / 'file'
    afile.write_text(u'x')
    with pytest.raises(audit.AuditError, match='not a directory'):
        audit.publish(str(afile), _report_files('first')[0])
    assert sorted(os.listdir(str(tmp_path))) == ['file', 'pai']


def test_existing_report_ignores_partial_reports(tmp_path):
    dest = tmp_path / 'pai'
    dest.mkdir()
    (dest / 'audit.json').write_text(u'{"digest": "x"}')
    assert audit.existing_report(str(dest)) is None
    (dest / 'audit.md').write_text(u'')
    (dest / 'audit.html').write_text(u'')
    assert audit.existing_report(str(dest)) == {'digest': 'x'}
    (dest / 'audit.json').write_text(u'not json')
    assert audit.existing_report(str(dest)) is None


def test_publish_removes_what_killed_runs_left_and_nothing_else(tmp_path):
    import subprocess
    import sys
    import time
    dest = str(tmp_path / 'pai')
    dead = subprocess.Popen([sys.executable, '-c', 'pass'])
    dead.wait()
    alive = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])
    tag = audit._host_tag()
    try:
        left = {
            '.pai.tmp-%d-%s-abc123' % (dead.pid, tag): True,               # a killed run on this host
            '.pai.tmp-%d-%s-abc123.previous' % (dead.pid, tag): True,      # its previous report
            '.pai.tmp-%d-%s-def456' % (alive.pid, tag): False,             # a run still going
            '.pai.tmp-%d-0000abcd-ghi789' % dead.pid: False,               # another host's, recent
            '.pai.tmp-oldstyle': True,                                     # an older version's, a day old
            '.pai.tmp-recent': False,                                      # an older version's, recent
            '.other.tmp-%d-%s-abc123' % (dead.pid, tag): False,            # another report's
            'notes': False,
        }
        for name in left:
            (tmp_path / name).mkdir()
        old = time.time() - audit.STALE_FOREIGN_SECONDS - 60
        os.utime(str(tmp_path / '.pai.tmp-oldstyle'), (old, old))
        audit.publish(dest, _report_files('first')[0])
        assert sorted(os.listdir(str(tmp_path))) == sorted([n for n, stale in left.items() if not stale] + ['pai'])
    finally:
        alive.kill()
        alive.wait()


def test_publish_names_its_temporary_directory_after_its_process(tmp_path):
    dest = str(tmp_path / 'pai')
    seen = []

    def spy(path, text, mode):
        seen.append(os.path.basename(os.path.dirname(path)))
        audit._write_file(path, text, mode)
    audit.publish(dest, _report_files('first')[0], _write=spy)
    assert seen[0].startswith('.pai.tmp-%d-%s-' % (os.getpid(), audit._host_tag()))
