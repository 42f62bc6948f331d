#!/usr/bin/env bash
# Every lookup, every role and the inventory source (cached) at -vvvv with sentinel credentials (AccessKey secret,
# STS secret and token, bearer key, Huawei SK, temporary SK and security token, IAM token) and the connection
# secrets the emulator serves (emulator-secret-...): no sentinel may appear in stdout, stderr, the log, the registered
# results, the fact cache, the inventory cache or the audit files, except in what reveal_secrets: true returned.
set -eu
export EMULATOR_ARGS="--alibaba-access-key-secret SENTINEL-AK-SECRET-1f9c --alibaba-sts-access-key-secret SENTINEL-STS-SECRET-2a8d \
 --alibaba-sts-security-token SENTINEL-STS-TOKEN-3b7e --alibaba-api-key SENTINEL-API-KEY-4c6f \
 --huawei-sk SENTINEL-HW-SK-5d5a --huawei-iam-token SENTINEL-HW-TOKEN-6e4b --huawei-temp-sk SENTINEL-HW-TEMP-SK-7f3c \
 --huawei-security-token SENTINEL-HW-STS-8a2d"
source ../setup_emulator/emulator.sh
out="$(mktemp -d)"
trap 'kill "$PAI_EMULATOR_PID" 2>/dev/null; wait "$PAI_EMULATOR_PID" 2>/dev/null; rm -rf "$PAI_EMULATOR_DIR" "$out"' EXIT
unset PAI_CATALOG_ENDPOINT_URL

# The inventory source, cached in a jsonfile cache; PlainText so that clear secrets come back and must be redacted.
cat > "$out/sentinel.pai.yml" <<YAML
plugin: pai.catalog.pai
regions: [cn-hangzhou, cn-shanghai]
endpoint_url: "$PAI_EMULATOR_URL/r/{region}"
access_key_id: LTAI5tEmulatorAccessKey
access_key_secret: SENTINEL-AK-SECRET-1f9c
connection_filters: {encrypt_option: PlainText}
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: $out/inventory-cache
YAML
# The roles read credentials from the environment, as the playbooks do.
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tEmulatorAccessKey ALIBABA_CLOUD_ACCESS_KEY_SECRET=SENTINEL-AK-SECRET-1f9c
export HUAWEICLOUD_SDK_AK=HWEMULATORAK HUAWEICLOUD_SDK_SK=SENTINEL-HW-SK-5d5a
export HUAWEICLOUD_SDK_PROJECT_ID=0123456789abcdef0123456789abcdef PAI_CATALOG_ENDPOINT_URL="$PAI_EMULATOR_URL/r/{region}"
export ANSIBLE_CACHE_PLUGIN=ansible.builtin.jsonfile ANSIBLE_CACHE_PLUGIN_CONNECTION="$out/facts" ANSIBLE_LOG_PATH="$out/ansible.log"
export ANSIBLE_INVENTORY_UNPARSED_FAILED=true
# Profiles for the precedence cases: "disabled" holds the emulator's disabled AccessKey.
cat > "$out/profiles.json" <<JSON
{"current": "disabled", "profiles": [{"name": "disabled", "mode": "AK", "access_key_id": "LTAI5tDisabledKey",
 "access_key_secret": "emulator-disabled-secret"}]}
JSON
for pass in cold warm; do
    ansible-playbook -i "$out/sentinel.pai.yml" -i localhost, -e "ansible_python_interpreter=$(command -v python)" \
        -e "emulator_url=$PAI_EMULATOR_URL" -e "out=$out" playbook.yml -vvvv > "$out/stdout-$pass" 2> "$out/stderr-$pass" \
        || { tail -n 60 "$out/stdout-$pass"; cat "$out/stderr-$pass"; exit 1; }
    grep -q 'All assertions passed' "$out/stdout-$pass"
done
ansible-inventory -i "$out/sentinel.pai.yml" --list -vvvv > "$out/inventory-list" 2>&1
# The inventory source too: its explicit profile beats the environment's valid keys, so it meets the disabled one.
printf 'plugin: pai.catalog.pai\nregions: [cn-hangzhou]\nsources: [connections]\nendpoint_url: "%s"\nprofile: disabled\nprofile_file: %s\n' \
    "$PAI_EMULATOR_URL/r/{region}" "$out/profiles.json" > "$out/profile.pai.yml"
ansible-inventory -i "$out/profile.pai.yml" --list -vvvv > "$out/profile-inventory" 2>&1 || true
grep -q 'InvalidAccessKeyId.Inactive' "$out/profile-inventory" \
    || { cat "$out/profile-inventory"; echo "the inventory did not use its profile" >&2; exit 1; }
test -n "$(ls "$out/inventory-cache")" && test -n "$(ls "$out/facts")" && test -s "$out/audit/audit.html"
for sentinel in SENTINEL- emulator-secret-; do
    if grep -rl --exclude=revealed.json --exclude=sentinel.pai.yml -- "$sentinel" "$out"; then
        echo "a secret ($sentinel...) leaked into the files above" >&2
        grep -rho --exclude=revealed.json --exclude=sentinel.pai.yml -- "${sentinel}[A-Za-z0-9-]*" "$out" | sort | uniq -c >&2
        exit 1
    fi
done
# The one lookup that asked for the secrets got them (so the check above could have failed).
grep -q emulator-secret- "$out/revealed.json"
echo "no secret leaked: $(cat "$out"/stdout-* "$out"/stderr-* "$out/inventory-list" | wc -l) lines of -vvvv output, $(find "$out" -type f | wc -l) files"
