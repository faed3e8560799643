# cwmbench: generate state-tracking tasks, evaluate models, report curves.
# `make help` lists the targets.

SWIFT ?= swift
PYTHON ?= python3
# The reference learners' tests run under the JAX environment when Reference/setup_venv.sh made one
# (CI does), and must then not skip; elsewhere their jax tests skip, saying so.
REFERENCE_VENV := .venv-reference/bin/python
REFERENCE_PYTHON ?= $(if $(wildcard $(REFERENCE_VENV)),$(REFERENCE_VENV),$(PYTHON))
REQUIRE_JAX := $(if $(wildcard $(REFERENCE_VENV)),1,0)
BIN := .build/release/cwmbench
DEMO := Results/demo
DEMO_TASKS := $(DEMO)/tasks

.PHONY: help build test lint format demo bench corpus-stats clean check-real-model check-hf-model

## help: list the targets
help:
	@grep -E '^## ' $(MAKEFILE_LIST) | sed 's/^.*## /  /'

## build: release build of the cwmbench command (.build/release/cwmbench)
build:
	$(SWIFT) build -c release --product cwmbench

## lint: swift format lint (the toolchain's; rules in .swift-format), strict, over Sources, Tests and Package.swift; no Source file over 400 lines
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift
	@for f in $$(find Sources -name '*.swift'); do n=$$(wc -l < $$f); \
	  if [ $$n -gt 400 ]; then echo "$$f: $$n lines (at most 400)"; exit 1; fi; done

## format: rewrite Sources, Tests and Package.swift in the .swift-format style
format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

## test: lint, then the Python tests (the reference learners' under .venv-reference when it exists, which .ci/run installs; elsewhere those that need jax skip, saying so), then every Swift test (what CI runs)
test: lint
	$(PYTHON) -m unittest discover -s Adapters/python/tests
	CWMBENCH_REQUIRE_JAX=$(REQUIRE_JAX) $(REFERENCE_PYTHON) -m unittest discover -s Reference/tests
	$(PYTHON) -m unittest discover -s Programs/tests
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## demo: generate Tasks/default.json, evaluate the three baselines, write the report to Results/demo/
demo: build
	$(BIN) generate Tasks/default.json --out $(DEMO_TASKS)
	$(BIN) eval $(DEMO_TASKS)/default.jsonl --model oracle --out $(DEMO)/runs/oracle --fresh
	$(BIN) eval $(DEMO_TASKS)/default.jsonl --model last-reveal --out $(DEMO)/runs/last-reveal --fresh
	$(BIN) eval $(DEMO_TASKS)/default.jsonl --model random --out $(DEMO)/runs/random --fresh
	$(BIN) report $(DEMO)/runs/oracle $(DEMO)/runs/last-reveal $(DEMO)/runs/random --out $(DEMO) --title "cwmbench baselines on Tasks/default.json" --samples 5
	@echo "open $(DEMO)/index.html in a browser"

## bench: throughput and memory figures for generate, eval and report, the CPU cost of waiting on a slow HTTP server, reading a chunked HTTP answer, long task lines, resume memory, and programs traces per second (release build; BENCH_ONLY=http-wait, chunked-http, line-length, resume, report or programs for that section alone)
bench:
	$(SWIFT) build -c release --product cwmbench
	$(SWIFT) build -c release --product cwmbench-bench
	.build/release/cwmbench-bench

## corpus-stats: how much the programs corpus tests state (issue 21): distinct traces per seed, majority answers, boolean balance, answers readable off visible lines, sorted-input answers, landing distance; fails when a bound is missed
corpus-stats:
	cd Programs && $(PYTHON) corpus_stats.py --check

## clean: remove what the build and make demo made (.build, Results/demo/tasks, Results/demo/runs); out/ and runs/, where your own generate and eval write, are kept
clean:
	rm -rf .build $(DEMO_TASKS) $(DEMO)/runs

include Adapters/python/real-model.mk
include Adapters/python/hf-model.mk
include Reference/reproduce.mk
