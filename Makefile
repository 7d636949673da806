# The commands of the README: `make book` builds HTML and PDF, `make test` runs every test, `make check` the quick ones.
# Both set up a fresh Debian machine first (tools/bootstrap.sh). `make help` lists every target.
PY := .venv/bin/python
EPOCH_DIR ?= data/raw/epoch

.PHONY: help book html test check data bench setup clean chapter lab classify

# Every target is listed with the text after its `##`, or of a `#:` comment line just above it.
help: ## list the targets, one line each
	@awk '/^#: / { above = substr($$0, 4); next } \
	     /^[a-z][a-z-]*:/ { name = $$1; sub(/:.*/, "", name); text = above; \
	       if (index($$0, "## ")) text = substr($$0, index($$0, "## ") + 3); \
	       printf "  make %-8s %s\n", name, (text == "" ? "(see the Makefile)" : text) } { above = "" }' $(MAKEFILE_LIST)

setup: ## install the Debian packages (as root) and the Python environment .venv
	@tools/bootstrap.sh

# `make book EPOCH_DIR=folder` first rebuilds data/processed/ from the Epoch AI files in that folder;
# if the book then fails to build, the build puts data/processed/ back as it was.
ifeq ($(origin EPOCH_DIR),command line)
EPOCH_ARG = --epoch-dir $(EPOCH_DIR) $(if $(EPOCH_NEWER_DIR),--epoch-newer-dir $(EPOCH_NEWER_DIR))
endif

book: setup ## build the HTML and the PDF into _build/ (EPOCH_DIR=folder: with a new Epoch snapshot)
	$(PY) -m scaling_book.bookbuild $(EPOCH_ARG)

html: setup ## build the HTML only
	$(PY) -m scaling_book.bookbuild --html-only $(EPOCH_ARG)

#: run the tests
test: setup
	$(PY) -m pytest tests

# The quick tier (a minute or two): lint, format, types, and the tests that neither build nor execute the book.
check: setup ## the quick tier: lint, format, types and the tests that do not build or execute the book
	.venv/bin/ruff check src tests tools
	.venv/bin/ruff format --check src tests tools
	.venv/bin/mypy src
	$(PY) -m pytest tests -m "not e2e and not notebooks and not slow"

data: setup ## rebuild data/processed/ from the Epoch AI files in EPOCH_DIR (default data/raw/epoch)
	$(PY) -m scaling_book.pipelines.epoch $(EPOCH_DIR) $(if $(EPOCH_NEWER_DIR),--newer $(EPOCH_NEWER_DIR),$(if $(wildcard data/raw/epoch-2026-04),--newer data/raw/epoch-2026-04))

bench: setup ## time the build on realistic edits
	$(PY) -m scaling_book.dev.bench

clean: ## remove the build outputs (_build/, caches); never data/
	rm -rf _build .pytest_cache
	find src tests tools -name __pycache__ -type d -prune -exec rm -rf {} +

chapter: setup ## build one chapter and the HTML, C=<docname>, e.g. make chapter C=chapters/overview
	@test -n "$(C)" || { echo "make chapter: name the chapter, e.g. make chapter C=chapters/overview" >&2; exit 2; }
	$(PY) -m scaling_book.bookbuild --html-only --chapter $(C)

lab: setup ## open the chapters as notebooks in JupyterLab (jupytext pairing)
	@$(PY) -c "import jupyterlab, jupytext" 2>/dev/null || $(PY) -m pip install --quiet -r requirements-dev.txt
	SCALING_BOOK_ROOT=$(CURDIR) $(PY) -m jupyter lab --notebook-dir=$(CURDIR) \
	  --ServerApp.contents_manager_class=jupytext.TextFileContentsManager

# `make classify ARGS="open=0.4 api=0.6"`: the level of your own shares with the book's rules (README: "Classify your own shares").
classify: ## classify your own adoption shares, ARGS="open=0.4 api=0.6" (or ARGS="--file f.csv --area ID --year Y")
	@test -n "$(ARGS)" || { echo 'make classify: give the shares, e.g. make classify ARGS="open=0.4 api=0.6"' >&2; exit 2; }
	@test -x $(PY) || { echo "make classify: no Python environment yet; run make setup first" >&2; exit 2; }
	@SCALING_BOOK_ROOT=$(CURDIR) $(PY) -m scaling_book.views.classify $(ARGS)
