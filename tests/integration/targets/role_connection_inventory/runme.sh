#!/usr/bin/env bash
set -eu
source ../setup_emulator/emulator.sh
run_playbook playbook.yml "$@"
