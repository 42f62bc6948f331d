#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
module: audit_report
short_description: Turn an inventory of PAI and DataArts Fabric resources into audit findings and a report
version_added: 0.1.0
description:
  - Applies the audit rules to the connections, gateways, custom domains, base models and message configuration
    that the C(*_info) modules of this collection returned, and writes C(audit.json), C(audit.md) and a
    self-contained C(audit.html) (inline CSS and SVG, no script, no external asset) into the directory O(dest).
  - The three files are written into a temporary directory next to O(dest), which then takes the place of O(dest)
    in one atomic exchange (on platforms without one, two renames, the first undone if the second fails). On any
    failure the temporary directory is removed and the previous report is left as it was; O(dest) holds either the
    whole new report or the whole previous one.
  - O(dest) belongs to the report. A directory that holds any file other than the three is refused.
  - The report is rewritten, and the task C(changed), only when its content differs from the report already in
    O(dest) (the time it was generated aside). In check mode nothing is written and C(changed) says whether it
    would be.
  - The module makes no network request. It never fails because of findings; RV(summary.failing_findings) counts
    those at or above O(fail_on), for a play to decide (the C(pai.catalog.audit) role fails the play on them).
  - Secret values never enter the report. Of each connection's C(secrets) only whether it holds any non-empty value
    is used.
  - The credential and endpoint options are accepted, and ignored, so that C(module_defaults) for the action group
    C(pai.catalog.pai) apply to every module.
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  dest:
    description:
      - The directory of the report. Its parent directories are created when missing.
    type: path
    required: true
  alibaba_regions:
    description:
      - The Alibaba Cloud regions that were inventoried. A region without connections and gateways is a
        C(region-empty) finding.
    type: list
    elements: str
    default: []
  fabric_regions:
    description:
      - The Huawei Cloud DataArts Fabric regions that were inventoried. A region without base models is a
        C(region-empty) finding.
    type: list
    elements: str
    default: []
  connections:
    description: The C(connections) of M(pai.catalog.connection_info).
    type: list
    elements: dict
    default: []
  gateways:
    description: The C(gateways) of M(pai.catalog.gateway_info).
    type: list
    elements: dict
    default: []
  domains:
    description: The C(domains) of M(pai.catalog.gateway_domain_info).
    type: list
    elements: dict
    default: []
  base_models:
    description: The C(base_models) of M(pai.catalog.base_model_info).
    type: list
    elements: dict
    default: []
  message_config:
    description: The C(message_config) of M(pai.catalog.message_config_info); empty when it was not read.
    type: dict
    default: {}
  failed_regions:
    description:
      - Regions that failed and were tolerated, each with at least C(region) and C(operation), and optionally
        C(status), C(code), C(message) and C(request_id) (the C(error) of the failed task).
      - Any entry makes the report incomplete and is a C(region-failed) finding.
    type: list
    elements: dict
    default: []
  encrypt_option:
    description:
      - The C(encrypt_option) that the connections were listed with. Only with C(PlainText) can the rule
        C(connection-secrets-plaintext) tell that secrets came back in clear text.
    type: str
    choices: [PlainText, Secret]
  rules:
    description:
      - The ids of the rules to apply; all of them when not set. See the C(pai.catalog.audit) role's README for
        what each rule looks at.
    type: list
    elements: str
    choices: [connection-public, connection-secrets-plaintext, metadata-missing, tool-calling-public,
              gateway-ssl-redirect-off, domain-no-certificate, gateway-not-running, region-empty,
              base-model-small-context, message-callback-not-public, region-failed]
  severities:
    description: Severity per rule id (C(low), C(medium) or C(high)), replacing the rule's default.
    type: dict
    default: {}
  min_max_tokens:
    description: A base model whose C(max_tokens) is under this is a C(base-model-small-context) finding.
    type: int
    default: 4096
  fail_on:
    description:
      - The severity from which a finding should fail the audit; C(none) never. Recorded in the report and counted
        in RV(summary.failing_findings); the module itself does not fail on findings.
    type: str
    choices: [none, low, medium, high]
    default: none
  api_calls:
    description:
      - HTTP requests per operation that the inventory made (the C(api_calls) of the modules, added up). The report
        compares them with the free tier of the seed's billing notes.
    type: dict
    default: {}
  title:
    description: Title of the report.
    type: str
    default: pai.catalog audit
