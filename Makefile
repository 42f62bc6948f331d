# Build and test harness for the pai.catalog collection.
#
#   make test        venv + sanity + units + emulator-test + integration (what CI runs, via .ci/run)
#   make venv        (re)install .venv from requirements-dev.txt, only when the requirements change
#   make tree        copy the checkout to $(COLLECTION), the real directory ansible-test needs
#   make sanity | units | emulator-test | integration | changelog-lint | demo
#
# ansible-test refuses a collection that is not under .../ansible_collections/pai/catalog and refuses a
# symlinked one, so the ansible-test targets run in a fresh copy of the checkout below $(TREE).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test
MAKEFLAGS += --no-print-directory

# Python 3.11 for .venv: pyenv's interpreter if present (no shim needed), else python3.11 from PATH.
PYTHON ?= $(firstword $(wildcard $(PYENV_ROOT)/versions/3.11.*/bin/python3.11 $(HOME)/.pyenv/versions/3.11.*/bin/python3.11) \
	$(shell command -v python3.11 2>/dev/null))
PYTHON := $(PYTHON)
PY_VERSION := 3.11

VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.requirements-dev.stamp

# One tree per checkout, so that two checkouts on one machine do not share it.
TREE ?= /tmp/pai-catalog-tree-$(shell printf '%s' '$(CURDIR)' | cksum | cut -d' ' -f1)
TREE := $(TREE)
COLLECTION := $(TREE)/ansible_collections/pai/catalog

# ansible-test looks up "python3.11" on PATH: make it the one in .venv, which has ansible-core,
# requests, jmespath, pytest and friends (units and integration run locally in it, no --venv).
ANSIBLE_TEST := PATH="$(BIN):$$PATH" $(BIN)/ansible-test
ANSIBLE_TEST_OPTIONS ?= --python $(PY_VERSION) --color no

# What the tree must not contain: local state of tools, never part of the collection.
TREE_EXCLUDES := --exclude=./.venv --exclude=./.git --exclude=./tests/output --exclude=./.ansible \
	--exclude=./collections --exclude=./.ci/cache --exclude=./tests/integration/inventory \
	--exclude=./benchmarks/results --exclude=__pycache__ --exclude=.pytest_cache --exclude='*.pyc' \
	--exclude='*.tar.gz'

# Folders of the emulator's own tests and of the vendor SDK fidelity tests.
EMULATOR_TEST_DIRS := tests/emulator tests/sdk

.PHONY: test venv tree pip-bootstrap sanity units emulator-test integration changelog-lint demo clean

venv: $(STAMP)

$(STAMP): requirements-dev.txt requirements.txt
	@if [ ! -x "$(BIN)/python" ]; then \
		if [ -z "$(PYTHON)" ]; then echo "No Python 3.11 found: set PYTHON=/path/to/python3.11" >&2; exit 1; fi; \
		echo "Creating $(VENV) with $(PYTHON)"; \
		"$(PYTHON)" -m venv "$(VENV)"; \
	fi
	@"$(BIN)/python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "$(VENV) is not Python 3.11: remove it")'
	"$(BIN)/python" -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	@touch "$@"

tree:
	@rm -rf "$(COLLECTION)"
	@mkdir -p "$(COLLECTION)"
	@tar -C "$(CURDIR)" $(TREE_EXCLUDES) -cf - . | tar -C "$(COLLECTION)" -xf -
	@echo "Collection tree: $(COLLECTION)"

# ansible-test bootstraps pip in each venv it makes with a get-pip script downloaded from a host that is
# unreachable here; it uses ~/.ansible/test/cache/get_pip_<pinned pip version, dots as underscores>.py
# instead when that exists. .ci/get_pip.py does the same job with ensurepip and the package index.
pip-bootstrap: $(STAMP)
	@version=$$("$(BIN)/python" -c 'import types; from ansible_test._internal.python_requirements import get_venv_packages; print(get_venv_packages(types.SimpleNamespace(version="$(PY_VERSION)"))["pip"])'); \
	target="$(HOME)/.ansible/test/cache/get_pip_$${version//./_}.py"; \
	mkdir -p "$$(dirname "$$target")"; \
	if ! cmp -s .ci/get_pip.py "$$target"; then cp .ci/get_pip.py "$$target"; echo "Installed pip $$version bootstrap: $$target"; fi

