#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
module: api_info
short_description: Call any read-only operation of the catalog by name
version_added: 0.1.0
description:
  - Calls an operation that M(pai.catalog.catalog_info) lists, for example PaiRecService C(ListInstances), in
    every region of O(regions) concurrently, and pages through the result the catalog's way.
  - O(params) are checked against the catalog (names, types, choices, ranges, required path parameters) before
    any request.
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  operation:
    description:
      - Name of the operation, for example C(ListInstances). An unknown name fails with the list of known ones.
    type: str
    required: true
  params:
    description:
      - Parameters of the operation, by wire name (C(PageSize)) or option name (C(page_size)).
      - Paging parameters are the collection's; set them to get one page only, with O(paginate=false). A page
        asked for (C(NextToken), C(PageNumber), an C(offset) other than 0) with O(paginate=true) is an error.
    type: dict
    default: {}
  paginate:
    description: Fetch every page. With V(false), one request with O(params) as given.
    type: bool
    default: true
  reveal_secrets:
    description: Return the values of the operation's secret fields instead of redacting them.
    type: bool
    default: false
extends_documentation_fragment:
  - pai.catalog.alibaba_auth
  - pai.catalog.huawei_auth
  - pai.catalog.endpoint
  - pai.catalog.info_module
'''

EXAMPLES = r'''
- name: PAI-Rec instances of two regions
  pai.catalog.api_info:
    operation: ListInstances
    regions: [cn-hangzhou, cn-beijing]
    params:
      Type: Standard
  register: instances

- name: One gateway's domains by wire names
  pai.catalog.api_info:
    operation: ListGatewayDomains
    regions: cn-shanghai
    params:
      ClusterId: cn-shanghai
      GatewayId: gw-1uhcqmsc7x22
'''

RETURN = r'''
resources:
  description: The items of the operation, snake_case keys, each with its region for regional operations.
  returned: always
  type: list
  elements: dict
  sample: [{"instance_id": "pairec-cn-k04y2rvsrdva", "type": "Standard", "status": "Running", "region": "cn-hangzhou"}]
total_count:
  description: Number of items over all regions (the API's total when paging is off and it reports one).
  returned: always
  type: int
  sample: 3
operation:
  description: The catalog entry of the operation that was called, as M(pai.catalog.catalog_info) describes it.
  returned: always
  type: dict
  sample: {"vendor": "alibaba", "product": "PaiRecService", "operation": "ListInstances", "paging": "page"}
request_ids:
  description: The request ID of every API response.
  returned: always
  type: list
  elements: str
  sample: ["40325405-579C-4D82-9624-EC2B1779848E"]
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
  sample: {"ListInstances": 2}
'''

from ansible_collections.pai.catalog.plugins.module_utils import catalog
from ansible_collections.pai.catalog.plugins.module_utils.client import host_regions
from ansible_collections.pai.catalog.plugins.module_utils.module import CatalogModule


def run(base):
    name = base.params['operation']
    op = catalog.operation(name)
    wire = catalog.validate_params(name, base.params['params'], paginate=base.params['paginate'])
    base.vendors = [op['vendor']]
    regions = base.regions([name]) if op['regional'] or base.params['regions'] else host_regions(name, None)
    result = base.call(name, wire, regions, paginate=base.params['paginate'])
    base.exit(resources=result.items, total_count=result.total_count, operation=catalog.describe(name),
              request_ids=result.request_ids)


def main():
    spec = dict(operation=dict(type='str', required=True), params=dict(type='dict', default={}),
                paginate=dict(type='bool', default=True))
    CatalogModule(sorted(catalog.OPERATIONS), argument_spec=spec, secrets=True).run(run)


if __name__ == '__main__':
    main()
