#!/usr/bin/env bash
set -eu
source ../setup_emulator/emulator.sh
# The roles take credentials from the environment here, as the playbooks do for real accounts.
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tEmulatorAccessKey ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-access-key-secret
export HUAWEICLOUD_SDK_AK=HWEMULATORAK HUAWEICLOUD_SDK_SK=hw-emulator-sk
export HUAWEICLOUD_SDK_PROJECT_ID=0123456789abcdef0123456789abcdef
reports="$PAI_EMULATOR_DIR/reports"
mkdir -p "$reports"
run_playbook playbook.yml -e "report_root=$reports" "$@"

# The playbooks of the collection, as they are: only credentials and the endpoint come from the environment.
collection="$(emulator_root)/ansible_collections/pai/catalog"
python="$(command -v python)"
ansible-playbook -i localhost, -e "ansible_python_interpreter=$python" "$collection/playbooks/inventory.yml" "$@" \
    | tee "$reports/inventory.log"
# Regions as strings, as -e gives them: a list separated by commas, and an empty one.
ansible-playbook -i localhost, -e "ansible_python_interpreter=$python" "$collection/playbooks/inventory.yml" \
    -e pai_regions=cn-hangzhou,eu-central-1 -e pai_fabric_regions= "$@" | tee "$reports/inventory-strings.log"
grep -q 'eu-central-1 (empty): 0 connections' "$reports/inventory-strings.log"
if grep -q 'cn-north-4' "$reports/inventory-strings.log"; then echo "pai_fabric_regions= should mean none" >&2; exit 1; fi
grep -q 'cn-hangzhou (ok): 25 connections, 3 gateways' "$reports/inventory.log"
grep -q 'cn-north-4 (ok): 0 connections, 0 gateways, 0 custom domains, 12 base models' "$reports/inventory.log"
ansible-playbook -i localhost, -e "ansible_python_interpreter=$python" "$collection/playbooks/audit.yml" \
    -e "pai_audit_dest=$reports/playbook" "$@" | tee "$reports/audit.log"
grep -q "HTML report: $reports/playbook/audit.html" "$reports/audit.log"
grep -q 'findings (' "$reports/audit.log"
test -s "$reports/playbook/audit.html"
if grep -rq 'emulator-secret-' "$reports"; then echo "a secret leaked into a report or a log" >&2; exit 1; fi
# The gate: the same audit failing on high findings exits non-zero, after writing the report.
if ansible-playbook -i localhost, -e "ansible_python_interpreter=$python" "$collection/playbooks/audit.yml" \
    -e "pai_audit_dest=$reports/gate" -e audit_fail_on=high "$@" > "$reports/gate.log" 2>&1; then
    echo "audit_fail_on=high should have failed the play" >&2
    exit 1
fi
grep -q 'at or above severity high' "$reports/gate.log"
test -s "$reports/gate/audit.json"
