# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pai.catalog.gather: the main job in one task, run where Ansible runs (no module process, no second crossing).

The engine gathers everything in one pass and builds the facts in Python (module_utils/gather.py); the audit is
evaluated on the same data and written here. The items cross into Ansible once, as the task's facts.
"""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

import datetime
import os

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

from ansible_collections.pai.catalog.plugins.module_utils import audit, catalog, gather
from ansible_collections.pai.catalog.plugins.module_utils import module as engine_module
from ansible_collections.pai.catalog.plugins.module_utils.errors import ApiError, Scrubber

AUDIT_SPEC = dict(
    dest=dict(type='path', required=True),
    title=dict(type='str', default='pai.catalog audit'),
    rules=dict(type='list', elements='str', choices=list(audit.RULE_IDS)),
    severities=dict(type='dict', default={}),
    min_max_tokens=dict(type='int', default=audit.DEFAULT_MIN_MAX_TOKENS, no_log=False),
    fail_on=dict(type='str', choices=list(audit.FAIL_ON), default='none'),
)


def argument_spec():
    spec = engine_module.argument_spec(secrets=True)
    spec['regions'] = dict(spec['regions'], aliases=['region', 'alibaba_regions'])
    spec.update(catalog.argument_spec('ListConnections'))
    spec.update(
        fabric_regions=dict(type='list', elements='str'),
        resources=dict(type='list', elements='str', choices=list(gather.RESOURCES), default=list(gather.RESOURCES)),
        item_facts=dict(type='bool', default=True),
        audit=dict(type='dict', options=AUDIT_SPEC),
    )
    return spec


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=argument_spec())
        environ = self._environment()
        scrubbers = []  # the engine's Scrubber once credentials are resolved: every credential value, from anywhere
        try:
            result.update(self._gather(args, environ, scrubbers))
        except ApiError as error:
            scrubber = scrubbers[0] if scrubbers else Scrubber()
            raise AnsibleActionFail(scrubber.text(str(error)), result=dict(error=scrubber.error(error).to_dict()))
        except audit.AuditError as error:
            raise AnsibleActionFail(str(error))
        return result

    def _environment(self):
        """The controller's environment with the task's `environment:` on top, as a module would see it."""
        environ = dict(os.environ)
        environments = self._task.environment or []
        for entry in environments if isinstance(environments, list) else [environments]:
            if entry:
                value = self._templar.template(entry)
                if not isinstance(value, dict):
                    raise AnsibleActionFail('environment must be a dictionary, got %s' % type(value).__name__)
                environ.update((str(k), str(v)) for k, v in value.items())
        return environ

    def _gather(self, args, environ, scrubbers):
        resources = args['resources']
        # A region list given as a string ("cn-hangzhou,cn-shanghai", or "" for none) arrives split by the list type.
        # Each list is checked for the operations it is used for (formats, count, known regions unless
        # endpoint_url is set, {region} in endpoint_url for several regions) before any request.
        regions, fabric_regions = [], []
        for vendor, option, variables in (('alibaba', 'regions', engine_module.REGION_ENV['alibaba']),
                                          ('huawei', 'fabric_regions', engine_module.REGION_ENV['huawei'])):
            given = args[option]
            given = None if given is None else [r.strip() for r in given if r.strip()]
            if given == [] or (given is None and not any(environ.get(v) for v in variables)):
                continue
            checked = engine_module.regions_from(dict(args, regions=given), [vendor], environ,
                                                 operations=gather.operations(resources, vendor))
            if vendor == 'alibaba':
                regions = checked
            else:
                fabric_regions = checked
        if not regions and not fabric_regions:
            raise ApiError('option regions or fabric_regions is required (or set %s)'
                           % ' or '.join(engine_module.REGION_ENV['alibaba']), code='InvalidOption')
        connection_params = catalog.validate('ListConnections', args) if 'connections' in resources else {}
        report_options = args['audit']
        if report_options:
            if not (report_options['dest'] or '').strip():
                raise ApiError("option audit.dest: '' is not valid; a directory of its own for the report",
                               code='InvalidOption')
            dest = os.path.abspath(report_options['dest'])
            audit.rule_set(report_options['rules'], report_options['severities'])
            audit.check_destination(dest)
        vendors = gather.vendors(regions, fabric_regions, resources)
        client, scrubber = engine_module.engine(args, vendors, environ)
        scrubbers.append(scrubber)
        try:
            found = gather.gather(client, regions, fabric_regions, resources, connection_params,
                                  strict=args['strict'])
        finally:
            client.transport.close()
        api_calls = dict(client.transport.calls)
        facts = gather.facts(found, api_calls, items=args['item_facts'])
        result = dict(changed=False, api_calls=api_calls, failed_regions=facts['pai_failed_regions'])
        tls = client.transport.tls_warning()
        if tls:
            result['warnings'] = [tls]
        for error in found.errors:  # scrubbed by the client
            result.setdefault('warnings', []).append('%s; %s' % (error, 'the results leave that region out'
                                                                 if error.operation != gather.MESSAGE else
                                                                 'no message configuration'))
        if report_options:
            result.update(self._audit(found, facts, api_calls, report_options, dest,
                                      connection_params.get('EncryptOption'), args['item_facts']))
        result['ansible_facts'] = facts
        return result

    def _audit(self, found, facts, api_calls, options, dest, encrypt_option, item_facts):
        now = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
        report = audit.build_report(gather.audit_inventory(found, encrypt_option), rules=options['rules'],
                                    severities=options['severities'], min_max_tokens=options['min_max_tokens'],
                                    fail_on=options['fail_on'], api_calls=api_calls, title=options['title'],
                                    generated_at=now)
        try:
            changed, generated_at = audit.write_report(dest, report, self._task.check_mode)
        except OSError as error:
            raise AnsibleActionFail('cannot write the report to %s: %s; the previous report, if any, is unchanged'
                                    % (dest, error))
        if item_facts:  # one finding per resource at most, like the items: in the facts on request, always in the report
            facts['pai_audit_findings'] = report['findings']
        facts.update(
            pai_audit_summary=report['summary'],
            pai_audit_report=dict(dest=dest, files=audit.report_files(dest), complete=report['complete'],
                                  digest=report['digest'], generated_at=generated_at,
                                  written=changed and not self._task.check_mode, api_calls=report['api_calls']))
        return dict(changed=changed, audit=facts['pai_audit_report'])
