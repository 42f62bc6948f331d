# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# This module_utils file is private to pai.catalog; its API may change without notice.
"""The main job in one pass: connections, gateways with their custom domains, base models and the message
configuration of many regions, then the facts the roles promise, built here in Python.

Every operation x region is a job on one pool, sharing the client's one session and rate limiter; a gateway's
domains are fetched by the job that listed the gateway, as soon as it has them. The failure policy is the engine's
(ApiError.transient): strict fails on any failure; otherwise a transient failure leaves its region out as a whole,
reported, and a permanent one (credentials, permissions, a bad request, paging anomalies) fails. Facts never hold
part of a region, and they are computed once, in Python: no Jinja walks the items.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.pai.catalog.plugins.module_utils.client import Job, host_regions

RESOURCES = ('connections', 'gateways', 'domains', 'base_models', 'message_config')
# resource -> the operation that lists it, the vendor whose regions it runs in, the field that identifies an item
LISTS = (
    ('connections', 'ListConnections', 'alibaba', 'connection_id'),
    ('gateways', 'ListGateway', 'alibaba', 'gateway_id'),
    ('base_models', 'ListBaseModels', 'huawei', 'base_model_type'),
)
CHILD = 'ListGatewayDomains'
MESSAGE = 'GetMessageConfig'
# resource -> the operations that gather it
OPERATIONS = dict(connections=('ListConnections',), gateways=('ListGateway',), domains=('ListGateway', CHILD),
                  base_models=('ListBaseModels',), message_config=(MESSAGE,))


def operations(resources, vendor):
    """The operations of a vendor that a pass over these resources calls, for the checks made before any request."""
    vendor_ops = dict((op, v) for _name, op, v, _id in LISTS)
    vendor_ops.update({CHILD: 'alibaba', MESSAGE: 'alibaba'})
    names = []
    for resource in resources:
        names.extend(op for op in OPERATIONS[resource] if vendor_ops[op] == vendor and op not in names)
    return names


def vendors(regions, fabric_regions, resources):
    """The vendors whose credentials a pass needs."""
    return sorted(vendor for vendor, given in (('alibaba', regions), ('huawei', fabric_regions))
                  if given and operations(resources, vendor))


class Gathered:
    """What one pass found: the items of every region that answered in full, and the failures."""

    def __init__(self, regions, fabric_regions, resources):
        self.regions = list(regions)
        self.fabric_regions = list(fabric_regions)
        self.resources = tuple(resources)
        self.items = dict((name, []) for name, _op, _vendor, _id in LISTS)
        self.items['domains'] = []
        self.message_config = None
        self.errors = []   # ApiError of every failed job, in the order the jobs were planned


def gather(client, regions, fabric_regions=(), resources=RESOURCES, connection_params=None, strict=True):
    """Run the pass -> Gathered. Raises the first failure that the policy does not tolerate."""
    domains = 'domains' in resources
    plan = []
    for name, operation, vendor, _id in LISTS:
        if name in resources or (name == 'gateways' and domains):
            params = connection_params or {} if name == 'connections' else {}
            plan.extend((name, operation, Job(region, params)) for region in
                        (regions if vendor == 'alibaba' else fabric_regions))
    if 'message_config' in resources and regions:
        plan.append(('message_config', MESSAGE, Job(host_regions(MESSAGE, regions)[0], {})))

    def run(entry):
        name, operation, job = entry
        client.run(operation, [job], strict=False)
        if job.error is None and name == 'gateways' and domains:
            children = client.children(CHILD, job.items, strict=False)
            failed = [child.error for child in children if child.error is not None]
            if failed:
                job.error = failed[0]
            else:
                job.children = children
        return entry

    found = Gathered(regions, fabric_regions, resources)
    if plan:
        # Each operation fans out over its regions at the client's concurrency, as a task of its own would.
        kinds = len(set(operation for _name, operation, _job in plan))
        with ThreadPoolExecutor(max_workers=min(len(plan), client.concurrency * kinds)) as pool:
            done = list(pool.map(run, plan))
    else:
        done = []
    found.errors = [job.error for _name, _op, job in done if job.error is not None]
    for error in found.errors:
        if strict or not error.transient:
            raise error
    left_out = set(e.region for e in found.errors if e.operation != MESSAGE)
    for name, _operation, job in done:
        if job.error is not None or job.region in left_out:
            continue
        if name == 'message_config':
            found.message_config = job.items[0] if job.items else {}
            continue
        found.items[name].extend(job.items)
        for child in getattr(job, 'children', ()):
            found.items['domains'].extend(dict(item, gateway_id=child.tag['gateway_id']) for item in child.items)
            child.tag['custom_domains'] = [dict((k, v) for k, v in item.items() if k != 'region')
                                           for item in child.items]
    return found


def _ids_by_region(items, regions, key):
    """region -> the ids of its items, every region that answered (empty ones too), in the order given."""
    grouped = dict((region, []) for region in regions)
    for item in items:
        grouped.setdefault(item.get('region'), []).append(item.get(key))
    return grouped


def _count(items, key):
    counts = {}
    for item in items:
        value = item.get(key)
        value = 'unknown' if value in (None, '') else str(value)
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items()))


def _calls(api_calls, operations):
    return dict((name, count) for name, count in sorted(api_calls.items()) if name in operations)


def facts(found, api_calls, items=True):
    """The facts of the main job, from one pass. With items=False the facts that hold every item are left out;
    counts, ids by region and failures stay."""
    failed = [error.to_dict() for error in found.errors]
    regional = [e for e in failed if e.get('operation') != MESSAGE]
    left_out = set(e.get('region') for e in regional)
    ok = [r for r in found.regions if r not in left_out]
    ok_fabric = [r for r in found.fabric_regions if r not in left_out]
    alibaba_failed = [e for e in regional if e.get('region') in found.regions]
    result = dict(pai_failed_regions=failed, pai_api_calls=dict(sorted(api_calls.items())))
    counts_by_region = dict((region, dict(connections=0, gateways=0, domains=0, base_models=0, status='failed'))
                            for region in found.regions + found.fabric_regions)
    for region in ok + ok_fabric:
        counts_by_region[region]['status'] = 'ok'
    for name in ('connections', 'gateways', 'domains', 'base_models'):
        for item in found.items[name]:
            counts_by_region.setdefault(item.get('region'), dict(
                connections=0, gateways=0, domains=0, base_models=0, status='ok'))[name] += 1
    for counts in counts_by_region.values():
        if counts['status'] == 'ok' and not (counts['connections'] or counts['gateways'] or counts['base_models']):
            counts['status'] = 'empty'
    result['pai_counts_by_region'] = counts_by_region
    if 'connections' in found.resources:
        conns = found.items['connections']
        by_region = _ids_by_region(conns, ok, 'connection_id')
        result.update(
            pai_connections_by_region=by_region,
            pai_connection_counts=dict(total=len(conns),
                                       by_region=dict((r, len(ids)) for r, ids in by_region.items()),
                                       by_type=_count(conns, 'connection_type'),
                                       by_accessibility=_count(conns, 'accessibility')),
            pai_connection_api_calls=_calls(api_calls, ('ListConnections',)),
            pai_connection_failed_regions=alibaba_failed)
        if items:
            result['pai_connections'] = conns
    if set(('gateways', 'domains')) & set(found.resources):
        gateways = found.items['gateways']
        result.update(
            pai_gateways_by_region=_ids_by_region(gateways, ok, 'gateway_id'),
            pai_gateway_counts=dict(total=len(gateways), domains=len(found.items['domains']),
                                    by_status=_count(gateways, 'status'),
                                    domains_by_type=_count(found.items['domains'], 'type')),
            pai_gateway_api_calls=_calls(api_calls, ('ListGateway', CHILD)),
            pai_gateway_failed_regions=alibaba_failed)
        if items:
            result.update(pai_gateways=gateways, pai_gateway_domains=found.items['domains'])
    if 'base_models' in found.resources:
        models = found.items['base_models']
        by_region = _ids_by_region(models, ok_fabric, 'base_model_type')
        result.update(
            pai_base_models_by_region=by_region,
            pai_base_model_counts=dict(total=len(models),
                                       by_region=dict((r, len(ids)) for r, ids in by_region.items())),
            pai_base_model_api_calls=_calls(api_calls, ('ListBaseModels',)),
            pai_base_model_failed_regions=[e for e in regional if e.get('region') in found.fabric_regions])
        if items:
            result['pai_base_models'] = models
    if 'message_config' in found.resources:
        result['pai_message_config'] = found.message_config or {}
    return result


def audit_inventory(found, encrypt_option=None):
    """What the audit rules read, from the same pass (no second crossing of the items)."""
    return dict(regions=found.regions, fabric_regions=found.fabric_regions,
                connections=found.items['connections'], gateways=found.items['gateways'],
                domains=found.items['domains'], base_models=found.items['base_models'],
                message_config=found.message_config or {},
                failed_regions=[error.to_dict() for error in found.errors], encrypt_option=encrypt_option)
