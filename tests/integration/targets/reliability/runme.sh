#!/usr/bin/env bash
# 30 % of requests fail (every fault kind) and the emulator throttles above 40 requests per second:
# the modules must still return exactly the seeded data, retrying single requests, never whole paginations.
set -eu
export EMULATOR_ARGS="--fault-rate 0.3 --qps 40 --seed 11"
source ../setup_emulator/emulator.sh
run_playbook playbook.yml "$@"
