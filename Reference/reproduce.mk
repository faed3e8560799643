# Included by the top-level Makefile: the reference learners of issues 5 and 10 (JAX on the CPU, in .venv-reference).
REFERENCE_DIR := $(dir $(lastword $(MAKEFILE_LIST)))

.PHONY: reproduce reproduce-quick reference-test

## reproduce: the published experiment (S3, reveal all, spacings 1/4/8 mixed; 5 architectures x 2 seeds, NTP vs SRS, pfsa, beta) into Results/reference/ (under 60 min on 2 cores, resumable per model)
reproduce: build
	bash $(REFERENCE_DIR)reproduce.sh full

## reproduce-quick: the reference learners' smoke check (S3, reveal all, spacings 1 and 4, 600 steps) into Results/reference-quick/ (under 10 min)
reproduce-quick: build
	bash $(REFERENCE_DIR)reproduce.sh quick

## reference-test: the reference learners' tests with jax (installs .venv-reference first)
reference-test:
	bash $(REFERENCE_DIR)setup_venv.sh
	.venv-reference/bin/python -m unittest discover -s $(REFERENCE_DIR)tests
