# Build and test harness for the pai.catalog collection.
#
#   make test          everything CI runs (via .ci/run), in this order, with a summary of times:
#                      venv sanity units emulator-test integration lint build install-test ee test-newest
#   make quick         the edit-test loop: sanity, units and the integration targets in TARGETS (default: touched)
#   make venv          (re)install .venv from requirements-dev.txt, only when the requirements change
#   make tree          copy the checkout to $(COLLECTION), the real directory ansible-test needs
#   make sanity | units | emulator-test | integration     ansible-test and pytest, ansible-core 2.19, Python 3.11
#   make lint          ansible-lint (production profile), antsibull-docs lint-collection-docs --plugin-docs,
#                      antsibull-changelog lint; and docs/plugins and CHANGELOG.rst are current
#   make build         ansible-galaxy collection build into $(DIST); the tarball holds no local files
#   make install-test  install the tarball into a fresh collections path and use it by FQCN (emulator)
#   make ee            ansible-builder introspect + create for execution-environment.yml (no container build)
#   make test-newest   sanity + units + integration with the newest ansible-core, in .venv-newest
#   make docs          regenerate docs/plugins/ from the plugin docs
#   make changelog     regenerate CHANGELOG.rst from changelogs/ (fragments included, as release $(VERSION))
#   make env           .venv-run (ansible-core + requirements.txt) and the link that ansible.cfg uses, for users
#   make demo          make env, then scripts/demo.sh: the emulator and playbooks/audit.yml, report in ./pai-audit-report
#   make changelog-lint | clean
#
# ansible-test refuses a collection that is not under .../ansible_collections/pai/catalog and refuses a
# symlinked one, so the ansible-test targets (and the linters) run in a fresh copy of the checkout below $(TREE).
# Everything the targets write goes below $(TREE), outside the checkout, except .venv and .venv-newest.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test
MAKEFLAGS += --no-print-directory

# Python 3.11 for .venv: pyenv's interpreter if present (no shim needed), else python3.11 from PATH.
PYTHON ?= $(firstword $(wildcard $(PYENV_ROOT)/versions/3.11.*/bin/python3.11 $(HOME)/.pyenv/versions/3.11.*/bin/python3.11) \
	$(shell command -v python3.11 2>/dev/null))
PYTHON := $(PYTHON)
PY_VERSION := 3.11

VENV ?= $(CURDIR)/.venv
VENV := $(VENV)
BIN := $(VENV)/bin
REQUIREMENTS ?= requirements-dev.txt
STAMP := $(VENV)/.$(REQUIREMENTS).stamp

# One tree per checkout, so that two checkouts on one machine do not share it.
TREE ?= /tmp/pai-catalog-tree-$(shell printf '%s' '$(CURDIR)' | cksum | cut -d' ' -f1)
TREE := $(TREE)
COLLECTION := $(TREE)/ansible_collections/pai/catalog

VERSION := $(shell sed -n 's/^version:[[:space:]]*//p' galaxy.yml | tr -d "\"'")
DIST := $(TREE)/dist
TARBALL := $(DIST)/pai-catalog-$(VERSION).tar.gz
EE_DIR := $(TREE)/ee

# The newest ansible-core (requirements-newest.txt) needs Python 3.12 or later: pyenv's 3.12 by default.
NEWEST_PY_VERSION ?= 3.12
NEWEST_PYTHON ?= $(firstword $(wildcard $(PYENV_ROOT)/versions/$(NEWEST_PY_VERSION).*/bin/python$(NEWEST_PY_VERSION) \
	$(HOME)/.pyenv/versions/$(NEWEST_PY_VERSION).*/bin/python$(NEWEST_PY_VERSION)) \
	$(shell command -v python$(NEWEST_PY_VERSION) 2>/dev/null))
NEWEST_VENV := $(CURDIR)/.venv-newest

# The tools of lint, docs and changelog see the tree's copy of pai.catalog and nothing else.
TOOLS_ENV := PATH="$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH="$(TREE)" \
	ANSIBLE_NOCOLOR=1

# ansible-test looks up "python3.11" on PATH: make it the one in .venv, which has ansible-core,
# requests, jmespath, pytest and friends (units and integration run locally in it, no --venv).
ANSIBLE_TEST := PATH="$(BIN):$$PATH" $(BIN)/ansible-test
ANSIBLE_TEST_OPTIONS ?= --python $(PY_VERSION) --color no

