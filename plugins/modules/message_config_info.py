#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
module: message_config_info
short_description: Read the PAI message service configuration
version_added: 0.1.0
description:
  - Calls the PaiPlugin C(GetMessageConfig) operation. The configuration is one per account; O(regions) only
    chooses the host of the catalog gateway (China or international) and defaults to C(cn-hangzhou).
  - A non-zero C(ErrorCode) in a successful HTTP response is reported as a failure, not as data.
author:
  - pai.catalog maintainers (@pai-catalog)
extends_documentation_fragment:
  - pai.catalog.alibaba_auth
  - pai.catalog.huawei_auth
  - pai.catalog.endpoint
  - pai.catalog.info_module
'''

EXAMPLES = r'''
- name: Read the message configuration
  pai.catalog.message_config_info:
  register: message

- name: Through the catalog gateway with a bearer key
  pai.catalog.message_config_info:
    endpoint_form: gateway
    api_key: "{{ lookup('ansible.builtin.env', 'PAI_API_KEY') }}"
'''

RETURN = r'''
message_config:
  description: The message configuration.
  returned: always
  type: dict
  contains:
    sms_report_url:
      description: URL that receives SMS delivery reports.
      type: str
      sample: https://mns.example.com/sms/report
    sms_up_url:
      description: URL that receives upstream SMS.
      type: str
      sample: https://mns.example.com/sms/up
  sample: {"sms_report_url": "https://mns.example.com/sms/report", "sms_up_url": "https://mns.example.com/sms/up"}
request_ids:
  description: The request ID of the API response.
  returned: always
  type: list
  elements: str
  sample: ["40325405-579C-4D82-9624-EC2B1779848E"]
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
  sample: {"GetMessageConfig": 1}
'''

from ansible_collections.pai.catalog.plugins.module_utils.module import CatalogModule


def run(base):
    # A global operation: the engine picks the host region (the first given, else its default).
    result = base.call('GetMessageConfig', {}, base.regions() if base.params['regions'] else None)
    base.exit(message_config=result.items[0] if result.items else {}, request_ids=result.request_ids)


def main():
    CatalogModule(['GetMessageConfig']).run(run)


if __name__ == '__main__':
    main()
