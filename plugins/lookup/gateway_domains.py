# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
name: gateway_domains
short_description: Custom domains attached to EAS private gateways, inline
version_added: 0.1.0
description:
  - With terms, each term is a gateway ID whose domains are listed with the EAS C(ListGatewayDomains) operation,
    in O(cluster_id) or else in every region of O(regions) concurrently. A gateway that no region holds is
    handled by O(on_missing).
  - Without terms, discovers every gateway of O(regions) (C(ListGateway), regions concurrently) and lists the
    domains of all of them concurrently.
  - Returns a list of domains, the same items as the C(domains) of M(pai.catalog.gateway_domain_info); an empty
    list when there are none.
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  _terms:
    description: Gateway IDs. Leave empty for every gateway of O(regions).
    type: list
    elements: str
    required: false
  cluster_id:
    description:
      - The region of the gateways of the terms (EAS calls it the cluster). Without it, every region of
        O(regions) is asked.
    type: str
extends_documentation_fragment:
  - pai.catalog.info_plugin
  - pai.catalog.plugin_alibaba_auth
  - pai.catalog.plugin_alibaba_auth.vars
  - pai.catalog.plugin_endpoint
  - pai.catalog.plugin_endpoint.vars
  - pai.catalog.plugin_endpoint.lookup
notes:
  - Lookups run on the controller, so the C(environment) keyword of a task does not reach them; credentials come
    from the options, the C(pai_catalog_*) variables or the controller's environment.
'''

EXAMPLES = r'''
- name: Internet domains without a certificate, over every gateway of two regions
  ansible.builtin.debug:
    msg: "{{ query('pai.catalog.gateway_domains', regions=['cn-hangzhou', 'cn-shanghai'],
             query=\"[?type=='internet' && !certificate_id].domain\") }}"

- name: Domains of one gateway
  ansible.builtin.debug:
    msg: "{{ query('pai.catalog.gateway_domains', 'gw-1uhcqmsc7x22', cluster_id='cn-shanghai') }}"
'''

RETURN = r'''
_list:
  description:
    - The custom domains, each with its gateway and region. With O(query), what the expression returned, as a
      list.
  type: list
  elements: dict
  sample:
    - domain: models.example.com
      type: internet
      certificate_id: "12345-cn-hangzhou"
      gateway_id: gw-1uhcqmsc7x22
      region: cn-shanghai
'''

from ansible_collections.pai.catalog.plugins.module_utils import catalog
from ansible_collections.pai.catalog.plugins.module_utils.client import Job
from ansible_collections.pai.catalog.plugins.module_utils.endpoints import check_region
from ansible_collections.pai.catalog.plugins.plugin_utils.catalog_plugin import CatalogLookup, by_id


def with_gateway(job, item):
    """A domain with its gateway (the job's tag: the gateway ID, or the gateway listed) and region (the cluster
    asked)."""
    gateway_id = job.tag['gateway_id'] if isinstance(job.tag, dict) else job.tag
    return dict(item, gateway_id=gateway_id, region=job.params['ClusterId'])


class LookupModule(CatalogLookup):

    VENDORS = ('alibaba',)

    def items(self, terms):
        if terms:
            cluster = self.get_option('cluster_id')
            regions = [check_region(cluster, 'cluster_id')] if cluster else self.regions()
            jobs = [Job(region, catalog.validate('ListGatewayDomains', dict(cluster_id=region, gateway_id=term)),
                        term) for term in terms for region in regions]
            return by_id(self, 'ListGatewayDomains', jobs, 'gateway', with_gateway)
        listed = self.call('ListGateway', {}, self.regions())
        jobs = self.children('ListGatewayDomains', listed.items)
        self.handle([job.error for job in jobs if job.error is not None])
        return [with_gateway(job, item) for job in jobs if job.error is None for item in job.items]
