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
DOCX_TEMPLATE := templates/report.docx templates/fonts.conf $(wildcard templates/forms/*/*.docx)
HTML_TEMPLATES := templates/report.html.j2 templates/blocks.html.j2 templates/report.css

# Options stamps. Each build writes, beside each output, `.<file>.options`: the options it was
# built with that differ from the defaults (e.g. `--no-toc-pages --draft`), empty for a
# default build, rewritten only when they change. make builds with the defaults, so a stamp
# that is not empty is emptied here, which makes it newer than its output: rebuilt.
$(shell for f in $(OUT)/*/.*.options; do [ -s "$$f" ] && : > "$$f"; done; true)

.PHONY: all setup system-packages reports check test test-fast mutants lint golden template ffi bench clean help

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

reports: $(OUT)/.reports ## build every content/*/report.yaml
	@if [ -e $(OUT)/.rebuilt ]; then rm -f $(OUT)/.rebuilt; \
	else echo "$(words $(SLUGS)) 份報告都已是最新，沒有需要重新產生的（$(OUT)/）。"; fi

$(OUT)/.reports: $(foreach s,$(SLUGS),$(OUT)/$(s)/$(s).pdf $(OUT)/$(s)/$(s).docx)
	@mkdir -p $(OUT) && touch $@ $(OUT)/.rebuilt

$(OUT)/%.options:
	@mkdir -p $(@D) && touch $@

# Rules per report: each output depends on the YAML, every file in the report's folder
# (photos, figures), its own templates, the package source and its options stamp, so an
# unchanged report is not rebuilt and a changed report.css rebuilds PDFs only. The .docx
# waits for the PDF (order only), whose page count its 提要 sheet shows. Every build also
# rewrites $(OUT)/portal.csv from all the reports' .portal.json.
define report_rules
$(OUT)/$(1)/$(1).pdf: $(CONTENT)/$(1)/report.yaml $(shell find $(CONTENT)/$(1) -type f ! -name report.yaml) $(HTML_TEMPLATES) $(SOURCES) $(OUT)/$(1)/.$(1).pdf.options | $(STAMP)
	$(TRIPREPORT) build $(CONTENT)/$(1) -o $(OUT) --format pdf
$(OUT)/$(1)/$(1).docx: $(CONTENT)/$(1)/report.yaml $(shell find $(CONTENT)/$(1) -type f ! -name report.yaml) $(DOCX_TEMPLATE) $(SOURCES) $(OUT)/$(1)/.$(1).docx.options | $(STAMP) $(OUT)/$(1)/$(1).pdf
	$(TRIPREPORT) build $(CONTENT)/$(1) -o $(OUT) --format docx
endef
$(foreach s,$(SLUGS),$(eval $(call report_rules,$(s))))

check: | $(STAMP) ## check every report without building
	$(TRIPREPORT) check $(CONTENT)/*/

test: | $(STAMP) ## run the test suite
	$(VENV)/bin/pytest

# Bytecode is cached (even where the environment says PYTHONDONTWRITEBYTECODE=1): compiling the
# imports again on every run would take a third of the fast layer's time.
test-fast: export PYTHONDONTWRITEBYTECODE :=
test-fast: | $(STAMP) ## the fast unit tests only, no document builds (~30 s)
	$(VENV)/bin/pytest -m "not slow"

# mutmut copies the package into mutants/ and runs the fast tests against each mutant of the
# core modules listed in pyproject.toml [tool.mutmut]; docs/testing.md lists the survivors.
mutants: | $(STAMP) ## mutation testing of the core modules; prints the score per module
	rm -rf mutants && mkdir -p $(OUT)
	$(VENV)/bin/mutmut run --max-children 2 > $(OUT)/mutmut.log 2>&1 || { tail -n 20 $(OUT)/mutmut.log; exit 1; }
	$(VENV)/bin/python scripts/mutation_score.py --min 90

lint: | $(STAMP) ## ruff (lint and format) and mypy
	$(VENV)/bin/ruff check generator tests scripts
	$(VENV)/bin/ruff format --check generator tests scripts
	$(VENV)/bin/mypy

golden: | $(STAMP) ## regenerate the golden structure files in tests/golden (review the diff)
	$(VENV)/bin/python -m tests.golden

bench: | $(STAMP) ## benchmark against pandoc and LibreOffice (writes build/bench.md)
	@scripts/install-system-packages.sh pandoc
	$(VENV)/bin/python scripts/bench.py

# After WeasyPrint, cffi or pycparser is upgraded (a test says when): WeasyPrint's C declarations
# compiled into generator/render/ffi_tables.py, which its imports use instead of parsing them
# again. First read render/compiled_ffi.py's note on the one difference it does not check.
ffi: | $(STAMP) ## compile WeasyPrint's C declarations again (render/compiled_ffi.py)
	$(VENV)/bin/python -m generator.render.compiled_ffi

template: | $(STAMP) ## regenerate templates/report.docx and forms/ from scripts/make_word_template.py
	$(VENV)/bin/python scripts/make_word_template.py templates/report.docx

clean: ## remove build outputs
	rm -rf $(OUT)
