# tripreport: `make` sets up and builds every report in content/ into build/; `make test`.
# `make help` lists the targets.

VENV       ?= .venv
PYTHON     ?= python3
TRIPREPORT := $(VENV)/bin/tripreport
OUT        ?= build
STAMP      := $(VENV)/.installed

REPORTS := $(wildcard content/*/report.yaml)
SLUGS   := $(patsubst content/%/report.yaml,%,$(REPORTS))
SOURCES := $(shell find generator -name '*.py' -o -name '*.yaml') pyproject.toml
DOCX_TEMPLATE := templates/report.docx templates/fonts.conf
# The 目次 gets its page numbers from LibreOffice's layout when LibreOffice is installed.
TOC_PAGES := $(if $(shell command -v soffice 2>/dev/null),--toc-pages)

.PHONY: all setup system-packages reports check test lint golden template clean help

all: setup reports ## set up (venv, Python and system packages), then build every report

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

setup: $(STAMP) system-packages ## create .venv with the pinned dependencies; install system packages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

system-packages:
	@scripts/install-system-packages.sh

reports: $(foreach s,$(SLUGS),$(OUT)/$(s)/$(s).docx) ## build every content/*/report.yaml

# One rule per report: it depends on its YAML, every file in its folder (photos, figures),
# the template and the package source, so an unchanged report is not rebuilt.
define report_rules
$(OUT)/$(1)/$(1).docx: content/$(1)/report.yaml $(shell find content/$(1) -type f ! -name report.yaml) $(DOCX_TEMPLATE) $(SOURCES) | $(STAMP)
	$(TRIPREPORT) build content/$(1) -o $(OUT) --format docx $(TOC_PAGES)
endef
$(foreach s,$(SLUGS),$(eval $(call report_rules,$(s))))

check: | $(STAMP) ## check every report without building
	$(TRIPREPORT) check $(dir $(REPORTS))

test: | $(STAMP) ## run the test suite
	$(VENV)/bin/pytest

lint: | $(STAMP) ## ruff and mypy
	$(VENV)/bin/ruff check generator tests scripts
	$(VENV)/bin/mypy

golden: | $(STAMP) ## regenerate the golden structure files in tests/golden (review the diff)
	$(VENV)/bin/python -m tests.golden

template: | $(STAMP) ## regenerate templates/report.docx from scripts/make_word_template.py
	$(VENV)/bin/python scripts/make_word_template.py templates/report.docx

clean: ## remove build outputs
	rm -rf $(OUT)
