# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
options:
  access_key_id:
    description:
      - Alibaba Cloud AccessKey ID, signed with ACS3-HMAC-SHA256 to the product endpoints.
      - The Alibaba Cloud options are used by the Alibaba Cloud operations only (PAI AIWorkSpace, EAS, PaiPlugin,
        PaiRecService); every module accepts them so that one C(module_defaults) entry can serve the whole group.
      - If not set, the environment variables E(ALIBABA_CLOUD_ACCESS_KEY_ID) then E(ALICLOUD_ACCESS_KEY) are used,
        then the profile file (see O(profile)).
      - Credentials come from the first place that holds any of them, in the order task options,
        environment variables, profile file.
    type: str
  access_key_secret:
    description:
      - Alibaba Cloud AccessKey secret that goes with O(access_key_id).
      - If not set, E(ALIBABA_CLOUD_ACCESS_KEY_SECRET) then E(ALICLOUD_SECRET_KEY).
      - Never logged or returned.
    type: str
  security_token:
    description:
      - STS security token for temporary AccessKey pairs; sent as C(x-acs-security-token) and signed.
      - If not set, E(ALIBABA_CLOUD_SECURITY_TOKEN) then E(ALICLOUD_SECURITY_TOKEN).
    type: str
  api_key:
    description:
      - Bearer API key. With O(endpoint_form=gateway) it goes to the catalog gateway in the C(Authorization)
        header with the C(Bearer) scheme; with O(endpoint_form=product) and no AccessKey pair it is sent as
        C(x-acs-bearer-token).
      - If not set, E(PAI_API_KEY) then E(DASHSCOPE_API_KEY).
    type: str
  profile:
    description:
      - Name of a profile in the aliyun CLI configuration file O(profile_file) (modes C(AK) and C(StsToken)).
      - Given as an option, the profile beats the environment variables, and a profile that is not in the file is
        an error; it cannot be combined with the credential options (O(access_key_id), O(api_key), ...).
      - If not set, E(ALIBABA_CLOUD_PROFILE) then E(ALICLOUD_PROFILE), then the file's C(current) profile when
        the file exists; these are used only when no environment variable holds credentials.
    type: str
  profile_file:
    description:
      - Path of the aliyun CLI configuration file.
      - Defaults to C(~/.aliyun/config.json).
    type: path
'''
