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
