# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# This module_utils file is private to pai.catalog; its API may change without notice.
"""Every operation the collection calls, declared once as data.

An operation names its product (host rules live in PRODUCTS), its path template, its parameters (wire name,
option name, type, choices, range, where it goes), its paging style, where the items are in the response, and
which response fields hold secrets. Modules, lookups and the inventory derive their options from here and add
nothing the catalog already knows.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import re

from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError, invalid_option


# vendor -> product key -> how to reach it. Host templates take {region}. `regions` are the regions where the product
# has an endpoint: any other is refused before any request, unless endpoint_url is set. A product without `regions`
# has one host for every region. Where the SDK's endpoint map lists the regions (eas, DataArts Fabric), the list is
# the SDK's; where the SDK has only the rule {product}.{region}.aliyuncs.com (AIWorkSpace, PaiRecService), it is the
# product's endpoint page, plus the regions that the SDK's map sends to the central host.
PRODUCTS = {
    'aiworkspace': dict(
        vendor='alibaba', name='AIWorkSpace', version='2021-02-04', gateway_service='AIWorkSpace',
        host='aiworkspace.{region}.aliyuncs.com', vpc_host='aiworkspace-vpc.{region}.aliyuncs.com',
        # Regions that the official SDK's endpoint map sends to the central host.
        central_host='aiworkspace.aliyuncs.com',
        central_regions=('cn-qingdao', 'cn-huhehaote', 'cn-wuhan', 'eu-west-1', 'me-east-1', 'ap-southeast-2'),
        regions=('cn-hangzhou', 'cn-shanghai', 'cn-beijing', 'cn-wulanchabu', 'cn-shenzhen', 'cn-heyuan', 'cn-guangzhou',
                 'cn-hongkong', 'ap-northeast-1', 'ap-southeast-1', 'ap-southeast-3', 'ap-southeast-5', 'us-east-1',
                 'us-west-1', 'eu-central-1', 'cn-qingdao', 'cn-huhehaote', 'cn-wuhan', 'eu-west-1', 'me-east-1',
                 'ap-southeast-2'),
    ),
    'eas': dict(
        vendor='alibaba', name='eas', version='2021-07-01', gateway_service='eas',
        host='pai-eas.{region}.aliyuncs.com', vpc_host='pai-eas.{region}.aliyuncs.com',
        regions=('cn-beijing', 'cn-zhangjiakou', 'cn-hangzhou', 'cn-shanghai', 'cn-shenzhen', 'cn-hongkong',
                 'ap-southeast-1', 'ap-southeast-5', 'us-east-1', 'us-west-1', 'eu-central-1', 'ap-south-1',
                 'cn-shanghai-finance-1', 'cn-north-2-gov-1', 'cn-chengdu'),
    ),
    'paiplugin': dict(
        vendor='alibaba', name='PaiPlugin', version='2022-01-12', gateway_service='PaiPlugin',
        host='paiplugin.aliyuncs.com', vpc_host='paiplugin-vpc.aliyuncs.com',
    ),
    'pairecservice': dict(
        vendor='alibaba', name='PaiRecService', version='2022-12-13', gateway_service='PaiRecService',
        host='pairecservice.{region}.aliyuncs.com', vpc_host='pairecservice-vpc.{region}.aliyuncs.com',
        regions=('cn-beijing', 'cn-hangzhou', 'cn-shanghai', 'cn-shenzhen', 'cn-hongkong', 'ap-southeast-1',
                 'ap-southeast-5', 'eu-central-1', 'us-east-1', 'us-west-1'),
    ),
    'fabric': dict(
        vendor='huawei', name='DataArtsFabric', version='v1',
        host='fabric.{region}.myhuaweicloud.com', vpc_host=None,
        regions=('cn-north-4', 'cn-southwest-2'),
    ),
}

# The seed's catalog gateway: China regions and international regions have one host each.
GATEWAY_HOSTS = {'china': 'api.aliyun.com', 'international': 'api.alibabacloud.com'}
GATEWAY_PATH = '/api/{service}/{version}/{operation}'

CONNECTION_TYPES = ('DashScopeConnection', 'OpenLLMConnection', 'MilvusConnection', 'OpenSearchConnection',
                    'LindormConnection', 'ElasticsearchConnection', 'HologresConnection', 'RDSConnection',
                    'CustomConnection')


# Formats of string parameters: (pattern, what is allowed). The SDKs' models declare no limits; these follow the
# shapes that the APIs document (DataArts Fabric's SDK gives the name and enterprise project rules), so that a
# value the API would refuse, or one so long that the request line is refused (HTTP 414), fails before any request.
FORMATS = {
    'id': (r'[A-Za-z0-9][A-Za-z0-9._:-]{0,127}',
           'an ID of letters, digits, ".", "_", ":" and "-" (at most 128 characters)'),
    'region': (r'[a-z]{2,}(-[a-z0-9]+){1,4}', 'a region ID such as cn-hangzhou or cn-north-4'),
    'gateway': (r'gw-[a-z0-9]{1,64}', 'a gateway ID: gw- and lowercase letters and digits, such as gw-1uhcqmsc7x22'),
    'huawei_name': (r'[A-Za-z0-9_-]{1,32}', 'letters, digits, "_" and "-" (at most 32 characters)'),
    'huawei_eps': (r'[A-Za-z0-9_-]{1,36}', 'letters, digits, "_" and "-" (at most 36 characters)'),
}
MAX_TEXT = 256      # characters of a free-text string parameter (a name, a model) that has no format
MAX_ITEMS = 100     # items of a list parameter


def _param(wire, option=None, kind='str', choices=None, bounds=None, where='query', required=False,
           description='', default=None, form=None):
    """form: the key in FORMATS that every value (each item of a list) must match."""
    return dict(wire=wire, option=option, type=kind, choices=choices, range=bounds, where=where,
                required=required, description=description, default=default, format=form)


_ENCRYPT = _param('EncryptOption', 'encrypt_option', choices=('PlainText', 'Secret'),
                  description='How the API returns secret fields; the collection redacts them either way.')
_CLUSTER = _param('ClusterId', 'cluster_id', where='path', required=True, form='region',
                  description='The region of the gateway (EAS calls it the cluster).')
_GATEWAY = _param('GatewayId', 'gateway_id', where='path', required=True, form='gateway',
                  description='The private gateway ID.')
_OFFSET = _param('offset', 'offset', kind='int', bounds=(0, 1000000000), description='Offset where a query starts.',
                 default=0)
_LIMIT = _param('limit', 'limit', kind='int', bounds=(1, 100), description='Records per page.', default=10)
_PAGE_NUMBER = _param('PageNumber', None, kind='int', bounds=(1, None), default=1)
_PAGE_SIZE = _param('PageSize', 'page_size', kind='int', bounds=(1, 100), description='Records per page.',
                    default=100)

# paging styles: token (NextToken to the end), page (PageNumber/PageSize + TotalCount), offset (offset/limit + total)
OPERATIONS = {
    'ListConnections': dict(
        product='aiworkspace', method='GET', path='/api/v1/connections',
        description='Connections of a PAI workspace to LLM services, vector stores and databases.',
        params=(
            _param('WorkspaceId', 'workspace_id', description='Workspace ID.', form='id'),
            _param('NextToken', None),
            _param('MaxResults', 'max_results', kind='int', bounds=(1, 100), description='Entries per page.'),
            _param('SortBy', 'sort_by', choices=('GmtCreateTime',), description='Field to sort by.',
                   default='GmtCreateTime'),
            _param('Order', 'order', choices=('ASC', 'DESC'), description='Sort order.', default='DESC'),
            _param('ConnectionIds', 'connection_ids', kind='list', form='id',
                   description='Connection IDs to filter by.'),
            _param('ConnectionName', 'connection_name', description='Connection name, fuzzy match.'),
            _param('ConnectionTypes', 'connection_types', kind='list', choices=CONNECTION_TYPES,
                   description='Connection types to filter by.'),
            _ENCRYPT,
            _param('Model', 'model', description='Only connections associated with this model.'),
            _param('ModelTypes', 'model_types', kind='list', choices=('LLM', 'Embedding', 'ReRank'),
                   description='Model types to filter by.'),
            _param('ToolCall', 'tool_call', kind='bool', description='Whether tool calling is supported.'),
            _param('Creator', 'creator', description='Account ID of the creator.', form='id'),
            _param('Accessibility', 'accessibility', choices=('PUBLIC', 'PRIVATE'),
                   description='Visibility of the connection.'),
        ),
        paging=dict(style='token', token='NextToken', size='MaxResults', default_size=100, total='TotalCount'),
        result_key='Connections', secret_fields=('Secrets',), opaque_fields=('Configs', 'Secrets'),
    ),
    'GetConnection': dict(
        product='aiworkspace', method='GET', path='/api/v1/connections/{ConnectionId}',
        description='One connection by ID.',
        params=(_param('ConnectionId', 'connection_id', where='path', required=True, form='id',
                       description='Connection ID.'),
                _ENCRYPT),
        result_key=None, secret_fields=('Secrets',), opaque_fields=('Configs', 'Secrets'),
    ),
    'ListGateway': dict(
        product='eas', method='GET', path='/api/v2/gateways',
        description='EAS private gateways.',
        params=(
            _param('GatewayId', 'gateway_id', description='Gateway ID.', form='gateway'),
            _param('GatewayName', 'gateway_name', description='Gateway name.'),
            _param('ResourceName', 'resource_name', description='Resource group name.', form='id'),
            _PAGE_NUMBER, _PAGE_SIZE,
        ),
        paging=dict(style='page', number='PageNumber', size='PageSize', default_size=100, total='TotalCount'),
        result_key='Gateways',
    ),
    'DescribeGateway': dict(
        product='eas', method='GET', path='/api/v2/gateways/{ClusterId}/{GatewayId}',
        description='One EAS private gateway in detail.',
        params=(_CLUSTER, _GATEWAY), result_key=None,
    ),
    'ListGatewayDomains': dict(
        product='eas', method='GET', path='/api/v2/gateways/{ClusterId}/{GatewayId}/domains',
        description='Custom domains attached to an EAS private gateway.',
        params=(_CLUSTER, _GATEWAY), result_key='CustomDomains',
        # One call per gateway: the wire parameters come from these fields of each ListGateway item.
        parent=dict(operation='ListGateway', params={'ClusterId': 'region', 'GatewayId': 'gateway_id'}),
    ),
    'GetMessageConfig': dict(
        product='paiplugin', method='GET', path='/api/v2/users/messageConfig',
        description='Message service configuration (one per account).',
        params=(), result_key='Data', body_error=('ErrorCode', 'ErrorMessage'), regional=False,
    ),
    'ListInstances': dict(
        product='pairecservice', method='GET', path='/api/v1/instances',
        description='PAI-Rec service instances.',
        params=(
            _param('InstanceId', 'instance_id', description='Instance ID.', form='id'),
            _param('Type', 'type', description='Instance type.'),
            _param('SortBy', 'sort_by', description='Field to sort by.'),
            _param('Order', 'order', description='Sort order.'),
            _PAGE_NUMBER, _PAGE_SIZE,
        ),
        paging=dict(style='page', number='PageNumber', size='PageSize', default_size=100, total='TotalCount'),
        result_key='Instances',
    ),
    'ListBaseModels': dict(
        product='fabric', method='GET', path='/v1/base-models',
        description='Base models offered by DataArts Fabric.',
        params=(_OFFSET, _LIMIT),
        paging=dict(style='offset', offset='offset', size='limit', default_size=100, total='total'),
        result_key='models',
    ),
    'ListWorkspaces': dict(
        product='fabric', method='GET', path='/v1/workspaces',
        description='DataArts Fabric workspaces.',
        params=(_OFFSET, _LIMIT,
                _param('name', 'name', description='Workspace name.', form='huawei_name'),
                _param('id', 'workspace_id', description='Workspace ID.', form='id'),
                _param('enterprise_project_id', 'enterprise_project_id', description='Enterprise project ID.',
                       form='huawei_eps')),
        paging=dict(style='offset', offset='offset', size='limit', default_size=100, total='total'),
        result_key='workspaces',
    ),
}

# What the seed says of billing and quotas (pai-api-catalog, "Pricing & Billing"); Alibaba Cloud operations only.
BILLING = dict(
    model='per-request: each successful request is billed once; the free tier resets monthly on the 1st',
    free_tier=['10,000 free API calls per month (API catalog)', '500 free requests per month (API discovery)',
               '1000 per month for most other operations'],
    free_calls_per_month=1000,
    quota='100 requests per second per account (varies by service)',
    limits={'ListConnections': 10},
)
AUTH_KINDS = {
    'alibaba': ['acs3: AccessKey pair signed with ACS3-HMAC-SHA256', 'sts: AccessKey pair + STS security token',
                'bearer: x-acs-bearer-token to the product host',
                'gateway-bearer: Authorization Bearer to the catalog gateway'],
    'huawei': ['sdk-hmac: AK/SK signed with SDK-HMAC-SHA256 (+ X-Project-Id)', 'token: IAM token as X-Auth-Token'],
}

_ANSIBLE_TYPES = {'str': 'str', 'int': 'int', 'bool': 'bool', 'list': 'list'}


def operation(name):
    """The catalog entry of an operation, with its product merged in; an unknown name lists the known ones."""
    if name not in OPERATIONS:
        raise invalid_option('operation', name, 'known operations: ' + ', '.join(sorted(OPERATIONS)))
    op = dict(OPERATIONS[name])
    op['name'] = name
    op['product_key'] = op['product']
    op.update(vendor=PRODUCTS[op['product']]['vendor'], version=PRODUCTS[op['product']]['version'])
    op.setdefault('paging', None)
    op.setdefault('regional', True)
    op.setdefault('secret_fields', ())
    op.setdefault('opaque_fields', ())
    op.setdefault('body_error', None)
    op.setdefault('parent', None)
    return op


def option_params(name):
    """The parameters of an operation that a user sets as options (paging tokens are the engine's)."""
    return [p for p in OPERATIONS[name]['params'] if p['option']]


def argument_spec(name, exclude=()):
    """Ansible argument_spec entries for the operation's options."""
    spec = {}
    for p in option_params(name):
        if p['option'] in exclude:
            continue
        entry = dict(type=_ANSIBLE_TYPES[p['type']])
        if p['type'] == 'list':
            entry['elements'] = 'str'
        if p['choices']:
            entry['choices'] = list(p['choices'])
        spec[p['option']] = entry
    return spec


def validate(name, values, option_names=None):
    """Check option values against the catalog (choices, ranges, required path parameters) before any request.

    values maps option names to values (None = not set). option_names maps an option to the name the user knows
    it by (e.g. "params.MaxResults" for api_info). Returns wire name -> value of the set parameters.
    """
    option_names = option_names or {}
    wire = {}
    for p in OPERATIONS[name]['params']:
        key = p['option']
        if key is None:
            continue
        shown = option_names.get(key, key)
        value = values.get(key)
        if value is None or value == [] or value == '':
            if p['required']:
                raise ApiError('option %s is required by %s' % (shown, name), code='InvalidOption')
            continue
        value = _coerce(p, shown, value)
        _check_text(p, shown, value)
        if p['choices']:
            for item in value if p['type'] == 'list' else [value]:
                if item not in p['choices']:
                    raise invalid_option(shown, item, 'allowed values: ' + ', '.join(p['choices']))
        if p['range']:
            low, high = p['range']
            if value < low or (high is not None and value > high):
                allowed = 'allowed range: %s to %s' % (low, high) if high is not None else 'minimum %s' % low
                raise invalid_option(shown, value, allowed)
        wire[p['wire']] = value
    return wire


def validate_params(name, given, paginate=False):
    """A params dict keyed by wire name (PageSize) or option name (page_size), as api_info and the api lookup take it
    -> wire parameters, checked like validate(); errors call them params.<WireName>. Unknown names fail with the
    known ones. Paging parameters without an option (NextToken, PageNumber) pass through as given, but not with
    paginate: the engine then reads every page from the first, so a page asked for is a contradiction."""
    params = OPERATIONS[name]['params']
    by_name = {}
    for p in params:
        key = p['option'] or p['wire']
        by_name[p['wire']] = by_name[key] = key
    values = {}
    for key, value in (given or {}).items():
        if key not in by_name:
            known = ', '.join(p['wire'] for p in params) or 'none'
            raise invalid_option('params.%s' % key, value, '%s takes the parameters: %s' % (name, known))
        values[by_name[key]] = value
    paging = OPERATIONS[name].get('paging') or {}
    positions = [paging.get(k) for k in ('token', 'number', 'offset') if paging.get(k)]
    for p in params:
        value = values.get(by_name[p['wire']])
        if paginate and p['wire'] in positions and value not in (None, '') and str(value) != str(p['default']):
            raise invalid_option('params.%s' % p['wire'], value, 'it asks for one page, and paginate (true) reads '
                                 'every page from the first: set paginate to false to read that page alone, or '
                                 'leave params.%s out' % p['wire'])
    wire = validate(name, values, dict((p['option'], 'params.' + p['wire']) for p in params if p['option']))
    for p in params:
        if p['option'] is None and values.get(p['wire']) is not None:
            wire[p['wire']] = values[p['wire']]
    return wire


def _check_text(p, shown, value):
    """Strings (each item of a list) against the parameter's format, else against MAX_TEXT; lists against
    MAX_ITEMS. A long value is shown cut, with its length."""
    if p['type'] == 'list' and len(value) > MAX_ITEMS:
        raise ApiError('option %s: %d items are more than the %d allowed' % (shown, len(value), MAX_ITEMS),
                       code='InvalidOption')
    if p['type'] not in ('str', 'list'):
        return
    pattern, allowed = FORMATS[p['format']] if p['format'] else (None, None)
    for item in value if p['type'] == 'list' else [value]:
        if pattern and not re.match(r'(?:%s)\Z' % pattern, item):
            raise invalid_option(shown, _cut(item), allowed)
        if not pattern and len(item) > MAX_TEXT:
            raise invalid_option(shown, _cut(item), 'at most %d characters' % MAX_TEXT)


def _cut(value, keep=40):
    """A value as an error shows it: a long one cut after its first characters, with its length."""
    if len(value) <= keep * 2:
        return value
    return '%s... (%d characters)' % (value[:keep], len(value))


def _coerce(p, shown, value):
    kind = p['type']
    try:
        if kind == 'int':
            if isinstance(value, bool):
                raise ValueError(value)
            return int(value)
        if kind == 'bool':
            if isinstance(value, bool):
                return value
            lowered = str(value).lower()
            if lowered in ('true', 'yes', '1', 'on'):
                return True
            if lowered in ('false', 'no', '0', 'off'):
                return False
            raise ValueError(value)
        if kind == 'list':
            if isinstance(value, str):
                value = [v.strip() for v in value.split(',') if v.strip()]
            return [str(v) for v in value]
        return str(value)
    except (TypeError, ValueError):
        raise invalid_option(shown, value, 'expected a value of type ' + kind)


def one_page(name, params):
    """The paging intent, decided here once: True when the wire parameters ask for one page (a page token, a page
    number, or with offset paging an offset or a limit), False when they ask for every item (the default)."""
    paging = OPERATIONS[name].get('paging')
    if not paging:
        return False
    keys = {'token': ('token',), 'page': ('number',), 'offset': ('offset', 'size')}[paging['style']]
    return any(params.get(paging[key]) is not None for key in keys)


def wire_value(value):
    """How a validated value goes on the wire: lists comma-joined, booleans lowercase (both are accepted)."""
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (list, tuple)):
        return ','.join(str(v) for v in value)
    return str(value)


