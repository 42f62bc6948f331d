#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
module: gateway_domain_info
short_description: List the custom domains attached to EAS private gateways
version_added: 0.1.0
description:
  - With O(gateway_id), calls the EAS C(ListGatewayDomains) operation for that gateway.
  - Without it, discovers every gateway of O(regions) (C(ListGateway), regions concurrently) and fetches the
    domains of all of them concurrently.
  - The errors C(InvalidParameter.ClusterId), C(InvalidParameter.GatewayId), C(ResourceNotFound) and
    C(UnauthorizedOperation) come back with their recommended action.
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  gateway_id:
    description:
      - The gateway whose domains to list, C(gw-) followed by lowercase letters and digits (checked before any
        request).
    type: str
  cluster_id:
    description:
      - The region of O(gateway_id) (EAS calls it the cluster). Only with O(gateway_id).
      - Defaults to the single region of O(regions). The request goes to the endpoint of the first region of
        O(regions) when it is set, else to the endpoint of O(cluster_id).
    type: str
extends_documentation_fragment:
  - pai.catalog.alibaba_auth
  - pai.catalog.huawei_auth
  - pai.catalog.endpoint
  - pai.catalog.info_module
'''

EXAMPLES = r'''
- name: Custom domains of one gateway
  pai.catalog.gateway_domain_info:
    cluster_id: cn-shanghai
    gateway_id: gw-1uhcqmsc7x22
  register: domains

- name: Custom domains of every gateway in two regions
  pai.catalog.gateway_domain_info:
    regions: [cn-hangzhou, cn-shanghai]
  register: all_domains

- name: Internet domains without a certificate
  ansible.builtin.debug:
    msg: "{{ all_domains.domains | selectattr('type', 'eq', 'internet') | rejectattr('certificate_id') | map(attribute='domain') }}"
'''

RETURN = r'''
domains:
  description: The custom domains, each with its gateway and region.
  returned: always
  type: list
  elements: dict
  contains:
    domain:
      description: The custom domain name.
      type: str
      sample: models.example.com
    type:
      description: C(internet) or C(intranet).
      type: str
      sample: internet
    certificate_id:
      description: ID of the SSL certificate bound to the domain; empty when there is none.
      type: str
      sample: "12345-cn-hangzhou"
    gateway_id:
      description: The gateway the domain is attached to.
      type: str
      sample: gw-1uhcqmsc7x22
    region:
      description: The region (cluster) of the gateway.
      type: str
      sample: cn-shanghai
gateways:
  description: The IDs of the gateways whose domains were listed.
  returned: always
  type: list
  elements: str
  sample: [gw-1uhcqmsc7x22]
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
  sample: {"ListGateway": 2, "ListGatewayDomains": 6}
'''

from ansible_collections.pai.catalog.plugins.module_utils.client import Job
from ansible_collections.pai.catalog.plugins.module_utils.endpoints import check_region
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError
from ansible_collections.pai.catalog.plugins.module_utils.module import CatalogModule


def run(base):
    request_ids = []
    if base.params['gateway_id']:
        regions = base.regions() if base.params['regions'] else []
        if not base.params['cluster_id']:
            if len(regions) != 1:
                raise ApiError('option cluster_id is required with gateway_id unless regions holds exactly one '
                               'region (it holds %d)' % len(regions), code='InvalidOption')
            base.params['cluster_id'] = regions[0]
        check_region(base.params['cluster_id'], 'cluster_id')
        params = base.validate('ListGatewayDomains')
        # The endpoint of the region given, else of the cluster itself; the cluster is what the domains belong to.
        jobs = base.run_jobs('ListGatewayDomains', [
            Job(regions[0] if regions else params['ClusterId'], params, dict(gateway_id=base.params['gateway_id']))])
    else:
        listed = base.call('ListGateway', {}, base.regions())
        request_ids.extend(listed.request_ids)
        jobs = base.children('ListGatewayDomains', listed.items)
    domains = [dict(item, gateway_id=job.tag['gateway_id'], region=job.params['ClusterId'])
               for job in jobs for item in job.items]
    request_ids.extend(rid for job in jobs for rid in job.request_ids)
    base.exit(domains=domains, gateways=[job.tag['gateway_id'] for job in jobs], request_ids=request_ids)


def main():
    spec = dict(gateway_id=dict(type='str'), cluster_id=dict(type='str'))
    CatalogModule(['ListGatewayDomains'], argument_spec=spec, required_by=dict(cluster_id='gateway_id')).run(run)


if __name__ == '__main__':
    main()
