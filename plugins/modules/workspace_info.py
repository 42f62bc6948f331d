#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
module: workspace_info
short_description: List Huawei Cloud DataArts Fabric workspaces
version_added: 0.1.0
description:
  - Calls the DataArts Fabric C(ListWorkspaces) operation (C(GET /v1/workspaces)) in every region of O(regions)
    concurrently and fetches every page.
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  name:
    description: Only workspaces of this name.
    type: str
  workspace_id:
    description: Only this workspace.
    type: str
  enterprise_project_id:
    description: Only workspaces of this enterprise project.
    type: str
  offset:
    description: Offset where the page starts (0 to 1000000000). Setting it (or O(limit)) returns one page only.
    type: int
  limit:
    description: Records on the page (1 to 100). Setting it (or O(offset)) returns one page only.
    type: int
extends_documentation_fragment:
  - pai.catalog.alibaba_auth
  - pai.catalog.huawei_auth
  - pai.catalog.endpoint
  - pai.catalog.info_module
'''

EXAMPLES = r'''
- name: Every workspace of cn-north-4
  pai.catalog.workspace_info:
    regions: cn-north-4
  register: workspaces
'''

RETURN = r'''
workspaces:
  description: The workspaces, each with the region it came from.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Workspace ID.
      type: str
      sample: 737ea6a2e5a2a038d5a1e3a6594888e4
    name:
      description: Workspace name.
      type: str
      sample: fabric-search
    description:
      description: Description.
      type: str
      sample: Search team workspace
    create_time:
      description: Creation time.
      type: str
      sample: "2024-07-22T12:01:39Z"
    create_domain_name:
      description: Account that created it.
      type: str
      sample: my-domain
    create_user_name:
      description: User that created it.
      type: str
      sample: admin
    metastore_id:
      description: Metastore ID.
      type: str
      sample: e656e46a5c9cfc4b1d85a6c844be645a
    access_url:
      description: Access URL.
      type: str
      sample: https://fabric.example.com/ws/737ea6a2
    enterprise_project_id:
      description: Enterprise project ID.
      type: str
      sample: "0"
    region:
      description: The region that returned the workspace.
      type: str
      sample: cn-north-4
total:
  description: Number of workspaces over all regions (the API's total with O(offset) or O(limit)).
  returned: always
  type: int
  sample: 3
request_ids:
  description: The C(X-Request-Id) of every API response.
  returned: always
  type: list
  elements: str
  sample: ["a2c4e1d0b6f84e7e9b1e2d3c4f5a6b7c"]
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
  sample: {"ListWorkspaces": 1}
'''

from ansible_collections.pai.catalog.plugins.module_utils.catalog import argument_spec
from ansible_collections.pai.catalog.plugins.module_utils.module import CatalogModule


def run(base):
    params = base.validate('ListWorkspaces')
    result = base.call('ListWorkspaces', params, base.regions())
    base.exit(workspaces=result.items, total=result.total_count, request_ids=result.request_ids)


def main():
    CatalogModule(['ListWorkspaces'], argument_spec=argument_spec('ListWorkspaces')).run(run)


if __name__ == '__main__':
    main()
