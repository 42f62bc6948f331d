# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type


class ModuleDocFragment(object):

    # The ListConnections filters, shared by pai.catalog.connection_info and the pai.catalog.connections lookup.
    DOCUMENTATION = r'''
options:
  workspace_id:
    description: Only connections of this workspace.
    type: str
  connection_ids:
    description: Only these connection IDs (a filter of the list).
    type: list
    elements: str
  connection_name:
    description: Connection name; fuzzy match.
    type: str
  connection_types:
    description: Only connections of these types.
    type: list
    elements: str
    choices: [DashScopeConnection, OpenLLMConnection, MilvusConnection, OpenSearchConnection, LindormConnection,
              ElasticsearchConnection, HologresConnection, RDSConnection, CustomConnection]
  encrypt_option:
    description:
      - How the API returns the secret fields. C(PlainText) asks for clear values; the collection still redacts
        them unless O(reveal_secrets=true).
    type: str
    choices: [PlainText, Secret]
  model:
    description: Only connections associated with this model.
    type: str
  model_types:
    description: Only connections with models of these types.
    type: list
    elements: str
    choices: [LLM, Embedding, ReRank]
  tool_call:
    description: Only connections whose models do (or do not) support tool calling.
    type: bool
  creator:
    description: Only connections created by this account ID.
    type: str
  accessibility:
    description: Only connections of this visibility.
    type: str
    choices: [PUBLIC, PRIVATE]
  sort_by:
    description: Field to sort by.
    type: str
    choices: [GmtCreateTime]
  order:
    description: Sort order.
    type: str
    choices: [ASC, DESC]
  max_results:
    description:
      - Page size (1 to 100). Every page is fetched whatever the size; larger pages mean fewer round trips.
      - Defaults to 100.
    type: int
'''
