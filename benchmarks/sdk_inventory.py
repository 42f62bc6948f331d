# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Baselines of the benchmark: the same inventory with the official Alibaba Cloud SDKs, the way their documentation
shows it: one client per product and region, ListConnections page by page with NextToken, ListGateway page by page,
then ListGatewayDomains for each gateway. One region after another, or with --threads one thread per region
(concurrent.futures), each thread doing the whole work of its region.

    python benchmarks/sdk_inventory.py --proxy http://127.0.0.1:PORT --regions cn-hangzhou,cn-shanghai [--threads]

The clients are built for the real product hosts (aiworkspace.{region}.aliyuncs.com, pai-eas.{region}.aliyuncs.com)
over HTTP, with the emulator as their HTTP proxy: the emulator serves each region from the Host header, and the
SDK signs exactly what it would sign for the real service. Prints the counts as JSON.
"""

import argparse
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument('--proxy', required=True, help='http://127.0.0.1:PORT of the emulator')
    parser.add_argument('--regions', required=True, help='comma-separated region IDs')
    parser.add_argument('--page-size', type=int, default=100)
    parser.add_argument('--threads', action='store_true', help='one thread per region')
    args = parser.parse_args(argv)

    from alibabacloud_aiworkspace20210204 import models as ws_models
    from alibabacloud_aiworkspace20210204.client import Client as AIWorkSpaceClient
    from alibabacloud_eas20210701 import models as eas_models
    from alibabacloud_eas20210701.client import Client as EasClient
    from alibabacloud_tea_openapi.models import Config

    key_id = os.environ['ALIBABA_CLOUD_ACCESS_KEY_ID']
    key_secret = os.environ['ALIBABA_CLOUD_ACCESS_KEY_SECRET']

    def config(host, region):
        return Config(access_key_id=key_id, access_key_secret=key_secret, region_id=region, endpoint=host,
                      protocol='http', http_proxy=args.proxy)

    def region_inventory(region):
        """(connections, gateways, domains) of one region."""
        connections, gateways, domains = [], [], []
        workspace = AIWorkSpaceClient(config('aiworkspace.%s.aliyuncs.com' % region, region))
        token = None
        while True:
            request = ws_models.ListConnectionsRequest(max_results=args.page_size, next_token=token)
            body = workspace.list_connections(request).body
            connections.extend(body.connections or [])
            token = body.next_token
            if not token:
                break
        eas = EasClient(config('pai-eas.%s.aliyuncs.com' % region, region))
        page = 1
        while True:
            body = eas.list_gateway(eas_models.ListGatewayRequest(page_number=page, page_size=args.page_size)).body
            listed = body.gateways or []
            gateways.extend(listed)
            if not listed or page * args.page_size >= (body.total_count or 0):
                break
            page += 1
        for gateway in gateways:
            domains.extend(eas.list_gateway_domains(region, gateway.gateway_id).body.custom_domains or [])
        return connections, gateways, domains

    regions = args.regions.split(',')
    if args.threads:
        with ThreadPoolExecutor(max_workers=len(regions)) as pool:
            results = list(pool.map(region_inventory, regions))
    else:
        results = [region_inventory(region) for region in regions]
    counts = dict((name, sum(len(result[index]) for result in results))
                  for index, name in enumerate(('connections', 'gateways', 'domains')))
    json.dump(counts, sys.stdout)
    sys.stdout.write('\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
