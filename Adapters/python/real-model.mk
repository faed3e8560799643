# Included by the top-level Makefile. Not part of CI: the first run builds llama-cpp-python (~6 minutes).
REAL_MODEL_DIR := $(dir $(lastword $(MAKEFILE_LIST)))

.PHONY: check-real-model
## check-real-model: Gemma 3 270M (GGUF) in score mode vs llama-cpp-python's server in generate mode; must agree
check-real-model:
	bash $(REAL_MODEL_DIR)check_real_model.sh
