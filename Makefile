# tripreport: `make` sets up and builds every report in content/ into build/; `make test`.
# `make help` lists the targets.

VENV       ?= .venv
PYTHON     ?= python3
TRIPREPORT := $(VENV)/bin/tripreport
OUT        ?= build
CONTENT    ?= content
STAMP      := $(VENV)/.installed

REPORTS := $(wildcard $(CONTENT)/*/report.yaml)
SLUGS   := $(patsubst $(CONTENT)/%/report.yaml,%,$(REPORTS))
SOURCES := $(shell find generator -name '*.py' -o -name '*.yaml') pyproject.toml
DOCX_TEMPLATE := templates/report.docx templates/fonts.conf
HTML_TEMPLATES := templates/report.html.j2 templates/blocks.html.j2 templates/report.css
# The 目次 gets its page numbers from LibreOffice's layout when LibreOffice is installed.
TOC_PAGES := $(if $(shell command -v soffice 2>/dev/null),--toc-pages)

.PHONY: all setup system-packages reports check test lint golden template bench clean help

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

reports: $(foreach s,$(SLUGS),$(OUT)/$(s)/$(s).pdf $(OUT)/$(s)/$(s).docx) ## build every content/*/report.yaml

# Rules per report: each output depends on the YAML, every file in the report's folder
# (photos, figures), its own templates and the package source, so an unchanged report is not
# rebuilt and a changed report.css rebuilds PDFs only. The .docx waits for the PDF (order
# only), whose page count its 提要 sheet shows.
define report_rules
$(OUT)/$(1)/$(1).pdf: $(CONTENT)/$(1)/report.yaml $(shell find $(CONTENT)/$(1) -type f ! -name report.yaml) $(HTML_TEMPLATES) $(SOURCES) | $(STAMP)
	$(TRIPREPORT) build $(CONTENT)/$(1) -o $(OUT) --format pdf
$(OUT)/$(1)/$(1).docx: $(CONTENT)/$(1)/report.yaml $(shell find $(CONTENT)/$(1) -type f ! -name report.yaml) $(DOCX_TEMPLATE) $(SOURCES) | $(STAMP) $(OUT)/$(1)/$(1).pdf
	$(TRIPREPORT) build $(CONTENT)/$(1) -o $(OUT) --format docx $(TOC_PAGES)
endef
$(foreach s,$(SLUGS),$(eval $(call report_rules,$(s))))

check: | $(STAMP) ## check every report without building
	$(TRIPREPORT) check $(CONTENT)/*/

test: | $(STAMP) ## run the test suite
	$(VENV)/bin/pytest

lint: | $(STAMP) ## ruff and mypy
	$(VENV)/bin/ruff check generator tests scripts
	$(VENV)/bin/mypy

golden: | $(STAMP) ## regenerate the golden structure files in tests/golden (review the diff)
	$(VENV)/bin/python -m tests.golden

bench: | $(STAMP) ## benchmark against pandoc and LibreOffice (writes build/bench.md)
	@scripts/install-system-packages.sh pandoc
	$(VENV)/bin/python scripts/bench.py

template: | $(STAMP) ## regenerate templates/report.docx from scripts/make_word_template.py
	$(VENV)/bin/python scripts/make_word_template.py templates/report.docx

clean: ## remove build outputs
	rm -rf $(OUT)
