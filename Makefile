# labkit: two commands for a fresh machine.
#   make lab          - set up .venv from the lock, then `labkit lab`: the lessons and exercises in your
#                       own folder (~/labkit), the default datasets if absent, JupyterLab on that folder
#   make test         - set up .venv from the lock (+ system packages), lint (ruff, mypy), run the whole suite and the notebooks
# and three for maintainers:
#   make lock         - refresh requirements/lock.txt (the exact version of every package) from pyproject.toml
#   make test-latest  - the whole suite in .venv-latest with the newest versions pyproject.toml allows
#   make clean        - remove the virtual environments
#   make i18n         - regenerate the catalogs, compiled catalogs and every language's notebooks (CONTRIBUTING.md)
#   make notebooks    - regenerate only the notebooks of every language from their sources and catalogs
PYTHON ?= python3
VENV   ?= .venv
LATEST ?= .venv-latest
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
LAB_ARGS ?=
PYTEST_ARGS ?=
# nbval runs every generated notebook: lessons, exercise masters and releases in each language
# (the sources are the en_US notebooks minus their language cell)
NOTEBOOKS ?= $(foreach lang,zh_CN en_US ko_KR,notebooks/$(lang) exercises/$(lang) instructor/$(lang))
# the language of the lessons (and of JupyterLab) `make lab` opens: zh_CN (default), en_US or ko_KR
LESSONS ?= zh_CN
# The optional dependencies of pyproject.toml the lock holds, and so what both test runs install
# (tests/test_environment.py: every extra of pyproject.toml, named once here).
EXTRAS := test clv dask
comma := ,
empty :=
space := $(empty) $(empty)
# One resolution for every platform and every Python the kit supports (3.11+), one version of
# each package across them (--fork-strategy fewest), so every lab PC gets the same environment.
LOCK_COMMAND := uv pip compile pyproject.toml $(foreach extra,$(EXTRAS),--extra $(extra)) --universal \
	--fork-strategy fewest --python-version 3.11 --quiet --custom-compile-command "make lock" -o $(LOCK)

.PHONY: lab test lint lock test-latest setup system-deps datasets clean i18n notebooks

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The locked packages, then the kit itself without letting pip pick any other version.
$(VENV)/.locked: $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

setup: $(VENV)/.locked

datasets: setup
	$(BIN)/labkit datasets

lab: setup
	$(BIN)/labkit lab --lang $(LESSONS) $(LAB_ARGS)

system-deps:
	bash tools/system-deps.sh

# type checks and lint, configured in pyproject.toml ([tool.mypy], [tool.ruff]): zero findings
lint: setup
	$(BIN)/ruff check labkit tests tools bench
	$(BIN)/mypy

test: setup system-deps lint
	$(BIN)/labkit datasets
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	$(BIN)/python -m pytest --nbval-lax $(NOTEBOOKS) -p no:randomly $(PYTEST_ARGS)

lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/$(LOCK_COMMAND)

# A new venv each time, so pip really picks the newest versions the lower bounds allow;
# the versions it ran with go to test-artifacts/latest-versions.txt.
test-latest: system-deps
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST)/bin/python -m pip install --quiet -e ".[$(subst $(space),$(comma),$(strip $(EXTRAS)))]"
	mkdir -p test-artifacts
	$(LATEST)/bin/python -m pip freeze --all --exclude-editable > test-artifacts/latest-versions.txt
	$(LATEST)/bin/ruff check labkit tests tools bench
	$(LATEST)/bin/mypy
	$(LATEST)/bin/labkit datasets
	$(LATEST)/bin/python -m pytest $(PYTEST_ARGS)
	$(LATEST)/bin/python -m pytest --nbval-lax $(NOTEBOOKS) -p no:randomly $(PYTEST_ARGS)

i18n: setup
	$(BIN)/python tools/i18n.py

notebooks: setup
	$(BIN)/python tools/i18n.py notebooks

clean:
	rm -rf $(VENV) $(LATEST) .pytest_cache
