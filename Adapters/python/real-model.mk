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
