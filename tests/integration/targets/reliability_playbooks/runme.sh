#!/usr/bin/env bash
# The collection's playbooks (inventory.yml and audit.yml, as they are) against an emulator that fails 20 % of the
# requests (500, 502 HTML, 503, 408, 429 with and without x-acs-retry-after, 400 Throttling, dropped connections,
# truncated bodies) and throttles above 10 requests per second, under the collection's rate of 100: every run must
# gather exactly the seeded data (check_run.py), with no failed region and a complete report.
#
# RELIABILITY_RUNS runs (10 in CI; make reliability-long runs 100), each one inventory.yml and one audit.yml run at
# the same time. RELIABILITY_SUMMARY names a file that receives the figures (docs/reliability.md quotes them).
set -eu
runs="${RELIABILITY_RUNS:-10}"
summary="${RELIABILITY_SUMMARY:-}"
# 120 connections per region: two pages of ListConnections per region, so that faults hit the middle of paginations.
export EMULATOR_ARGS="--seed 13 --connections-per-region 120"
source ../setup_emulator/emulator.sh
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tEmulatorAccessKey ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-access-key-secret
export HUAWEICLOUD_SDK_AK=HWEMULATORAK HUAWEICLOUD_SDK_SK=hw-emulator-sk
export HUAWEICLOUD_SDK_PROJECT_ID=0123456789abcdef0123456789abcdef
work="$PAI_EMULATOR_DIR/runs"
mkdir -p "$work"
python="$(command -v python)"
playbook() { ansible-playbook -i localhost, -e "ansible_python_interpreter=$python" "$@"; }
emulator() {
    python -c 'import json, sys
from ansible.module_utils.urls import open_url
body = sys.argv[2] if len(sys.argv) > 2 else None
print(open_url(sys.argv[1], data=body, method="POST" if body else "GET", headers={"Content-Type": "application/json"}).read().decode())' \
        "$PAI_EMULATOR_URL/_emulator/$1" "${2:-}"
}

# The baseline: one audit without faults, whose findings every faulty run must reproduce.
playbook pai.catalog.audit -e "pai_audit_dest=$work/baseline" > "$work/baseline.log" 2>&1 \
    || { cat "$work/baseline.log"; exit 1; }
python check_run.py "$PAI_EMULATOR_URL" audit "$work/baseline/audit.json"

emulator config '{"fault_rate": 0.2, "faults": null, "qps": 10}' > /dev/null
emulator reset '{}' > /dev/null
started=$(date +%s)
failed=0
for run in $(seq 1 "$runs"); do
    playbook inventory_run.yml -e pai_item_facts=true -e "facts_file=$work/facts-$run.json" > "$work/inventory-$run.log" 2>&1 &
    inventory_pid=$!
    playbook pai.catalog.audit -e "pai_audit_dest=$work/audit-$run" > "$work/audit-$run.log" 2>&1 &
    audit_pid=$!
    ok=1
    wait "$inventory_pid" || { ok=0; tail -n 30 "$work/inventory-$run.log"; }
    wait "$audit_pid" || { ok=0; tail -n 30 "$work/audit-$run.log"; }
    if [ "$ok" = 1 ]; then
        python check_run.py "$PAI_EMULATOR_URL" inventory "$work/facts-$run.json" | sed "s/^/run $run: /" || ok=0
        python check_run.py "$PAI_EMULATOR_URL" audit "$work/audit-$run/audit.json" "$work/baseline/audit.json" \
            | sed "s/^/run $run: /" || ok=0
    fi
    [ "$ok" = 1 ] || failed=$((failed + 1))
    rm -rf "$work/audit-$run"
done
elapsed=$(( $(date +%s) - started ))

# What the emulator did to the requests of all runs.
figures="$(emulator stats | python -c 'import json, sys
stats = json.load(sys.stdin)
faults = stats["by_fault"]
total = stats["requests"]
print("%d requests, %d of them faulted (%.1f %%): %s" % (total, sum(faults.values()),
      100.0 * sum(faults.values()) / max(total, 1), ", ".join("%s %d" % kv for kv in sorted(faults.items()))))')"
line="reliability_playbooks: $runs runs x (inventory.yml + audit.yml), $failed not exact, ${elapsed}s; $figures"
echo "$line"
if [ -n "$summary" ]; then echo "$line" >> "$summary"; fi
[ "$failed" = 0 ]
