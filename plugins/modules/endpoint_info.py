#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
module: endpoint_info
short_description: The endpoints of PAI and DataArts Fabric services, optionally probed
version_added: 0.1.0
description:
  - For every product, region, network (public, VPC) and form (the product host, or the seed's catalog gateway)
    asked for, the URL that the collection would call, for example C(https://pairecservice.cn-hangzhou.aliyuncs.com)
    and C(https://pairecservice-vpc.cn-hangzhou.aliyuncs.com).
  - Combinations that do not exist (a VPC host for DataArts Fabric, the catalog gateway for Huawei Cloud, a region
    without a known endpoint) are returned with C(url=null) and the reason.
  - With O(probe=true), calls each URL once without credentials and reports reachability, HTTP status and latency.
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  products:
    description: Products to list; all by default.
    type: list
    elements: str
    choices: [aiworkspace, eas, paiplugin, pairecservice, fabric]
  networks:
    description: Networks to list.
    type: list
    elements: str
    choices: [public, vpc]
    default: [public, vpc]
  forms:
    description: Forms to list.
    type: list
    elements: str
    choices: [product, gateway]
    default: [product, gateway]
  probe:
    description: Send one unauthenticated GET to each URL and report C(reachable), C(status) and C(latency_ms).
    type: bool
    default: false
extends_documentation_fragment:
  - pai.catalog.alibaba_auth
  - pai.catalog.huawei_auth
  - pai.catalog.endpoint
  - pai.catalog.info_module
notes:
  - O(endpoint_form) and O(network) are not used; O(forms) and O(networks) say what to list.
'''

EXAMPLES = r'''
- name: Public and VPC hosts of PAI-Rec in two regions
  pai.catalog.endpoint_info:
    products: [pairecservice]
    regions: [cn-hangzhou, cn-shanghai]
    forms: [product]
  register: endpoints

- name: Probe every AIWorkSpace endpoint of a region
  pai.catalog.endpoint_info:
    products: [aiworkspace]
    regions: cn-beijing
    probe: true
'''

RETURN = r'''
endpoints:
  description: One entry per product, region, network and form.
  returned: always
  type: list
  elements: dict
  contains:
    product:
      description: Product key.
      type: str
      sample: pairecservice
    vendor:
      description: C(alibaba) or C(huawei).
      type: str
      sample: alibaba
    region:
      description: Region.
      type: str
      sample: cn-hangzhou
    network:
      description: C(public) or C(vpc).
      type: str
      sample: vpc
    form:
      description: C(product) or C(gateway).
      type: str
      sample: product
    url:
      description: The base URL; null when the combination does not exist.
      type: str
      sample: https://pairecservice-vpc.cn-hangzhou.aliyuncs.com
    reason:
      description: Why there is no URL.
      type: str
      returned: when RV(endpoints[].url) is null
      sample: DataArtsFabric has no vpc endpoint
    reachable:
      description: Whether an HTTP response came back.
      type: bool
      returned: when O(probe=true)
      sample: true
    status:
      description: HTTP status of the probe.
      type: int
      returned: when O(probe=true)
      sample: 404
    latency_ms:
      description: Time to the response, in milliseconds.
      type: float
      returned: when O(probe=true)
      sample: 41.5
    error:
      description: Why the probe got no response.
      type: str
      returned: when O(probe=true)
      sample: "[Errno 111] Connection refused"
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
  description: HTTP requests sent per operation, retries included (probes are not counted).
  returned: always
  type: dict
  sample: {}
'''

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.pai.catalog.plugins.module_utils import catalog, endpoints
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError
from ansible_collections.pai.catalog.plugins.module_utils.module import CatalogModule

FIRST_OPERATION = dict((op['product'], name) for name, op in reversed(list(catalog.OPERATIONS.items())))


def rows(base):
    client = base.client
    for product in base.params['products'] or sorted(catalog.PRODUCTS):
        op = catalog.operation(FIRST_OPERATION[product])
        for region in base.regions():
            for network in base.params['networks']:
                for form in base.params['forms']:
                    row = dict(product=product, vendor=op['vendor'], region=region, network=network, form=form)
                    try:
                        if form == 'gateway' and network == 'vpc':
                            raise ApiError('the catalog gateway has no VPC form')
                        url, path = endpoints.resolve(op, region, network, form, client.endpoint_url)
                        row.update(url=url + (path.rsplit('/', 1)[0] + '/' if form == 'gateway' else ''))
                    except ApiError as exc:
                        row.update(url=None, reason=exc.message.split('; ', 1)[-1])
                    yield row


def run(base):
    found = list(rows(base))
    if base.params['probe']:
        transport = base.client.transport
        reachable = [row for row in found if row['url']]
        with ThreadPoolExecutor(max_workers=base.client.concurrency) as pool:
            for row, outcome in zip(reachable, pool.map(lambda r: transport.probe(r['url']), reachable)):
                row.update(outcome)
    base.exit(endpoints=found)


def main():
    spec = dict(products=dict(type='list', elements='str', choices=sorted(catalog.PRODUCTS)),
                networks=dict(type='list', elements='str', choices=list(endpoints.NETWORKS),
                              default=list(endpoints.NETWORKS)),
                forms=dict(type='list', elements='str', choices=list(endpoints.FORMS), default=list(endpoints.FORMS)),
                probe=dict(type='bool', default=False))
    CatalogModule([], argument_spec=spec).run(run)


if __name__ == '__main__':
    main()
