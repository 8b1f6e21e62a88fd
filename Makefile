# Two commands do everything: `make book` and `make test` (see README.md).
# `book` is also a folder, so every target is phony.
.PHONY: book test clean validate bench env notebooks lab pdf

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# The environment is rebuilt whenever requirements.txt changes.
STAMP  := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
# --all: re-read (and so re-execute) every page on every build, not only changed ones.
BUILD_FLAGS := --all -W -n --keep-going
# The notebooks name this kernel: the environment's Python, registered inside the environment.
KERNEL      := troops-debate
KERNEL_SPEC := $(VENV)/share/jupyter/kernels/$(KERNEL)/kernel.json
# JupyterLab is only for `make lab`: pinned apart, installed on first use.
LAB_STAMP   := $(VENV)/.lab-$(shell cat requirements-lab.txt Makefile | cksum | cut -d' ' -f1)
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
	$(BIN)/python -m pip install --quiet --requirement requirements-lab.txt --constraint requirements.txt
	# no news feed or update check: JupyterLab would otherwise offer to fetch them from the internet
	mkdir -p $(VENV)/share/jupyter/lab/settings
	echo '{"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}' \
		> $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $@

# Check every data file first: a malformed row stops here with file, line and column.
validate: env
	$(BIN)/python -m troops_debate validate

# The HTML book and its PDF edition (linked from the opening page; printing needs Debian's chromium).
CHROMIUM ?= /usr/bin/chromium
book: validate
	$(BIN)/jupyter-book build . --builder html $(BUILD_FLAGS)
	@if [ -x "$(CHROMIUM)" ]; then $(MAKE) --no-print-directory pdf; else \
		echo "WARNING: no Chromium at $(CHROMIUM): the PDF edition was not made and the opening page's PDF link leads nowhere (apt-get install chromium, then make pdf)"; fi
	@echo "The book is at _build/html/index.html"

# The PDF edition: the single-page build of the same sources, printed by Debian's Chromium (offline).
pdf: validate
	$(BIN)/jupyter-book build . --builder singlehtml $(BUILD_FLAGS)
	$(BIN)/python -m troops_debate pdf
	@echo "The PDF is at _build/pdf/european-troops-for-ukraine.pdf"

test: env
	$(BIN)/python -m pytest

# Re-execute every chapter with nbconvert into executed notebooks in $(NOTEBOOKS_DIR) (no rendered
# pages: the book is the rendered edition). A failing cell is named, and the target fails.
notebooks: validate
	$(BIN)/python -m troops_debate notebooks --output $(NOTEBOOKS_DIR)

# JupyterLab on the repository, with the project kernel as the default: "Run all" works in any chapter;
# jupyterlab-myst (in requirements-lab.txt) renders the chapters' MyST prose, offline.
# Extra server options: make lab LAB_ARGS="--no-browser --port=8899". (As root, as in a container, it adds --allow-root.)
lab: env $(LAB_STAMP)
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --MultiKernelManager.default_kernel_name=$(KERNEL) \
		$(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

bench: env
	$(BIN)/python bench/run.py

clean:
	rm -rf _build .pytest_cache book/_static/generated
	find . -path ./.venv -prune -o -name __pycache__ -type d -print | xargs rm -rf