attributes:
  check_mode:
    support: full
    description: Can run in check_mode and return changed status prediction without modifying target.
      In check mode the findings are computed and nothing is written.
  diff_mode:
    support: none
    description: Will return details on what has changed (or possibly needs changing in diff_mode), when in diff mode.
  platform:
    support: full
    platforms: posix
    description: Target OS/families that can be operated against.
notes:
  - Runs where the task runs; use C(delegate_to) or C(connection=local) to write the report on the controller.
extends_documentation_fragment:
  - pai.catalog.alibaba_auth
  - pai.catalog.huawei_auth
  - pai.catalog.endpoint
seealso:
  - module: pai.catalog.connection_info
  - module: pai.catalog.gateway_info
  - module: pai.catalog.gateway_domain_info
  - module: pai.catalog.base_model_info
  - module: pai.catalog.message_config_info
'''

EXAMPLES = r'''
- name: Gather the connections and gateways of two regions
  pai.catalog.connection_info:
    regions: [cn-hangzhou, cn-shanghai]
    encrypt_option: PlainText
  register: connections

- name: Gather the gateways
  pai.catalog.gateway_info:
    regions: [cn-hangzhou, cn-shanghai]
  register: gateways

- name: Write the audit report
  pai.catalog.audit_report:
    dest: /var/lib/pai-audit/latest
    alibaba_regions: [cn-hangzhou, cn-shanghai]
    connections: "{{ connections.connections }}"
    encrypt_option: PlainText
    gateways: "{{ gateways.gateways }}"
    api_calls: "{{ connections.api_calls | combine(gateways.api_calls) }}"
    severities:
      connection-public: high
    fail_on: high
  register: audit

- name: Fail on high findings
  ansible.builtin.fail:
    msg: "{{ audit.summary.failing_findings }} finding(s) at or above high; see {{ audit.files.html }}"
  when: audit.summary.failing_findings > 0
'''

RETURN = r'''
dest:
  description: The absolute path of the report directory.
  returned: always
  type: str
  sample: /var/lib/pai-audit/latest
files:
  description: The path of each report file.
  returned: always
  type: dict
  sample: {"json": "/var/lib/pai-audit/latest/audit.json", "markdown": "/var/lib/pai-audit/latest/audit.md",
           "html": "/var/lib/pai-audit/latest/audit.html"}
complete:
  description: False when a region failed (see O(failed_regions)); the report says so.
  returned: always
  type: bool
  sample: true
digest:
  description: SHA-256 of the report's content, the generation time aside; equal digests mean equal reports.
  returned: always
  type: str
  sample: 3f1c0d8c2e6f4a1b9d7e5c3a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e
generated_at:
  description: When the report was generated (UTC). When the content did not change, the time of the report kept.
  returned: always
  type: str
  sample: "2025-05-01T08:00:00Z"
findings:
  description: The findings, most severe first.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The rule that fired.
      type: str
      sample: domain-no-certificate
    severity:
      description: C(low), C(medium) or C(high).
      type: str
      sample: high
    title:
      description: What the rule looks for.
      type: str
      sample: Internet custom domain without an SSL certificate
    resource_type:
      description: C(connection), C(workspace), C(gateway), C(domain), C(base_model), C(message_config) or C(region).
      type: str
      sample: domain
    resource:
      description: The resource's ID (or domain, model type, region).
      type: str
      sample: svc0-abc123.cn-hangzhou.example.com
    resource_name:
      description: The resource's name, when it has one.
      type: str
      sample: ""
    region:
      description: The region of the resource; C(global) for the message configuration.
      type: str
      sample: cn-hangzhou
    message:
      description: What is wrong with this resource.
      type: str
      sample: internet domain of gateway gw-1uhcqmsc7x22 has no certificate
    remedy:
      description: One line on how to fix it.
      type: str
      sample: Bind an SSL certificate (Certificate Management Service) to the domain, or make it intranet.
    fingerprint:
      description: A stable short hash of rule, region and resource, to track a finding across runs.
      type: str
      sample: 5d41402abc4b
