#!/usr/bin/env bash
# Train and evaluate the reference learners, then report (issue 5).
#
# Usage: Reference/reproduce.sh quick|full
#
#   quick  smoke check (under 10 minutes on 2 cores): S3, spacings 1 and 4, lengths 8 and
#          16, all four architectures, 1,500 steps each -> Results/reference-quick/
#   full   the whole run (about 45 minutes on 2 cores): all four architectures at spacings
#          1, 4 and 8 on S3, 4,000 steps each, plus LSTM and DeltaNet[-1,1] on pfsa
#          -> Results/reference/
#
# Models train REPRODUCE_JOBS at a time (default: the number of cores), each on one core
# (XLA is told to use one thread: two single-threaded trainings on two cores beat one
# two-threaded training at these sizes). Every model's output goes to WORK/logs/NAME.log.
#
# Everything is resumable per model: a finished checkpoint is not retrained (train.py
# returns at once), an interrupted one continues from its last save, and cwmbench eval
# skips examples already answered. Delete a model's folder under WORK/models to redo it.
# Every architecture trains with the same budget, settings and seed; nothing is tuned per model.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode="${1:-}"
case "$mode" in
  quick)
    out="$root/Results/reference-quick"
    perm_spec="$here/tasks/quick.json"
    pfsa_spec=""
    spacings="1 4"
    train_flags=(--steps 1500 --batch-size 16 --d-model 64 --layers 2 --heads 4 --lr 3e-3 --log-every 250)
    ;;
  full)
    out="$root/Results/reference"
    perm_spec="$here/tasks/full.json"
    pfsa_spec="$here/tasks/pfsa.json"
    spacings="1 4 8"
    train_flags=(--steps 4000 --batch-size 16 --d-model 64 --layers 2 --heads 4 --lr 3e-3 --log-every 250
                 --save-every 250)
    ;;
  *)
    echo "usage: $0 quick|full" >&2
    exit 64
    ;;
esac
architectures="transformer lstm deltanet deltanet-neg"
seed=0
jobs="${REPRODUCE_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}"

work="$out/work"
bin="$root/.build/release/cwmbench"
venv="$root/.venv-reference"
python="$venv/bin/python"
export CWMBENCH_PYTHON="$python"
export CWMBENCH_ADAPTERS="$root/Adapters/python"
export XLA_FLAGS="--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"

started=$(date +%s)
say() { echo "reproduce: $* ($(( $(date +%s) - started ))s)" >&2; }

bash "$here/setup_venv.sh" "$venv"
if [ ! -x "$bin" ]; then
  (cd "$root" && swift build -c release --product cwmbench)
fi
mkdir -p "$work/logs"

# generate SPEC: train and test splits into work/tasks/{train,test}/NAME.jsonl (cheap; always regenerated,
# byte-identical each time, so resumed evaluations see the same file).
generate() {
  "$bin" generate "$1" --split train --out "$work/tasks/train" --quiet
  "$bin" generate "$1" --out "$work/tasks/test" --quiet
}

# model NAME ARCH SUITE SPACING LABEL: train one checkpoint (resumable) and evaluate it on the suite's
# test split (every spacing in it, so the report also shows how a model trained at one spacing does at
# others). The model is called "<architecture>/LABEL" in the report, e.g. "DeltaNet[-1,1]/k4".
model() {
  local name="$1" arch="$2" suite="$3" spacing="$4" label="$5"
  "$python" "$here/train.py" --data "$work/tasks/train/$suite.jsonl" --spacing "$spacing" --arch "$arch" \
    --out "$work/models/$name" --name "$label" --seed "$seed" "${train_flags[@]}"
  "$bin" eval "$work/tasks/test/$suite.jsonl" --model "$work/models/$name" --mode score \
    --out "$work/runs/$name" --quiet
}

