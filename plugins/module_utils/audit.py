# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# This module_utils file is private to pai.catalog; its API may change without notice.
"""The audit: rules as data, findings from an inventory, and the report in JSON, Markdown and HTML.

Pure functions over plain data (what the *_info modules return), except publish(), which writes a report
directory atomically. Knows nothing about Ansible, makes no request. Secret values never enter a report: the
connections' ``secrets`` are only ever tested for being non-empty, and no report field copies them.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import errno
import hashlib
import io
import ipaddress
import json
import os
import re
import shutil
import socket
import tempfile
import time

from html import escape as _html_escape
from urllib.parse import urlsplit

from ansible_collections.pai.catalog.plugins.module_utils import catalog
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError

SCHEMA_VERSION = 1
SEVERITIES = ('low', 'medium', 'high')
FAIL_ON = ('none',) + SEVERITIES
REPORT_FILES = ('audit.json', 'audit.md', 'audit.html')
DEFAULT_MIN_MAX_TOKENS = 4096
# Host name suffixes that never resolve from the internet (RFC 6762, RFC 8375, ICANN's .internal, common LAN names).
PRIVATE_SUFFIXES = ('.internal', '.local', '.localhost', '.lan', '.home.arpa', '.intranet', '.corp', '.localdomain')

# The rule set, as data. Each rule names its id, default severity, what it looks at, a title and a one-line remedy;
# the check of the same id is in CHECKS below.
RULES = (
    dict(id='connection-public', severity='medium', resource_type='connection',
         title='Connection shared with the whole workspace (PUBLIC)',
         remedy='Make the connection PRIVATE unless every member of the workspace must use it.'),
    dict(id='connection-secrets-plaintext', severity='high', resource_type='workspace',
         title='Connection secrets returned in PlainText to the auditing identity',
         remedy='Deny EncryptOption=PlainText reads to identities that do not need clear secrets, '
                'and rotate the secrets that were exposed.'),
    dict(id='metadata-missing', severity='low', resource_type='connection|gateway',
         title='Connection without a description or creator, or gateway without a name',
         remedy='Set a description and an owner (creator) on connections and a name on gateways, '
                'so that each can be traced to a team.'),
    dict(id='tool-calling-public', severity='high', resource_type='connection',
         title='Tool-calling model behind a PUBLIC connection',
         remedy='Make the connection PRIVATE, or serve tool-calling models through a dedicated private connection.'),
    dict(id='gateway-ssl-redirect-off', severity='medium', resource_type='gateway',
         title='Internet-facing gateway without HTTP to HTTPS redirection',
         remedy='Enable SSL redirection on the gateway (EAS console or UpdateGateway EnableSslRedirection=true).'),
    dict(id='domain-no-certificate', severity='high', resource_type='domain',
         title='Internet custom domain without an SSL certificate',
         remedy='Bind an SSL certificate (Certificate Management Service) to the domain, or make it intranet.'),
    dict(id='gateway-not-running', severity='medium', resource_type='gateway',
         title='Gateway not Running',
         remedy='Start or repair the gateway, or delete it if it is no longer needed (a stopped gateway may '
                'still be billed).'),
    dict(id='region-empty', severity='low', resource_type='region',
         title='Region that returned nothing',
         remedy='Remove the region from the audit, or check that the credentials see the right account and project.'),
    dict(id='base-model-small-context', severity='low', resource_type='base_model',
         title='Base model whose max_tokens is under the threshold',
         remedy='Prefer a base model with a larger context window for RAG and agent workloads.'),
    dict(id='message-callback-not-public', severity='medium', resource_type='message_config',
         title='Message callback URL that the service cannot reach (not HTTPS, or a private host)',
         remedy='Point the SMS report and upstream URLs at a public HTTPS endpoint.'),
    dict(id='region-failed', severity='high', resource_type='region',
         title='Region that failed: the audit could not see it',
         remedy='Run the audit again; if the region keeps failing, follow the recommended action of the error.'),
)
RULE_IDS = tuple(rule['id'] for rule in RULES)
_RULES_BY_ID = dict((rule['id'], rule) for rule in RULES)
_SEVERITY_RANK = dict((name, rank) for rank, name in enumerate(SEVERITIES, 1))


class AuditError(Exception):
    """A problem with the audit's input or with writing the report."""


def severity_rank(severity):
    """none -> 0, low -> 1, medium -> 2, high -> 3."""
    return _SEVERITY_RANK.get(severity, 0)


