#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
module: catalog_info
short_description: Discover the APIs that pai.catalog can call
version_added: 0.1.0
description:
  - Lists the operations of the collection's catalog with their vendor, product, version, method, path,
    parameters (type, required, default, choices, range), paging style, endpoint patterns, accepted
    authentication kinds and the seed's billing notes.
  - Makes no network request and needs no credentials. The credential and endpoint options are accepted, and
    ignored, so that C(module_defaults) for the action group C(pai.catalog.pai) apply to every module.
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  vendor:
    description: Only operations of this vendor.
    type: str
    choices: [alibaba, huawei]
  product:
    description: Only operations of this product (case-insensitive), for example C(AIWorkSpace) or C(eas).
    type: str
  operation:
    description: Only this operation, for example C(ListConnections).
    type: str
extends_documentation_fragment:
  - pai.catalog.alibaba_auth
  - pai.catalog.huawei_auth
  - pai.catalog.endpoint
  - pai.catalog.info_module
'''

EXAMPLES = r'''
- name: Everything the collection can call
  pai.catalog.catalog_info:
  register: catalog

- name: The parameters of ListConnections
  pai.catalog.catalog_info:
    operation: ListConnections
  register: list_connections
'''

RETURN = r'''
operations:
  description: The operations, sorted by vendor, product and name.
  returned: always
  type: list
  elements: dict
  contains:
    vendor:
      description: C(alibaba) or C(huawei).
      type: str
      sample: alibaba
    product:
      description: Product name as the vendor spells it.
      type: str
      sample: AIWorkSpace
    product_key:
      description: Product key used by M(pai.catalog.endpoint_info).
      type: str
      sample: aiworkspace
    version:
      description: API version.
      type: str
      sample: "2021-02-04"
    operation:
      description: Operation name, usable with M(pai.catalog.api_info).
      type: str
      sample: ListConnections
    method:
      description: HTTP method.
      type: str
      sample: GET
    path:
      description: Path template on the product host.
      type: str
      sample: /api/v1/connections
    description:
      description: What the operation returns.
      type: str
      sample: Connections of a PAI workspace to LLM services, vector stores and databases.
    parameters:
      description: Parameters with wire name, option name, type, required, default, choices, range and location.
      type: list
      elements: dict
      sample: [{"name": "MaxResults", "option": "max_results", "type": "int", "required": false, "default": null,
                "choices": null, "range": [1, 100], "location": "query", "description": "Entries per page."}]
    paging:
      description: C(token) (NextToken), C(page) (PageNumber and TotalCount), C(offset) (offset and total) or null.
      type: str
      sample: token
    result_key:
      description: The response field that holds the items; null when the response is the item.
      type: str
      sample: Connections
    secret_fields:
      description: Response fields whose values are redacted unless revealed.
      type: list
      elements: str
      sample: [Secrets]
    regional:
      description: Whether the operation answers per region.
      type: bool
      sample: true
    endpoints:
      description: URL patterns per form and network.
      type: dict
      sample: {"public": "https://aiworkspace.{region}.aliyuncs.com", "vpc": "https://aiworkspace-vpc.{region}.aliyuncs.com",
               "gateway_china": "https://api.aliyun.com/api/AIWorkSpace/2021-02-04/ListConnections",
               "gateway_international": "https://api.alibabacloud.com/api/AIWorkSpace/2021-02-04/ListConnections"}
    regions:
      description: Regions with a known endpoint when the product has a fixed list; null when any region works.
      type: list
      elements: str
      sample: [cn-north-4, cn-southwest-2]
    auth:
      description: Accepted authentication kinds.
      type: list
      elements: str
      sample: ["acs3: AccessKey pair signed with ACS3-HMAC-SHA256"]
    billing:
      description: The seed's billing notes (Alibaba Cloud operations); null for others.
      type: dict
      sample: {"model": "per-request", "quota": "100 requests per second per account", "limit": 10,
               "free_calls_per_month": 1000, "free_tier": ["10,000 free API calls per month (API catalog)"]}
'''

from ansible_collections.pai.catalog.plugins.module_utils import catalog
from ansible_collections.pai.catalog.plugins.module_utils.errors import invalid_option
from ansible_collections.pai.catalog.plugins.module_utils.module import CatalogModule


def run(base):
    wanted = base.params
    if wanted['operation']:
        catalog.operation(wanted['operation'])
    products = sorted(set(p['name'] for p in catalog.PRODUCTS.values()))
    if wanted['product'] and wanted['product'].lower() not in [p.lower() for p in products]:
        raise invalid_option('product', wanted['product'], 'known products: ' + ', '.join(products))
    operations = [catalog.describe(name) for name in catalog.OPERATIONS]
    operations = [op for op in operations
                  if (not wanted['vendor'] or op['vendor'] == wanted['vendor'])
                  and (not wanted['product'] or op['product'].lower() == wanted['product'].lower())
                  and (not wanted['operation'] or op['operation'] == wanted['operation'])]
    operations.sort(key=lambda op: (op['vendor'], op['product'], op['operation']))
    base.module.exit_json(changed=False, operations=operations)


def main():
    spec = dict(vendor=dict(type='str', choices=['alibaba', 'huawei']), product=dict(type='str'),
                operation=dict(type='str'))
    CatalogModule([], argument_spec=spec).run(run)


if __name__ == '__main__':
    main()
