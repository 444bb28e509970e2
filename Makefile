# One task runner; CI calls these targets verbatim.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= storyweave.db
DEMO := storyweave/demo/corpus

.PHONY: run test install install-test lint typecheck check bench-quick demo-warc screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs the package (editable) with its runtime dependencies.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make run: fresh machine -> venv, install, ingest the bundled demo corpus, print a summary
run: install
	$(BIN)/storyweave ingest $(DEMO) --db $(DB)
	$(BIN)/storyweave stats --db $(DB)
	$(BIN)/storyweave articles --db $(DB) --limit 12
	$(BIN)/storyweave stories --level storyline --db $(DB)

## make test: fresh machine -> venv with test extras, lint, type-check, the whole test suite
test: install-test
	$(BIN)/ruff check storyweave tests bench
	$(BIN)/mypy
	@$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; exit $$status

lint: install-test
	$(BIN)/ruff check storyweave tests bench
	$(BIN)/ruff format --check storyweave tests bench

typecheck: install-test
	$(BIN)/mypy

demo-warc: install
	$(BIN)/python -m storyweave.demo.build_warc

## make screenshots: the browser tests (headless /usr/bin/chromium) write their screenshots to docs/screenshots/
screenshots: install-test
	STORYWEAVE_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q tests/test_web_browser.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache .mypy_cache .ruff_cache
