#!/usr/bin/env bash
# Train and evaluate the reference learners, then report (issues 5 and 10).
#
# Usage: Reference/reproduce.sh quick|full|reveal-one
#
#   full        the published experiment (make reproduce): S3, reveal all, one model per
#               architecture trained on spacings 1, 4 and 8 mixed in one training set (lengths 8
#               and 16), tested at lengths 8 to 128 and every spacing. SRS loss, two seeds for the
#               four architectures and the hybrid; NTP for the Transformer and DeltaNet[-1,1]
#               (seed 0); LSTM and DeltaNet[-1,1] on the PFSA-SR suite; then the β probe of
#               DeltaNet[-1,1] -> Results/reference/
#   quick       smoke check (make reproduce-quick, under 10 minutes on 2 cores): the five
#               architectures, one seed, fewer steps, a smaller suite -> Results/reference-quick/
#   reveal-one  the harder variant (not part of make reproduce): reveal one variable per
#               print, otherwise as full (seed 0, SRS) -> Results/reference-reveal-one/
#
# Models train REPRODUCE_JOBS at a time (default: the number of cores), each on one core
# (XLA is told to use one thread: two single-threaded trainings on two cores beat one
# two-threaded training at these sizes). Every model's output goes to WORK/logs/NAME.log.
#
# Everything is resumable per model: a finished checkpoint is not retrained (train.py
# returns at once), an interrupted one continues from its last save, and cwmbench eval
# skips examples already answered. Delete a model's folder under WORK/models to redo it.
# Every architecture trains with the same budget, settings and seeds; nothing is tuned per model.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode="${1:-}"
common=(--batch-size 16 --d-model 64 --layers 2 --heads 4 --lr 3e-3 --positions rope --curriculum spacing
        --batching cell --log-every 100 --save-every 100)
case "$mode" in
  quick)
    out="$root/Results/reference-quick"
    perm_spec="$here/tasks/quick.json"
    pfsa_spec=""
    spacings="1,4"
    seeds="0"
    train_flags=(--steps 600 "${common[@]}")
    srs_architectures="transformer lstm deltanet deltanet-neg hybrid"
    ntp_architectures=""
    ;;
  full)
    out="$root/Results/reference"
    perm_spec="$here/tasks/full.json"
    pfsa_spec="$here/tasks/pfsa.json"
    spacings="1,4,8"
    seeds="0 1"
    train_flags=(--steps 2000 "${common[@]}")
    srs_architectures="transformer lstm deltanet deltanet-neg hybrid"
    ntp_architectures="transformer deltanet-neg"
    ;;
  reveal-one)
    out="$root/Results/reference-reveal-one"
    perm_spec="$here/tasks/reveal-one.json"
    pfsa_spec=""
    spacings="1,4,8"
    seeds="0"
    train_flags=(--steps 2000 "${common[@]}")
    srs_architectures="transformer lstm deltanet deltanet-neg hybrid"
    ntp_architectures=""
    ;;
  *)
    echo "usage: $0 quick|full|reveal-one" >&2
    exit 64
    ;;
esac
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

# model NAME ARCH SUITE SPACINGS LOSS SEED LABEL: train one checkpoint (resumable) and evaluate it on the
# suite's test split (every spacing and length in it). The model is called "<architecture>/LABEL" in the
# report, e.g. "DeltaNet[-1,1]/srs-s0".
model() {
  local name="$1" arch="$2" suite="$3" spacing="$4" loss="$5" seed="$6" label="$7"
  "$python" "$here/train.py" --data "$work/tasks/train/$suite.jsonl" --spacing "$spacing" --arch "$arch" \
    --loss "$loss" --out "$work/models/$name" --name "$label" --seed "$seed" "${train_flags[@]}"
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
# The experiment's core first (seed 0 of every architecture), so a run cut short has the main
# table; within a group the slowest models first, so the last job to finish is a short one.
for seed in $seeds; do
  for arch in deltanet-neg deltanet transformer hybrid lstm; do
    case " $srs_architectures " in *" $arch "*) ;; *) continue ;; esac
    launch "$arch-srs-s$seed" "$arch" "$perm_suite" "$spacings" srs "$seed" "srs-s$seed"
  done
  if [ "$seed" = 0 ]; then
    for arch in $ntp_architectures; do
      launch "$arch-ntp-s0" "$arch" "$perm_suite" "$spacings" ntp 0 "ntp-s0"
    done
    if [ -n "$pfsa_spec" ]; then
      for arch in deltanet-neg lstm; do
        launch "pfsa-$arch-srs-s0" "$arch" "$pfsa_suite" "$spacings" srs 0 "pfsa-srs-s0"
      done
    fi
  fi
done
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
"$bin" report "${runs[@]}" --out "$out" --train-length "$train_length" --markdown --samples 3 \
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
  # train.py names its folders by absolute path; the committed log names them from the checkout.
  sed "s#$root/##g" "$work/logs/$name.log" >"$dest/train.log"
done
# The β probe: DeltaNet[-1,1]'s β on swap tokens against the rest (every seed trained here, SRS).
beta_models=()
for seed in $seeds; do
  [ -d "$work/models/deltanet-neg-srs-s$seed" ] && beta_models+=("$work/models/deltanet-neg-srs-s$seed")
done
if [ "${#beta_models[@]}" -gt 0 ]; then
  say "beta probe of ${#beta_models[@]} models"
  "$python" "$here/beta.py" "$work/tasks/test/$perm_suite.jsonl" "${beta_models[@]}" --out "$out"
fi
"$python" "$here/summarize.py" "$out" >"$out/findings.tmp" && mv "$out/findings.tmp" "$out/findings.md"
say "done: open $out/index.html; the findings table is $out/findings.md"