def rule_set(rules=None, severities=None):
    """The enabled rules with their effective severity, in RULES order. rules: ids to enable (None: all)."""
    severities = severities or {}
    unknown = sorted(set(list(rules or []) + list(severities)) - set(RULE_IDS))
    if unknown:
        raise AuditError('unknown audit rule(s): %s; known rules: %s' % (', '.join(unknown), ', '.join(RULE_IDS)))
    for rule_id, severity in severities.items():
        if severity not in SEVERITIES:
            raise AuditError('severity of rule %s: %r is not one of %s' % (rule_id, severity, ', '.join(SEVERITIES)))
    enabled = RULE_IDS if rules is None else rules
    return [dict(_RULES_BY_ID[rule_id], severity=severities.get(rule_id, _RULES_BY_ID[rule_id]['severity']))
            for rule_id in RULE_IDS if rule_id in enabled]


def _text(value):
    return '' if value is None else str(value).strip()


def _finding(rule, resource_type, resource, region, message, resource_name=None):
    fingerprint = hashlib.sha256(('%s|%s|%s' % (rule['id'], region, resource)).encode('utf-8')).hexdigest()[:12]
    return dict(id=rule['id'], severity=rule['severity'], title=rule['title'], resource_type=resource_type,
                resource=resource, resource_name=resource_name or '', region=region, message=message,
                remedy=rule['remedy'], fingerprint=fingerprint)


def _tool_models(connection):
    return [m.get('model') or m.get('display_name') or '?' for m in connection.get('models') or []
            if m.get('tool_call')]


def _check_connection_public(rule, inv, cfg):
    for c in inv['connections']:
        if c.get('accessibility') == 'PUBLIC':
            yield _finding(rule, 'connection', c.get('connection_id'), c.get('region'),
                           '%s connection is PUBLIC in workspace %s' % (c.get('connection_type'), c.get('workspace_id')),
                           c.get('connection_name'))


