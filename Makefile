# discordant — `make demo` to see an answer, `make test` to run everything CI runs (ruff,
# mypy, hadolint, the full suite),
# `make test-fast` for the edit-test loop (under a minute: no model, no Chroma).
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS_DIR ?= ../shared/corpus
QUESTION ?= how many officers died
# pip here prints a warning for every missing local index folder; keep the log readable.
QUIET_PIP := 2> >(grep -v "^WARNING: Location" >&2)

.PHONY: demo test test-fast lint run bench audit clean eval

$(BIN)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing CPU torch, then discordant with its dev extras into $(VENV) ..."
	$(BIN)/pip install -q --disable-pip-version-check torch==2.13.0 $(QUIET_PIP)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]' $(QUIET_PIP)
	@echo "exporting the embedding model to ONNX (once per machine, into MODEL_CACHE_DIR) ..."
	$(BIN)/python -m index.store.embedding
	@touch $@

demo: $(BIN)/.installed
	$(BIN)/discordant index --corpus "$(CORPUS_DIR)"
	$(BIN)/discordant ask "$(QUESTION)"

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy index bot bench
	$(BIN)/hadolint Dockerfile

test: $(BIN)/.installed lint
	$(BIN)/python -m pytest -q

# The fast tier: tests marked `fast` (pure functions, parsing, rendering, the import
# boundaries) minus any also marked `slow`; no embedding model, no Chroma.
test-fast: $(BIN)/.installed
	$(BIN)/python -m pytest -q -m "fast and not slow"

run: $(BIN)/.installed
	$(BIN)/discordant run

clean:
	rm -rf $(VENV) .discordant .pytest_cache .ruff_cache

# Performance beside the physical floor, measured in one run: ~47 min on 2 cores, 34 of them
# embedding the 100k-passage corpus. Figures go to bench.json and BENCHMARKS.md.
# `make bench BENCH_ARGS=--quick` takes ~3 min, BENCH_ARGS="--scale 10000" ~15 min.
BENCH_ARGS ?=
bench: $(BIN)/.installed
	$(BIN)/discordant bench --out bench.json --report BENCHMARKS.md $(BENCH_ARGS)

# Known vulnerabilities in the installed dependencies. pip-audit asks pypi.org's JSON API (or
# api.osv.dev with AUDIT_ARGS="-s osv"); where neither is reachable it says every package
# "could not be audited" rather than pretending it is clean.
AUDIT_ARGS ?=
audit: $(BIN)/.installed
	$(BIN)/pip install -q --disable-pip-version-check pip-audit $(QUIET_PIP)
	$(BIN)/pip-audit --progress-spinner off --skip-editable $(AUDIT_ARGS)

# Every public question file in ../shared/eval/ and our own in tests/eval/, scored: per file
# the summary lines (passages in the top 5, mean reciprocal rank, questions passed).
EVAL_DIR ?= ../shared/eval
eval: $(BIN)/.installed
	@for f in $(EVAL_DIR)/*.yaml tests/eval/*.yaml; do \
	  echo "== $$f"; \
	  python3 $(EVAL_DIR)/score.py "$$f" | grep -E '^ *[a-z ]+: [0-9]+/[0-9]+$$|passage ranks:|^questions:|timing:' || true; \
	done
