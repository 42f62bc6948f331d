#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
module: gather
short_description: Gather PAI and DataArts Fabric resources of many regions into facts in one task, and audit them
version_added: 0.1.0
description:
  - The main job of the collection in one task. Lists the AIWorkSpace connections (C(ListConnections)), the EAS
    private gateways (C(ListGateway)) with the custom domains of each (C(ListGatewayDomains)) and the PAI message
    configuration (C(GetMessageConfig)) of the Alibaba Cloud regions O(regions), and the DataArts Fabric base models
    (C(ListBaseModels)) of O(fabric_regions), every operation and region at the same time on one connection pool
    and one rate limit.
  - Sets the facts of the roles C(pai.catalog.connection_inventory), C(pai.catalog.gateway_inventory) and
    C(pai.catalog.base_model_inventory), computed in Python (counts, groupings, the domains of every gateway), so that
    no Jinja expression has to walk thousands of items.
  - Read the facts as C(ansible_facts.pai_connections) and so on. The top-level names (C(pai_connections)) work while
    Ansible injects facts as variables (C(INJECT_FACTS_AS_VARS)), which ansible-core deprecates from 2.21 on.
  - With O(audit), applies the audit rules to the same data and writes the report (C(audit.json), C(audit.md),
    C(audit.html)) atomically into O(audit.dest), as M(pai.catalog.audit_report) does, without a second task.
  - Runs on the Ansible controller (an action plugin), like the lookups; it needs the Python library C(requests)
    there. Credentials come from the options, then from the controller's environment with the task's
    C(environment) on top, then from the profile files.
  - A region that fails (after the retries) fails the task with O(strict=true). With O(strict=false), a region
    that fails with a transient error (5xx, 408, 429, throttling, the network) is left out of every fact as a
    whole and listed in C(pai_failed_regions); credentials, permissions, bad requests and paging anomalies still
    fail the task. A failed task sets no fact.
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  regions:
    description:
      - The Alibaba Cloud regions whose connections, gateways and domains are gathered (a list, or a string of
        regions separated by commas). The message configuration is read through the first one.
      - Defaults to C(ALIBABA_CLOUD_REGION_ID) or C(ALICLOUD_REGION); V([]) for none. (C(HUAWEICLOUD_SDK_REGION) is
        the default of O(fabric_regions).)
    type: list
    elements: str
    aliases: [region, alibaba_regions]
  fabric_regions:
    description:
      - The Huawei Cloud DataArts Fabric regions whose base models are gathered.
      - Defaults to C(HUAWEICLOUD_SDK_REGION); V([]) for none.
    type: list
    elements: str
  resources:
    description:
      - What to gather. V(domains) needs the gateways, which are listed then even without V(gateways).
    type: list
    elements: str
    choices: [connections, gateways, domains, base_models, message_config]
    default: [connections, gateways, domains, base_models, message_config]
  item_facts:
    description:
      - Set the facts that hold every item (C(pai_connections), C(pai_gateways), C(pai_gateway_domains),
        C(pai_base_models)) and, with O(audit), every finding (C(pai_audit_findings)).
      - With V(false) only counts, the IDs of each region and the failures are set, which keeps the facts small on a
        large estate; the audit still sees every item.
    type: bool
    default: true
  reveal_secrets:
    description:
      - Put the values of each connection's C(secrets) in the facts instead of redacting them. The report never
        holds them.
    type: bool
    default: false
  audit:
    description:
      - Audit what was gathered and write the report. Omit it to gather only.
    type: dict
    suboptions:
      dest:
        description:
          - The directory of the report, a directory of its own (replaced as a whole). Checked before any request.
        type: path
        required: true
      title:
        description: The report's title.
        type: str
        default: pai.catalog audit
      rules:
        description: The rules to apply (all by default).
        type: list
        elements: str
        choices: [connection-public, connection-secrets-plaintext, metadata-missing, tool-calling-public,
                  gateway-ssl-redirect-off, domain-no-certificate, gateway-not-running, region-empty,
                  base-model-small-context, message-callback-not-public, region-failed]
      severities:
        description: Severity (C(low), C(medium), C(high)) per rule ID; checked before any request.
        type: dict
        default: {}
      min_max_tokens:
        description: Base models with fewer C(max_tokens) are a C(base-model-small-context) finding.
        type: int
        default: 4096
      fail_on:
        description:
          - Count the findings at or above this severity in C(failing_findings) of the fact C(pai_audit_summary). The task itself
            never fails because of findings; the C(pai.catalog.audit) role does.
        type: str
        choices: [none, low, medium, high]
        default: none
