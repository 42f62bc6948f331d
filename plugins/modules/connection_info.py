#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
module: connection_info
short_description: List the connections of PAI workspaces to LLM services, vector stores and databases
version_added: 0.1.0
description:
  - Calls the AIWorkSpace C(ListConnections) operation in every region of O(regions) concurrently and follows
    C(NextToken) to the end, or C(GetConnection) when O(connection_id) is given.
  - Secret values of each connection are redacted unless O(reveal_secrets=true).
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  connection_id:
    description:
      - Return this one connection (C(GetConnection)).
      - The list filters do not apply to it, so giving one with O(connection_id) is an error that names both.
    type: str
  reveal_secrets:
    description:
      - Return the values of each connection's C(secrets) instead of redacting them.
      - The values then appear in the task result, in registered variables and in any log of them.
    type: bool
    default: false
extends_documentation_fragment:
  - pai.catalog.connection_filters
  - pai.catalog.alibaba_auth
  - pai.catalog.huawei_auth
  - pai.catalog.endpoint
  - pai.catalog.info_module
'''

EXAMPLES = r'''
- name: Every connection in three regions (credentials from ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET)
  pai.catalog.connection_info:
    regions: [cn-hangzhou, cn-shanghai, cn-beijing]
  register: result

- name: Public LLM connections that support tool calling, against the emulator
  pai.catalog.connection_info:
    regions: cn-hangzhou
    endpoint_url: http://127.0.0.1:8765/r/{region}
    access_key_id: LTAI5tEmulatorAccessKey
    access_key_secret: emulator-access-key-secret
    accessibility: PUBLIC
    model_types: [LLM]
    tool_call: true

- name: One connection through the catalog gateway with a bearer key (PAI_API_KEY)
  pai.catalog.connection_info:
    regions: cn-shanghai
    endpoint_form: gateway
    connection_id: conn-1234

- name: Use module_defaults for the whole play
  module_defaults:
    group/pai.catalog.pai:
      profile: audit
      regions: [cn-hangzhou, ap-southeast-1]
  block:
    - name: Milvus and OpenSearch connections
      pai.catalog.connection_info:
        connection_types: [MilvusConnection, OpenSearchConnection]
'''

RETURN = r'''
connections:
  description: The connections, each with the region it came from. Keys are snake_case, except the keys
    inside C(configs) and C(secrets), which are kept as the API gave them.
  returned: always
  type: list
  elements: dict
  contains:
    connection_id:
      description: Connection ID.
      type: str
      sample: conn-pai9m1mi47
    connection_name:
      description: Connection name.
      type: str
      sample: lindorm-connection
    connection_type:
      description: Connection type.
      type: str
      sample: LindormConnection
    workspace_id:
      description: Workspace ID.
      type: str
      sample: "22801"
    accessibility:
      description: C(PUBLIC) or C(PRIVATE).
      type: str
      sample: PRIVATE
    creator:
      description: Account ID of the creator.
      type: str
      sample: "209259610000557803"
    description:
      description: Description.
      type: str
      sample: Vector store of the support bot.
    gmt_create_time:
      description: Creation time (UTC).
      type: str
      sample: "2025-03-07T07:54:56Z"
    gmt_modified_time:
      description: Last modification time (UTC).
      type: str
      sample: "2025-03-07T07:54:56Z"
    configs:
      description: Non-secret configuration, keys as the API gave them.
      type: dict
      sample: {"baseUrl": "https://dashscope.aliyuncs.com/compatible-mode/v1"}
    secrets:
      description: Secret configuration; every value is C(VALUE_REDACTED_BY_PAI_CATALOG) unless O(reveal_secrets=true).
      type: dict
      sample: {"api_key": "VALUE_REDACTED_BY_PAI_CATALOG"}
    resource_meta:
      description: The instance behind the connection.
      type: dict
      sample: {"instance_id": "ld-2vc1v1zaqgzol", "instance_name": "lindorm-prod", "extra": "{\"vpcId\":\"vpc-x\"}"}
    models:
      description: Models served through the connection.
      type: list
      elements: dict
      sample: [{"model": "qwen-max", "display_name": "Qwen Max", "model_type": "LLM", "tool_call": true}]
    region:
      description: The region that returned the connection.
      type: str
      sample: cn-hangzhou
total_count:
  description: Number of connections returned, over all regions.
  returned: always
  type: int
  sample: 27
request_ids:
  description: The request ID of every API response, for support cases.
  returned: always
  type: list
  elements: str
  sample: ["B2C51F93-1C07-5477-9705-5FDB0000F19F"]
failed_regions:
  description:
    - With O(strict=false), the regions that failed after their retries, one entry each with C(region),
      C(operation), C(status), C(code), C(message), C(request_id) and C(recommended_action); the results leave them
      out. Always empty with O(strict=true), which fails the task instead.
  returned: always
  type: list
  elements: dict
  sample: [{"region": "cn-shanghai", "operation": "ListConnections", "status": 503, "code": "ServiceUnavailable",
            "message": "The service is unavailable.", "request_id": "5C2D1E7A-11", "attempts": 5}]
api_calls:
  description: HTTP requests sent per operation, retries included.
  returned: always
  type: dict
  sample: {"ListConnections": 3}
error:
  description: On failure, the error's status, code, message, request id, region, operation and recommended action.
  returned: failed
  type: dict
  sample: {"status": 403, "code": "InvalidAccessKeyId.Inactive", "message": "The AccessKey is disabled.",
           "request_id": "5C2D-11", "region": "cn-hangzhou", "operation": "ListConnections",
           "recommended_action": "Verify your account has the necessary RAM permissions for the requested operation."}
'''

from ansible_collections.pai.catalog.plugins.module_utils.catalog import argument_spec
from ansible_collections.pai.catalog.plugins.module_utils.module import CatalogModule


def run(base):
    regions = base.regions()
    if not base.params['connection_id']:
        result = base.call('ListConnections', base.validate('ListConnections'), regions)
    else:
        # The connection lives in one region: a 404 from the others is expected, not a failure.
        result = base.client.call('GetConnection', base.validate('GetConnection'), regions, strict=False)
        errors = [e for e in result.errors if e.status != 404] or ([] if result.items else result.errors[:1])
        if errors and base.params['strict']:
            raise errors[0]
        base.keep(errors)
    base.exit(connections=result.items, total_count=len(result.items), request_ids=result.request_ids)


def main():
    spec = argument_spec('ListConnections')
    spec.update(argument_spec('GetConnection'))
    # GetConnection takes none of the list filters: with connection_id, a filter would be silently ignored.
    filters = sorted(set(spec) - set(argument_spec('GetConnection')))
    CatalogModule(['ListConnections', 'GetConnection'], argument_spec=spec, secrets=True,
                  mutually_exclusive=[['connection_id', f] for f in filters]).run(run)


if __name__ == '__main__':
    main()
