#!/usr/bin/env bash
# The lookups against the emulator: every lookup, query, on_missing and on_denied, credentials from variables and
# from the controller's environment, and no secret in the output at -vvvv.
set -eu
source ../setup_emulator/emulator.sh
# The playbook gives the endpoint in a variable (pai_catalog_endpoint_url); the environment variable is not needed.
unset PAI_CATALOG_ENDPOINT_URL

# Credentials from the controller's environment (a task's environment keyword does not reach lookups).
export HUAWEICLOUD_SDK_AK=HWEMULATORAK HUAWEICLOUD_SDK_SK=hw-emulator-sk
export HUAWEICLOUD_SDK_PROJECT_ID=0123456789abcdef0123456789abcdef
unset ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALICLOUD_ACCESS_KEY ALICLOUD_SECRET_KEY \
    PAI_API_KEY DASHSCOPE_API_KEY ALIBABA_CLOUD_PROFILE ALICLOUD_PROFILE 2>/dev/null || true

log="$PAI_EMULATOR_DIR/lookups.log"
ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$(command -v python)" \
    -e "emulator_url=$PAI_EMULATOR_URL" playbook.yml -vvvv "$@" > "$log" 2>&1 \
    || { cat "$log"; exit 1; }
tail -n 3 "$log"

# No credential and no secret of a connection at any verbosity.
for secret in emulator-access-key-secret hw-emulator-sk emulator-secret- sk-emulator-pai-key emulator-sts-secret; do
    if grep -q -- "$secret" "$log"; then
        grep -n -- "$secret" "$log" | head -n 5
        echo "a secret ($secret) appears in the output of the lookups" >&2
        exit 1
    fi
done
# warn shows the failing region's error as a warning; skip stays silent.
grep -q 'WARNING.*pai.catalog.connections: GetConnection failed: connection conn-doesnotexist was not found' "$log"
grep -q 'WARNING.*pai.catalog.gateway_domains: ListGatewayDomains in cn-hangzhou failed: HTTP 403 UnauthorizedOperation' "$log"
if grep -q 'WARNING.*pai.catalog.gateways: DescribeGateway in cn-hangzhou failed' "$log"; then
    echo "on_denied=skip warned" >&2
    exit 1
fi
# The -vvv lines say what was called, never with what.
grep -q 'pai.catalog.connections: ListConnections in cn-hangzhou, cn-shanghai' "$log"
echo "no secret in $(wc -l < "$log") lines of -vvvv output"