extends_documentation_fragment:
  - pai.catalog.connection_filters
  - pai.catalog.alibaba_auth
  - pai.catalog.huawei_auth
  - pai.catalog.endpoint
attributes:
  action:
    support: full
    description: Runs on the controller as an action plugin.
  check_mode:
    support: full
    description: Gathers the same data in check mode; the audit report is not written, C(changed) says whether it
      would be.
  diff_mode:
    support: none
    description: Does not return a diff.
  facts:
    support: full
    description: Sets the facts listed under RV(ansible_facts).
  platform:
    support: full
    platforms: all
    description: Runs on the controller.
seealso:
  - module: pai.catalog.connection_info
  - module: pai.catalog.gateway_info
  - module: pai.catalog.base_model_info
  - module: pai.catalog.audit_report
'''

EXAMPLES = r'''
- name: Everything in three regions and one Fabric region, in one task
  pai.catalog.gather:
    regions: [cn-hangzhou, cn-shanghai, ap-southeast-1]
    fabric_regions: [cn-north-4]

- name: Connection counts of a large estate, without the items
  pai.catalog.gather:
    regions: cn-hangzhou,cn-shanghai
    resources: [connections]
    item_facts: false

- name: Audit and write the report, tolerating regions that fail transiently
  pai.catalog.gather:
    regions: [cn-hangzhou, cn-shanghai]
    fabric_regions: [cn-north-4]
    encrypt_option: PlainText
    strict: false
    audit:
      dest: /srv/reports/pai
      fail_on: high

- name: Fail on findings at or above high
  ansible.builtin.fail:
    msg: "{{ pai_audit_summary.failing_findings }} findings; see {{ pai_audit_report.files.html }}"
  when: pai_audit_summary.failing_findings > 0