sanity: $(STAMP) pip-bootstrap tree
	@if [ -n "$$(ls tests/sanity/ignore-*.txt 2>/dev/null)" ]; then echo "tests/sanity/ignore-*.txt must not exist" >&2; exit 1; fi
	@command -v shellcheck >/dev/null || echo "NOTE: shellcheck is not installed, ansible-test skips the shellcheck test"
	cd "$(COLLECTION)" && $(ANSIBLE_TEST) sanity $(ANSIBLE_TEST_OPTIONS)

# ansible-test counts pytest's exit status 5 (nothing collected) as a pass; a unit test context that
# ran no test at all is a mistake here, so each junit report must count at least one test.
units: $(STAMP) tree
	cd "$(COLLECTION)" && $(ANSIBLE_TEST) units $(ANSIBLE_TEST_OPTIONS)
	@"$(BIN)/python" -c "$$CHECK_JUNIT" "$(COLLECTION)/tests/output/junit"

define CHECK_JUNIT
import glob, sys, xml.etree.ElementTree as ET
reports = sorted(glob.glob(sys.argv[1] + '/*-units.xml'))
counts = {r: sum(int(s.get('tests', 0)) for s in ET.parse(r).getroot().iter('testsuite')) for r in reports}
empty = [r for r, n in counts.items() if n == 0]
if not reports or empty:
    sys.exit('units: no test ran in %s' % (', '.join(empty) or sys.argv[1]))
print('units: %d tests in %d report(s)' % (sum(counts.values()), len(reports)))
endef
export CHECK_JUNIT

# pytest exits 5 when it collects nothing: that is a failure whenever test files exist. Only when the
# folders hold no test file at all (the emulator's tests not written yet) is there nothing to run.
emulator-test: $(STAMP)
	@dirs=; for d in $(EMULATOR_TEST_DIRS); do if [ -d "$$d" ]; then dirs="$$dirs $$d"; fi; done; \
	if [ -z "$$dirs" ] || [ -z "$$(find $$dirs -name 'test_*.py' -o -name '*_test.py' | head -n 1)" ]; then \
		echo "emulator-test: no test files in $(EMULATOR_TEST_DIRS), nothing to run"; exit 0; \
	fi; \
	echo "$(BIN)/python -m pytest$$dirs -q"; \
	"$(BIN)/python" -m pytest $$dirs -q

# ansible-test refuses to run without any target; only a checkout with no target file at all skips.
# Inside runme.sh ansible-test passes on only PATH, HOME and a few more from our environment (variables
# set here do not arrive); it sets ANSIBLE_COLLECTIONS_PATH=$(TREE), INVENTORY_PATH, OUTPUT_DIR,
# ANSIBLE_TEST_PYTHON_INTERPRETER, ANSIBLE_CONFIG and PYTHONPATH (its own injector directory).
integration: $(STAMP) tree
	@if [ -z "$$(find tests/integration/targets -type f 2>/dev/null | head -n 1)" ]; then \
		echo "integration: no targets in tests/integration/targets, nothing to run"; exit 0; \
	fi; \
	echo 'cd "$(COLLECTION)" && ansible-test integration $(ANSIBLE_TEST_OPTIONS)'; \
	cd "$(COLLECTION)" && $(ANSIBLE_TEST) integration $(ANSIBLE_TEST_OPTIONS)

changelog-lint: $(STAMP)
	"$(BIN)/antsibull-changelog" lint

# The whole suite, in order, stopping at the first failure, with a summary of what ran and how long.
TEST_STEPS := venv sanity units emulator-test integration
test:
	@summary=(); status=0; \
	for step in $(TEST_STEPS); do \
		start=$$(date +%s); \
		echo "==> make $$step"; \
		if $(MAKE) $$step; then result=ok; else result=FAILED; status=1; fi; \
		summary+=("$$(printf '%-14s %-7s %4ss' "$$step" "$$result" "$$(( $$(date +%s) - start ))")"); \
		[ $$status -eq 0 ] || break; \
	done; \
	echo; echo "==> Summary"; printf '  %s\n' "$${summary[@]}"; \
	if [ $$status -eq 0 ]; then echo "==> ALL PASSED"; else echo "==> FAILED at: $$step" >&2; fi; \
	exit $$status

demo: venv
	bash scripts/demo.sh

clean:
	rm -rf "$(TREE)" tests/output .pytest_cache
