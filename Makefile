# Desktop Editor. `make run` opens the app; `make test` runs the whole test suite.
# Both set up what they need first: Debian packages (tools/install-system-deps), a virtual
# environment in .venv with the app and its test tools, and the HTML checkers for the tests.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test setup bundle bytecode system-runtime system-test check-tools bench screenshot clean

run: system-runtime $(INSTALLED) bytecode
	$(BIN)/desktop-editor $(ARGS)

test: system-test $(INSTALLED) check-tools bundle
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: $(INSTALLED)

# The one-folder bundle, dist/desktop-editor/ (PyInstaller; 2 to 3 minutes on two cores),
# rebuilt only when what goes into it changed. tests/test_app_bundle.py runs a copy of it.
BUNDLE := dist/desktop-editor/desktop-editor
BUNDLE_SOURCES := pyproject.toml $(shell find desktop_editor resources packaging -type f \
	-not -path '*/__pycache__/*' -not -name '*.pyc' 2>/dev/null)

bundle: $(BUNDLE)

$(BUNDLE): $(INSTALLED) $(BUNDLE_SOURCES)
	nice -n 10 packaging/build-bundle

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

system-runtime:
	tools/install-system-deps runtime

system-test:
	tools/install-system-deps test

check-tools:
	tools/install-check-tools

# Compiled once here rather than on every start (where PYTHONDONTWRITEBYTECODE is set, Python
# would otherwise compile the app's modules again each time it starts: about 100 ms). The
# same for PySide6's own support modules: shiboken6 keeps them inside its library and compiles
# them at every start unless SBK_EMBED=0 has written them out once (about 25 ms a start).
SHIBOKEN_FILES = $(shell $(BIN)/python -c "import os, importlib.util; print(os.path.dirname(importlib.util.find_spec('shiboken6').origin))" 2>/dev/null)/files.dir

bytecode: $(INSTALLED)
	test -d $(SHIBOKEN_FILES) || SBK_EMBED=0 $(BIN)/python -c "import shiboken6"
	$(BIN)/python -m compileall -q desktop_editor $(SHIBOKEN_FILES)

bench: system-runtime $(INSTALLED) bytecode
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info
