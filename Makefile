# The two commands: `make html` builds the site, `make test` runs the tests.
# Each creates .venv from the pinned requirements when it is missing or stale.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
OUTPUT := output
PUBLISH_BUILDS := .publish
PELICAN_OPTS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: html serve publish test clean venv check new-treatment new-condition new-page new-person audit

# After a publish, output is a link to the published build: a development
# build must not write into that, so the link is removed and a folder made.
html: $(VENV)/.site ## build the site into output/ (problems are warnings)
	if [ -L $(OUTPUT) ]; then rm $(OUTPUT); fi
	$(PELICAN) content -s pelicanconf.py -o $(OUTPUT) $(PELICAN_OPTS)

serve: $(VENV)/.site ## rebuild on every change and serve on http://127.0.0.1:8000
	HOST=$(HOST) PORT=$(PORT) OUTPUT=$(OUTPUT) PYTHONPATH=plugins $(BIN)/python -m clinic.staff.serve pelicanconf.py

# One publish at a time (a lock); each builds into its own folder under
# .publish/, and output becomes a link to it in one atomic rename only when the
# whole strict build succeeded (plugins/clinic/staff/publish.py).
publish: $(VENV)/.site ## strict production build into output/
	OUTPUT=$(OUTPUT) PUBLISH_BUILDS=$(PUBLISH_BUILDS) PYTHONPATH=plugins \
		$(BIN)/python -m clinic.staff.publish $(PELICAN_OPTS)

# The code checks first, each stopping the run when it fails: ruff's lint and
# format check, then mypy (strict on the plugin; settings in pyproject.toml).
test: $(VENV)/.test $(VENV)/.browser ## check the code, then run the whole test suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# axe, the Nu HTML checker, Lighthouse, page weight and browser checks on every
# page of the sample site, and the MDN HTTP Observatory scan of a fictional
# clinic's publish build (docs/quality.md); exit status 1 on any shortfall,
# a check that did not run included.  Runs as root (the scan serves on ports
# 80 and 443 and edits /etc/hosts for its run); needs Java, Node, npm and
# openssl; installs its npm packages (npm ci) when missing.
audit: $(VENV)/.test $(VENV)/.browser ## audit the built site against the theme's bars
	$(BIN)/python -m audit.run

# Every content rule, as a report; exit status 1 when there is any problem.
check: $(VENV)/.site ## check the content without publishing
	@rm -rf .check-output
	@$(PELICAN) content -s pelicanconf.py -o .check-output -e CLINIC_CHECK=true $(PELICAN_OPTS); \
	status=$$?; rm -rf .check-output; exit $$status

# LANG=es writes the page's words in one of the site's languages (only when
# given on the command line: LANG is also the shell's locale); in a language
# other than the default it is a translation of the page SLUG= names.
new-treatment new-condition new-page new-person: $(VENV)/.site ## e.g. make new-treatment NAME="Chemical peel"
	@PYTHONPATH=plugins $(BIN)/python -m clinic.staff.scaffold $(@:new-%=%) "$(NAME)" \
		$(if $(filter command line,$(origin LANG)),--lang "$(LANG)") $(if $(SLUG),--slug "$(SLUG)")

clean: ## remove the built site and caches (keeps .venv)
	rm -rf $(OUTPUT) $(OUTPUT).link-* $(PUBLISH_BUILDS) .publish-tmp __pycache__ .pytest_cache .mypy_cache .ruff_cache cache

venv: $(VENV)/.site

# The browser tests need a Chromium: the system's if there is one (CI installs
# Debian's), otherwise Playwright downloads its own once.
$(VENV)/.browser: | $(VENV)/.test
	if [ -n "$$CHROMIUM" ] || command -v chromium >/dev/null || command -v chromium-browser >/dev/null; \
	then touch $@; else $(BIN)/python -m playwright install chromium && touch $@; fi

$(VENV)/bin/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed (for tomllib)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site: requirements.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $(VENV)/.site $@

# Benchmarks: build time, scaling, memory and page weight (see bench/README.md).
# BENCH_OPTS=--quick for a first look.
BENCH_OPTS ?=
.PHONY: bench
bench: $(VENV)/.test
	$(BIN)/python bench/run.py $(BENCH_OPTS)
