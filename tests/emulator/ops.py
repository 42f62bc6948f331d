# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The emulated operations: pure functions of (dataset, region, parameters) -> response body or ApiError."""

import copy
import re

from . import data as D

SEED_RECOMMEND = {
    'InvalidParameter.ClusterId': 'Use a valid region ID (e.g., cn-hangzhou, cn-shanghai).',
    'InvalidParameter.GatewayId': 'Obtain the correct GatewayId from the ListGateway API response.',
    'ResourceNotFound': 'Ensure the gateway exists in the specified cluster and you have access to it.',
    'UnauthorizedOperation': 'Assign appropriate RAM policies to your user or role.',
}
FORBIDDEN_GATEWAY = 'gw-forbidden0001'
GATEWAY_ID_RE = re.compile(r'^gw-[a-z0-9]+$')
TYPE_MISMATCH = 'failed to read http request, please check your input, code: 400, reason: Type mismatch., cause: TypeMismatchException'


class ApiError(Exception):
    def __init__(self, status, code, message, recommend=None, solution=None):
        super(ApiError, self).__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.recommend = recommend if recommend is not None else SEED_RECOMMEND.get(code)
        self.solution = solution


def _bad(name, message):
    return ApiError(400, 'InvalidParameter.%s' % name, message)


def _enum(params, name, allowed):
    value = params.get(name)
    if value in (None, ''):
        return None
    if value not in allowed:
        raise _bad(name, 'The parameter %s is invalid: %r. Allowed values: %s.' % (name, value, ', '.join(allowed)))
    return value


def _enum_list(params, name, allowed):
    value = params.get(name)
    if value in (None, ''):
        return None
    items = [v.strip() for v in value.split(',') if v.strip()]
    bad = [v for v in items if v not in allowed]
    if bad:
        raise _bad(name, 'The parameter %s contains invalid value(s) %s. Allowed values: %s.' % (name, ', '.join(bad), ', '.join(allowed)))
    return items


def _int(params, name, default, low, high):
    value = params.get(name)
    if value in (None, ''):
        return default
    try:
        number = int(value)
    except ValueError:
        raise _bad(name, 'The parameter %s must be an integer.' % name)
    if number < low or (high is not None and number > high):
        raise _bad(name, 'The parameter %s must be between %s and %s.' % (name, low, high if high is not None else 'infinity'))
    return number


def _bool(params, name):
    value = params.get(name)
    if value in (None, ''):
        return None
    if value in ('True', 'true'):
        return True
    if value in ('False', 'false'):
        return False
    raise _bad(name, 'The parameter %s must be a boolean (true or false).' % name)


def _present_connection(conn, plain, seed):
    result = copy.deepcopy(conn)
    if not plain:
        result['Secrets'] = dict((k, D.masked_secret(v, seed)) for k, v in conn['Secrets'].items())
    return result


# ---------------------------------------------------------------- AIWorkSpace

_QUERIES = {}


def list_connections(dataset, region, params):
    max_results = _int(params, 'MaxResults', 10, 1, 100)
    _enum(params, 'SortBy', ('GmtCreateTime',))
    order = _enum(params, 'Order', ('ASC', 'DESC')) or 'DESC'
    types = _enum_list(params, 'ConnectionTypes', D.CONNECTION_TYPES)
    model_types = _enum_list(params, 'ModelTypes', D.MODEL_TYPES)
    plain = _enum(params, 'EncryptOption', D.ENCRYPT_OPTIONS) == 'PlainText'
    access = _enum(params, 'Accessibility', D.ACCESSIBILITIES)
    tool_call = _bool(params, 'ToolCall')
    ids = [v for v in (params.get('ConnectionIds') or '').split(',') if v]
    name = (params.get('ConnectionName') or '').lower()
    model = params.get('Model') or None

    def model_ok(conn):
        if model is None and model_types is None and tool_call is None:
            return True
        for item in conn.get('Models') or []:
            if ((model is None or item['Model'] == model) and (model_types is None or item['ModelType'] in model_types)
                    and (tool_call is None or item['ToolCall'] == tool_call)):
                return True
        return False

    source = dataset['connections'].get(region, [])
    # The filtered, sorted list of one query, kept for its next pages: without it every page filters and sorts the
    # whole region again, and paging through N connections costs the emulator N^2 / page size (it would then be the
    # bottleneck of the benchmarks). The seeded data never changes while the server runs.
    key = (id(source), len(source), params.get('WorkspaceId'), tuple(ids), name, tuple(types or ()),
           tuple(model_types or ()), access, params.get('Creator'), model, tool_call, order)
    cached = _QUERIES.get(key)
    if cached is not None and cached[0] is source:
        items = cached[1]
    else:
        items = [c for c in source
                 if (not params.get('WorkspaceId') or c['WorkspaceId'] == params['WorkspaceId'])
                 and (not ids or c['ConnectionId'] in ids)
                 and (not name or name in c['ConnectionName'].lower())
                 and (types is None or c['ConnectionType'] in types)
                 and (not access or c['Accessibility'] == access)
                 and (not params.get('Creator') or c.get('Creator') == params['Creator'])
                 and model_ok(c)]
        items.sort(key=lambda c: (c['GmtCreateTime'], c['ConnectionId']), reverse=order == 'DESC')
        if len(_QUERIES) >= 256:
            _QUERIES.clear()
        _QUERIES[key] = (source, items)
    token = params.get('NextToken') or ''
    offset = 0
    if token:
        if not token.isdigit() or int(token) > len(items):
            raise ApiError(400, 'InvalidParameter.NextToken', 'The specified NextToken is invalid or expired.')
        offset = int(token)
    page = items[offset:offset + max_results]
    body = {'TotalCount': len(items), 'MaxResults': max_results}
    if offset + max_results < len(items):
        body['NextToken'] = str(offset + max_results)
    body['Connections'] = [_present_connection(c, plain, dataset['seed']) for c in page]
    return body


