#!/usr/bin/env bash
# The pai.catalog.pai inventory against the emulator: ansible-inventory --list and --graph with a cold cache, a
# warm cache (no request, timeout not reset), a failing region with strict false and true, hostnames, filters,
# constructed groups, and no secret in the output, the warnings or the cache.
set -eu
source ../setup_emulator/emulator.sh
# The endpoint is set in the configuration files; the environment variable is not needed.
unset PAI_CATALOG_ENDPOINT_URL
python inventory_test.py "$PAI_EMULATOR_URL" "$PAI_EMULATOR_DIR"
