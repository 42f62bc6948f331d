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
import unicodedata

from ansible_collections.pai.catalog.plugins.module_utils.catalog import FORMATS, GATEWAY_HOSTS, GATEWAY_PATH, PRODUCTS
from ansible_collections.pai.catalog.plugins.module_utils.errors import invalid_option

REGION_RE = re.compile(r'^(?:%s)\Z' % FORMATS['region'][0])
URL_RE = re.compile(r'^(https?)://([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?(/[^?#\s]*)?\Z')
NETWORKS = ('public', 'vpc')
FORMS = ('product', 'gateway')
# More distinct regions than any product has: a list this long is a mistake, refused before any request.
MAX_REGIONS = 50


def check_region(region, option='regions'):
    if not isinstance(region, str) or not REGION_RE.match(region):
        raise invalid_option(option, region, 'a region ID such as cn-hangzhou or cn-north-4')
    return region


def known_regions(product_key):
    """The regions where a product has a known endpoint, or None when it has one host for all (or no list)."""
    return PRODUCTS[product_key].get('regions')


def check_known_region(product_key, region, option='regions'):
    """A region must be one where the product has an endpoint; endpoint_url is the way to reach any other."""
    known = known_regions(product_key)
    if known and region not in known:
        raise invalid_option(option, region, '%s has no known endpoint in that region; known regions: %s; '
                             'or set endpoint_url' % (PRODUCTS[product_key]['name'], ', '.join(known)))
    return region


def _without_userinfo(url):
    """The URL with anything between :// and the last @ left out: user information is never shown."""
    scheme, sep, rest = url.partition('://')
    if sep and '@' in rest:
        return scheme + sep + rest.rsplit('@', 1)[1]
    return url


def has_userinfo(url):
    return isinstance(url, str) and '@' in url.partition('://')[2]


def userinfo(url):
    """The user information of a URL (user:password), so that callers can hide it; None when there is none."""
    if not has_userinfo(url):
        return None
    return url.partition('://')[2].rsplit('@', 1)[0]


def _unprintable(text):
    """True when text holds a control, format or separator character (a line break, a tab, a zero-width space)."""
    return any(unicodedata.category(c) in ('Cc', 'Cf', 'Zl', 'Zp') for c in text)


def check_endpoint_url(template, option='endpoint_url'):
    """Validate an endpoint URL template early: scheme, host, optional port and path; no query, no user
    information, no control characters and no whitespace at either end (a URL pasted from a file)."""
    if not isinstance(template, str):
        raise invalid_option(option, template, 'an http(s) URL like https://host[:port][/path]')
    if has_userinfo(template):
        # Never echo what came before the @: it is usually a password.
        raise invalid_option(option, _without_userinfo(template), 'credentials in the URL (user:password@host) are '
                             'not supported, and are not shown; give them with the credential options instead')
    if template != template.strip() or _unprintable(template):
        raise invalid_option(option, template, 'a URL without control characters, and without whitespace at either '
                                               'end (was it pasted with a line break?)')
    probe = template.replace('{region}', 'cn-hangzhou').replace('{product}', 'aiworkspace')
    match = URL_RE.match(probe)
    if not match or '{' in probe or '}' in probe:
        raise invalid_option(option, template, 'an http(s) URL like https://host[:port][/path], '
                                               'which may contain {region} and {product}')
    port = match.group(3)
    if port and not 0 < int(port[1:]) < 65536:
        raise invalid_option(option, template, 'a port from 1 to 65535')
    return template.rstrip('/')


def check_fan_out(endpoint_url, regions, option='endpoint_url'):
    """An endpoint URL without {region} serves one region: asked for several, every region would get the same
    answer, labelled with different regions. Refused unless only one region is asked for."""
    if endpoint_url and '{region}' not in endpoint_url and len(regions) > 1:
        raise invalid_option(option, _without_userinfo(endpoint_url), 'with more than one region (%d asked for: %s) '
                             'it must contain {region}, so that each region has its own endpoint; or ask for one '
                             'region' % (len(regions), ', '.join(regions[:5]) + (', ...' if len(regions) > 5 else '')))


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
    check_known_region(product_key, region)
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