def get_connection(dataset, region, params):
    plain = _enum(params, 'EncryptOption', D.ENCRYPT_OPTIONS) == 'PlainText'
    cid = params.get('ConnectionId') or ''
    for conn in dataset['connections'].get(region, []):
        if conn['ConnectionId'] == cid:
            return _present_connection(conn, plain, dataset['seed'])
    raise ApiError(404, 'ResourceNotFound', 'The specified connection does not exist.',
                   recommend='Confirm the WorkspaceId, ConnectionId, or other resource identifiers are correct.')


# ---------------------------------------------------------------- eas

def list_gateway(dataset, region, params):
    page_number = _int(params, 'PageNumber', 1, 1, None)
    page_size = _int(params, 'PageSize', 100, 1, 100)
    gid = params.get('GatewayId')
    gname = (params.get('GatewayName') or '').lower()
    rname = params.get('ResourceName')
    items = [g for g in dataset['gateways'].get(region, [])
             if (not gid or g['GatewayId'] == gid) and (not gname or gname in g['GatewayName'].lower())
             and (not rname or g['ResourceName'] == rname)]
    start = (page_number - 1) * page_size
    gateways = [dict((k, g[k]) for k in D.GATEWAY_LIST_FIELDS) for g in items[start:start + page_size]]
    return {'Gateways': gateways, 'PageNumber': page_number, 'PageSize': page_size, 'TotalCount': len(items)}


def _find_gateway(dataset, params):
    cluster = params.get('ClusterId') or ''
    gid = params.get('GatewayId') or ''
    if cluster not in dataset.get('alibaba_regions', D.ALIBABA_REGIONS):
        raise ApiError(400, 'InvalidParameter.ClusterId', 'The specified ClusterId is invalid or does not exist.')
    if not GATEWAY_ID_RE.match(gid):
        raise ApiError(400, 'InvalidParameter.GatewayId', 'The specified GatewayId is invalid or does not exist.')
    if gid == FORBIDDEN_GATEWAY:
        raise ApiError(403, 'UnauthorizedOperation', 'The caller does not have sufficient permissions to access the private gateway.')
    for gateway in dataset['gateways'].get(cluster, []):
        if gateway['GatewayId'] == gid:
            return gateway
    raise ApiError(404, 'ResourceNotFound', 'The requested private gateway or its configuration could not be found.')


def describe_gateway(dataset, region, params):
    gateway = _find_gateway(dataset, params)
    return dict((k, gateway[k]) for k in D.GATEWAY_DESCRIBE_FIELDS)


def list_gateway_domains(dataset, region, params):
    gateway = _find_gateway(dataset, params)
    return {'Message': 'Successfully listed custom domains', 'CustomDomains': copy.deepcopy(gateway['CustomDomains'])}


# ---------------------------------------------------------------- PaiPlugin / PaiRecService

def get_message_config(dataset, region, params, error_code=0):
    if error_code:
        return {'ErrorCode': error_code, 'ErrorMessage': 'Message configuration is unavailable (emulated ErrorCode %d).' % error_code}
    return {'ErrorCode': 0, 'ErrorMessage': '', 'Data': dict(dataset['message_config'])}


def list_instances(dataset, region, params):
    page_number = _int(params, 'PageNumber', 1, 1, None)
    page_size = _int(params, 'PageSize', 10, 1, 100)
    sort_by = params.get('SortBy') or 'GmtCreateTime'
    if sort_by not in ('GmtCreateTime', 'GmtModifiedTime', 'ExpiredTime'):
        raise _bad('SortBy', 'The parameter SortBy is invalid. Allowed values: GmtCreateTime, GmtModifiedTime, ExpiredTime.')
    order = (params.get('Order') or 'Desc').capitalize()
    if order not in ('Asc', 'Desc'):
        raise _bad('Order', 'The parameter Order is invalid. Allowed values: Asc, Desc.')
    itype = (params.get('Type') or '').lower()
    iid = (params.get('InstanceId') or '').lower()
    items = [i for i in dataset['instances'].get(region, [])
             if (not itype or i['Type'] == itype) and (not iid or iid in i['InstanceId'].lower())]
    items.sort(key=lambda i: (i[sort_by], i['InstanceId']), reverse=order == 'Desc')
    start = (page_number - 1) * page_size
    return {'TotalCount': len(items), 'Instances': copy.deepcopy(items[start:start + page_size])}


