# The two commands of the README: `make book` builds HTML and PDF, `make test` runs the tests.
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

data: setup
	$(PY) -m scaling_book.pipelines.epoch $(EPOCH_DIR) $(if $(EPOCH_NEWER_DIR),--newer $(EPOCH_NEWER_DIR),$(if $(wildcard data/raw/epoch-2026-04),--newer data/raw/epoch-2026-04))

bench: setup
	$(PY) -m scaling_book.dev.bench
