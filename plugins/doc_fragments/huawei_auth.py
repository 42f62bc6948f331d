# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  huawei_access_key:
    description:
      - Huawei Cloud access key (AK); requests are signed with SDK-HMAC-SHA256.
      - The Huawei Cloud options are used by the DataArts Fabric operations only; every module accepts them so
        that one C(module_defaults) entry can serve the whole group.
      - If not set, E(HUAWEICLOUD_SDK_AK).
      - Credentials come from the first place that holds any of them, task options then environment variables;
        AK/SK wins over O(huawei_auth_token) when both are there.
    type: str
  huawei_secret_key:
    description:
      - Huawei Cloud secret key (SK) that goes with O(huawei_access_key).
      - If not set, E(HUAWEICLOUD_SDK_SK). Never logged or returned.
    type: str
  huawei_project_id:
    description:
      - Huawei Cloud project ID, sent as C(X-Project-Id); required with AK/SK.
      - If not set, E(HUAWEICLOUD_SDK_PROJECT_ID).
    type: str
  huawei_security_token:
    description:
      - Security token of temporary AK/SK credentials, sent as C(X-Security-Token).
      - If not set, E(HUAWEICLOUD_SDK_SECURITY_TOKEN).
    type: str
  huawei_auth_token:
    description:
      - IAM token sent as C(X-Auth-Token) (up to 65,534 characters), used when no AK/SK is given.
      - If not set, E(HUAWEICLOUD_AUTH_TOKEN).
    type: str
'''
