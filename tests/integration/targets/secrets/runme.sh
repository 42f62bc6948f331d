#!/usr/bin/env bash
# Every module at -vvvv with sentinel credentials, with the connection secrets the emulator serves
# (all start with "emulator-secret-"): no sentinel may appear in stdout, stderr, the registered results
# the fact cache or the audit files, except where reveal_secrets: true was asked for.
set -eu
export EMULATOR_ARGS="--alibaba-access-key-secret SENTINEL-AK-SECRET-1f9c --alibaba-sts-access-key-secret SENTINEL-STS-SECRET-2a8d \
 --alibaba-sts-security-token SENTINEL-STS-TOKEN-3b7e --alibaba-api-key SENTINEL-API-KEY-4c6f \
 --huawei-sk SENTINEL-HW-SK-5d5a --huawei-iam-token SENTINEL-HW-TOKEN-6e4b --huawei-temp-sk SENTINEL-HW-TEMP-SK-7f3c \
 --huawei-security-token SENTINEL-HW-STS-8a2d"
source ../setup_emulator/emulator.sh
out="$(mktemp -d)"
trap 'kill "$PAI_EMULATOR_PID" 2>/dev/null; rm -rf "$PAI_EMULATOR_DIR" "$out"' EXIT
# Credentials in the controller's environment, which the modules inherit (tasks that set no option of a vendor).
export PAI_API_KEY=SENTINEL-API-KEY-4c6f HUAWEICLOUD_SDK_AK=HWEMULATORAK HUAWEICLOUD_SDK_SK=SENTINEL-HW-SK-5d5a
export HUAWEICLOUD_SDK_PROJECT_ID=0123456789abcdef0123456789abcdef
export ANSIBLE_CACHE_PLUGIN=ansible.builtin.jsonfile ANSIBLE_CACHE_PLUGIN_CONNECTION="$out/facts" ANSIBLE_LOG_PATH="$out/ansible.log"
ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$(command -v python)" -e "out=$out" -e "emulator_url=$PAI_EMULATOR_URL" \
    playbook.yml -vvvv > "$out/stdout" 2> "$out/stderr" || { tail -n 60 "$out/stdout"; cat "$out/stderr"; exit 1; }

# Every credential form from the environment alone, against a gateway that echoes the request headers (JSON, HTML,
# and padded so that the credential straddles the 200 characters an error quotes): modules, lookups, the inventory.
CREDENTIAL_VARIABLES="ALIBABA_CLOUD_ACCESS_KEY_ID ALIBABA_CLOUD_ACCESS_KEY_SECRET ALIBABA_CLOUD_SECURITY_TOKEN ALICLOUD_ACCESS_KEY
 ALICLOUD_SECRET_KEY ALICLOUD_SECURITY_TOKEN PAI_API_KEY DASHSCOPE_API_KEY ALIBABA_CLOUD_PROFILE ALICLOUD_PROFILE
 HUAWEICLOUD_SDK_AK HUAWEICLOUD_SDK_SK HUAWEICLOUD_SDK_PROJECT_ID HUAWEICLOUD_SDK_SECURITY_TOKEN HUAWEICLOUD_AUTH_TOKEN"
