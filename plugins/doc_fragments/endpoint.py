# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  regions:
    description:
      - Regions to query, all in one task and concurrently. A single string is accepted, also comma-separated.
      - If not set, E(ALIBABA_CLOUD_REGION_ID) or E(ALICLOUD_REGION) for Alibaba Cloud operations and
        E(HUAWEICLOUD_SDK_REGION) for Huawei Cloud ones.
    type: list
    elements: str
    aliases: [region]
  endpoint_url:
    description:
      - An explicit endpoint URL that replaces the host rules, for example a private endpoint, a proxy or the
        emulator in C(tests/emulator). It may contain C({region}) and C({product}), so one URL serves every
        region, for example C(http://127.0.0.1:8765/r/{region}).
      - If not set, E(PAI_CATALOG_ENDPOINT_URL).
    type: str
  endpoint_form:
    description:
      - C(product) calls the product host (for example C(aiworkspace.cn-hangzhou.aliyuncs.com)), as the vendors'
        SDKs do; it takes an AccessKey pair or a bearer key.
      - C(gateway) calls the catalog gateway C(https://api.aliyun.com/api/{service}/{version}/{operation}) for
        China regions or C(api.alibabacloud.com) for international ones, with a bearer API key. Alibaba Cloud only.
    type: str
    choices: [product, gateway]
    default: product
  network:
    description:
      - C(vpc) uses the product's VPC host (for example C(aiworkspace-vpc.cn-hangzhou.aliyuncs.com)).
    type: str
    choices: [public, vpc]
    default: public
  connect_timeout:
    description: Seconds to wait for a connection, per attempt (0.001 to 600).
    type: float
    default: 5.0
  read_timeout:
    description: Seconds to wait for a response, per attempt (0.001 to 3600).
    type: float
    default: 10.0
  validate_certs:
    description: Verify TLS certificates. Only turn it off for a test endpoint; prefer O(ca_path).
    type: bool
    default: true
  ca_path:
    description: A PEM file of CA certificates to verify the endpoint with, for example a private CA's.
    type: path
  max_attempts:
    description:
      - Attempts per request (1 to 20), including the first. Retried are HTTP 408, 429, 500, 502, 503, 504,
        C(Throttling*) and C(ServiceUnavailable) codes, dropped connections and truncated bodies, with jittered
        exponential backoff or the wait the server asks for (C(Retry-After), C(x-acs-retry-after)).
      - A retry repeats one request, never a whole pagination.
      - A throttled answer (429, C(Throttling*), C(APIG.0308)) halves the request rate of the rest of the task and
        does not count as a failed attempt; O(max_retry_time) bounds its retries (and three times O(max_attempts)
        requests in all). With V(1) nothing is retried.
      - The default of 8 keeps the chance that a request fails for good under one in ten million when one answer in
        five is a fault (docs/reliability.md).
    type: int
    default: 8
  max_retry_time:
    description: Seconds that the retries of one request may take in all (0 to 3600).
    type: float
    default: 60.0
  rate_limit:
    description: Requests per second for the whole task, across all regions and threads (the seed's quota is 100).
    type: float
    default: 100.0
  concurrency:
    description: Regions, and pages of one region, fetched at the same time (1 to 64).
    type: int
    default: 8
  strict:
    description:
      - With V(true), a region that fails (after the retries) fails the task, and no partial result is returned.
      - With V(false), a region that fails transiently (5xx, 408, 429, throttling, the network, a body cut short)
        is left out; the task returns the items of the regions that answered, lists the others in
        C(failed_regions) with status, code, message, request id and C(transient), and warns about each.
      - Failures that would happen again fail the task either way (the engine decides, once, for every plugin);
        invalid options, missing or refused credentials, permissions, requests the API refuses, TLS errors and
        paging anomalies.
    type: bool
    default: true
'''
