# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
name: base_models
short_description: The base models that Huawei Cloud DataArts Fabric offers, inline
version_added: 0.1.0
description:
  - Calls the DataArts Fabric C(ListBaseModels) operation in every region of O(regions) concurrently.
  - Without O(offset) and O(limit), every page is fetched (concurrently once the first page gives C(total)). With
    either of them, exactly that page.
  - Returns a list of base models, the same items as the C(base_models) of M(pai.catalog.base_model_info); an
    empty list when there are none.
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  offset:
    description: Offset where the page starts (0 to 1000000000). Setting it (or O(limit)) returns one page only.
    type: int
  limit:
    description: Records on the page (1 to 100). Setting it (or O(offset)) returns one page only.
    type: int
extends_documentation_fragment:
  - pai.catalog.info_plugin
  - pai.catalog.plugin_huawei_auth
  - pai.catalog.plugin_huawei_auth.vars
  - pai.catalog.plugin_endpoint
  - pai.catalog.plugin_endpoint.vars
  - pai.catalog.plugin_endpoint.lookup
notes:
  - Lookups run on the controller, so the C(environment) keyword of a task does not reach them; credentials come
    from the options, the C(pai_catalog_*) variables or the controller's environment.
  - Regions with a known endpoint are C(cn-north-4) and C(cn-southwest-2); any other region needs O(endpoint_url).
'''

EXAMPLES = r'''
- name: Model types with a small context window (AK/SK from HUAWEICLOUD_SDK_AK/SK/PROJECT_ID)
  ansible.builtin.debug:
    msg: "{{ query('pai.catalog.base_models', regions=['cn-north-4', 'cn-southwest-2'],
             query='[?max_tokens < `8192`].base_model_type') | unique }}"
'''

RETURN = r'''
_list:
  description:
    - The base models, each with the region it came from. With O(query), what the expression returned, as a list.
  type: list
  elements: dict
  sample:
    - base_model_type: qwen2.5-72b
      max_tokens: 32768
      num_of_mu: 8
      region: cn-north-4
'''

from ansible_collections.pai.catalog.plugins.module_utils import catalog
from ansible_collections.pai.catalog.plugins.plugin_utils.catalog_plugin import CatalogLookup


class LookupModule(CatalogLookup):

    VENDORS = ('huawei',)

    def items(self, terms):
        params = catalog.validate('ListBaseModels', dict(offset=self.get_option('offset'),
                                                         limit=self.get_option('limit')))
        return self.call('ListBaseModels', params, self.regions()).items