# What the tree must not contain: local state of tools, never part of the collection.
TREE_EXCLUDES := --exclude=./.venv --exclude='./.venv-*' --exclude=./.git --exclude=./tests/output --exclude=./.ansible \
	--exclude=./collections --exclude=./.ci/cache --exclude=./tests/integration/inventory \
	--exclude=./benchmarks/results --exclude=__pycache__ --exclude=.pytest_cache --exclude='*.pyc' \
	--exclude='*.tar.gz' --exclude=./pai-audit-report

# Folders of the emulator's own tests and of the vendor SDK fidelity tests.
EMULATOR_TEST_DIRS := tests/emulator tests/sdk

# Benchmarks (issue 7): the full run takes minutes, bench-tiny checks in CI that it keeps working.
bench: $(STAMP)
	"$(BIN)/python" benchmarks/run.py

bench-tiny: $(STAMP)
	"$(BIN)/python" benchmarks/run.py --tiny

# The fault suite at length (docs/reliability.md): reliability_playbooks 100 times, summary in $(TREE)/reliability-long.txt.
RELIABILITY_RUNS ?= 100
reliability-long: $(STAMP) tree
	@rm -f "$(TREE)/reliability-long.txt"
	cd "$(COLLECTION)/tests/integration/targets/reliability_playbooks" && \
		PATH="$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH="$(TREE)" RELIABILITY_RUNS=$(RELIABILITY_RUNS) \
		RELIABILITY_SUMMARY="$(TREE)/reliability-long.txt" ./runme.sh
	@cat "$(TREE)/reliability-long.txt"

.PHONY: quick reliability-long bench bench-tiny test venv tree pip-bootstrap sanity units emulator-test integration changelog-lint demo env clean \
	lint build install-test ee test-newest docs changelog

venv: $(STAMP)

$(STAMP): $(REQUIREMENTS) requirements.txt
	@if [ ! -x "$(BIN)/python" ]; then \
		if [ -z "$(PYTHON)" ]; then echo "No Python $(PY_VERSION) found: set PYTHON=/path/to/python$(PY_VERSION)" >&2; exit 1; fi; \
		echo "Creating $(VENV) with $(PYTHON)"; \
		"$(PYTHON)" -m venv "$(VENV)"; \
	fi
	@"$(BIN)/python" -c 'import sys; sys.exit("%d.%d" % sys.version_info[:2] != "$(PY_VERSION)" and "$(VENV) is not Python $(PY_VERSION): remove it")'
	"$(BIN)/python" -m pip install --disable-pip-version-check --quiet -r $(REQUIREMENTS)
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

# The edit-test loop: sanity, units and the integration targets in TARGETS (default: the targets whose files the
# uncommitted change touches). make test (CI) still runs everything.
TARGETS ?= $(shell git diff --name-only HEAD -- tests/integration/targets 2>/dev/null | cut -d/ -f4 | sort -u)
quick: $(STAMP) pip-bootstrap tree
	cd "$(COLLECTION)" && $(ANSIBLE_TEST) sanity $(ANSIBLE_TEST_OPTIONS)
	cd "$(COLLECTION)" && $(ANSIBLE_TEST) units $(ANSIBLE_TEST_OPTIONS)
	@if [ -n "$(strip $(TARGETS))" ]; then \
		echo 'ansible-test integration $(strip $(TARGETS))'; \
		cd "$(COLLECTION)" && $(ANSIBLE_TEST) integration $(ANSIBLE_TEST_OPTIONS) $(strip $(TARGETS)); \
	else echo "quick: no integration target touched; name some with TARGETS='role_audit lookups'"; fi

changelog-lint: $(STAMP)
	"$(BIN)/antsibull-changelog" lint

# ---------------------------------------------------------------------------------------------- packaging

