# labkit: two commands for a fresh machine.
#   make lab   - set up .venv, build the default datasets if absent, open JupyterLab on the lessons
#   make test  - set up .venv with the test extras and system packages, run the whole suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
LAB_ARGS ?=
# Jupyter refuses to start as root (containers, CI, cloud VMs) unless told it may.
ROOT_ARGS := $(if $(filter 0,$(shell id -u)),--allow-root,)
PYTEST_ARGS ?=

.PHONY: lab test setup setup-test system-deps datasets clean

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
	$(BIN)/jupyter lab notebooks/ $(ROOT_ARGS) $(LAB_ARGS)

system-deps:
	bash tools/system-deps.sh

test: setup-test system-deps
	$(BIN)/labkit datasets
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(BIN)/python -m pytest --nbval-lax notebooks/ exercises/ -p no:randomly $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
