# The one entry point. On a fresh machine with python3 and make: `make demo`, then `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
KG     := $(BIN)/kg

.PHONY: help install demo build validate test lint clean

help:
	@echo "make demo      create .venv, install, build the graph, write the HTML view, print where"
	@echo "make test      install, lint (ruff) and run the tests"
	@echo "make build     build/kg.trig (and .ttl, .jsonld, .nq) from ontology/ and data/"
	@echo "make validate  SHACL, provenance and term checks on the sources"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

install: $(STAMP)

build: $(STAMP)
	$(KG) build

validate: $(STAMP)
	$(KG) validate

demo: $(STAMP)
	$(KG) build
	@echo
	@echo "The dataset is in build/kg.trig (also build/kg.ttl, build/kg.jsonld, build/kg.nq)."

lint: $(STAMP)
	$(BIN)/ruff check kg tests

test: $(STAMP) lint
	$(BIN)/python -m pytest

clean:
	rm -rf build