def _check_secrets_plaintext(rule, inv, cfg):
    if inv.get('encrypt_option') != 'PlainText':
        return
    groups = {}
    for c in inv['connections']:
        if any(v not in (None, '') for v in (c.get('secrets') or {}).values()):
            groups.setdefault((c.get('region'), c.get('workspace_id')), []).append(c.get('connection_id'))
    for (region, workspace), ids in sorted(groups.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        shown = ', '.join(sorted(ids)[:5]) + (', ...' if len(ids) > 5 else '')
        yield _finding(rule, 'workspace', workspace, region,
                       '%d connection(s) returned secret values with EncryptOption=PlainText: %s' % (len(ids), shown))


def _check_metadata(rule, inv, cfg):
    for c in inv['connections']:
        missing = [field for field in ('description', 'creator') if not _text(c.get(field))]
        if missing:
            yield _finding(rule, 'connection', c.get('connection_id'), c.get('region'),
                           'connection has no %s' % ' and no '.join(missing), c.get('connection_name'))
    for g in inv['gateways']:
        if not _text(g.get('gateway_name')):
            yield _finding(rule, 'gateway', g.get('gateway_id'), g.get('region'), 'gateway has no name')


def _check_tool_calling_public(rule, inv, cfg):
    for c in inv['connections']:
        models = _tool_models(c)
        if c.get('accessibility') == 'PUBLIC' and models:
            yield _finding(rule, 'connection', c.get('connection_id'), c.get('region'),
                           'PUBLIC connection serves tool-calling model(s): %s' % ', '.join(models),
                           c.get('connection_name'))


def _check_ssl_redirect(rule, inv, cfg):
    for g in inv['gateways']:
        if g.get('internet_enabled') and not g.get('ssl_redirection_enabled'):
            yield _finding(rule, 'gateway', g.get('gateway_id'), g.get('region'),
                           'internet-facing gateway (%s) accepts plain HTTP' % (g.get('internet_domain') or 'no domain'),
                           g.get('gateway_name'))


def _check_domain_certificate(rule, inv, cfg):
    for d in inv['domains']:
        if _text(d.get('type')).lower() == 'internet' and not _text(d.get('certificate_id')):
            yield _finding(rule, 'domain', d.get('domain'), d.get('region'),
                           'internet domain of gateway %s has no certificate' % d.get('gateway_id'))


def _check_not_running(rule, inv, cfg):
    for g in inv['gateways']:
        if _text(g.get('status')) != 'Running':
            yield _finding(rule, 'gateway', g.get('gateway_id'), g.get('region'),
                           'gateway status is %s' % (_text(g.get('status')) or 'unknown'), g.get('gateway_name'))


def _check_region_empty(rule, inv, cfg):
    failed = set(f.get('region') for f in inv['failed_regions'])
    for region in inv['regions']:
        if region in failed:
            continue
        if not any(item.get('region') == region for kind in ('connections', 'gateways') for item in inv[kind]):
            yield _finding(rule, 'region', region, region, 'no connections and no gateways')
    for region in inv['fabric_regions']:
        if region not in failed and not any(m.get('region') == region for m in inv['base_models']):
            yield _finding(rule, 'region', region, region, 'no base models')


def _check_small_context(rule, inv, cfg):
    threshold = cfg['min_max_tokens']
    for m in inv['base_models']:
        tokens = m.get('max_tokens')
        if isinstance(tokens, int) and not isinstance(tokens, bool) and tokens < threshold:
            yield _finding(rule, 'base_model', m.get('base_model_type'), m.get('region'),
                           'max_tokens %d is under %d' % (tokens, threshold))


def callback_problem(url):
    """Why the message service cannot deliver to url, or None when it can (an https URL on a public host)."""
    parts = urlsplit(url)
    if parts.scheme != 'https':
        return 'is not HTTPS'
    host = (parts.hostname or '').lower().rstrip('.')
    if not host:
        return 'has no host'
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if host == 'localhost' or '.' not in host or host.endswith(PRIVATE_SUFFIXES):
            return 'is on a private host name (%s)' % host
        return None
    if not address.is_global:
        return 'is on a private address (%s)' % host
    return None


def _check_message_callback(rule, inv, cfg):
    config = inv.get('message_config') or {}
    for field in ('sms_report_url', 'sms_up_url'):
        url = _text(config.get(field))
        problem = callback_problem(url) if url else None
        if problem:
            yield _finding(rule, 'message_config', field, 'global', '%s %s %s' % (field, url, problem))


def _check_region_failed(rule, inv, cfg):
    for f in inv['failed_regions']:
        detail = ' '.join(_text(f.get(k)) for k in ('status', 'code') if _text(f.get(k)))
        yield _finding(rule, 'region', f.get('operation') or 'unknown', f.get('region'),
                       '%s failed%s: %s' % (f.get('operation') or 'the inventory', ' (%s)' % detail if detail else '',
                                            _text(f.get('message'))[:200]))


CHECKS = {
    'connection-public': _check_connection_public,
    'connection-secrets-plaintext': _check_secrets_plaintext,
    'metadata-missing': _check_metadata,
    'tool-calling-public': _check_tool_calling_public,
    'gateway-ssl-redirect-off': _check_ssl_redirect,
    'domain-no-certificate': _check_domain_certificate,
    'gateway-not-running': _check_not_running,
    'region-empty': _check_region_empty,
    'base-model-small-context': _check_small_context,
    'message-callback-not-public': _check_message_callback,
    'region-failed': _check_region_failed,
}


def normalise_inventory(inventory):
    """Fill in the keys an inventory may leave out; lists are copied, never modified."""
    inv = dict(inventory or {})
    for key in ('regions', 'fabric_regions', 'connections', 'gateways', 'domains', 'base_models', 'failed_regions'):
        inv[key] = list(inv.get(key) or [])
    inv['message_config'] = inv.get('message_config') or {}
    inv['encrypt_option'] = inv.get('encrypt_option') or None
    return inv


def evaluate(inventory, rules=None, severities=None, min_max_tokens=DEFAULT_MIN_MAX_TOKENS):
    """The findings of the enabled rules over an inventory, most severe first, then by rule, region, resource."""
    inv = normalise_inventory(inventory)
    if not isinstance(min_max_tokens, int) or min_max_tokens < 0:
        raise AuditError('min_max_tokens: %r is not a non-negative integer' % (min_max_tokens,))
    cfg = dict(min_max_tokens=min_max_tokens)
    findings = []
    for rule in rule_set(rules, severities):
        findings.extend(CHECKS[rule['id']](rule, inv, cfg))
    findings.sort(key=lambda f: (-severity_rank(f['severity']), RULE_IDS.index(f['id']), _text(f['region']),
                                 _text(f['resource'])))
    return findings


def fails(findings, fail_on):
    """The findings at or above the fail_on severity (none: never)."""
    if fail_on not in FAIL_ON:
        raise AuditError('fail_on: %r is not one of %s' % (fail_on, ', '.join(FAIL_ON)))
    if fail_on == 'none':
        return []
    return [f for f in findings if severity_rank(f['severity']) >= severity_rank(fail_on)]


def _count(items, key):
    counts = {}
    for item in items:
        value = _text(item.get(key)) or 'unknown'
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items()))


