#!/usr/bin/env bash
# make install-test: install the built tarball into a fresh collections path, then use it by FQCN.
#
#   bash tests/packaging/smoke.sh dist/pai-catalog-X.Y.Z.tar.gz
#
# Only the installed copy is on ANSIBLE_COLLECTIONS_PATH (the checkout is not), so a file that the tarball
# lacks fails: ansible-doc must render every plugin, and tests/packaging/smoke.yml calls the modules and a
# lookup against the emulator, which runs from the installed copy too.
# Environment: PYTHON (default .venv/bin/python, with ansible-core and requests), KEEP=1 keeps the work folder.
set -euo pipefail

tarball="$(cd "$(dirname "${1:?usage: smoke.sh TARBALL}")" && pwd)/$(basename "$1")"
if [ -n "${PYTHON:-}" ]; then PYTHON="$(cd "$(dirname "$PYTHON")" && pwd)/$(basename "$PYTHON")"; fi
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$(pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
bin="$(dirname "$python")"
work="$(mktemp -d "${TMPDIR:-/tmp}/pai-catalog-smoke.XXXXXX")"
emulator_pid=
cleanup() {
    if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
    if [ "${KEEP:-0}" = 1 ]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# Nothing but the fresh installation: no user or system collections, no site-packages copy, no
# collections/ folder beside the playbook (the playbook is copied out of the checkout).
export ANSIBLE_COLLECTIONS_PATH="$work/collections"
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
export ANSIBLE_HOME="$work/ansible-home"
export ANSIBLE_LOCAL_TEMP="$work/ansible-home/tmp"
export ANSIBLE_PYTHON_INTERPRETER="$python"
export ANSIBLE_NOCOLOR=1 ANSIBLE_FORCE_COLOR=0 ANSIBLE_RETRY_FILES_ENABLED=0

echo "==> ansible-galaxy collection install --force --offline $(basename "$tarball")"
"$bin/ansible-galaxy" collection install --force --offline -p "$work/collections" "$tarball"
installed="$work/collections/ansible_collections/pai/catalog"
[ -f "$installed/MANIFEST.json" ] || { echo "not installed: $installed" >&2; exit 1; }
listed="$("$bin/ansible-galaxy" collection list pai.catalog -p "$work/collections" 2>&1)" || true
case "$listed" in
    *pai.catalog*) ;;
    *) echo "ansible-galaxy collection list does not show pai.catalog: $listed" >&2; exit 1 ;;
esac

# Every plugin of every type renders with ansible-doc from the installed copy.
plugins=0
for kind in module lookup inventory filter test callback connection; do
    dir=$kind
    [ "$kind" = module ] && dir=modules
    [ -d "$installed/plugins/$dir" ] || continue
    names=()
    while IFS= read -r file; do
        name="$(basename "$file")"
        name="${name%.py}"
        name="${name%.yml}"
        names+=("pai.catalog.$name")
    done < <(find "$installed/plugins/$dir" -maxdepth 1 -type f \( -name '*.py' -o -name '*.yml' \) ! -name '__init__.py' | sort)
    [ "${#names[@]}" -gt 0 ] || continue
    "$bin/ansible-doc" -t "$kind" --json "${names[@]}" > "$work/doc-$kind.json"
    "$python" - "$work/doc-$kind.json" "${names[@]}" <<'PY'
import json, sys
docs = json.load(open(sys.argv[1]))
missing = [n for n in sys.argv[2:] if not (docs.get(n) or {}).get('doc')]
if missing:
    sys.exit('ansible-doc rendered no docs for: %s' % ', '.join(missing))
PY
    "$bin/ansible-doc" -t "$kind" "${names[@]}" > /dev/null
    echo "ansible-doc: ${#names[@]} $kind plugin(s) render"
    plugins=$((plugins + ${#names[@]}))
done
[ "$plugins" -gt 0 ] || { echo "no plugin found in $installed" >&2; exit 1; }

# The emulator, from the installed copy, as docs/index.md tells an installed collection's user to start it.
PYTHONPATH="$work/collections" "$python" -m ansible_collections.pai.catalog.tests.emulator --port 0 \
    --ready-file "$work/ready.json" --quiet > "$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 100); do
    [ -s "$work/ready.json" ] && break
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
    sleep 0.1
done
[ -s "$work/ready.json" ] || { echo "the emulator did not start" >&2; cat "$work/emulator.log" >&2; exit 1; }
url="$("$python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["base_url"])' "$work/ready.json")"
echo "emulator at $url"

export PAI_CATALOG_ENDPOINT_URL="$url/r/{region}"
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tEmulatorAccessKey ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-access-key-secret
export ALIBABA_CLOUD_REGION_ID=cn-hangzhou,cn-shanghai
export HUAWEICLOUD_SDK_AK=HWEMULATORAK HUAWEICLOUD_SDK_SK=hw-emulator-sk
export HUAWEICLOUD_SDK_PROJECT_ID=0123456789abcdef0123456789abcdef HUAWEICLOUD_SDK_REGION=cn-north-4

cp tests/packaging/smoke.yml "$work/smoke.yml"
echo "==> ansible-playbook smoke.yml (installed collection)"
"$bin/ansible-playbook" -i localhost, "$work/smoke.yml"

# The collection's own playbooks run by FQCN from the installed copy.
if [ -f "$installed/playbooks/inventory.yml" ]; then
    echo "==> ansible-playbook pai.catalog.inventory (installed collection)"
    "$bin/ansible-playbook" -i localhost, pai.catalog.inventory > "$work/inventory.log" \
        || { cat "$work/inventory.log" >&2; exit 1; }
    tail -n 3 "$work/inventory.log"
fi
if [ -f "$installed/playbooks/audit.yml" ]; then
    echo "==> ansible-playbook pai.catalog.audit (installed collection)"
    "$bin/ansible-playbook" -i localhost, pai.catalog.audit -e "pai_audit_dest=$work/audit" > "$work/audit.log" \
        || { cat "$work/audit.log" >&2; exit 1; }
    tail -n 3 "$work/audit.log"
fi

# The inventory plugin from the installed copy.
if [ -f "$installed/plugins/inventory/pai.py" ]; then
    echo "==> ansible-inventory -i emulator.pai.yml (installed collection)"
    printf 'plugin: pai.catalog.pai\nregions: [cn-hangzhou, cn-shanghai]\n' > "$work/emulator.pai.yml"
    "$bin/ansible-inventory" -i "$work/emulator.pai.yml" --list > "$work/inventory.json"
    "$python" - "$work/inventory.json" <<'PY'
import json, sys
inventory = json.load(open(sys.argv[1]))
hosts = inventory.get('_meta', {}).get('hostvars', {})
if not hosts:
    sys.exit('ansible-inventory: the pai.catalog.pai inventory plugin made no host')
print('ansible-inventory: %d hosts, %d groups' % (len(hosts), len([g for g in inventory if g != '_meta'])))
PY
fi
echo "install-test: the installed tarball works"
