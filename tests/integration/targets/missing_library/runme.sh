#!/usr/bin/env bash
# A Python without requests (or without jmespath, for a lookup's query): the module, the lookup and the inventory
# plugin fail with the pip command for the interpreter that lacks the library, never "No module named ..." or a
# traceback. A folder on PYTHONPATH whose requests.py / jmespath.py raise ImportError stands for the missing library.
set -eu
# shellcheck source=../setup_emulator/emulator.sh
source ../setup_emulator/emulator.sh
export ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tEmulatorAccessKey ALIBABA_CLOUD_ACCESS_KEY_SECRET=emulator-access-key-secret
python="$(command -v python)"
work="$(mktemp -d)"
trap 'rm -rf "$work"; kill "$PAI_EMULATOR_PID" 2>/dev/null; wait "$PAI_EMULATOR_PID" 2>/dev/null; rm -rf "$PAI_EMULATOR_DIR"' EXIT
for library in requests jmespath; do
    mkdir -p "$work/without-$library"
    echo "raise ImportError(\"No module named '$library'\")" > "$work/without-$library/$library.py"
done

# expect NAME LIBRARY COMMAND...: COMMAND fails, naming "<a python> -m pip install LIBRARY", with no traceback.
expect() {
    local name="$1" library="$2"
    shift 2
    if PYTHONPATH="$work/without-$library${PYTHONPATH:+:$PYTHONPATH}" "$@" > "$work/$name.log" 2>&1; then
        cat "$work/$name.log"; echo "$name: succeeded without $library" >&2; exit 1
    fi
    grep -Eq "/[^ ]*python[^ ]* -m pip install $library" "$work/$name.log" \
        || { cat "$work/$name.log"; echo "$name: no pip command for $library" >&2; exit 1; }
    if grep -Eq "Traceback|No module named" "$work/$name.log"; then
        cat "$work/$name.log"; echo "$name: a traceback or a bare ImportError" >&2; exit 1
    fi
    echo "$name: $(grep -Eo "[^ ]*python[^ ]* -m pip install $library" "$work/$name.log" | head -n 1)"
}

# The module names the interpreter that runs it (ansible_python_interpreter), which may not be the controller's.
expect module requests ansible -i localhost, -c local -e "ansible_python_interpreter=$python" localhost \
    -m pai.catalog.connection_info -a regions=cn-hangzhou
executable="$("$python" -c 'import sys; print(sys.executable)')"
grep -qF "$executable -m pip install requests" "$work/module.log" \
    || { cat "$work/module.log"; echo "module: the pip command is not for $executable" >&2; exit 1; }
expect lookup requests ansible -i localhost, -c local localhost -m ansible.builtin.debug \
    -a "msg={{ query('pai.catalog.connections', regions='cn-hangzhou') }}"
expect lookup_query jmespath ansible -i localhost, -c local localhost -m ansible.builtin.debug \
    -a "msg={{ query('pai.catalog.connections', regions='cn-hangzhou', query='[].connection_name') }}"
printf 'plugin: pai.catalog.pai\nregions: [cn-hangzhou]\nstrict: true\n' > "$work/emulator.pai.yml"
expect inventory requests env ANSIBLE_INVENTORY_UNPARSED_FAILED=true ansible-inventory -i "$work/emulator.pai.yml" --list
