# The commands of the README: `make book` builds HTML and PDF, `make test` runs every test, `make check` the quick ones.
# Both set up a fresh Debian machine first (tools/bootstrap.sh).
PY := .venv/bin/python
EPOCH_DIR ?= data/raw/epoch

.PHONY: book html test data bench setup

setup:
	@tools/bootstrap.sh

# `make book EPOCH_DIR=folder` first rebuilds data/processed/ from the Epoch AI files in that folder.
ifeq ($(origin EPOCH_DIR),command line)
REFRESH_EPOCH = data
endif

book: setup $(REFRESH_EPOCH)
	$(PY) -m scaling_book.bookbuild

html: setup $(REFRESH_EPOCH)
	$(PY) -m scaling_book.bookbuild --html-only

test: setup
	$(PY) -m pytest tests

# The quick tier (a minute or two): lint, format, types, and the tests that neither build nor execute the book.
.PHONY: check
check: setup
	.venv/bin/ruff check src tests tools
	.venv/bin/ruff format --check src tests tools
	.venv/bin/mypy src
	$(PY) -m pytest tests -m "not e2e and not notebooks"

data: setup
	$(PY) -m scaling_book.pipelines.epoch $(EPOCH_DIR)

bench: setup
	$(PY) -m scaling_book.dev.bench
