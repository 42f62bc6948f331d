# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type


class ModuleDocFragment(object):
    """Huawei Cloud credentials of the controller plugins; the same options as the modules' huawei_auth fragment."""

    DOCUMENTATION = r'''
options:
  huawei_access_key:
    description:
      - Huawei Cloud access key (AK); requests are signed with SDK-HMAC-SHA256.
      - If not set, E(HUAWEICLOUD_SDK_AK).
      - Credentials come from the first place that holds any of them, plugin options (and variables) then
        environment variables; AK/SK wins over O(huawei_auth_token) when both are there.
    type: str
    env:
      - name: HUAWEICLOUD_SDK_AK
  huawei_secret_key:
    description:
      - Huawei Cloud secret key (SK) that goes with O(huawei_access_key).
      - If not set, E(HUAWEICLOUD_SDK_SK). Never logged, cached or returned.
    type: str
    env:
      - name: HUAWEICLOUD_SDK_SK
  huawei_project_id:
    description:
      - Huawei Cloud project ID, sent as C(X-Project-Id); required with AK/SK.
      - If not set, E(HUAWEICLOUD_SDK_PROJECT_ID).
    type: str
    env:
      - name: HUAWEICLOUD_SDK_PROJECT_ID
  huawei_security_token:
    description:
      - Security token of temporary AK/SK credentials, sent as C(X-Security-Token).
      - If not set, E(HUAWEICLOUD_SDK_SECURITY_TOKEN).
    type: str
    env:
      - name: HUAWEICLOUD_SDK_SECURITY_TOKEN
  huawei_auth_token:
    description:
      - IAM token sent as C(X-Auth-Token) (up to 65,534 characters), used when no AK/SK is given.
      - If not set, E(HUAWEICLOUD_AUTH_TOKEN).
    type: str
    env:
      - name: HUAWEICLOUD_AUTH_TOKEN
'''

    # Merged into the options above by lookups: extends_documentation_fragment pai.catalog.plugin_huawei_auth.vars
    VARS = r'''
options:
  huawei_access_key:
    vars:
      - name: pai_catalog_huawei_access_key
  huawei_secret_key:
    vars:
      - name: pai_catalog_huawei_secret_key
  huawei_project_id:
    vars:
      - name: pai_catalog_huawei_project_id
  huawei_security_token:
    vars:
      - name: pai_catalog_huawei_security_token
  huawei_auth_token:
    vars:
      - name: pai_catalog_huawei_auth_token
'''
