# Two commands do everything: `make book` and `make test` (see README.md).
# `book` is also a folder, so every target is phony.
.PHONY: book html test clean validate bench env notebooks lab pdf pdf-edition

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# The environment is rebuilt whenever requirements.txt changes.
STAMP  := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
# myst-nb's cache mode: a build executes a chapter again when its code cells changed, and every chapter (reading
# every page again) when the data, the package, requirements.txt or the execution settings changed
# (troops_debate/sphinx/execution.py); the chapters to execute run in parallel. FORCE=1 empties the cache and
# reads every page again (what CI runs).
FORCE ?=
BUILD_FLAGS := -W -n --keep-going $(if $(FORCE),--all)
# Chromium prints the PDF edition; the HTML book offers the PDF only where it can be printed.
CHROMIUM ?= /usr/bin/chromium
BUILD_ENV   := CHROMIUM=$(CHROMIUM)
FORGET      := $(if $(FORCE),rm -rf _build/.jupyter_cache &&)
# The notebooks name this kernel: the environment's Python, registered inside the environment.
KERNEL      := troops-debate
KERNEL_SPEC := $(VENV)/share/jupyter/kernels/$(KERNEL)/kernel.json
# JupyterLab is only for `make lab`: pinned apart, installed on first use into an environment of its own, so that
# the book's kernels do not import what the lab brings (jsonschema's format checks load rfc3987-syntax, 0.8 s a
# kernel); the lab finds the project's kernel and the widget extensions in .venv through JUPYTER_PATH.
LAB_VENV    := .venv-lab
LAB_STAMP   := $(LAB_VENV)/.lab-$(shell cat requirements-lab.txt requirements.txt Makefile | cksum | cut -d' ' -f1)
NOTEBOOKS_DIR ?= _build/notebooks
LAB_ARGS    ?=

env: $(STAMP) $(KERNEL_SPEC)

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0]'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.txt
	# make the project's package importable from the environment (and from Jupyter)
	$(BIN)/python -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "troops_debate.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	touch $@

$(KERNEL_SPEC): $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Python 3.11 ($(KERNEL))"

$(LAB_STAMP): requirements-lab.txt $(STAMP)
	rm -rf $(LAB_VENV)
	$(PYTHON) -m venv $(LAB_VENV)
	$(LAB_VENV)/bin/python -m pip install --quiet --requirement requirements-lab.txt --constraint requirements.txt
	# no news feed or update check: JupyterLab would otherwise offer to fetch them from the internet
	mkdir -p $(LAB_VENV)/share/jupyter/lab/settings
	echo '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' \
		> $(LAB_VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

# Check every data file first: a malformed row stops here with file, line and column.
validate: env
	$(BIN)/python -m troops_debate validate

# The HTML book and its PDF edition (linked from the opening page; printing needs Debian's chromium).
# The PDF's single-page build shares the HTML build's execution and pages (_build/.jupyter_cache, _build/.doctrees):
# it executes and re-reads nothing the HTML build has just brought up to date.
book: validate
	$(FORGET) $(BUILD_ENV) $(BIN)/jupyter-book build . --builder html $(BUILD_FLAGS)
	@if [ -x "$(CHROMIUM)" ]; then $(MAKE) --no-print-directory pdf-edition FORCE= ; else \
		echo "NOTE: no Chromium at $(CHROMIUM), so the PDF edition was not made and the opening page does not offer it."; \
		echo "      To get it: apt-get install chromium poppler-utils, then make pdf"; fi
	@echo "The book is at _build/html/index.html"

# The HTML book alone: the quick loop while editing (make book also prints the PDF).
html: validate
	$(FORGET) $(BUILD_ENV) $(BIN)/jupyter-book build . --builder html $(BUILD_FLAGS)
	@echo "The book is at _build/html/index.html (its PDF edition was not printed again: make book or make pdf)"

# The PDF edition: the single-page build of the same sources, printed by Debian's Chromium (offline).
pdf: validate pdf-edition

pdf-edition: env
	$(FORGET) $(BUILD_ENV) $(BIN)/jupyter-book build . --builder singlehtml $(BUILD_FLAGS)
	$(BUILD_ENV) $(BIN)/python -m troops_debate pdf
	@echo "The PDF is at _build/pdf/european-troops-for-ukraine.pdf"

# The suite in TEST_JOBS processes (pytest-xdist; each takes whole test files, the files that need the built
# book last; default 2, TEST_JOBS=1 for one process). They share one session build of the book
# (tests/conftest.py). PYTEST_ARGS go to pytest.
TEST_JOBS ?= 2
PYTEST_ARGS ?=
test: env
	@start=$$(date +%s); status=0; \
	$(BIN)/python -m pytest $(if $(filter-out 0 1,$(TEST_JOBS)),-n $(TEST_JOBS) --dist loadfile) $(PYTEST_ARGS) || status=$$?; \
	echo "== make test: $$(( $$(date +%s) - start )) s"; exit $$status

# Re-execute every chapter, in parallel (jupyter-cache's local-parallel executor), into executed notebooks in
# $(NOTEBOOKS_DIR) (no rendered pages: the book is the rendered edition). A failing cell is named, and the target fails.
notebooks: validate
	$(BIN)/python -m troops_debate notebooks --output $(NOTEBOOKS_DIR)

# JupyterLab on the repository, with the project kernel as the default: "Run all" works in any chapter;
# jupyterlab-myst (in requirements-lab.txt) renders the chapters' MyST prose, offline.
# Extra server options: make lab LAB_ARGS="--no-browser --port=8899". (As root, as in a container, it adds --allow-root.)
lab: env $(LAB_STAMP)
	JUPYTER_PATH="$(CURDIR)/$(VENV)/share/jupyter" $(LAB_VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" \
		--MultiKernelManager.default_kernel_name=$(KERNEL) \
		$(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

# A measurement, not a test; BENCH_ARGS=--tests also times make test.
BENCH_ARGS ?=
bench: env
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf _build .pytest_cache book/_static/generated
	find . -path ./.venv -prune -o -name __pycache__ -type d -print | xargs rm -rf