def api_usage(api_calls):
    """API calls per operation next to the seed's free tier (catalog.BILLING), sorted by operation."""
    rows = []
    for name in sorted(api_calls or {}):
        calls = int(api_calls[name])
        try:
            billing = catalog.describe(name)['billing']
        except ApiError:  # an operation the catalog does not know: no billing notes
            billing = None
        free = billing.get('free_calls_per_month') if billing else None
        rows.append(dict(operation=name, calls=calls, free_calls_per_month=free,
                         share_of_free_tier=round(float(calls) / free, 4) if free else None,
                         audits_per_month_within_free_tier=(free // calls if calls else None) if free else None))
    return rows


def summarise(inv, findings, enabled_rules, fail_on='none'):
    """Counts of resources (per region, per type) and findings (per severity, per rule)."""
    failed = sorted(set(f.get('region') for f in inv['failed_regions'] if f.get('region')))
    per_region = {}
    for region in inv['regions'] + inv['fabric_regions']:
        per_region[region] = dict(connections=0, gateways=0, domains=0, base_models=0,
                                  status='failed' if region in failed else 'ok')
    for kind in ('connections', 'gateways', 'domains', 'base_models'):
        for item in inv[kind]:
            region = item.get('region') or 'unknown'
            per_region.setdefault(region, dict(connections=0, gateways=0, domains=0, base_models=0, status='ok'))
            per_region[region][kind] += 1
    for region, counts in per_region.items():
        if counts['status'] == 'ok' and not (counts['connections'] or counts['gateways'] or counts['base_models']):
            counts['status'] = 'empty'
    by_severity = dict((s, 0) for s in SEVERITIES)
    by_rule = dict((r['id'], 0) for r in enabled_rules)
    for f in findings:
        by_severity[f['severity']] += 1
        by_rule[f['id']] += 1
    worst = max([severity_rank(f['severity']) for f in findings] or [0])
    return dict(
        complete=not inv['failed_regions'],
        failed_regions=failed,
        resources=dict((kind, len(inv[kind])) for kind in ('connections', 'gateways', 'domains', 'base_models')),
        per_region=dict(sorted(per_region.items())),
        connections_by_type=_count(inv['connections'], 'connection_type'),
        connections_by_accessibility=_count(inv['connections'], 'accessibility'),
        gateways_by_status=_count(inv['gateways'], 'status'),
        domains_by_type=_count(inv['domains'], 'type'),
        findings=len(findings),
        findings_by_severity=by_severity,
        findings_by_rule=by_rule,
        max_severity=FAIL_ON[worst],
        fail_on=fail_on,
        failing_findings=len(fails(findings, fail_on)),
    )


def _slim(inv):
    """The inventory as the report shows it: identifying and audited fields only, never configs or secrets."""
    def pick(item, keys):
        get = item.get
        return {k: get(k) for k in keys}
    connections = []
    for c in inv['connections']:
        row = pick(c, ('connection_id', 'connection_name', 'connection_type', 'region', 'workspace_id',
                       'accessibility', 'creator', 'description'))
        row['models'] = [m.get('model') for m in c.get('models') or []]
        row['tool_call'] = bool(_tool_models(c))
        row['has_secrets'] = bool(c.get('secrets'))
        connections.append(row)
    return dict(
        connections=connections,
        gateways=[pick(g, ('gateway_id', 'gateway_name', 'region', 'status', 'internet_enabled',
                           'ssl_redirection_enabled', 'internet_domain', 'instance_type', 'replicas'))
                  for g in inv['gateways']],
        domains=[pick(d, ('domain', 'type', 'certificate_id', 'gateway_id', 'region')) for d in inv['domains']],
        base_models=[pick(m, ('base_model_type', 'max_tokens', 'num_of_mu', 'region')) for m in inv['base_models']],
        message_config=dict((k, inv['message_config'].get(k)) for k in ('sms_report_url', 'sms_up_url')
                            if k in inv['message_config']),
    )


def build_report(inventory, rules=None, severities=None, min_max_tokens=DEFAULT_MIN_MAX_TOKENS, fail_on='none',
                 api_calls=None, title='pai.catalog audit', generated_at=None):
    """The whole report as one JSON-serialisable dict. ``digest`` covers everything except ``generated_at``."""
    inv = normalise_inventory(inventory)
    enabled = rule_set(rules, severities)
    findings = evaluate(inv, rules, severities, min_max_tokens)
    summary = summarise(inv, findings, enabled, fail_on)
    report = dict(
        schema=SCHEMA_VERSION,
        title=title,
        complete=summary['complete'],
        regions=dict(alibaba=inv['regions'], huawei=inv['fabric_regions']),
        failed_regions=inv['failed_regions'],
        encrypt_option=inv['encrypt_option'],
        thresholds=dict(min_max_tokens=min_max_tokens),
        rules=[dict(id=r['id'], severity=r['severity'], title=r['title'], remedy=r['remedy'],
                    resource_type=r['resource_type'], findings=summary['findings_by_rule'][r['id']]) for r in enabled],
        summary=summary,
        findings=findings,
        api_calls=api_usage(api_calls),
        free_tier=dict(notes=list(catalog.BILLING['free_tier']), model=catalog.BILLING['model']),
        inventory=_slim(inv),
    )
    report['digest'] = hashlib.sha256(json.dumps(report, sort_keys=True, check_circular=False).encode('utf-8')
                                      ).hexdigest()
    report['generated_at'] = generated_at
    return report


# ---------------------------------------------------------------------------------------------- rendering

def render_json(report):
    """audit.json: the report's fields one per line (and those of its inventory), each element of a list (a finding,
    a resource) on a line of its own, so that the file reads and diffs well; each line is encoded by json's C
    encoder (indent= would switch json to its pure-Python encoder, seconds on a large estate)."""
    return '\n'.join(_json_lines(report, '', 2)) + '\n'


def _json_lines(value, indent, depth):
    """Lines of one value: a dict opened up to `depth` levels, a list one element a line, anything else on one."""
    inner = indent + '  '
    if isinstance(value, dict) and value and depth:
        lines = ['{']
        keys = sorted(value)
        for index, key in enumerate(keys):
            sub = _json_lines(value[key], inner, depth - 1)
            sub[0] = inner + json.dumps(key) + ': ' + sub[0]
            sub[-1] += ',' if index < len(keys) - 1 else ''
            lines.extend(sub)
        return lines + [indent + '}']
    if isinstance(value, list) and value and depth:
        last = len(value) - 1
        encode = json.JSONEncoder(sort_keys=True, check_circular=False).encode
        return (['['] + [inner + encode(item) + (',' if index < last else '') for index, item in enumerate(value)]
                + [indent + ']'])
    return [json.dumps(value, sort_keys=True)]


def _md(value):
    text = _text(value).replace('\r', ' ').replace('\n', ' ')
    for char in ('\\', '|', '`', '*', '<', '>', '[', ']'):
        text = text.replace(char, '\\' + char)
    return text


def _md_table(headers, rows):
    lines = ['| ' + ' | '.join(headers) + ' |', '|' + '---|' * len(headers)]
    lines.extend('| ' + ' | '.join(_md(cell) for cell in row) + ' |' for row in rows)
    return lines


def _status_line(report):
    s = report['summary']
    sev = s['findings_by_severity']
    text = '%d findings (%d high, %d medium, %d low) over %d connections, %d gateways, %d domains, %d base models' % (
        s['findings'], sev['high'], sev['medium'], sev['low'], s['resources']['connections'],
        s['resources']['gateways'], s['resources']['domains'], s['resources']['base_models'])
    if not report['complete']:
        text += '; INCOMPLETE: failed region(s) %s' % ', '.join(s['failed_regions'])
    return text


def _usage_rows(report):
    rows = []
    for row in report['api_calls']:
        free = row['free_calls_per_month']
        rows.append((row['operation'], row['calls'], free if free else 'not in the seed',
                     '%.1f%%' % (100 * row['share_of_free_tier']) if free else '-',
                     row['audits_per_month_within_free_tier'] if free else '-'))
    return rows


USAGE_HEADERS = ('operation', 'calls', 'free calls per month', 'share of free tier', 'audits per month within it')


def render_markdown(report):
    s = report['summary']
    out = ['# ' + _md(report['title']), '',
           'Generated %s. %s.' % (_md(report['generated_at'] or 'now'), _md(_status_line(report))), '']
    if not report['complete']:
        out += ['**This report is incomplete**: the regions below failed and their resources are missing.', '']
        out += _md_table(('region', 'operation', 'status', 'code', 'message'),
                         [(f.get('region'), f.get('operation'), f.get('status'), f.get('code'), f.get('message'))
                          for f in report['failed_regions']]) + ['']
    out += ['## Findings', '']
    if report['findings']:
        out += _md_table(('severity', 'id', 'region', 'resource', 'finding', 'remedy'),
                         [(f['severity'], f['id'], f['region'], f['resource'], f['message'], f['remedy'])
                          for f in report['findings']])
    else:
        out.append('No findings.')
    out += ['', '## Rules', '']
    out += _md_table(('id', 'severity', 'findings', 'rule'),
                     [(r['id'], r['severity'], r['findings'], r['title']) for r in report['rules']])
    out += ['', '## Resources per region', '']
    out += _md_table(('region', 'status', 'connections', 'gateways', 'domains', 'base models'),
                     [(region, c['status'], c['connections'], c['gateways'], c['domains'], c['base_models'])
                      for region, c in s['per_region'].items()])
    out += ['', '## Connections per type', '']
    out += _md_table(('type', 'connections'), sorted(s['connections_by_type'].items()))
    out += ['', '## API calls of this audit and the free tier', '']
    out += _md_table(USAGE_HEADERS, _usage_rows(report))
    out += ['', 'Free tier (the seed): ' + _md('; '.join(report['free_tier']['notes'])) + '.', '']
    return '\n'.join(out)


def _h(value):
    return _html_escape(_text(value), quote=True)


SERIES = (('connections', '#3b6ea5'), ('gateways', '#d9822b'), ('domains', '#5a9e6f'), ('base_models', '#8e6bb0'))
SEVERITY_COLOURS = dict(high='#b42318', medium='#b54708', low='#475467')


def svg_stacked_bars(title, categories, series, values):
    """An inline SVG bar chart: one stacked bar per category, one colour per series; values[cat][series] -> n."""
    thickness, gap, left, top, width = 26, 14, 190, 30, 420
    totals = [sum(values[c].get(name, 0) for name, _colour in series) for c in categories]
    scale = float(width) / max(totals + [1])
    height = top + len(categories) * (thickness + gap) + 30
    out = ['<svg xmlns="http://www.w3.org/2000/svg" role="img" width="%d" height="%d" viewBox="0 0 %d %d">'
           % (left + width + 60, height, left + width + 60, height),
           '<title>%s</title>' % _h(title)]
    for row, (category, total) in enumerate(zip(categories, totals)):
        y = top + row * (thickness + gap)
        out.append('<text x="%d" y="%d" text-anchor="end" font-size="12">%s</text>' % (left - 8, y + thickness * 0.7, _h(category)))
        x = float(left)
        for name, colour in series:
            n = values[category].get(name, 0)
            if n:
                w = n * scale
                out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %d %s</title></rect>'
                           % (x, y, w, thickness, colour, _h(category), n, _h(name.replace('_', ' '))))
                x += w
        out.append('<text x="%.1f" y="%d" font-size="12">%d</text>' % (x + 6, y + thickness * 0.7, total))
    x = left
    for name, colour in series:
        label = name.replace('_', ' ')
        out.append('<rect x="%d" y="6" width="12" height="12" fill="%s"/><text x="%d" y="16" font-size="12">%s</text>'
                   % (x, colour, x + 16, _h(label)))
        x += 24 + 7 * len(label)
    out.append('</svg>')
    return '\n'.join(out)


def _html_table(headers, rows, classes=None):
    out = ['<table><thead><tr>' + ''.join('<th>%s</th>' % _h(h) for h in headers) + '</tr></thead><tbody>']
    for index, row in enumerate(rows):
        css = ' class="%s"' % _h(classes[index]) if classes and classes[index] else ''
        out.append('<tr%s>' % css + ''.join('<td>%s</td>' % _h(cell) for cell in row) + '</tr>')
    out.append('</tbody></table>')
    return '\n'.join(out)


CSS = '''body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1200px;
color:#1d2939;padding:0 1rem}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d5dd}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0}th,td{border:1px solid #d0d5dd;
padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f2f4f7}tr.high td:first-child{color:#b42318;
font-weight:bold}tr.medium td:first-child{color:#b54708;font-weight:bold}tr.low td:first-child{color:#475467}
.banner{padding:.6rem 1rem;border-radius:4px;background:#ecfdf3;border:1px solid #abefc6}
.banner.findings{background:#fffaeb;border-color:#fedf89}.banner.incomplete{background:#fef3f2;border-color:#fecdca}.cards{display:flex;gap:1rem;flex-wrap:wrap}
.card{border:1px solid #d0d5dd;border-radius:4px;padding:.5rem 1rem;min-width:7rem}.card b{font-size:1.4rem;
display:block}.charts{display:flex;gap:2rem;flex-wrap:wrap}footer{margin-top:2rem;font-size:.8rem;color:#667085}'''


def render_html(report):
    s = report['summary']
    regions = list(s['per_region'])
    per_region_chart = svg_stacked_bars('Resources per region', regions, SERIES, s['per_region'])
    types = sorted(s['connections_by_type']) + ['gateways', 'domains', 'base models']
    type_values = dict((t, {'connections': n}) for t, n in s['connections_by_type'].items())
    type_values.update({'gateways': {'gateways': s['resources']['gateways']},
                        'domains': {'domains': s['resources']['domains']},
                        'base models': {'base_models': s['resources']['base_models']}})
    per_type_chart = svg_stacked_bars('Resources per type', types, SERIES, type_values)
    banner_class = 'banner' + ('' if report['complete'] else ' incomplete') + (' findings' if report['findings'] else '')
    out = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           '<title>%s</title>' % _h(report['title']), '<style>%s</style></head><body>' % CSS,
           '<h1>%s</h1>' % _h(report['title']),
           '<p class="%s">%s</p>' % (banner_class, _h(_status_line(report))),
           '<p>Generated %s; Alibaba regions: %s; Huawei regions: %s.</p>' % (
               _h(report['generated_at'] or 'now'), _h(', '.join(report['regions']['alibaba']) or 'none'),
               _h(', '.join(report['regions']['huawei']) or 'none')),
           '<div class="cards">']
    for severity in reversed(SEVERITIES):
        out.append('<div class="card"><b style="color:%s">%d</b>%s</div>'
                   % (SEVERITY_COLOURS[severity], s['findings_by_severity'][severity], _h(severity)))
    for kind, count in s['resources'].items():
        out.append('<div class="card"><b>%d</b>%s</div>' % (count, _h(kind.replace('_', ' '))))
    out.append('</div>')
    if not report['complete']:
        out.append('<h2>Failed regions (this report is incomplete)</h2>')
        out.append(_html_table(('region', 'operation', 'status', 'code', 'message', 'request id'),
                               [(f.get('region'), f.get('operation'), f.get('status'), f.get('code'), f.get('message'),
                                 f.get('request_id')) for f in report['failed_regions']]))
    out.append('<h2>Findings</h2>')
    if report['findings']:
        out.append(_html_table(('severity', 'id', 'region', 'resource', 'finding', 'remedy'),
                               [(f['severity'], f['id'], f['region'], f['resource'], f['message'], f['remedy'])
                                for f in report['findings']], [f['severity'] for f in report['findings']]))
    else:
        out.append('<p>No findings.</p>')
    out.append('<h2>Resources</h2><div class="charts"><figure>%s<figcaption>Resources per region</figcaption></figure>'
               '<figure>%s<figcaption>Resources per type</figcaption></figure></div>' % (per_region_chart, per_type_chart))
    out.append(_html_table(('region', 'status', 'connections', 'gateways', 'domains', 'base models'),
                           [(r, c['status'], c['connections'], c['gateways'], c['domains'], c['base_models'])
                            for r, c in s['per_region'].items()]))
    out.append('<h2>Rules</h2>')
    out.append(_html_table(('id', 'severity', 'findings', 'rule', 'remedy'),
                           [(r['id'], r['severity'], r['findings'], r['title'], r['remedy']) for r in report['rules']],
                           [r['severity'] for r in report['rules']]))
    out.append('<h2>API calls of this audit and the free tier</h2>')
    out.append(_html_table(USAGE_HEADERS, _usage_rows(report)))
    out.append('<p>Free tier (the seed): %s.</p>' % _h('; '.join(report['free_tier']['notes'])))
    out.append('<footer>pai.catalog audit report, schema %d, digest %s</footer>'
               % (report['schema'], _h(report['digest'])))
    out.append('</body></html>')
    return '\n'.join(out) + '\n'


def render(report):
    """File name -> text of every report file."""
    return {'audit.json': render_json(report), 'audit.md': render_markdown(report), 'audit.html': render_html(report)}


# ---------------------------------------------------------------------------------------------- publishing

def existing_report(dest):
    """The audit.json of the complete report in dest as a dict, or None (no report, a partial or unreadable one)."""
    if not all(os.path.isfile(os.path.join(dest, name)) for name in REPORT_FILES):
        return None
    try:
        with io.open(os.path.join(dest, 'audit.json'), encoding='utf-8') as handle:
            report = json.load(handle)
    except (IOError, OSError, ValueError):
        return None
    return report if isinstance(report, dict) else None


def check_destination(dest):
    """Refuse a destination that is not a directory, or one holding files that are not the report's."""
    if os.path.lexists(dest) and not os.path.isdir(dest):
        raise AuditError('dest %s exists and is not a directory' % dest)
    ancestor = os.path.dirname(os.path.abspath(dest))
    while not os.path.lexists(ancestor) and os.path.dirname(ancestor) != ancestor:
        ancestor = os.path.dirname(ancestor)
    if not os.path.isdir(ancestor):
        raise AuditError('cannot create dest %s: %s is not a directory' % (dest, ancestor))
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise AuditError('cannot create dest %s: %s is not writable' % (dest, ancestor))
    if os.path.isdir(dest):
        foreign = sorted(set(os.listdir(dest)) - set(REPORT_FILES))
        if foreign:
            raise AuditError('dest %s holds files that are not part of the report (%s); the report replaces the '
                             'whole directory, so give it a directory of its own' % (dest, ', '.join(foreign[:5])))


def _exchange(first, second):
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE). False when the platform cannot."""
    try:
        import ctypes
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (ImportError, OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), second)


def _swap_into_place(staged, dest):
    """Put the staged directory at dest. Returns the path now holding the previous report (or None)."""
    if not os.path.isdir(dest):
        os.rename(staged, dest)
        return None
    if _exchange(staged, dest):
        return staged
    # No atomic exchange: two renames, undoing the first if the second fails. dest never holds a mix.
    previous = staged + '.previous'
    os.rename(dest, previous)
    try:
        os.rename(staged, dest)
    except OSError:
        os.rename(previous, dest)
        raise
    return previous


# A temporary directory of publish() is named .<dest name>.tmp-<pid>-<host tag>-<random>, so that a later run can
# tell one left by a killed run (its process is gone) from one that a concurrent run is still writing.
STALE_FOREIGN_SECONDS = 24 * 3600


def _staging_prefix(dest):
    return '.%s.tmp-' % os.path.basename(dest)


def _host_tag():
    """A short tag of this host's name: process IDs mean something only on the host that made them (a dest on a
    shared file system is seen by several)."""
    return hashlib.sha256(socket.gethostname().encode('utf-8')).hexdigest()[:8]


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to another user
    return True


def remove_stale(dest, now=None):
    """Remove the temporary directories that killed runs of publish() left beside dest; returns their names.

    Only names of publish()'s own making are considered. One made on this host is stale when its process is
    gone; one made on another host, or without a process ID (an older version), when it has not changed for
    STALE_FOREIGN_SECONDS. The directory of a run still going is never removed.
    """
    parent, prefix = os.path.dirname(dest), _staging_prefix(dest)
    pattern = re.compile(r'^%s(?:(\d+)-([0-9a-f]{8})-)?[A-Za-z0-9_]+(?:\.previous)?\Z' % re.escape(prefix))
    now = time.time() if now is None else now
    removed = []
    for name in sorted(os.listdir(parent)):
        match = pattern.match(name)
        path = os.path.join(parent, name)
        if not match or os.path.islink(path) or not os.path.isdir(path):
            continue
        pid, host = match.groups()
        if pid is not None and host == _host_tag():
            stale = int(pid) != os.getpid() and not _alive(int(pid))
        else:
            try:
                stale = now - os.lstat(path).st_mtime > STALE_FOREIGN_SECONDS
            except OSError:
                continue
        if stale:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(name)
    return removed


def publish(dest, files, _write=None):
    """Write files (name -> text) as the directory dest, all or nothing.

    The files go into a fresh temporary directory next to dest, each flushed to disk; that directory then takes
    dest's place in one atomic exchange (two renames where the platform has none). On any failure the
    temporary directory is removed and dest is left as it was; those that killed runs left are removed first.
    """
    dest = os.path.abspath(dest)
    check_destination(dest)
    parent = os.path.dirname(dest)
    if not os.path.isdir(parent):
        os.makedirs(parent)
    remove_stale(dest)
    staged = tempfile.mkdtemp(prefix=_staging_prefix(dest) + '%d-%s-' % (os.getpid(), _host_tag()), dir=parent)
    previous = None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staged, 0o777 & ~umask)
        write = _write or _write_file
        for name in sorted(files):
            write(os.path.join(staged, name), files[name], 0o666 & ~umask)
        previous = _swap_into_place(staged, dest)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    if previous:
        shutil.rmtree(previous, ignore_errors=True)
    return dest


def _write_file(path, text, mode):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, 'wb') as handle:
        handle.write(text.encode('utf-8'))
        handle.flush()
        os.fsync(handle.fileno())


def write_report(dest, report, check_mode=False):
    """Publish a report into dest unless the report there has the same digest; nothing is written in check mode.

    Returns (changed, generated_at): generated_at is the time of the report that dest holds afterwards (the previous
    one's when nothing changed). Raises AuditError, or OSError with the previous report left as it was.
    """
    check_destination(dest)
    previous = existing_report(dest) or {}
    if previous.get('digest') == report['digest']:
        return False, previous.get('generated_at') or report['generated_at']
    if not check_mode:
        publish(dest, render(report))
    return True, report['generated_at']


def report_files(dest):
    """The report's files in dest, by format."""
    return dict(json=os.path.join(dest, 'audit.json'), markdown=os.path.join(dest, 'audit.md'),
                html=os.path.join(dest, 'audit.html'))
