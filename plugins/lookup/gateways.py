# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
name: gateways
short_description: EAS private gateways, inline
version_added: 0.1.0
description:
  - Without terms, calls the EAS C(ListGateway) operation in every region of O(regions) concurrently, every page.
  - With terms, each term is a gateway ID, described in detail with C(DescribeGateway) in every region of
    O(regions) concurrently; the list filters do not apply then. An ID that no region holds is handled by
    O(on_missing).
  - Returns a list of gateways, the same items as the C(gateways) of M(pai.catalog.gateway_info); an empty list
    when there are none.
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  _terms:
    description: Gateway IDs to describe. Leave empty to list.
    type: list
    elements: str
    required: false
  gateway_name:
    description: Only gateways whose name contains this.
    type: str
  resource_name:
    description: Only gateways of this resource group.
    type: str
  page_size:
    description: Records per page (1 to 100). Every page is fetched whatever the size. Defaults to 100.
    type: int
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
  - Use the C(query) function or C(wantlist=true), because the C(lookup) function returns a single gateway as a
    dictionary instead of a list of one.
'''

EXAMPLES = r'''
- name: Gateways that are not running, in three regions
  ansible.builtin.debug:
    msg: "{{ query('pai.catalog.gateways', regions=['cn-hangzhou', 'cn-shanghai', 'cn-beijing'],
             query=\"[?status!='Running'].gateway_id\") }}"

- name: One gateway in detail
  ansible.builtin.set_fact:
    gateway: "{{ query('pai.catalog.gateways', 'gw-1uhcqmsc7x22', regions='cn-shanghai') | first }}"
'''

RETURN = r'''
_list:
  description:
    - The gateways, each with the region it came from; keys are snake_case. With O(query), what the expression
      returned, as a list.
  type: list
  elements: dict
  sample:
    - gateway_id: gw-1uhcqmsc7x22
      gateway_name: prod-gateway
      status: Running
      internet_enabled: true
      ssl_redirection_enabled: false
      region: cn-shanghai
'''

from ansible_collections.pai.catalog.plugins.module_utils import catalog
from ansible_collections.pai.catalog.plugins.module_utils.client import Job
from ansible_collections.pai.catalog.plugins.plugin_utils.catalog_plugin import CatalogLookup, by_id


class LookupModule(CatalogLookup):

    VENDORS = ('alibaba',)

    def items(self, terms):
        regions = self.regions()
        if terms:
            jobs = [Job(region, catalog.validate('DescribeGateway', dict(cluster_id=region, gateway_id=term)), term)
                    for term in terms for region in regions]
            return by_id(self, 'DescribeGateway', jobs, 'gateway')
        values = dict((name, self.get_option(name)) for name in ('gateway_name', 'resource_name', 'page_size'))
        return self.call('ListGateway', catalog.validate('ListGateway', values), regions).items
