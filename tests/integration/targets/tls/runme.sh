#!/usr/bin/env bash
# The emulator serves HTTPS with a self-signed certificate: refused without ca_path, trusted with it; with
# validate_certs=false every plugin warns once per task or source run, and urllib3's own warnings stay silent.
set -eu
export EMULATOR_ARGS="--tls"
source ../setup_emulator/emulator.sh
ca_file="$(python -c 'import json, sys; print(json.load(open(sys.argv[1]))["ca_file"])' "$PAI_EMULATOR_READY")"
run_playbook playbook.yml -e "ca_file=$ca_file" "$@"

out="$(mktemp -d)"
trap 'kill "$PAI_EMULATOR_PID" 2>/dev/null; wait "$PAI_EMULATOR_PID" 2>/dev/null; rm -rf "$PAI_EMULATOR_DIR" "$out"' EXIT
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tEmulatorAccessKey ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-access-key-secret
ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$(command -v python)" lookup.yml > "$out/lookup" 2>&1 \
    || { cat "$out/lookup"; exit 1; }
printf 'plugin: pai.catalog.pai\nregions: [cn-hangzhou, cn-shanghai]\nvalidate_certs: false\n' > "$out/unverified.pai.yml"
ansible-inventory -i "$out/unverified.pai.yml" --list > "$out/inventory" 2>&1 || { cat "$out/inventory"; exit 1; }
grep -q '"pai_connections"' "$out/inventory"
for run in lookup inventory; do
    count="$(grep -c 'TLS verification is off for 127.0.0.1:[0-9]* (validate_certs=false)' "$out/$run" || true)"
    if [ "$count" != 1 ] || grep -E 'InsecureRequestWarning|Unverified HTTPS request' "$out/$run"; then
        cat "$out/$run"
        echo "the $run should warn once that TLS verification is off, and urllib3 never ($count warnings)" >&2
        exit 1
    fi
done
