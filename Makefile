# Two commands on a fresh machine: `make demo` and `make test`. Each builds .venv from the project's own files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/storydiff: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

demo: $(BIN)/storydiff
	$(BIN)/storydiff compare examples/original.txt examples/copy.txt --html demo-report.html
	@echo "HTML report: demo-report.html"

lint: $(BIN)/storydiff
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

test: lint
	$(BIN)/pytest

bench: $(BIN)/storydiff
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) demo-report.html
