# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
name: connections
short_description: The connections of PAI workspaces to LLM services, vector stores and databases, inline
version_added: 0.1.0
description:
  - Without terms, calls the AIWorkSpace C(ListConnections) operation in every region of O(regions) concurrently
    and follows C(NextToken) to the end.
  - With terms, each term is a connection ID, looked up with C(GetConnection) in every region of O(regions)
    concurrently; the list filters do not apply then. An ID that no region holds is handled by O(on_missing).
  - Returns a list of connections, the same items as the C(connections) of M(pai.catalog.connection_info);
    an empty list when there are none.
  - Secret values of each connection are redacted unless O(reveal_secrets=true).
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  _terms:
    description: Connection IDs to return. Leave empty to list.
    type: list
    elements: str
    required: false
  reveal_secrets:
    description:
      - Return the values of each connection's C(secrets) instead of redacting them.
      - The values then appear wherever the result of the lookup goes.
    type: bool
    default: false
extends_documentation_fragment:
  - pai.catalog.info_plugin
  - pai.catalog.connection_filters
  - pai.catalog.plugin_alibaba_auth
  - pai.catalog.plugin_alibaba_auth.vars
  - pai.catalog.plugin_endpoint
  - pai.catalog.plugin_endpoint.vars
  - pai.catalog.plugin_endpoint.lookup
notes:
  - Lookups run on the controller, so the C(environment) keyword of a task does not reach them; credentials come
    from the options, the C(pai_catalog_*) variables or the controller's environment.
  - Use the C(query) function or C(wantlist=true), because the C(lookup) function returns a single connection as a dictionary instead of
    a list of one.
'''

EXAMPLES = r'''
- name: Names of the public connections of two regions
  ansible.builtin.debug:
    msg: "{{ query('pai.catalog.connections', regions=['cn-hangzhou', 'cn-shanghai'], accessibility='PUBLIC',
             query='[].connection_name') }}"

- name: One connection by ID, wherever it is; an empty list if it is gone
  ansible.builtin.set_fact:
    conn: "{{ query('pai.catalog.connections', 'conn-pai9m1mi47', regions=['cn-hangzhou', 'cn-beijing'],
              on_missing='skip') }}"

- name: Credentials and regions from variables, for every lookup of the play
  vars:
    pai_catalog_profile: audit
    pai_catalog_regions: [cn-hangzhou, ap-southeast-1]
  ansible.builtin.debug:
    msg: "{{ query('pai.catalog.connections', connection_types=['MilvusConnection']) | length }} Milvus connections"
'''

RETURN = r'''
_list:
  description:
    - The connections, each with the region it came from; keys are snake_case except inside C(configs) and
      C(secrets). With O(query), what the expression returned, as a list.
  type: list
  elements: dict
  sample:
    - connection_id: conn-pai9m1mi47
      connection_name: lindorm-connection
      connection_type: LindormConnection
      accessibility: PRIVATE
      workspace_id: "22801"
      secrets: {"password": "VALUE_REDACTED_BY_PAI_CATALOG"}
      region: cn-hangzhou
'''

from ansible_collections.pai.catalog.plugins.module_utils import catalog
from ansible_collections.pai.catalog.plugins.module_utils.client import Job
from ansible_collections.pai.catalog.plugins.plugin_utils.catalog_plugin import CatalogLookup, by_id


class LookupModule(CatalogLookup):

    VENDORS = ('alibaba',)

    def items(self, terms):
        regions = self.regions()
        if terms:
            jobs = []
            for term in terms:
                params = catalog.validate('GetConnection', dict(connection_id=term,
                                                                encrypt_option=self.get_option('encrypt_option')))
                jobs.extend(Job(region, params, term) for region in regions)
            return by_id(self, 'GetConnection', jobs, 'connection')
        values = dict((p['option'], self.get_option(p['option'])) for p in catalog.option_params('ListConnections'))
        return self.call('ListConnections', catalog.validate('ListConnections', values), regions).items
