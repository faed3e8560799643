# Included by the top-level Makefile: the reference learners of issue 5 (JAX on the CPU, in .venv-reference).
REFERENCE_DIR := $(dir $(lastword $(MAKEFILE_LIST)))

.PHONY: reproduce reproduce-quick reference-test

## reproduce: train and evaluate the four reference architectures (S3, spacings 1/4/8, plus pfsa) into Results/reference/ (about 45 min on 2 cores, resumable per model)
reproduce: build
	bash $(REFERENCE_DIR)reproduce.sh full

## reproduce-quick: the reference learners' smoke check (S3, spacings 1 and 4, 1,500 steps) into Results/reference-quick/ (under 10 min)
reproduce-quick: build
	bash $(REFERENCE_DIR)reproduce.sh quick

## reference-test: the reference learners' tests with jax (installs .venv-reference first)
reference-test:
	bash $(REFERENCE_DIR)setup_venv.sh
	.venv-reference/bin/python -m unittest discover -s $(REFERENCE_DIR)tests
