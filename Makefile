# Two commands: `make run` serves the app, `make test` runs every test.
# Both set up what they need first, on a machine with only Python 3.11+.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: run test setup audit browser bench bench-live translations clean

run: setup
	$(BIN)/ledertrivsel serve

test: setup browser
	$(BIN)/pytest $(PYTEST_ARGS)

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Ledertrivsel needs Python 3.11 or newer; this is " + sys.version.split()[0] + ". Set PYTHON=python3.11 (or newer).")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment. On Debian/Ubuntu: apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

# Known vulnerabilities in the installed packages (pip-audit); see SECURITY.md.
audit: setup
	$(BIN)/python scripts/audit_dependencies.py

# The browser tests drive Debian's chromium; install it (and gettext) when missing and we can.
browser:
	@sh scripts/ensure-system-packages.sh

bench: setup
	$(BIN)/python bench/pages.py

# Live dialogues over real WebSockets: about 10 minutes; needs PostgreSQL and Redis on 127.0.0.1.
bench-live: setup
	$(BIN)/python bench/live.py

translations: setup
	$(BIN)/python scripts/translations.py

clean:
	rm -rf $(VENV) var .pytest_cache
