# Included by the top-level Makefile. Not part of CI: the first run builds llama-cpp-python (~6 minutes).
REAL_MODEL_DIR := $(dir $(lastword $(MAKEFILE_LIST)))

.PHONY: check-real-model
## check-real-model: Gemma 3 270M (GGUF) in score mode vs llama-cpp-python's server in generate mode; must agree
check-real-model:
	bash $(REAL_MODEL_DIR)check_real_model.sh

# The token table of the strings family's tokenization contrast (issue 21): Gemma 3 270M's tokenizer
# (vocabulary only, no weights run) over the answers of Tasks/strings-tokens.json. Needs the
# .venv-real that check-real-model sets up; REAL_VENV=path points at another one, and
# STRINGS_TOKENS_OUT=dir writes the task file elsewhere.
REAL_VENV ?= .venv-real
STRINGS_TOKENS_OUT ?= $(REAL_VENV)/tasks
.PHONY: strings-tokens
## strings-tokens: Gemma 3 270M's token counts of Tasks/strings-tokens.json's answers by start and since_word (needs check-real-model's .venv-real; not in CI)
strings-tokens:
	$(SWIFT) build -c release --product cwmbench
	.build/release/cwmbench generate Tasks/strings-tokens.json --out $(STRINGS_TOKENS_OUT) --quiet
	$(REAL_VENV)/bin/python $(REAL_MODEL_DIR)strings_tokens.py $(REAL_VENV)/models/gemma3-270m.gguf $(STRINGS_TOKENS_OUT)/strings-tokens.jsonl

# Two small models end to end (issue 23): Gemma 3 270M and SmolLM2-135M-Instruct, both GGUF files that PyPI packages
# ship, on a small cut of every family (Tasks/llm/*.json and Tasks/s5-final.json), reported beside the published S5
# rows into Results/llm/. Sets up $(REAL_VENV) itself (PyPI only). 62.5 CPU-minutes (39 min wall) on a loaded 2-core machine here; /usr/bin/time -v
# prints the total at the end. Not in CI.
.PHONY: real-models real-models-report
## real-models: Gemma 3 270M (score mode; chat 3-shot) and SmolLM2-135M-Instruct (chat 3-shot) on a cut of every family into Results/llm/ (62.5 CPU-minutes here; not in CI)
real-models:
	REAL_VENV=$(REAL_VENV) /usr/bin/time -v bash $(REAL_MODEL_DIR)real_models.sh
## real-models-report: Results/llm/'s report again from its committed run folders (no model is run)
real-models-report:
	bash $(REAL_MODEL_DIR)real_models_report.sh
