# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# This module_utils file is private to pai.catalog; its API may change without notice.
"""Region + network + form -> the URL a request goes to.

Forms: "product" (the product's own host, what the vendors' SDKs call) and "gateway" (the seed's catalog gateway,
https://api.aliyun.com/api/{service}/{version}/{operation}, bearer key only). An explicit endpoint URL, a
template that may contain {region} and {product}, overrides the host rules for either form.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import re

from ansible_collections.pai.catalog.plugins.module_utils.catalog import GATEWAY_HOSTS, GATEWAY_PATH, PRODUCTS
from ansible_collections.pai.catalog.plugins.module_utils.errors import invalid_option

REGION_RE = re.compile(r'^[a-z]{2,}(-[a-z0-9]+){1,4}$')
URL_RE = re.compile(r'^(https?)://([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[^?#\s]*)?$')
NETWORKS = ('public', 'vpc')
FORMS = ('product', 'gateway')


def check_region(region, option='regions'):
    if not isinstance(region, str) or not REGION_RE.match(region):
        raise invalid_option(option, region, 'a region ID such as cn-hangzhou or cn-north-4')
    return region


def check_endpoint_url(template, option='endpoint_url'):
    """Validate an endpoint URL template early: scheme, host, optional port and path; no query."""
    probe = template.replace('{region}', 'cn-hangzhou').replace('{product}', 'aiworkspace')
    match = URL_RE.match(probe)
    if not match or '{' in probe or '}' in probe:
        raise invalid_option(option, template, 'an http(s) URL like https://host[:port][/path], '
                                               'which may contain {region} and {product}')
    port = match.group(3)
    if port and not 0 < int(port[1:]) < 65536:
        raise invalid_option(option, template, 'a port from 1 to 65535')
    return template.rstrip('/')


def is_china(region):
    return region.startswith('cn-')


def product_host(product_key, region, network='public'):
    """The host of a product in a region, by the vendor SDKs' rules; a clear error when there is none."""
    product = PRODUCTS[product_key]
    if network not in NETWORKS:
        raise invalid_option('network', network, 'allowed values: ' + ', '.join(NETWORKS))
    template = product['host'] if network == 'public' else product['vpc_host']
    if template is None:
        raise invalid_option('network', network, '%s has no %s endpoint; use public or set endpoint_url'
                             % (product['name'], network))
    known = product.get('regions')
    if known and region not in known:
        raise invalid_option('regions', region, '%s has no known endpoint in that region; known regions: %s; '
                             'or set endpoint_url' % (product['name'], ', '.join(known)))
    if network == 'public' and region in product.get('central_regions', ()):
        template = product['central_host']
    return template.format(region=region)


def resolve(op, region, network='public', form='product', endpoint_url=None):
    """(base URL, path template) for an operation in a region. The path template still has {Param} holes."""
    if form not in FORMS:
        raise invalid_option('endpoint_form', form, 'allowed values: ' + ', '.join(FORMS))
    product = PRODUCTS[op['product_key']]
    if form == 'gateway':
        if product['vendor'] != 'alibaba':
            raise invalid_option('endpoint_form', form, 'the catalog gateway serves Alibaba Cloud products only; '
                                                        'use product for %s' % product['name'])
        path = GATEWAY_PATH.format(service=product['gateway_service'], version=product['version'],
                                   operation=op['name'])
    else:
        path = op['path']
    if endpoint_url:
        return endpoint_url.format(region=region, product=op['product_key']).rstrip('/'), path
    if form == 'gateway':
        return 'https://' + GATEWAY_HOSTS['china' if is_china(region) else 'international'], path
    return 'https://' + product_host(op['product_key'], region, network), path