'''

RETURN = r'''
ansible_facts:
  description: The facts; each is set only when what it describes was gathered.
  returned: success
  type: dict
  contains:
    pai_connections:
      description: Every connection (as M(pai.catalog.connection_info) returns them), with its C(region).
      returned: connections gathered and O(item_facts=true)
      type: list
      elements: dict
      sample: [{"connection_id": "conn-pai9m1mi47", "connection_type": "MilvusConnection", "region": "cn-hangzhou"}]
    pai_connections_by_region:
      description: Region -> the IDs of its connections, every region that answered (empty ones too), in order.
      returned: connections gathered
      type: dict
      sample: {"cn-hangzhou": ["conn-pai9m1mi47"], "cn-shanghai": []}
    pai_connection_counts:
      description: Connections in all, by region, by C(connection_type) and by C(accessibility).
      returned: connections gathered
      type: dict
      sample: {"total": 1, "by_region": {"cn-hangzhou": 1, "cn-shanghai": 0}, "by_type": {"MilvusConnection": 1},
               "by_accessibility": {"PRIVATE": 1}}
    pai_gateways:
      description: Every gateway, with its C(region) and its C(custom_domains) when domains were gathered.
      returned: gateways gathered and O(item_facts=true)
      type: list
      elements: dict
      sample: [{"gateway_id": "gw-1uhcqmsc7x22", "status": "Running", "region": "cn-hangzhou", "custom_domains": []}]
    pai_gateway_domains:
      description: Every custom domain, with the C(gateway_id) and C(region) of its gateway.
      returned: gateways gathered and O(item_facts=true)
      type: list
      elements: dict
      sample: [{"domain": "models.example.com", "type": "internet", "certificate_id": "", "gateway_id": "gw-1",
                "region": "cn-hangzhou"}]
    pai_gateways_by_region:
      description: Region -> the IDs of its gateways, every region that answered.
      returned: gateways gathered
      type: dict
      sample: {"cn-hangzhou": ["gw-1uhcqmsc7x22"]}
    pai_gateway_counts:
      description: Gateways in all, domains in all, gateways by C(status) and domains by C(type).
      returned: gateways gathered
      type: dict
      sample: {"total": 1, "domains": 1, "by_status": {"Running": 1}, "domains_by_type": {"internet": 1}}
    pai_base_models:
      description: Every base model, with its C(region).
      returned: base models gathered and O(item_facts=true)
      type: list
      elements: dict
      sample: [{"base_model_type": "qwen2-7b", "max_tokens": 8192, "num_of_mu": 2, "region": "cn-north-4"}]
    pai_base_models_by_region:
      description: Region -> the C(base_model_type) of its base models, every Fabric region that answered.
      returned: base models gathered
      type: dict
      sample: {"cn-north-4": ["qwen2-7b"]}
    pai_base_model_counts:
      description: Base models in all and by region.
      returned: base models gathered
      type: dict
      sample: {"total": 1, "by_region": {"cn-north-4": 1}}
    pai_message_config:
      description: The PAI message configuration (empty when its request failed with O(strict=false)).
      returned: message_config gathered
      type: dict
      sample: {"sms_report_url": "https://hooks.example.com/sms"}
    pai_counts_by_region:
      description: Per region, the counts of each resource and C(status) (C(ok), C(empty) or C(failed)).
      returned: always
      type: dict
      sample: {"cn-hangzhou": {"connections": 1, "gateways": 1, "domains": 1, "base_models": 0, "status": "ok"}}
    pai_failed_regions:
      description:
        - Every failure left out with O(strict=false), each with C(region), C(operation), C(status), C(code),
          C(message), C(request_id), C(recommended_action) and C(transient).
        - C(pai_connection_failed_regions), C(pai_gateway_failed_regions) and C(pai_base_model_failed_regions) hold
          those of the regions each fact leaves out.
      returned: always
      type: list
      elements: dict
      sample: [{"region": "cn-shanghai", "operation": "ListConnections", "status": 503, "code": "ServiceUnavailable",
                "message": "The service is unavailable.", "transient": true}]
    pai_api_calls:
      description:
        - HTTP requests sent per operation, retries included. C(pai_connection_api_calls),
          C(pai_gateway_api_calls) and C(pai_base_model_api_calls) hold those of each resource.
      returned: always
      type: dict
      sample: {"ListConnections": 10, "ListGateway": 2, "ListGatewayDomains": 6}
    pai_audit_findings:
      description: The findings, most severe first, as M(pai.catalog.audit_report) returns them.
      returned: O(audit) set and O(item_facts=true)
      type: list
      elements: dict
      sample: [{"id": "domain-no-certificate", "severity": "high", "resource": "models.example.com"}]
    pai_audit_summary:
      description: Counts of resources and findings, as M(pai.catalog.audit_report) returns them.
      returned: O(audit) set
      type: dict
      sample: {"complete": true, "findings": 3, "failing_findings": 0}
    pai_audit_report:
      description: The same as RV(audit).
      returned: O(audit) set
      type: dict
      sample: {"dest": "/srv/reports/pai", "written": true}
audit:
  description: The report.
  returned: O(audit) set
  type: dict
  contains:
    dest:
      description: The absolute path of the report directory.
      type: str
      sample: /srv/reports/pai
    files:
      description: The path of each report file.
      type: dict
      sample: {"json": "/srv/reports/pai/audit.json", "markdown": "/srv/reports/pai/audit.md",
               "html": "/srv/reports/pai/audit.html"}
    complete:
      description: False when a region failed; the report says so.
      type: bool
      sample: true
    digest:
      description: SHA-256 of the report's content, the generation time aside.
      type: str
      sample: 3f1c0d8c2e6f4a1b9d7e5c3a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e
    generated_at:
      description: When the report was generated (UTC); the time of the report kept when nothing changed.
      type: str
      sample: "2025-05-01T08:00:00Z"
    written:
      description: Whether this run wrote the report (never in check mode).
      type: bool
      sample: true
    api_calls:
      description: Requests per operation next to the seed's free tier.
      type: list
      elements: dict
      sample: [{"operation": "ListConnections", "calls": 10, "free_calls_per_month": 1000}]
failed_regions:
  description: The same as the fact C(pai_failed_regions).
  returned: always
  type: list
  elements: dict
  sample: []
api_calls:
  description: The same as the fact C(pai_api_calls).
  returned: always
  type: dict
  sample: {"ListConnections": 10}
'''
