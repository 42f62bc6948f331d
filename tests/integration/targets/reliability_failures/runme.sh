#!/usr/bin/env bash
# Paging anomalies (repeated NextToken, repeated page, page larger than asked, total that changes) and a region down
# for good, through modules, lookups, the inventory source and the collection's playbooks: detected, reported with
# region, operation, status, code and request id, never an endless loop, never a partial answer that looks complete.
set -eu
source ../setup_emulator/emulator.sh
work="$PAI_EMULATOR_DIR/work"
mkdir -p "$work"
python="$(command -v python)"
emulator_config() {
    python -c 'import sys
from ansible.module_utils.urls import open_url
open_url(sys.argv[1], data=sys.argv[2], method="POST", headers={"Content-Type": "application/json"}).read()' \
        "$PAI_EMULATOR_URL/_emulator/config" "$1"
}
# Every command is bounded: an endless paging loop would fail the target instead of hanging it.
bounded() { timeout 120 "$@"; }

bounded ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$python" -e "emulator_url=$PAI_EMULATOR_URL" \
    playbook.yml "$@"

# The inventory source.
cat > "$work/lenient.pai.yml" <<YAML
plugin: pai.catalog.pai
regions: [cn-hangzhou, cn-shanghai]
endpoint_url: "$PAI_EMULATOR_URL/r/{region}"
access_key_id: LTAI5tEmulatorAccessKey
access_key_secret: emulator-access-key-secret
max_attempts: 2
connection_filters: {max_results: 10}
gateway_filters: {page_size: 1}
YAML
sed 's/^max_attempts: 2$/max_attempts: 2\nstrict: true/' "$work/lenient.pai.yml" > "$work/strict.pai.yml"
# A source that fails must fail ansible-inventory (by default it only warns and lists nothing).
inventory() {
    ANSIBLE_INVENTORY_UNPARSED_FAILED=true ANSIBLE_INVENTORY_ENABLED=pai.catalog.pai \
        bounded ansible-inventory -i "$1" --list --output "$work/out.json" > "$work/inventory.log" 2>&1
}
must_say() { grep -q -- "$1" "$work/inventory.log" || { cat "$work/inventory.log"; echo "expected: $1" >&2; exit 1; }; }
no_traceback() { if grep -q Traceback "$work/inventory.log"; then cat "$work/inventory.log"; exit 1; fi; }

for anomaly in repeat_token oversize_page total_drift repeat_page; do
    emulator_config "{\"paging_anomaly\": \"$anomaly\"}"
    if inventory "$work/strict.pai.yml"; then echo "strict inventory passed with paging_anomaly=$anomaly" >&2; exit 1; fi
    must_say 'stopped paging\|a page held\|changed from\|repeated page'
    no_traceback
    # A paging anomaly is not transient: strict or not, it fails the source (the engine's failure policy).
    if inventory "$work/lenient.pai.yml"; then echo "lenient inventory passed with paging_anomaly=$anomaly" >&2; exit 1; fi
    must_say 'stopped paging\|a page held\|changed from\|repeated page'
    no_traceback
    echo "inventory source: paging_anomaly=$anomaly detected"
done
emulator_config '{"paging_anomaly": null, "down_regions": ["cn-shanghai"]}'
if inventory "$work/strict.pai.yml"; then echo "strict inventory passed with a region down" >&2; exit 1; fi
must_say 'in cn-shanghai failed: HTTP 503 ServiceUnavailable'
must_say 'request id'
inventory "$work/lenient.pai.yml"
must_say 'the connections of cn-shanghai are left out of the inventory: ListConnections in cn-shanghai failed: HTTP 503'
python - "$work/out.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
groups = [g for g in data if g.startswith('pai_region_')]
assert groups == ['pai_region_cn_hangzhou'], groups
PY
echo "inventory source: a region down fails it (strict) or is left out with a warning"

# The collection's playbooks, as they are, with cn-shanghai down for good.
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tEmulatorAccessKey ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-access-key-secret
export HUAWEICLOUD_SDK_AK=HWEMULATORAK HUAWEICLOUD_SDK_SK=hw-emulator-sk
export HUAWEICLOUD_SDK_PROJECT_ID=0123456789abcdef0123456789abcdef
playbook() { bounded ansible-playbook -i localhost, -e "ansible_python_interpreter=$python" "$@"; }
if playbook pai.catalog.inventory > "$work/inventory-playbook.log" 2>&1; then
    echo "inventory.yml passed with a region down" >&2; exit 1
fi
grep -q '"region": "cn-shanghai"' "$work/inventory-playbook.log"
grep -q 'ListConnections in cn-shanghai failed: HTTP 503 ServiceUnavailable: .*(request id [0-9A-F-]*) after 8 attempts' \
    "$work/inventory-playbook.log"
if grep -q 'connections by type' "$work/inventory-playbook.log"; then echo "inventory.yml showed totals" >&2; exit 1; fi
echo "inventory.yml: fails naming the region, operation, status, code and request id; shows no totals"

if playbook pai.catalog.audit -e "pai_audit_dest=$work/strict-audit" > "$work/audit.log" 2>&1; then
    echo "audit.yml passed with a region down" >&2; exit 1
fi
grep -q 'ListConnections in cn-shanghai failed: HTTP 503 ServiceUnavailable' "$work/audit.log"
test ! -e "$work/strict-audit"
playbook pai.catalog.audit -e "pai_audit_dest=$work/tolerant-audit" -e audit_tolerate_failed_regions=true \
    > "$work/tolerant.log" 2>&1 || { cat "$work/tolerant.log"; exit 1; }
python - "$work/tolerant-audit/audit.json" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
assert report['complete'] is False, report['complete']
failed = report['failed_regions']
assert sorted(set(f['region'] for f in failed)) == ['cn-shanghai'], failed
for f in failed:
    assert f['status'] == 503 and f['code'] == 'ServiceUnavailable' and len(f['request_id']) == 36, f
    assert f['operation'] in ('ListConnections', 'ListGateway'), f
assert not [c for c in report['inventory']['connections'] if c['region'] == 'cn-shanghai']
assert [f for f in report['findings'] if f['id'] == 'region-failed']
PY
grep -q 'INCOMPLETE' "$work/tolerant-audit/audit.html"
echo "audit.yml: fails and writes nothing; tolerant, the report is marked incomplete and names the failed region"
