# Included by the top-level Makefile. Not part of CI: installs torch, transformers and lm-eval into .venv-hf/.
HF_MODEL_DIR := $(dir $(lastword $(MAKEFILE_LIST)))

.PHONY: check-hf-model
## check-hf-model: Gemma 3 270M as a Hugging Face checkpoint, cwmbench's hf adapter vs lm-eval's hf backend per query
check-hf-model:
	bash $(HF_MODEL_DIR)check_hf_model.sh
