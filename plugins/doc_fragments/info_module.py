# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
attributes:
  check_mode:
    support: full
    description: Can run in check_mode and return changed status prediction without modifying target.
      It only reads, so check mode returns the same data.
  diff_mode:
    support: none
    description: Will return details on what has changed (or possibly needs changing in diff_mode), when in diff mode.
  platform:
    support: full
    platforms: all
    description: Target OS/families that can be operated against.
notes:
  - The module only reads; it never reports C(changed).
requirements:
  - requests
'''