echo_headers() {
    python -c 'import json, sys, urllib.request; urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/_emulator/config",
        data=json.dumps({"echo_headers": sys.argv[2] or None}).encode(), headers={"Content-Type": "application/json"}))' \
        "$PAI_EMULATOR_URL" "$1"
}
# echo_form NAME VENDOR ENDPOINT_FORM ECHOED VARIABLE=VALUE...: one form in a clean environment (ECHOED: whether a
# request header carries the credential itself, rather than a signature made with it).
echo_form() {
    local name="$1" vendor="$2" form="$3" echoed="$4" shape
    shift 4
    (
        # shellcheck disable=SC2086
        unset $CREDENTIAL_VARIABLES
        for assignment in "$@"; do export "${assignment?}"; done
        ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$(command -v python)" -e "out=$out" \
            -e "emulator_url=$PAI_EMULATOR_URL" -e "{\"form_name\": \"$name\", \"vendor\": \"$vendor\", \"endpoint_form\": \"$form\", \"echoed\": $echoed}" \
            echo.yml -vvvv > "$out/echo-$name.stdout" 2> "$out/echo-$name.stderr" \
            || { tail -n 60 "$out/echo-$name.stdout"; cat "$out/echo-$name.stderr"; exit 1; }
        grep -q 'All assertions passed' "$out/echo-$name.stdout"
        if [ "$vendor" = alibaba ]; then
            printf 'plugin: pai.catalog.pai\nregions: [cn-hangzhou]\nsources: [connections]\nendpoint_form: %s\n' "$form" \
                > "$out/echo-$name.pai.yml"
            for shape in json html padded; do
                echo_headers "$shape"
                ansible-inventory -i "$out/echo-$name.pai.yml" --list -vvvv \
                    > "$out/echo-inventory-$name-$shape" 2>&1 || true
                grep -q 'HTTP 400' "$out/echo-inventory-$name-$shape" \
                    || { cat "$out/echo-inventory-$name-$shape"; echo "the inventory did not meet the echo" >&2; exit 1; }
            done
            echo_headers ""
        fi
    )
}
echo_form ak alibaba product false ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tEmulatorAccessKey ALIBABA_CLOUD_ACCESS_KEY_SECRET=SENTINEL-AK-SECRET-1f9c
echo_form sts alibaba product true ALICLOUD_ACCESS_KEY=STS.EmulatorTempKey ALICLOUD_SECRET_KEY=SENTINEL-STS-SECRET-2a8d \
    ALIBABA_CLOUD_SECURITY_TOKEN=SENTINEL-STS-TOKEN-3b7e
echo_form pai-api-key alibaba product true PAI_API_KEY=SENTINEL-API-KEY-4c6f
echo_form dashscope-api-key alibaba gateway true DASHSCOPE_API_KEY=SENTINEL-API-KEY-4c6f
echo_form huawei-temporary huawei product true HUAWEICLOUD_SDK_AK=HWTEMPAK HUAWEICLOUD_SDK_SK=SENTINEL-HW-TEMP-SK-7f3c \
    HUAWEICLOUD_SDK_PROJECT_ID=0123456789abcdef0123456789abcdef HUAWEICLOUD_SDK_SECURITY_TOKEN=SENTINEL-HW-STS-8a2d
echo_form huawei-iam-token huawei product true HUAWEICLOUD_AUTH_TOKEN=SENTINEL-HW-TOKEN-6e4b

# Any 8 characters of a credential count as the credential (a cut value leaves its head or its tail).
fragments="$PAI_EMULATOR_DIR/fragments"
python -c 'import sys
for secret in sys.argv[1:]:
    for i in range(len(secret) - 7):
        print(secret[i:i + 8])' SENTINEL-AK-SECRET-1f9c SENTINEL-STS-SECRET-2a8d SENTINEL-STS-TOKEN-3b7e SENTINEL-API-KEY-4c6f \
    SENTINEL-HW-SK-5d5a SENTINEL-HW-TOKEN-6e4b SENTINEL-HW-TEMP-SK-7f3c SENTINEL-HW-STS-8a2d | sort -u > "$fragments"
if grep -rlF --exclude=revealed.json -f "$fragments" "$out"; then
    echo "a fragment of a credential leaked into the files above" >&2
    grep -rhoF --exclude=revealed.json -f "$fragments" "$out" | sort | uniq -c >&2
    exit 1
fi
for sentinel in SENTINEL- emulator-secret-; do
    if grep -rl --exclude=revealed.json -- "$sentinel" "$out"; then
        echo "a secret ($sentinel...) leaked into the files above" >&2
        grep -rho --exclude=revealed.json -- "${sentinel}[A-Za-z0-9-]*" "$out" | sort | uniq -c >&2
        exit 1
    fi
done
# The one task that asked for the secrets got them (so the check above could have failed).
grep -q emulator-secret- "$out/revealed.json"
grep -q 'All assertions passed' "$out/stdout"
echo "no secret leaked"