# Linters on the tree (ansible-lint resolves pai.catalog.* offline only through ANSIBLE_COLLECTIONS_PATH; its
# schema downloads and version check fail harmlessly), then: are the generated docs and changelog current?
lint: $(STAMP) tree
	cd "$(COLLECTION)" && $(TOOLS_ENV) "$(BIN)/ansible-lint" --nocolor
	cd "$(COLLECTION)" && $(TOOLS_ENV) "$(BIN)/antsibull-docs" lint-collection-docs --plugin-docs .
	cd "$(COLLECTION)" && "$(BIN)/antsibull-changelog" lint && \
		"$(BIN)/antsibull-changelog" lint-changelog-yaml changelogs/changelog.yaml
	@rm -rf "$(TREE)/docs-check"
	@( $(call plugin-docs,$(TREE)/docs-check) ) >/dev/null
	@diff -r docs/plugins "$(TREE)/docs-check" >/dev/null || { diff -ru docs/plugins "$(TREE)/docs-check" | head -n 40; \
		echo "docs/plugins/ is not what the plugin docs say: run make docs" >&2; exit 1; }
	@echo "docs/plugins/ is current"
	@( $(call changelog-rst,$(TREE)/CHANGELOG.rst) ) >/dev/null 2>&1 || { echo "antsibull-changelog failed: run make changelog" >&2; exit 1; }
	@cmp -s CHANGELOG.rst "$(TREE)/CHANGELOG.rst" || { diff -u CHANGELOG.rst "$(TREE)/CHANGELOG.rst" | head -n 40; \
		echo "CHANGELOG.rst is not what changelogs/ says: run make changelog" >&2; exit 1; }
	@echo "CHANGELOG.rst is current"

# One Markdown page per plugin from ansible-doc's view of the plugin docs (fragments merged).
define plugin-docs
$(TOOLS_ENV) "$(BIN)/ansible-doc" --metadata-dump pai.catalog > "$(TREE)/plugin-docs.json" && \
	"$(BIN)/python" scripts/plugin_docs.py "$(TREE)/plugin-docs.json" "$(1)"
endef

docs: $(STAMP) tree
	$(call plugin-docs,docs/plugins)

