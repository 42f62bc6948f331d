# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
name: endpoint
short_description: The endpoint URL of a PAI or DataArts Fabric product in a region, inline
version_added: 0.1.0
description:
  - For each term (a product) and each region of O(regions), the base URL that the collection would call with
    O(network) and O(endpoint_form), for example C(https://pairecservice-vpc.cn-hangzhou.aliyuncs.com).
  - Makes no request and needs no credentials. O(endpoint_url) (or E(PAI_CATALOG_ENDPOINT_URL)) replaces the host
    rules here as it does for every request.
  - A combination without an endpoint (a VPC host for DataArts Fabric, the catalog gateway for Huawei Cloud, a
    region without a known endpoint) is handled by O(on_missing).
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  _terms:
    description:
      - Products, any of C(aiworkspace), C(eas), C(paiplugin), C(pairecservice) and C(fabric). Leave empty for all
        of them.
    type: list
    elements: str
    required: false
  details:
    description:
      - Return one dictionary per product and region (C(product), C(vendor), C(region), C(network), C(form),
        C(url)) instead of the URLs alone.
    type: bool
    default: false
extends_documentation_fragment:
  - pai.catalog.info_plugin
  - pai.catalog.plugin_endpoint
  - pai.catalog.plugin_endpoint.vars
  - pai.catalog.plugin_endpoint.lookup
notes:
  - The timeout, retry, rate and concurrency options are accepted for uniformity and not used; so is O(on_denied).
'''

EXAMPLES = r'''
- name: The VPC endpoint of PAI-Rec in Hangzhou
  ansible.builtin.debug:
    msg: "{{ lookup('pai.catalog.endpoint', 'pairecservice', region='cn-hangzhou', network='vpc') }}"

- name: Every product's endpoint in two regions, as dictionaries
  ansible.builtin.debug:
    msg: "{{ query('pai.catalog.endpoint', regions=['cn-shanghai', 'cn-north-4'], details=true, on_missing='skip') }}"
'''

RETURN = r'''
_list:
  description:
    - The URLs, one per product and region, in the order of the terms and then of O(regions); with
      O(details=true), dictionaries. With O(query), what the expression returned, as a list.
  type: list
  elements: raw
  sample: ["https://pairecservice-vpc.cn-hangzhou.aliyuncs.com"]
'''

import os

from ansible_collections.pai.catalog.plugins.module_utils import catalog, endpoints
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError, invalid_option
from ansible_collections.pai.catalog.plugins.module_utils.module import ENDPOINT_ENV
from ansible_collections.pai.catalog.plugins.plugin_utils.catalog_plugin import CatalogLookup

# product -> an operation of it (what endpoints.resolve takes)
FIRST_OPERATION = dict((op['product'], name) for name, op in reversed(list(catalog.OPERATIONS.items())))


class LookupModule(CatalogLookup):

    def items(self, terms):
        products = [str(t) for t in terms] or sorted(catalog.PRODUCTS)
        for product in products:
            if product not in catalog.PRODUCTS:
                raise invalid_option('terms', product, 'known products: ' + ', '.join(sorted(catalog.PRODUCTS)))
        ops = [catalog.operation(FIRST_OPERATION[product]) for product in products]
        options = self.options(('regions', 'endpoint_url', 'network', 'endpoint_form'))
        endpoint_url = self._endpoint_url(options)
        network, form = options['network'], options['endpoint_form']
        regions = self.regions(sorted(set(op['vendor'] for op in ops)))
        found = []
        for product, op in zip(products, ops):
            for region in regions:
                row = dict(product=product, vendor=op['vendor'], region=region, network=network, form=form)
                try:
                    if form == 'gateway' and network == 'vpc':
                        raise ApiError('the catalog gateway has no VPC form', code='NoEndpoint')
                    url, path = endpoints.resolve(op, region, network, form, endpoint_url)
                except ApiError as exc:
                    self.outcome('missing', ApiError('%s has no endpoint in %s (network %s, form %s): %s'
                                                     % (product, region, network, form,
                                                        exc.message.split('; ', 1)[-1]),
                                                     code='NoEndpoint'))
                    continue
                row['url'] = url + (path.rsplit('/', 1)[0] + '/' if form == 'gateway' else '')
                found.append(row)
        self.log('endpoints', regions, len(found))
        return found if self.get_option('details') else [row['url'] for row in found]

    @staticmethod
    def _endpoint_url(options):
        if options.get('endpoint_url'):
            return endpoints.check_endpoint_url(options['endpoint_url'])
        if os.environ.get(ENDPOINT_ENV):
            return endpoints.check_endpoint_url(os.environ[ENDPOINT_ENV], 'endpoint_url (from %s)' % ENDPOINT_ENV)
        return None
