#!/usr/bin/env bash
# Sourced by runme.sh targets: starts the emulator of tests/emulator on a free loopback port, stops it on exit,
# and exports PAI_EMULATOR_URL, PAI_EMULATOR_READY (its ready file) and PAI_CATALOG_ENDPOINT_URL.
# Extra emulator flags: EMULATOR_ARGS="--latency-ms 5 ..." before sourcing.
# shellcheck disable=SC2086

emulator_root() {
    local path
    local IFS=:
    for path in ${PAI_CATALOG_ROOT:-} ${ANSIBLE_COLLECTIONS_PATH:-} ${ANSIBLE_COLLECTIONS_PATHS:-}; do
        if [ -d "$path/ansible_collections/pai/catalog/tests/emulator" ]; then
            echo "$path"
            return 0
        fi
    done
    echo "cannot find ansible_collections/pai/catalog/tests/emulator on ANSIBLE_COLLECTIONS_PATH" >&2
    return 1
}

PAI_EMULATOR_DIR="$(mktemp -d)"
PAI_EMULATOR_READY="$PAI_EMULATOR_DIR/ready.json"
PYTHONPATH="$(emulator_root)" python -m ansible_collections.pai.catalog.tests.emulator --host 127.0.0.1 --port 0 \
    --ready-file "$PAI_EMULATOR_READY" --quiet ${EMULATOR_ARGS:-} > "$PAI_EMULATOR_DIR/log" 2>&1 &
PAI_EMULATOR_PID=$!
trap 'kill "$PAI_EMULATOR_PID" 2>/dev/null; wait "$PAI_EMULATOR_PID" 2>/dev/null; rm -rf "$PAI_EMULATOR_DIR"' EXIT

for _ in $(seq 1 100); do
    [ -s "$PAI_EMULATOR_READY" ] && break
    if ! kill -0 "$PAI_EMULATOR_PID" 2>/dev/null; then
        cat "$PAI_EMULATOR_DIR/log" >&2
        exit 1
    fi
    sleep 0.1
done
[ -s "$PAI_EMULATOR_READY" ] || { echo "the emulator did not start" >&2; cat "$PAI_EMULATOR_DIR/log" >&2; exit 1; }

PAI_EMULATOR_URL="$(python -c 'import json, sys; print(json.load(open(sys.argv[1]))["base_url"])' "$PAI_EMULATOR_READY")"
PAI_CATALOG_ENDPOINT_URL="$PAI_EMULATOR_URL/r/{region}"
export PAI_EMULATOR_URL PAI_EMULATOR_READY PAI_CATALOG_ENDPOINT_URL

# Run a playbook against localhost twice: in normal mode, then in check mode (info modules must return the same).
run_playbook() {
    local playbook="$1"
    shift
    local python
    python="$(command -v python)"
    ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$python" \
        -e "emulator_url=$PAI_EMULATOR_URL" "$playbook" "$@"
    ansible-playbook -i localhost, -c local -e "ansible_python_interpreter=$python" \
        -e "emulator_url=$PAI_EMULATOR_URL" "$playbook" --check "$@"
}
