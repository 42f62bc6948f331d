# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
name: api
short_description: Call any read-only operation of the catalog by name, inline
version_added: 0.1.0
description:
  - Each term names an operation that M(pai.catalog.catalog_info) lists, for example PaiRecService
    C(ListInstances); it is called in every region of O(regions) concurrently and paged through the catalog's way.
    With several terms, the items of all of them are returned in the order of the terms.
  - O(params) are checked against the catalog (names, types, choices, ranges, required path parameters) before
    any request. Only read-only (C(GET)) operations can be called.
  - Returns a list of items, the same as the C(resources) of M(pai.catalog.api_info); an empty list when there
    are none.
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  _terms:
    description: Names of operations, for example C(ListInstances). An unknown name fails with the known ones.
    type: list
    elements: str
    required: true
  params:
    description:
      - Parameters of the operations, by wire name (C(PageSize)) or option name (C(page_size)); with several
        terms, every operation named must take them.
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
  - pai.catalog.info_plugin
  - pai.catalog.plugin_alibaba_auth
  - pai.catalog.plugin_alibaba_auth.vars
  - pai.catalog.plugin_huawei_auth
  - pai.catalog.plugin_huawei_auth.vars
  - pai.catalog.plugin_endpoint
  - pai.catalog.plugin_endpoint.vars
  - pai.catalog.plugin_endpoint.lookup
notes:
  - Lookups run on the controller, so the C(environment) keyword of a task does not reach them; credentials come
    from the options, the C(pai_catalog_*) variables or the controller's environment.
  - Only the credentials of the vendors of the operations named are resolved.
'''

EXAMPLES = r'''
- name: IDs of the PAI-Rec instances of two regions
  ansible.builtin.debug:
    msg: "{{ query('pai.catalog.api', 'ListInstances', regions=['cn-hangzhou', 'cn-beijing'],
             params={'Type': 'Standard'}, query='[].instance_id') }}"

- name: The message configuration of the account (a global operation)
  ansible.builtin.debug:
    msg: "{{ query('pai.catalog.api', 'GetMessageConfig') | first }}"
'''

RETURN = r'''
_list:
  description:
    - The items of the operations, snake_case keys, each with its region for regional operations. With O(query),
      what the expression returned, as a list.
  type: list
  elements: dict
  sample: [{"instance_id": "pairec-cn-k04y2rvsrdva", "type": "Standard", "status": "Running", "region": "cn-hangzhou"}]
'''

from ansible_collections.pai.catalog.plugins.module_utils import catalog
from ansible_collections.pai.catalog.plugins.module_utils import module as engine_module
from ansible_collections.pai.catalog.plugins.module_utils.client import host_regions
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError
from ansible_collections.pai.catalog.plugins.plugin_utils.catalog_plugin import CatalogLookup


class LookupModule(CatalogLookup):

    def items(self, terms):
        if not terms:
            raise ApiError('name at least one operation, for example ListInstances', code='InvalidOption')
        ops = [catalog.operation(str(term)) for term in terms]
        for op in ops:
            if op['method'] != 'GET':
                raise ApiError('%s is not a read-only operation (%s)' % (op['name'], op['method']),
                               code='InvalidOption')
        self.VENDORS = tuple(sorted(set(op['vendor'] for op in ops)))
        given = self.get_option('params') or {}
        paginate = self.get_option('paginate')
        # Every operation's parameters and regions are checked before the first request.
        plans = []
        for op in ops:
            name = op['name']
            wire = catalog.validate_params(name, given, paginate=paginate)
            if op['regional'] or self.get_option('regions'):
                regions = engine_module.regions_from(self.options(('regions', 'endpoint_url')), [op['vendor']],
                                                     operations=[name])
            else:
                regions = host_regions(name, None)
            plans.append((name, wire, regions))
        items = []
        for name, wire, regions in plans:
            items.extend(self.call(name, wire, regions, paginate=paginate).items)
        return items
