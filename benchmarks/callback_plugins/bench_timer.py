# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark helper, not part of the collection: wall time per task, the peak RSS of the controller process
(ansible-playbook itself) and the largest peak RSS of its children that have ended (the workers, which run the
action plugins, and the module processes they started), written as JSON to $BENCH_TIMER_FILE."""

from __future__ import (absolute_import, division, print_function)
__metaclass__ = type

DOCUMENTATION = r'''
name: bench_timer
type: aggregate
short_description: Wall time per task for benchmarks/run.py
description:
  - Writes the wall time of each task, the peak RSS of the controller process and the largest peak RSS of its
    children as JSON to the file named by BENCH_TIMER_FILE at the end of the run.
requirements:
  - enabled with ANSIBLE_CALLBACKS_ENABLED=bench_timer
'''

import json
import os
import resource
import time

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'bench_timer'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.start = time.monotonic()
        self.tasks = []
        self.current = None

    def _close(self):
        if self.current is not None:
            name, began = self.current
            self.tasks.append({'task': name, 'seconds': round(time.monotonic() - began, 4)})
            self.current = None

    def v2_playbook_on_task_start(self, task, is_conditional):  # pylint: disable=unused-argument
        self._close()
        self.current = (task.get_name(), time.monotonic())

    v2_playbook_on_handler_task_start = v2_playbook_on_task_start

    def v2_playbook_on_stats(self, stats):  # pylint: disable=unused-argument
        self._close()
        path = os.environ.get('BENCH_TIMER_FILE')
        if path:
            with open(path, 'w') as handle:
                json.dump({'tasks': self.tasks, 'since_callback_load': round(time.monotonic() - self.start, 4),
                           'controller_peak_rss_kib': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                           'children_peak_rss_kib': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}, handle)
