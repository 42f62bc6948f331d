# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
# This module_utils file is private to pai.catalog; its API may change without notice.
"""call(operation, params, regions) -> items.

Builds and signs each request, fans out over regions concurrently (and over pages where the total is known),
follows NextToken to the end, checks that paging is sane, normalises keys to snake_case, redacts secrets and
counts calls. Knows nothing about Ansible.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import re
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.pai.catalog.plugins.module_utils import catalog, endpoints, signing
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError, Scrubber

REDACTED = 'VALUE_REDACTED_BY_PAI_CATALOG'
MAX_PAGES = 100000
DEFAULT_HOST_REGION = 'cn-hangzhou'
_CAMEL = re.compile(r'(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])')


_SNAKE = {}


def snake(name):
    """GmtCreateTime -> gmt_create_time, SSLRedirectionEnabled -> ssl_redirection_enabled.

    Memoised: every item of every page repeats the same few keys, and the regex is most of normalise()'s time.
    """
    try:
        return _SNAKE[name]
    except KeyError:
        value = _CAMEL.sub('_', name).lower()
        if len(_SNAKE) < 4096:  # keys are field names, a bounded set; never grow without limit
            _SNAKE[name] = value
        return value


def normalise(value, opaque=(), secret=(), reveal=False):
    """snake_case keys throughout, except inside opaque maps (Configs, Secrets) whose keys are data.

    Secret fields have every value replaced by REDACTED unless reveal is true.
    """
    if isinstance(value, list):
        return [normalise(v, opaque, secret, reveal) for v in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        if key in secret and not reveal:
            item = _redact(item)
        elif key in opaque:
            item = dict(item) if isinstance(item, dict) else item
        else:
            item = normalise(item, opaque, secret, reveal)
        result[snake(key)] = item
    return result


def _redact(value):
    if isinstance(value, dict):
        return dict((k, REDACTED) for k in value)
    if isinstance(value, list):
        return [REDACTED for _v in value]
    return REDACTED if value not in (None, '') else value


class Result:
    """Items of every job that answered, and the errors of those that did not."""

    def __init__(self, jobs=()):
        self.items = []
        self.total_count = 0
        self.request_ids = []
        self.errors = []
        self.regions = []
        for job in jobs:
            if job.error is not None:
                self.errors.append(job.error)
                continue
            self.regions.append(job.region)
            self.items.extend(job.items)
            self.total_count += job.total
            self.request_ids.extend(job.request_ids)


class Job:
    """One operation in one region with one set of parameters, and what came of it."""

    def __init__(self, region, params, tag=None):
        self.region = region
        self.params = params
        self.tag = tag
        self.items, self.total, self.request_ids, self.error = [], 0, [], None


class Client:
    def __init__(self, transport, credentials, network='public', form='product', endpoint_url=None,
                 reveal_secrets=False, concurrency=8, scrubber=None):
        """credentials: vendor name -> credentials.Credentials (only the vendors this run calls); scrubber: the
        run's errors.Scrubber, which knows them (the transport's)."""
        self.transport = transport
        self.credentials = credentials
        self.scrubber = scrubber if scrubber is not None else Scrubber()
        self.network = network
        self.form = form
        self.endpoint_url = endpoint_url
        self.reveal_secrets = reveal_secrets
        self.concurrency = max(1, int(concurrency))

    def call(self, name, params, regions=None, paginate=None, strict=True):
        """Run an operation in every region concurrently -> Result.

        params: wire name -> validated value (catalog.validate). With strict, the first failed region raises;
        otherwise failed regions are in result.errors and the others' items are kept. paginate: None for the
        paging intent of the parameters (catalog.one_page), True for every page, False for one.
        """
        regions = host_regions(name, regions)
        if paginate is None:
            paginate = not catalog.one_page(name, params)
        return Result(self.run(name, [Job(region, params) for region in regions], paginate, strict))

    def run(self, name, jobs, paginate=True, strict=True):
        """Run jobs of one operation concurrently; each job gets its items or its error. Returns the jobs."""
        op = catalog.operation(name)
        plans = [(job, endpoints.resolve(op, job.region, self.network, self.form, self.endpoint_url))
                 for job in jobs]
        if not plans:
            return []
        if len(plans) == 1:
            self._job(op, plans[0][0], plans[0][1], paginate)
        else:
            with ThreadPoolExecutor(max_workers=min(len(plans), self.concurrency)) as pool:
                for future in [pool.submit(self._job, op, job, plan, paginate) for job, plan in plans]:
                    future.result()
        failed = [job.error for job in jobs if job.error is not None]
        if strict and failed:
            raise failed[0]
        return jobs

    def _job(self, op, job, plan, paginate):
        """Run one job in the calling thread: its items, or its error (with region and operation) on the job."""
        try:
            job.items, job.total, job.request_ids = self._region(op, job.params, job.region, plan[0], plan[1],
                                                                 paginate)
        except ApiError as exc:
            exc.region = exc.region or job.region
            exc.operation = exc.operation or op['name']
            job.error = self.scrubber.error(exc)  # whatever layer raised it, no credential leaves the client
        return job

    def children(self, name, parents, strict=True):
        """Parent -> child fan-out, declared in the catalog: one job of operation `name` per parent item, its
        parameters taken from the parent's fields (e.g. a gateway's region and gateway_id for its domains), each job
        tagged with its parent; the jobs run concurrently. Returns the jobs."""
        relation = catalog.operation(name)['parent']
        jobs = [Job(parent['region'], dict((wire, parent[field]) for wire, field in relation['params'].items()),
                    parent) for parent in parents]
        return self.run(name, jobs, strict=strict)

    # one region ---------------------------------------------------------------------------------------------

    def _region(self, op, params, region, base, path, paginate):
        paging = op['paging'] if paginate else None
        if paging is None:
            body, request_id = self._request(op, params, region, base, path)
            items = self._items(op, body, region)
            return items, _total(body, len(items)), [request_id]
        if paging['style'] == 'token':
            return self._token_pages(op, params, region, base, path, paging)
        return self._counted_pages(op, params, region, base, path, paging)

    def _token_pages(self, op, params, region, base, path, paging):
        size = params.get(paging['size']) or paging['default_size']
        items, request_ids, seen, token, total = [], [], set(), None, None
        pages = {}
        for index in range(MAX_PAGES):
            page_params = dict(params, **{paging['size']: size})
            if token:
                page_params[paging['token']] = token
            body, request_id = self._request(op, page_params, region, base, path)
            request_ids.append(request_id)
            page = self._items(op, body, region)
            self._check_page(op, region, page, size, request_id)
            _check_repeated(pages, index, page, request_id)
            items.extend(page)
            page_total = body.get(paging['total'])
            if page_total is not None and total is not None and page_total != total:
                raise ApiError('%s changed from %s to %s while paging: the data changed while it was read; run again'
                               % (paging['total'], total, page_total), code='PagingError', request_id=request_id)
            total = total if page_total is None else page_total
            token = body.get(paging['token'])
            if not token:
                break
            if token in seen:
                raise ApiError('the API returned NextToken %r twice; stopped paging to avoid an endless loop'
                               % token, code='PagingError', request_id=request_id)
            seen.add(token)
        else:
            raise ApiError('more than %d pages; stopped paging' % MAX_PAGES, code='PagingError')
        if total is not None and total != len(items):
            raise ApiError('TotalCount said %s but paging returned %d items: the data changed while it was read; '
                           'run again' % (total, len(items)), code='PagingError', request_id=request_ids[-1])
        return items, len(items), request_ids

    def _counted_pages(self, op, params, region, base, path, paging):
        """PageNumber/PageSize or offset/limit: the first page gives the total, the rest are fetched concurrently."""
        size = params.get(paging['size']) or paging['default_size']

        def fetch(index):
            page_params = dict(params, **{paging['size']: size})
            if paging['style'] == 'page':
                page_params[paging['number']] = index + 1
            else:
                page_params[paging['offset']] = index * size
            body, request_id = self._request(op, page_params, region, base, path)
            page = self._items(op, body, region)
            self._check_page(op, region, page, size, request_id)
            return page, body.get(paging['total']), request_id

        first, total, first_id = fetch(0)
        if not isinstance(total, int):
            raise ApiError('the response has no %s to page by' % paging['total'], code='PagingError',
                           request_id=first_id)
        count = -(-total // size) if total else 1
        if count > MAX_PAGES:
            raise ApiError('%s of %d means more than %d pages' % (paging['total'], total, MAX_PAGES),
                           code='PagingError', request_id=first_id)
        pages = [(first, total, first_id)]
        if count > 1:
            with ThreadPoolExecutor(max_workers=min(count - 1, self.concurrency)) as pool:
                pages.extend(pool.map(fetch, range(1, count)))
        items, seen = [], {}
        for index, (page, page_total, request_id) in enumerate(pages):
            _check_repeated(seen, index, page, request_id)
            if page_total != total:
                raise ApiError('%s changed from %s to %s while paging: the data changed while it was read; run '
                               'again' % (paging['total'], total, page_total), code='PagingError',
                               request_id=request_id)
            items.extend(page)
        if len(items) != total:
            raise ApiError('%s said %d but the pages held %d items' % (paging['total'], total, len(items)),
                           code='PagingError', request_id=pages[-1][2])
        return items, total, [p[2] for p in pages]

    @staticmethod
    def _check_page(op, region, page, size, request_id=None):
        if len(page) > size:
            raise ApiError('a page held %d items but %d were asked for' % (len(page), size), code='PagingError',
                           region=region, operation=op['name'], request_id=request_id)

    def _items(self, op, body, region):
        if op['body_error'] and body.get(op['body_error'][0]) not in (None, 0, '0'):
            code_key, message_key = op['body_error']
            raise ApiError(body.get(message_key) or 'the response reports an error', status=200,
                           code=str(body.get(code_key)), request_id=body.get('RequestId'))
        key = op['result_key']
        if key is None:
            raw = [dict((k, v) for k, v in body.items() if k != 'RequestId')]
        else:
            raw = body.get(key)
            raw = [] if raw is None else raw
            raw = [raw] if isinstance(raw, dict) else raw
            if not isinstance(raw, list):
                raise ApiError('the response field %s is not a list' % key, code='InvalidResponse')
        items = normalise(raw, op['opaque_fields'], op['secret_fields'], self.reveal_secrets)
        if op['regional']:
            for item in items:
                item['region'] = region
        return items

    # one request --------------------------------------------------------------------------------------------

    def _request(self, op, params, region, base, path):
        """Sign and send one request (re-signed on every retry); returns (body, request id)."""
        creds = self.credentials.get(op['vendor'])
        if creds is None:
            raise ApiError('no %s credentials were resolved for %s' % (op['vendor'], op['name']),
                           code='MissingCredentials')
        kind = creds.auth_kind(self.form)
        wire = catalog.wire_names(op['name'])
        query = [(k, catalog.wire_value(params[k])) for k in wire['query'] if params.get(k) is not None]
        path_params = dict((k, catalog.wire_value(params[k])) for k in wire['path'] if params.get(k) is not None)
        if self.form == 'gateway':
            query.extend(sorted(path_params.items()))
            if op['regional']:
                query.append(('RegionId', region))
            path_params = {}
        try:
            full_path = signing.encode_path(path, path_params)
        except ValueError as exc:
            raise ApiError(str(exc), code='InvalidOption')
        scheme, _sep, rest = base.partition('://')
        host, _slash, prefix = rest.partition('/')
        full_path = ('/' + prefix if prefix else '') + full_path
        query_string = signing.canonical_query(query)
        url = '%s://%s%s%s' % (scheme, host, full_path, '?' + query_string if query_string else '')

        def prepare():
            if kind in ('acs3', 'sts'):
                headers = signing.acs3_headers(op['method'], host, op['name'], op['version'], full_path, query, '',
                                               creds.get('access_key_id'), creds.get('access_key_secret'),
                                               security_token=creds.get('security_token'))
            elif kind == 'sdk-hmac':
                headers = signing.sdk_headers(op['method'], host, full_path, query, '', creds.get('huawei_access_key'),
                                              creds.get('huawei_secret_key'), creds.get('huawei_project_id'),
                                              creds.get('huawei_security_token'))
            elif kind == 'token':
                headers = signing.token_headers(creds.get('huawei_auth_token'))
            elif kind == 'gateway-bearer':
                headers = dict(signing.bearer_gateway_headers(creds.get('api_key')), accept='application/json')
            else:
                headers = dict(signing.bearer_product_headers(creds.get('api_key')), accept='application/json')
                headers.update({'x-acs-action': op['name'], 'x-acs-version': op['version']})
            return url, headers, None

        body, headers = self.transport.send(prepare, op['name'], op['method'])
        if not isinstance(body, dict):
            raise ApiError('the response is not a JSON object', code='InvalidResponse', region=region,
                           operation=op['name'])
        request_id = body.get('RequestId') or headers.get('X-Request-Id') or headers.get('x-acs-request-id')
        return body, request_id


def _check_repeated(seen, index, page, request_id):
    """A page identical to an earlier one means the API ignored the page asked for: the items would come twice.

    Pages are told apart by their size and their first and last items: a listing never holds an item twice, so two
    pages that begin and end alike are the same page. Keeping that, not a copy of every page, keeps the guard cheap
    on large answers."""
    if not page:
        return
    key = (len(page), repr(page[0]), repr(page[-1]))
    if key in seen:
        raise ApiError('page %d repeated page %d item for item: the API ignored the page asked for; stopped paging '
                       'rather than return items twice' % (index + 1, seen[key] + 1), code='PagingError',
                       request_id=request_id)
    seen[key] = index


def host_regions(name, regions):
    """The regions an operation runs in: all of them, or for a non-regional operation (one global answer) the
    first only, which picks the host (China or international); cn-hangzhou when none is given."""
    regions = list(regions or [DEFAULT_HOST_REGION])
    return regions if catalog.operation(name)['regional'] else regions[:1]


def _total(body, default):
    for key in ('TotalCount', 'total'):
        if isinstance(body.get(key), int):
            return body[key]
    return default