# ---------------------------------------------------------------- Huawei DataArts Fabric

def _hw_int(params, name, default, low, high):
    value = params.get(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ApiError(400, 'common.01000001', TYPE_MISMATCH, solution='Check the type of the query parameter %s.' % name)
    if not low <= number <= high:
        raise ApiError(400, 'common.01000001', 'failed to read http request, please check your input, code: 400, reason: '
                       '%s must be in the range [%d, %d].' % (name, low, high),
                       solution='Set %s to a value in [%d, %d].' % (name, low, high))
    return number


def list_base_models(dataset, region, params):
    offset = _hw_int(params, 'offset', 0, 0, 1000000000)
    limit = _hw_int(params, 'limit', 10, 1, 100)
    models = dataset['base_models'].get(region, [])
    return {'total': len(models), 'models': copy.deepcopy(models[offset:offset + limit])}


def list_workspaces(dataset, region, params):
    offset = _hw_int(params, 'offset', 0, 0, 1000000000)
    limit = _hw_int(params, 'limit', 10, 1, 100)
    name = (params.get('name') or '').lower()
    items = [w for w in dataset['workspaces'].get(region, [])
             if (not name or name in w['name'].lower()) and (not params.get('id') or w['id'] == params['id'])
             and (not params.get('enterprise_project_id') or w['enterprise_project_id'] == params['enterprise_project_id'])]
    return {'total': len(items), 'workspaces': copy.deepcopy(items[offset:offset + limit])}


# (product, version, operation) -> handler; the same table serves product endpoints and the catalog gateway.
ALIBABA_OPERATIONS = {
    ('AIWorkSpace', '2021-02-04', 'ListConnections'): list_connections,
    ('AIWorkSpace', '2021-02-04', 'GetConnection'): get_connection,
    ('eas', '2021-07-01', 'ListGateway'): list_gateway,
    ('eas', '2021-07-01', 'DescribeGateway'): describe_gateway,
    ('eas', '2021-07-01', 'ListGatewayDomains'): list_gateway_domains,
    ('PaiPlugin', '2022-01-12', 'GetMessageConfig'): get_message_config,
    ('PaiRecService', '2022-12-13', 'ListInstances'): list_instances,
}
REQUIRED_PARAMS = {
    'GetConnection': ('ConnectionId',),
    'DescribeGateway': ('ClusterId', 'GatewayId'),
    'ListGatewayDomains': ('ClusterId', 'GatewayId'),
}
HUAWEI_OPERATIONS = {'/v1/base-models': ('ListBaseModels', list_base_models), '/v1/workspaces': ('ListWorkspaces', list_workspaces)}


# ---------------------------------------------------------------- paging anomalies (the paging_anomaly knob)

# operation -> (size parameter, its default, its highest value, the page parameter, total key)
PAGED = {
    'ListConnections': ('MaxResults', 10, 100, 'NextToken', 'TotalCount'),
    'ListGateway': ('PageSize', 100, 100, 'PageNumber', 'TotalCount'),
    'ListBaseModels': ('limit', 10, 100, 'offset', 'total'),
}


def paging_anomaly(kind, operation, handler, dataset, region, params):
    """The answer of a paged operation with one paging anomaly (faults.PAGING_ANOMALIES), or None where the
    anomaly does not apply to the operation."""
    if operation not in PAGED:
        return None
    size_name, default, highest, page_name, total_key = PAGED[operation]
    later_page = params.get(page_name) not in (None, '', '0', '1') if page_name != 'NextToken' else bool(params.get(page_name))
    if kind == 'repeat_token':
        if operation != 'ListConnections':
            return None
        body = handler(dataset, region, params)
        if params.get('NextToken'):
            body['NextToken'] = params['NextToken']
        return body
    if kind == 'repeat_page':
        if operation == 'ListConnections':
            return None
        return handler(dataset, region, dict(params, **{page_name: '0' if page_name == 'offset' else '1'}))
    if kind == 'oversize_page':
        size = _int(params, size_name, default, 1, highest) if operation != 'ListBaseModels' else _hw_int(params, size_name, default, 1, highest)
        if size >= highest:
            return None
        body = handler(dataset, region, dict(params, **{size_name: str(size + 1)}))
        if size_name in body:
            body[size_name] = size
        return body
    if kind == 'total_drift':
        body = handler(dataset, region, params)
        if later_page:
            body[total_key] += 1
        return body
    return None
