#!/usr/bin/env bash
# The emulator serves HTTPS with a self-signed certificate: refused without ca_path, trusted with it.
set -eu
export EMULATOR_ARGS="--tls"
source ../setup_emulator/emulator.sh
ca_file="$(python -c 'import json, sys; print(json.load(open(sys.argv[1]))["ca_file"])' "$PAI_EMULATOR_READY")"
run_playbook playbook.yml -e "ca_file=$ca_file" "$@"
