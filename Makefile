# labkit: two commands for a fresh machine.
#   make lab   - set up .venv, build the default datasets if absent, open JupyterLab on the lessons
#   make test  - set up .venv with the test extras and system packages, run the whole suite
#   make i18n  - regenerate catalogs, compiled catalogs and the notebooks of every language (CONTRIBUTING.md)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
LAB_ARGS ?=
# Jupyter refuses to start as root (containers, CI, cloud VMs) unless told it may.
ROOT_ARGS := $(if $(filter 0,$(shell id -u)),--allow-root,)
PYTEST_ARGS ?=
# the lessons `make lab` opens: zh_CN (default), en_US or ko_KR
LESSONS ?= zh_CN
# nbval runs every generated notebook (the sources are the en_US ones minus the language cell)
NOTEBOOK_DIRS := $(foreach lang,zh_CN en_US ko_KR,notebooks/$(lang) exercises/$(lang))

.PHONY: lab test setup setup-test system-deps datasets clean i18n notebooks

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

setup-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test,clv]"

datasets: setup
	$(BIN)/labkit datasets

lab: datasets
	$(BIN)/jupyter lab notebooks/$(LESSONS)/ $(ROOT_ARGS) $(LAB_ARGS)

system-deps:
	bash tools/system-deps.sh

test: setup-test system-deps
	$(BIN)/labkit datasets
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(BIN)/python -m pytest --nbval-lax $(NOTEBOOK_DIRS) -p no:randomly $(PYTEST_ARGS)

i18n: setup-test
	$(BIN)/python tools/i18n.py

notebooks: setup-test
	$(BIN)/python tools/i18n.py notebooks

clean:
	rm -rf $(VENV) .pytest_cache
