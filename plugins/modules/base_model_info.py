#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
module: base_model_info
short_description: List the base models that Huawei Cloud DataArts Fabric offers
version_added: 0.1.0
description:
  - Calls the DataArts Fabric C(ListBaseModels) operation (C(GET /v1/base-models)) in every region of O(regions)
    concurrently.
  - Without O(offset) and O(limit), every page is fetched (concurrently once the first page gives C(total)).
    With either of them, exactly that page.
  - Regions with a known endpoint are C(cn-north-4) and C(cn-southwest-2); any other region needs O(endpoint_url).
author:
  - pai.catalog maintainers (@pai-catalog)
options:
  offset:
    description:
      - Offset where the page starts (0 to 1000000000). Setting it (or O(limit)) returns one page only.
    type: int
  limit:
    description:
      - Records on the page (1 to 100). Setting it (or O(offset)) returns one page only.
    type: int
extends_documentation_fragment:
  - pai.catalog.alibaba_auth
  - pai.catalog.huawei_auth
  - pai.catalog.endpoint
  - pai.catalog.info_module
'''

EXAMPLES = r'''
- name: Every base model of two regions, with AK/SK from HUAWEICLOUD_SDK_AK/SK/PROJECT_ID
  pai.catalog.base_model_info:
    regions: [cn-north-4, cn-southwest-2]
  register: models

- name: The second page of ten, with an IAM token
  pai.catalog.base_model_info:
    regions: cn-north-4
    huawei_auth_token: "{{ iam_token }}"
    offset: 10
    limit: 10

- name: Models with a small context window
  ansible.builtin.debug:
    msg: "{{ models.base_models | selectattr('max_tokens', 'lt', 8192) | map(attribute='base_model_type') }}"
'''

RETURN = r'''
base_models:
  description: The base models, each with the region it came from.
  returned: always
  type: list
  elements: dict
  contains:
    base_model_type:
      description: Base model type.
      type: str
      sample: qwen2.5-72b
    max_tokens:
      description: Maximum number of tokens supported.
      type: int
      sample: 32768
    num_of_mu:
      description: Number of MUs consumed.
      type: int
      sample: 8
    region:
      description: The region that returned the model.
      type: str
      sample: cn-north-4
total:
  description: Number of base models over all regions; with O(offset) or O(limit), the API's total of the
    matching models rather than the number on the page.
  returned: always
  type: int
  sample: 12
request_ids:
  description: The C(X-Request-Id) of every API response.
  returned: always
  type: list
  elements: str
  sample: ["a2c4e1d0b6f84e7e9b1e2d3c4f5a6b7c"]
failed_regions:
  description:
    - With O(strict=false), the regions that failed after their retries, one entry each with C(region),
      C(operation), C(status), C(code), C(message), C(request_id) and C(recommended_action); the results leave them
      out. Always empty with O(strict=true), which fails the task instead.
  returned: always
  type: list
  elements: dict
  sample: [{"region": "cn-shanghai", "operation": "ListConnections", "status": 503, "code": "ServiceUnavailable",
            "message": "The service is unavailable.", "request_id": "5C2D1E7A-11", "attempts": 5}]
api_calls:
  description: HTTP requests sent per operation, retries included.
  returned: always
  type: dict
  sample: {"ListBaseModels": 2}
'''

from ansible_collections.pai.catalog.plugins.module_utils.catalog import argument_spec
from ansible_collections.pai.catalog.plugins.module_utils.module import CatalogModule


def run(base):
    params = base.validate('ListBaseModels')
    regions = base.regions()
    result = base.call('ListBaseModels', params, regions)
    base.exit(base_models=result.items, total=result.total_count, request_ids=result.request_ids)


def main():
    CatalogModule(['ListBaseModels'], argument_spec=argument_spec('ListBaseModels')).run(run)


if __name__ == '__main__':
    main()
