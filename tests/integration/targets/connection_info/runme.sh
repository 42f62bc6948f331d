#!/usr/bin/env bash
set -eu
source ../setup_emulator/emulator.sh
# The playbook passes endpoint_url itself; unset the variable so that its absence is tested too.
unset PAI_CATALOG_ENDPOINT_URL
run_playbook playbook.yml "$@"
