#!/usr/bin/env bash
# The fenced examples of docs/*.md marked runnable (<!-- runnable --> right before the fence) run as written, in
# order, against the emulator, from a fresh copy of the checkout: see run_docs.py.
set -eu
# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
python run_docs.py "$(emulator_root)/ansible_collections/pai/catalog" "$PAI_EMULATOR_READY"