summary:
  description: Counts of resources and findings.
  returned: always
  type: dict
  contains:
    complete:
      description: False when a region failed.
      type: bool
      sample: true
    failed_regions:
      description: The regions that failed.
      type: list
      elements: str
      sample: []
    resources:
      description: Number of resources of each kind.
      type: dict
      sample: {"connections": 100, "gateways": 12, "domains": 29, "base_models": 24}
    per_region:
      description: Per region, the number of each kind and a status (C(ok), C(empty) or C(failed)).
      type: dict
      sample: {"eu-central-1": {"connections": 0, "gateways": 0, "domains": 0, "base_models": 0, "status": "empty"}}
    connections_by_type:
      description: Connections per connection type.
      type: dict
      sample: {"MilvusConnection": 12}
    connections_by_accessibility:
      description: Connections per accessibility.
      type: dict
      sample: {"PRIVATE": 64, "PUBLIC": 36}
    gateways_by_status:
      description: Gateways per status.
      type: dict
      sample: {"Running": 8, "Stopped": 4}
    domains_by_type:
      description: Custom domains per type.
      type: dict
      sample: {"internet": 18, "intranet": 11}
    findings:
      description: Number of findings.
      type: int
      sample: 120
    findings_by_severity:
      description: Findings per severity.
      type: dict
      sample: {"high": 20, "medium": 50, "low": 50}
    findings_by_rule:
      description: Findings per enabled rule (zero included).
      type: dict
      sample: {"gateway-not-running": 4}
    max_severity:
      description: The highest severity found, C(none) without findings.
      type: str
      sample: high
    fail_on:
      description: The O(fail_on) given.
      type: str
      sample: high
    failing_findings:
      description: Number of findings at or above O(fail_on).
      type: int
      sample: 20
api_calls:
  description: The O(api_calls) per operation beside the seed's free tier.
  returned: always
  type: list
  elements: dict
  sample: [{"operation": "ListConnections", "calls": 5, "free_calls_per_month": 1000, "share_of_free_tier": 0.005,
            "audits_per_month_within_free_tier": 200}]
'''

import datetime
import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.pai.catalog.plugins.module_utils import audit
from ansible_collections.pai.catalog.plugins.module_utils.module import argument_spec


def main():
    # The group's common and credential options are accepted (module_defaults for group/pai.catalog.pai) and ignored.
    spec = argument_spec()
    spec.update(
        dest=dict(type='path', required=True),
        alibaba_regions=dict(type='list', elements='str', default=[]),
        fabric_regions=dict(type='list', elements='str', default=[]),
        connections=dict(type='list', elements='dict', default=[]),
        gateways=dict(type='list', elements='dict', default=[]),
        domains=dict(type='list', elements='dict', default=[]),
        base_models=dict(type='list', elements='dict', default=[]),
        message_config=dict(type='dict', default={}),
        failed_regions=dict(type='list', elements='dict', default=[]),
        encrypt_option=dict(type='str', choices=['PlainText', 'Secret']),
        rules=dict(type='list', elements='str', choices=list(audit.RULE_IDS)),
        severities=dict(type='dict', default={}),
        min_max_tokens=dict(type='int', default=audit.DEFAULT_MIN_MAX_TOKENS, no_log=False),
        fail_on=dict(type='str', choices=list(audit.FAIL_ON), default='none'),
        api_calls=dict(type='dict', default={}),
        title=dict(type='str', default='pai.catalog audit'),
    )
    module = AnsibleModule(argument_spec=spec, supports_check_mode=True)
    p = module.params
    dest = os.path.abspath(p['dest'])
    inventory = dict((key, p[key]) for key in ('fabric_regions', 'connections', 'gateways', 'domains', 'base_models',
                                               'message_config', 'failed_regions', 'encrypt_option'))
    inventory['regions'] = p['alibaba_regions']
    try:
        api_calls = dict((str(k), int(v)) for k, v in p['api_calls'].items())
    except (TypeError, ValueError):
        module.fail_json(msg='api_calls: every value must be a number of calls, got %r' % (p['api_calls'],))
    now = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    try:
        report = audit.build_report(inventory, rules=p['rules'], severities=p['severities'],
                                    min_max_tokens=p['min_max_tokens'], fail_on=p['fail_on'], api_calls=api_calls,
                                    title=p['title'], generated_at=now)
        changed, generated_at = audit.write_report(dest, report, module.check_mode)
    except audit.AuditError as error:
        module.fail_json(msg=str(error))
    except OSError as error:
        module.fail_json(msg='cannot write the report to %s: %s; the previous report, if any, is unchanged'
                         % (dest, error))
    module.exit_json(
        changed=changed, dest=dest, complete=report['complete'], digest=report['digest'], generated_at=generated_at,
        files=audit.report_files(dest),
        findings=report['findings'], summary=report['summary'], api_calls=report['api_calls'])


if __name__ == '__main__':
    main()
