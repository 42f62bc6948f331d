#!/usr/bin/env bash
# Bad input, table-driven, through modules, lookups, roles (playbook.yml) and the inventory source
# (inventory_cases.py): each case must fail with its exact, clear message and no Python traceback.
# A second emulator serves HTTPS with a self-signed certificate for the TLS cases.
set -eu
source ../setup_emulator/emulator.sh
unset PAI_CATALOG_ENDPOINT_URL
for variable in $(env | sed -n 's/^\(ALIBABA_CLOUD_[A-Z_]*\|ALICLOUD_[A-Z_]*\|HUAWEICLOUD_[A-Z_]*\|PAI_API_KEY\|DASHSCOPE_API_KEY\)=.*/\1/p'); do
    unset "$variable"
done
work="$PAI_EMULATOR_DIR/work"
mkdir -p "$work"
PYTHONPATH="$(emulator_root)" python -m ansible_collections.pai.catalog.tests.emulator --host 127.0.0.1 --port 0 --tls \
    --cert-dir "$work/tls" --ready-file "$work/tls.json" --quiet > "$work/tls.log" 2>&1 &
tls_pid=$!
trap 'kill "$tls_pid" "$PAI_EMULATOR_PID" 2>/dev/null; wait "$tls_pid" "$PAI_EMULATOR_PID" 2>/dev/null; rm -rf "$PAI_EMULATOR_DIR"' EXIT
for _ in $(seq 1 100); do [ -s "$work/tls.json" ] && break; sleep 0.1; done
tls_url="$(python -c 'import json, sys; print(json.load(open(sys.argv[1]))["base_url"])' "$work/tls.json")"
ca_file="$(python -c 'import json, sys; print(json.load(open(sys.argv[1]))["ca_file"])' "$work/tls.json")"
collection_dir="$(emulator_root)/ansible_collections/pai/catalog"

ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$(command -v python)" \
    -e "emulator_url=$PAI_EMULATOR_URL" -e "tls_url=$tls_url" -e "ca_file=$ca_file" -e "work=$work" \
    -e "collection_dir=$collection_dir" playbook.yml "$@" > "$work/playbook.log" 2>&1 \
    || { grep -B 3 -A 25 'Assertion failed\|ERROR' "$work/playbook.log" | tail -n 120; exit 1; }
grep -o 'bad_input: [^"]*' "$work/playbook.log"
python inventory_cases.py "$PAI_EMULATOR_URL" "$work"