# Jobs run in the background, at most $jobs at once; a failed job fails the whole run at the end
# (after the others finish, so their work is kept for the next resume).
pids=() names=() failed=()
wait_for() {
  local index="$1"
  if wait "${pids[$index]}"; then
    say "done ${names[$index]}"
  else
    failed+=("${names[$index]}")
    say "FAILED ${names[$index]} (see $work/logs/${names[$index]}.log)"
  fi
  pids[$index]=""
}
launch() {
  local name="$1"
  shift
  while true; do
    local running=0 i
    for i in "${!pids[@]}"; do
      if [ -n "${pids[$i]}" ]; then
        if kill -0 "${pids[$i]}" 2>/dev/null; then running=$((running + 1)); else wait_for "$i"; fi
      fi
    done
    [ "$running" -lt "$jobs" ] && break
    sleep 2
  done
  say "starting $name"
  # Appended, never truncated: a resumed run keeps the loss curve of the run it continues.
  echo "== $(date -u +%Y-%m-%dT%H:%M:%SZ) reproduce.sh $mode" >>"$work/logs/$name.log"
  model "$name" "$@" >>"$work/logs/$name.log" 2>&1 &
  pids+=("$!")
  names+=("$name")
  runs+=("$work/runs/$name")
}

# Background jobs of a script ignore Ctrl-C, so an interrupt stops them here: each model resumes
# from its last checkpoint (and its evaluation from its last answer) when the command runs again.
interrupted() {
  trap - INT TERM
  local pid
  for pid in "${pids[@]}"; do
    if [ -n "$pid" ]; then
      pkill -TERM -P "$pid" 2>/dev/null || true
      kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  wait 2>/dev/null || true
  say "interrupted; run the same command again to resume"
  exit 130
}
trap interrupted INT TERM

runs=()
perm_suite="$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["name"])' "$perm_spec")"
generate "$perm_spec"
if [ -n "$pfsa_spec" ]; then
  pfsa_suite="$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["name"])' "$pfsa_spec")"
  generate "$pfsa_spec"
fi
# The slowest models first, so the last job to finish is a short one.
for arch in transformer deltanet deltanet-neg lstm; do
  for spacing in $spacings; do
    launch "$arch-k$spacing" "$arch" "$perm_suite" "$spacing" "k$spacing"
  done
done
if [ -n "$pfsa_spec" ]; then
  for arch in deltanet-neg lstm; do
    launch "pfsa-$arch-k4" "$arch" "$pfsa_suite" 4 "pfsa-k4"
  done
fi
for i in "${!pids[@]}"; do
  [ -n "${pids[$i]}" ] && wait_for "$i"
done
if [ "${#failed[@]}" -gt 0 ]; then
  say "failed: ${failed[*]}; run the same command again to resume"
  exit 1
fi

train_length="$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["train_length"])' \
  "$work/models/$(basename "${runs[0]}")/cwmbench-model.json")"
say "reporting ${#runs[@]} runs"
"$bin" report "${runs[@]}" --out "$out" --train-length "$train_length" --markdown \
  --title "cwmbench reference learners ($mode)"
# Keep what the report was made from next to it: each run's run.json and results (gzipped; gunzip
# them to report again), its checkpoint's cwmbench-model.json and its training log. work/ (task
# files, parameters, optimiser state) stays out of git: it is regenerated or retrained from here.
for run in "${runs[@]}"; do
  name="$(basename "$run")"
  dest="$out/runs/$name"
  mkdir -p "$dest"
  # run.json records the task file and checkpoint relative to its folder: re-aim them from the copy.
  "$python" - "$run" "$dest" <<'PY'
import json, os, sys
run, dest = sys.argv[1], sys.argv[2]
with open(os.path.join(run, "run.json")) as f:
    record = json.load(f)
for key in ("tasks", "model"):
    value = record.get(key) or ""
    # tasks is always a path; model is one when it names a checkpoint (not a name, exec: or URL)
    if key == "tasks" or value.startswith(("/", ".")):
        record[key] = os.path.relpath(os.path.normpath(os.path.join(run, value)), dest)
with open(os.path.join(dest, "run.json"), "w") as f:
    f.write(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
PY
  gzip -9nc "$run/results.jsonl" >"$dest/results.jsonl.gz"
  cp "$work/models/$name/cwmbench-model.json" "$dest/cwmbench-model.json"
  cp "$work/logs/$name.log" "$dest/train.log"
done
"$python" "$here/summarize.py" "$out" >"$out/findings.md"
say "done: open $out/index.html; the findings table is $out/findings.md"
