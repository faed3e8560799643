#!/usr/bin/env bash
# Install the reference learners' numeric library (JAX, CPU build) into a virtual environment.
#
# Usage: Reference/setup_venv.sh [VENV_DIR]
# VENV_DIR defaults to .venv-reference at the repository root. Re-running is cheap: pip skips
# what is already installed. Packages come from PyPI only; the CPU wheels of jax and jaxlib
# are about 100 MB together, with numpy as their only large dependency.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
venv="${1:-$root/.venv-reference}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
  echo "setup_venv: creating $venv" >&2
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
  "jax>=0.10,<0.11" "jaxlib>=0.10,<0.11" "numpy"
"$venv/bin/python" -c 'import jax; print("setup_venv: jax", jax.__version__, "on", jax.default_backend())' >&2
