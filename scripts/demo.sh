#!/usr/bin/env bash
# make demo: start the emulator, point the collection at it, run playbooks/inventory.yml, stop the emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
work="$(mktemp -d)"
mkdir -p "$work/collections/ansible_collections/pai"
ln -s "$root" "$work/collections/ansible_collections/pai/catalog"
"$python" -m tests.emulator --port 0 --ready-file "$work/ready.json" --quiet &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
url="$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["base_url"])' "$work/ready.json")"
echo "emulator at $url"
export ANSIBLE_COLLECTIONS_PATH="$work/collections" ANSIBLE_PYTHON_INTERPRETER="$python"
export PAI_CATALOG_ENDPOINT_URL="$url/r/{region}"
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tEmulatorAccessKey ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-access-key-secret
"$root/.venv/bin/ansible-playbook" -i localhost, playbooks/inventory.yml "$@"