def wire_names(name):
    """Wire names of an operation's parameters, by where they go."""
    params = OPERATIONS[name]['params']
    return dict((where, [p['wire'] for p in params if p['where'] == where]) for where in ('query', 'path'))


def describe(name):
    """A user-facing description of an operation: what catalog_info returns."""
    op = operation(name)
    product = PRODUCTS[op['product']]
    params = [dict(name=p['wire'], option=p['option'], type=p['type'], required=p['required'], default=p['default'],
                   choices=list(p['choices']) if p['choices'] else None,
                   range=list(p['range']) if p['range'] else None, location=p['where'], description=p['description'])
              for p in op['params']]
    hosts = dict(public='https://' + product['host'],
                 vpc='https://' + product['vpc_host'] if product['vpc_host'] else None)
    if product['vendor'] == 'alibaba':
        path = GATEWAY_PATH.format(service=product['gateway_service'], version=product['version'], operation=name)
        hosts.update(('gateway_' + kind, 'https://' + host + path) for kind, host in sorted(GATEWAY_HOSTS.items()))
    billing = None
    if product['vendor'] == 'alibaba':
        billing = dict((k, v) for k, v in BILLING.items() if k != 'limits')
        billing['limit'] = BILLING['limits'].get(name)
    return dict(vendor=product['vendor'], product=product['name'], product_key=op['product'],
                version=product['version'], operation=name, method=op['method'], path=op['path'],
                description=op['description'], parameters=params,
                paging=op['paging']['style'] if op['paging'] else None, result_key=op['result_key'],
                secret_fields=list(op['secret_fields']), regional=op['regional'], endpoints=hosts,
                regions=list(product.get('regions', ())) or None, auth=AUTH_KINDS[product['vendor']], billing=billing)
