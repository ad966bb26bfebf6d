# Make targets for the book. `make help` lists them.
# Everything runs inside .venv, created on first use from the pinned requirements.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# make live and make serve listen here
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help check book live unit test lint audit lab clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

# Stamp files: reinstall only when a lock file changes. The locks are complete (every
# package pinned), so --no-deps installs exactly them and nothing unpinned slips in.
PIP_INSTALL = pip install --quiet --disable-pip-version-check --no-deps

$(BIN)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/$(PIP_INSTALL) -r requirements.txt
	touch $@

$(BIN)/.dev: requirements-dev.txt $(BIN)/.runtime
	$(BIN)/$(PIP_INSTALL) -r requirements-dev.txt
	touch $@

# The locks (requirements*.txt) are generated from the direct needs (requirements*.in) by
# pip-compile, which keeps every existing pin it can: `make lock` after editing a .in file,
# `make lock UPGRADE=pandas` to move one package, `make lock UPGRADE=--all` for everything.
COMPILE = CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links \
	$(if $(filter --all,$(UPGRADE)),--upgrade,$(addprefix --upgrade-package ,$(UPGRADE)))

.PHONY: lock
# pip-compile writes the book's own package (`-e .`) as this checkout's absolute path;
# sed puts the relative form back so that the locks work in any clone.
lock: $(BIN)/.dev ## Regenerate requirements*.txt from requirements*.in (UPGRADE=pkg moves one package)
	for name in requirements requirements-dev requirements-lab; do \
	  $(COMPILE) -o $$name.txt $$name.in && sed -i 's|^-e file://$(CURDIR)$$|-e .|' $$name.txt || exit 1; \
	done

# npm packages the tests and the audit use (the official JSON Resume schema, Lighthouse, axe-core),
# exactly as locked.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

check: $(BIN)/.runtime ## Validate all content without building: every problem on one line, in a second
	$(BIN)/python -m cvbook.check

# `jupyter-book build .` with the strict flags (-W -n --keep-going; how: cvbook/build.py),
# after `make check`, which lists every content mistake where the build stops at the first.
book: $(BIN)/.runtime check ## Build the HTML site into _build/html (strict: warnings fail)
	$(BIN)/python -m cvbook.build .
	@echo "Open file://$(CURDIR)/_build/html/index.html"

# How: cvbook/preview.py (sphinx-autobuild, pinned in requirements.in). Ctrl+C stops it.
live: $(BIN)/.runtime ## Live preview on http://127.0.0.1:8000/ (PORT= for another): rebuilds and reloads on save
	$(BIN)/python -m cvbook.preview --port $(PORT)

# Playwright, which prints the PDF, is pinned in requirements-dev.txt. How: cvbook/book_pdf.py.
.PHONY: pdf
pdf: $(BIN)/.dev ## The whole book as an A4 PDF: _build/pdf/book.pdf (_build/html stays as is)
	$(BIN)/python -m cvbook.book_pdf .

test: $(BIN)/.dev node_modules/.installed ## Run the test suite (builds the book into a temporary folder)
	$(BIN)/pytest

# The tests that need no build, no browser and no system package (pytest markers in pyproject.toml).
unit: $(BIN)/.dev ## Only the fast tests: no build, no browser, no system package (under 30 s)
	$(BIN)/pytest -m "not build and not browser and not system"

LINTED := cvbook tools tests notebooks
lint: $(BIN)/.dev ## ruff: lint and formatting of the package, tools, tests and notebooks
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

# The site `make audit` measures. The default is built first; `make audit SITE=path/to/html`
# measures another build as it is.
SITE ?= _build/html

audit: $(BIN)/.dev node_modules/.installed $(if $(filter _build/html,$(SITE)),book) ## Serve the site gzipped (nginx); Lighthouse and axe-core on each page kind
	$(BIN)/python -m tools.audit $(SITE)

# Build speed and scale against the stock `jupyter-book create` book, in temporary copies
# (how and why: tools/bench.py). The .dev stamp because the book PDF row prints with Playwright.
.PHONY: bench
bench: $(BIN)/.dev ## Time cold/no-change/one-edit builds, cv.pdf, book PDF, 300 posts vs the stock book
	$(BIN)/python -m tools.bench $(BENCH_ARGS)

# JupyterLab gets a venv of its own: its dependencies bring jsonschema's format checkers
# (rfc3987-syntax), whose import alone adds about 2 s to every build in the book's venv.
LAB_BIN := .venv-lab/bin

$(LAB_BIN)/.lab: requirements-lab.txt pyproject.toml
	test -x $(LAB_BIN)/python || $(PYTHON) -m venv .venv-lab
	$(LAB_BIN)/$(PIP_INSTALL) -r requirements-lab.txt
	touch $@

# The root, not notebooks/: notebooks find the book from any folder, and the
# content they read (intro.md, experience/) is one click away.
lab: $(LAB_BIN)/.lab ## Open JupyterLab at the repository root, with the book's kernel (own venv: .venv-lab)
	$(LAB_BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)"

# Plain HTTP on loopback, like a static host minus gzip (`make audit` measures with gzip).
.PHONY: serve
serve: ## Serve _build/html on http://127.0.0.1:8000/ (PORT=8080 for another port; build first)
	@test -f _build/html/index.html || { echo "no site in _build/html: run 'make book' first"; exit 1; }
	@echo "Serving _build/html at http://127.0.0.1:$(PORT)/  (Ctrl+C stops)"
	$(PYTHON) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

clean: ## Remove _build (keeps .venv)
	rm -rf _build
