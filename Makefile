# The one entry point. On a fresh machine with python3 and make: `make demo`, then `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
KG     := $(BIN)/kg
# Debian's Chromium, for the browser tests (never a browser download); installed by `make test`
CHROMIUM ?= /usr/bin/chromium
# Link Grammar's English dictionary (Debian), whose word lists `kg ingest` reads for English names; installed by
# `make install`, `make eval` and `make test` (without it English names are read without them, with a warning)
LINK_GRAMMAR_EN ?= /usr/share/link-grammar/en/words/words.n.1-const
# Debian's Virtuoso Open-Source 7, for the portability tests (questions answer the same on it); installed by `make test`
VIRTUOSO ?= /usr/bin/virtuoso-t

.PHONY: help install english-words demo build validate view docs notebook bench bench-quick test lint browser virtuoso clean eval bench-ingest eval-checks

help:
	@echo "make demo      create .venv, install, build the graph, write the HTML view, print where"
	@echo "make test      install, lint (ruff) and run the tests"
	@echo "make build     build/kg.trig (and .ttl, .jsonld, .nq) from ontology/ and data/"
	@echo "make validate  SHACL, provenance and term checks on the sources"
	@echo "make docs      build/docs/: the ontology and its SKOS schemes as HTML (pyLODE, offline)"
	@echo "make notebook  run notebooks/explore.ipynb headless into build/explore.ipynb"
	@echo "make eval      kg ingest on the development (eval/dev) and test (eval/test) articles, scored against their gold"
	@echo "make bench     benchmarks at 10^4..10^6 quads into benchmarks/RESULTS.md (make bench-quick: 10^4 only)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

install: $(STAMP) english-words

english-words: $(LINK_GRAMMAR_EN)

$(LINK_GRAMMAR_EN):
	@echo "installing Debian's link-grammar-dictionaries-en for English names in kg ingest (apt-get)"
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	  link-grammar-dictionaries-en >/dev/null || echo "could not install link-grammar-dictionaries-en: kg ingest \
	reads English names without its word lists (and says so)"

# --strict: any broken article fails the build (kg build alone leaves it out and builds the rest)
build: $(STAMP)
	$(KG) build --strict

validate: $(STAMP)
	$(KG) validate

view: $(STAMP)
	$(KG) view

docs: $(STAMP)
	$(KG) docs

# cost as the graph grows (10^4 to 10^6 quads), engine against engine, and the view at scale:
# writes benchmarks/RESULTS.md, results.json and cost.png (takes a while; the data goes to build/bench/)
bench: $(STAMP) browser
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/corpus.py bench --articles 1000 10000
	$(BIN)/python benchmarks/corpus.py large --mb 3 15 50
	$(BIN)/python benchmarks/ingest_speed.py

# the smallest size only, under a minute; prints the default engine's speed-up over rdflib last
bench-quick: $(STAMP)
	$(BIN)/python benchmarks/bench.py --quick

# runs the tour headless, offline; the committed notebook stays without outputs
notebook: $(STAMP)
	@mkdir -p build
	cp notebooks/explore.ipynb build/explore.ipynb
	$(BIN)/jupyter-execute --inplace --timeout=300 build/explore.ipynb
	@echo "build/explore.ipynb holds the tour with its outputs"

demo: $(STAMP)
	$(KG) build
	$(KG) view
	@echo
	@echo "The dataset is in build/kg.trig (kg export --format nq|ttl|jsonld writes build/kg.nq, kg.ttl, kg.jsonld)."
	@echo "The interactive graph is build/graph.html: open file://$(CURDIR)/build/graph.html in a browser."

# kg ingest on the development corpus (eval/dev) and the frozen test split (eval/test), scored against the
# hand-reviewed gold: per language, F1 last. Only the test figure is "unseen".
eval: $(STAMP) english-words
	$(KG) score --eval eval/dev --output build/eval/dev
	@if ls eval/test/*/gold.trig >/dev/null 2>&1; then $(KG) score --eval eval/test --output build/eval/test; fi

# issue 18's measure: each split's articles through kg ingest, kg review --accept-all and kg build in one temporary
# copy of the project, then vocabulary-agnostic checks derived from the golds (eval/checks.py); the test split
# prints its figure only (--details for its failed checks)
eval-checks: $(STAMP) english-words
	$(BIN)/python eval/checks.py eval/dev
	@if ls eval/test/*/gold.trig >/dev/null 2>&1; then $(BIN)/python eval/checks.py eval/test; fi

# kg ingest's speed on short articles, after the model is loaded (also part of make bench)
bench-ingest: $(STAMP) english-words
	$(BIN)/python benchmarks/ingest_speed.py

lint: $(STAMP)
	$(BIN)/ruff check kg tests benchmarks

browser: $(CHROMIUM)

$(CHROMIUM):
	@echo "installing Debian's chromium for the browser tests (apt-get)"
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null
	@test -x $(CHROMIUM) || { echo "chromium is not at $(CHROMIUM) after apt-get install chromium"; exit 1; }

virtuoso: $(VIRTUOSO)

# the package's own service is not used: the tests start a server of their own on free loopback ports
$(VIRTUOSO):
	@echo "installing Debian's virtuoso-opensource for the portability tests (apt-get)"
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq virtuoso-opensource >/dev/null
	@test -x $(VIRTUOSO) || { echo "virtuoso-t is not at $(VIRTUOSO) after apt-get install virtuoso-opensource"; exit 1; }

test: $(STAMP) lint browser virtuoso english-words
	KG_REQUIRE_BROWSER=1 KG_CHROMIUM=$(CHROMIUM) KG_REQUIRE_VIRTUOSO=1 KG_VIRTUOSO=$(VIRTUOSO) $(BIN)/python -m pytest

clean:
	rm -rf build
