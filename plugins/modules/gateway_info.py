#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
module: gateway_info
short_description: List the EAS private gateways that expose model services
version_added: 0.1.0
description:
  - Calls the EAS C(ListGateway) operation in every region of O(regions) concurrently; once the first page gives
    the total, the remaining pages of a region are fetched concurrently too.
  - With O(gateway_id) and a single region, calls C(DescribeGateway) instead, which adds C(internet_status) and
    C(external_cluster_id).
  - With O(custom_domains=true), the custom domains of every gateway too (C(ListGatewayDomains)).
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  gateway_id:
    description:
      - Only this gateway. With a single region, its C(DescribeGateway) detail.
      - A gateway ID is C(gw-) followed by lowercase letters and digits; anything else is refused before any
        request.
    type: str
  gateway_name:
    description: Only gateways of this name.
    type: str
  resource_name:
    description: Only gateways of this resource group.
    type: str
  page_size:
    description:
      - Gateways per page (1 to 100). Every page is fetched whatever the size.
      - Defaults to 100.
    type: int
  custom_domains:
    description:
      - Also fetch the custom domains of every gateway (C(ListGatewayDomains), all gateways concurrently) into
        RV(gateways[].custom_domains), in the same task.
    type: bool
    default: false
extends_documentation_fragment:
  - pai.catalog.alibaba_auth
  - pai.catalog.huawei_auth
  - pai.catalog.endpoint
  - pai.catalog.info_module
'''

EXAMPLES = r'''
- name: Every gateway of three regions
  pai.catalog.gateway_info:
    regions: [cn-hangzhou, cn-shanghai, ap-southeast-1]
  register: gateways

- name: One gateway in detail
  pai.catalog.gateway_info:
    regions: cn-hangzhou
    gateway_id: gw-1uhcqmsc7x22
  register: gateway

- name: Gateways with their custom domains, in one task
  pai.catalog.gateway_info:
    regions: [cn-hangzhou, cn-shanghai]
    custom_domains: true
  register: with_domains

- name: Internet-facing gateways without SSL redirection
  ansible.builtin.debug:
    msg: "{{ gateways.gateways | selectattr('internet_enabled') | rejectattr('ssl_redirection_enabled') | map(attribute='gateway_id') }}"
'''

RETURN = r'''
gateways:
  description: The gateways, snake_case keys, each with the region it came from.
  returned: always
  type: list
  elements: dict
  contains:
    gateway_id:
      description: Gateway ID.
      type: str
      sample: gw-1uhcqmsc7x22
    gateway_name:
      description: Gateway name.
      type: str
      sample: prod-gateway
    instance_type:
      description: Instance type of the gateway nodes.
      type: str
      sample: ecs.c7.large
    replicas:
      description: Number of nodes.
      type: int
      sample: 2
    status:
      description: Status, for example C(Running).
      type: str
      sample: Running
    charge_type:
      description: Billing method.
      type: str
      sample: PrePaid
    is_default:
      description: Whether it is the default gateway.
      type: bool
      sample: false
    internet_enabled:
      description: Whether the gateway is reachable from the internet.
      type: bool
      sample: true
    internet_domain:
      description: Internet domain.
      type: str
      sample: gw-1uhcqmsc7x22.cn-hangzhou.pai-eas.aliyuncs.com
    intranet_domain:
      description: Intranet domain.
      type: str
      sample: gw-1uhcqmsc7x22-vpc.cn-hangzhou.pai-eas.aliyuncs.com
    ssl_redirection_enabled:
      description: Whether HTTP is redirected to HTTPS.
      type: bool
      sample: true
    create_time:
      description: Creation time.
      type: str
      sample: "2025-01-01T00:00:00Z"
    update_time:
      description: Last update time.
      type: str
      sample: "2025-02-01T00:00:00Z"
    internet_status:
      description: Internet access status; C(DescribeGateway) only.
      type: str
      returned: when O(gateway_id) and one region are given
      sample: ENABLED
    external_cluster_id:
      description: External cluster; C(DescribeGateway) only.
      type: str
      returned: when O(gateway_id) and one region are given
      sample: ""
    custom_domains:
      description: The custom domains of the gateway, each with C(domain), C(type) and C(certificate_id).
      type: list
      elements: dict
      returned: when O(custom_domains=true)
      sample: [{"domain": "models.example.com", "type": "internet", "certificate_id": "12345-cn-hangzhou"}]
    region:
      description: The region of the gateway.
      type: str
      sample: cn-hangzhou
total_count:
  description: Number of gateways returned.
  returned: always
  type: int
  sample: 3
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
  sample: {"ListGateway": 3}
'''

from ansible_collections.pai.catalog.plugins.module_utils.catalog import argument_spec
from ansible_collections.pai.catalog.plugins.module_utils.module import CatalogModule


def run(base):
    regions = base.regions()
    if base.params['gateway_id'] and len(regions) == 1:
        base.params['cluster_id'] = regions[0]
        result = base.call('DescribeGateway', base.validate('DescribeGateway'), regions)
    else:
        result = base.call('ListGateway', base.validate('ListGateway'), regions)
    gateways = result.items
    request_ids = list(result.request_ids)
    if base.params['custom_domains']:
        jobs = base.children('ListGatewayDomains', gateways)
        for job in jobs:
            job.tag['custom_domains'] = [dict((k, v) for k, v in d.items() if k != 'region') for d in job.items]
            request_ids.extend(job.request_ids)
        gateways = [job.tag for job in jobs]
    base.exit(gateways=gateways, total_count=len(gateways), request_ids=request_ids)


def main():
    spec = argument_spec('ListGateway')
    spec.update(custom_domains=dict(type='bool', default=False))
    CatalogModule(['ListGateway', 'DescribeGateway', 'ListGatewayDomains'], argument_spec=spec).run(run)


if __name__ == '__main__':
    main()
