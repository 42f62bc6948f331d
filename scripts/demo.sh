#!/usr/bin/env bash
# make demo: start the emulator, point the collection at it, run playbooks/audit.yml (which prints the summary),
# print the path of the HTML report, stop the emulator. The report goes to $PAI_AUDIT_DEST, by default
# ${TMPDIR:-/tmp}/pai-catalog-demo-audit (a directory of its own: the audit replaces it as a whole).
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
export HUAWEICLOUD_SDK_AK=HWEMULATORAK HUAWEICLOUD_SDK_SK=hw-emulator-sk
export HUAWEICLOUD_SDK_PROJECT_ID=0123456789abcdef0123456789abcdef
dest="${PAI_AUDIT_DEST:-${TMPDIR:-/tmp}/pai-catalog-demo-audit}"
"$root/.venv/bin/ansible-playbook" -i localhost, playbooks/audit.yml -e "pai_audit_dest=$dest" "$@"
echo "audit report: $dest/audit.html (also audit.md and audit.json)"
