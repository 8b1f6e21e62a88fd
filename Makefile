# Two commands do everything: `make book` and `make test` (see README.md).
# `book` is also a folder, so every target is phony.
.PHONY: book test clean validate bench env

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
# The environment is rebuilt whenever requirements.txt changes.
STAMP  := $(VENV)/.installed-$(shell cksum requirements.txt | cut -d' ' -f1)
# --all: re-read (and so re-execute) every page on every build, not only changed ones.
BUILD_FLAGS := --all -W -n --keep-going

env: $(STAMP)

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version.split()[0]'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements.txt
	# make the project's package importable from the environment (and from Jupyter)
	$(BIN)/python -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "troops_debate.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	touch $@

# Check every data file first: a malformed row stops here with file, line and column.
validate: $(STAMP)
	$(BIN)/python -m troops_debate validate

book: validate
	$(BIN)/jupyter-book build . --builder html $(BUILD_FLAGS)
	@echo "The book is at _build/html/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf _build .pytest_cache book/_static/generated
	find . -path ./.venv -prune -o -name __pycache__ -type d -print | xargs rm -rf
