# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""HTTP emulator of the Alibaba Cloud PAI and Huawei DataArts Fabric APIs used by pai.catalog tests.

An independent witness: it imports nothing from the collection. See README.md beside this file.
"""

from .server import Emulator, start  # noqa: F401

__all__ = ['Emulator', 'start']
