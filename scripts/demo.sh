#!/usr/bin/env bash
# make demo: start the emulator, point the collection at it, run playbooks/audit.yml (which prints the summary),
# print the path of the HTML report, stop the emulator. It runs from the checkout the way docs/index.md says a user
# does: ansible.cfg finds pai.catalog (make env links it) and runs modules with ansible-playbook's Python.
# The report goes to $PAI_AUDIT_DEST, by default ./pai-audit-report in the current folder (a folder of its own: the
# audit replaces it as a whole).
set -euo pipefail
dest="$(realpath -m "${PAI_AUDIT_DEST:-pai-audit-report}")"
cd "$(dirname "$0")/.."
root="$(pwd)"
python="${PYTHON:-$root/.venv-run/bin/python}"
bin="$(dirname "$python")"
if [ ! -x "$python" ] || [ ! -e "$root/.ansible/collections/ansible_collections/pai/catalog" ]; then
    make -C "$root" env  # bash scripts/demo.sh works on its own, as make demo does
fi
work="$(mktemp -d)"
"$python" -m tests.emulator --port 0 --ready-file "$work/ready.json" --quiet &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
url="$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["base_url"])' "$work/ready.json")"
echo "emulator at $url"
# The emulator's credentials (tests/emulator/README.md), as docs/index.md "The emulator" exports them.
export PAI_CATALOG_ENDPOINT_URL="$url/r/{region}"
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tEmulatorAccessKey ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-access-key-secret
export HUAWEICLOUD_SDK_AK=HWEMULATORAK HUAWEICLOUD_SDK_SK=hw-emulator-sk
export HUAWEICLOUD_SDK_PROJECT_ID=0123456789abcdef0123456789abcdef
"$bin/ansible-playbook" -i localhost, playbooks/audit.yml -e "pai_audit_dest=$dest" "$@"
echo "audit report: $dest/audit.html (also audit.md and audit.json)"