# CHANGELOG.rst as antsibull-changelog writes it at release time: the fragments become release $(VERSION) in a
# copy of the checkout (changelogs/ itself is left alone until the real release), or, once $(VERSION) is
# released, the changelog as it stands.
define changelog-rst
rm -rf "$(TREE)/changelog" && mkdir -p "$(TREE)/changelog/ansible_collections/pai/catalog" && \
	tar -C "$(CURDIR)" $(TREE_EXCLUDES) -cf - . | tar -C "$(TREE)/changelog/ansible_collections/pai/catalog" -xf - && \
	cd "$(TREE)/changelog/ansible_collections/pai/catalog" && \
	if "$(BIN)/python" -c 'import sys, yaml; sys.exit("$(VERSION)" not in (yaml.safe_load(open("changelogs/changelog.yaml")).get("releases") or {}))'; then \
		PATH="$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH="$(TREE)/changelog" "$(BIN)/antsibull-changelog" generate; \
	else \
		PATH="$(BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH="$(TREE)/changelog" "$(BIN)/antsibull-changelog" release --version "$(VERSION)"; \
	fi && cp CHANGELOG.rst "$(1)"
endef

changelog: $(STAMP)
	@$(call changelog-rst,$(CURDIR)/CHANGELOG.rst)
	@echo "CHANGELOG.rst written (release $(VERSION))"

# The tarball, built from the checkout as a user would build it: build_ignore in galaxy.yml must keep local files
# out, and tests/packaging/check_tarball.py fails on any that got in, or on content that did not.
build: $(STAMP)
	@rm -rf "$(DIST)" && mkdir -p "$(DIST)"
	"$(BIN)/ansible-galaxy" collection build --force --output-path "$(DIST)" .
	"$(BIN)/python" tests/packaging/check_tarball.py "$(TARBALL)"

install-test: build
	PYTHON="$(BIN)/python" bash tests/packaging/smoke.sh "$(TARBALL)"

# ansible-builder: what the collection declares for an EE (meta/execution-environment.yml), read back from the
# installed tarball; and the build context of the example execution-environment.yml. No container is built.
ee: build
	@rm -rf "$(EE_DIR)" && mkdir -p "$(EE_DIR)"
	ANSIBLE_COLLECTIONS_PATH="$(EE_DIR)/collections" "$(BIN)/ansible-galaxy" collection install --force --offline \
		-p "$(EE_DIR)/collections" "$(TARBALL)" >/dev/null
	"$(BIN)/ansible-builder" introspect "$(EE_DIR)/collections" | tee "$(EE_DIR)/introspect.yml"
	@"$(BIN)/python" -c "$$CHECK_INTROSPECT" "$(EE_DIR)/introspect.yml" requirements.txt
	cd "$(EE_DIR)" && "$(BIN)/ansible-builder" create -f "$(CURDIR)/execution-environment.yml" \
		--context "$(EE_DIR)/context" --output-filename Containerfile
	@grep -q 'pai.catalog' "$(EE_DIR)/context/_build/requirements.yml" && test -s "$(EE_DIR)/context/Containerfile" \
		&& echo "ee: build context in $(EE_DIR)/context"

define CHECK_INTROSPECT
import re, sys, yaml
found = yaml.safe_load(open(sys.argv[1]).read().split('\n', 1)[1])
names = lambda lines: sorted(re.split(r'[<>=!~ ;#\[]', l.strip(), 1)[0].lower() for l in lines if l.strip() and not l.strip().startswith('#'))
wanted = names(open(sys.argv[2]))
got = names(found.get('python') or [])
if got != wanted:
    sys.exit('ee: ansible-builder finds Python requirements %s, requirements.txt says %s' % (got, wanted))
print('ee: meta/execution-environment.yml gives %s' % ', '.join(got))
endef
export CHECK_INTROSPECT

# The same sanity, unit and integration tests with the newest ansible-core, in .venv-newest with Python
# $(NEWEST_PY_VERSION), in a tree of its own.
test-newest:
	@if [ -z "$(NEWEST_PYTHON)" ]; then echo "No Python $(NEWEST_PY_VERSION) found for the newest ansible-core: set NEWEST_PYTHON" >&2; exit 1; fi
	@$(MAKE) venv VENV="$(NEWEST_VENV)" REQUIREMENTS=requirements-newest.txt PYTHON="$(NEWEST_PYTHON)" PY_VERSION=$(NEWEST_PY_VERSION)
	@echo "test-newest: $$("$(NEWEST_VENV)/bin/ansible" --version | head -n 1), Python $(NEWEST_PY_VERSION)"
	@for step in sanity units integration; do \
		echo "==> make $$step (newest ansible-core)"; \
		$(MAKE) $$step VENV="$(NEWEST_VENV)" REQUIREMENTS=requirements-newest.txt PYTHON="$(NEWEST_PYTHON)" \
			PY_VERSION=$(NEWEST_PY_VERSION) TREE="$(TREE)/newest" || exit 1; \
	done

# The whole suite, in order, stopping at the first failure, with a summary of what ran and how long.
TEST_STEPS := venv sanity units emulator-test integration bench-tiny lint build install-test ee test-newest
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

# From a checkout, for users: .venv-run holds ansible-core (the version .venv tests) and requirements.txt, nothing of
# the development tools; ansible.cfg finds pai.catalog through the link .ansible/collections/ansible_collections/pai/
# catalog -> the checkout, and runs modules with the Python of ansible-playbook.
RUN_VENV := $(CURDIR)/.venv-run
RUN_STAMP := $(RUN_VENV)/.requirements.txt.stamp
RUN_LINK := .ansible/collections/ansible_collections/pai/catalog

env: $(RUN_STAMP)
	@mkdir -p "$$(dirname "$(RUN_LINK)")"
	@[ -L "$(RUN_LINK)" ] || ln -s ../../../.. "$(RUN_LINK)"
	@echo "pai.catalog from this checkout: source .venv-run/bin/activate, then run ansible-playbook, ansible-inventory,"
	@echo "ansible-doc from $(CURDIR) (ansible.cfg)"

$(RUN_STAMP): requirements.txt requirements-dev.txt
	@if [ ! -x "$(RUN_VENV)/bin/python" ]; then \
		if [ -z "$(PYTHON)" ]; then echo "No Python $(PY_VERSION) found: set PYTHON=/path/to/python$(PY_VERSION)" >&2; exit 1; fi; \
		echo "Creating $(RUN_VENV) with $(PYTHON)"; \
		"$(PYTHON)" -m venv "$(RUN_VENV)"; \
	fi
	"$(RUN_VENV)/bin/python" -m pip install --disable-pip-version-check --quiet "$$(grep -m1 '^ansible-core' requirements-dev.txt)" \
		-r requirements.txt
	@touch "$@"

# The report goes to ./pai-audit-report, or to the folder PAI_AUDIT_DEST names.
demo: env
	PYTHON="$(RUN_VENV)/bin/python" bash scripts/demo.sh

clean:
	rm -rf "$(TREE)" tests/output .pytest_cache
