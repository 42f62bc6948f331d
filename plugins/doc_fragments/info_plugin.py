# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type


class ModuleDocFragment(object):

    # Attributes of the controller plugins (lookups, inventory): they only read.
    DOCUMENTATION = r'''
attributes:
  check_mode:
    support: full
    description: Runs the same in check mode; it only reads.
  diff_mode:
    support: none
    description: Has no diff output.
  platform:
    support: full
    platforms: all
    description: Runs on the controller, for any target.
'''
