#!/usr/bin/env bash
# make real-models-report: the report of make real-models, made again from the committed run folders alone
# ($OUT/runs/NAME/run.json and results.jsonl.gz). It regenerates the task files the runs were made on (byte-identical
# for the same spec, split and version; run.json's tasks_sha256 is checked by report), unpacks the runs under
# $OUT/work/ (ignored by git) and writes the page, plots, CSVs and summary.md into $OUT. No model is run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
HERE="$ROOT/Adapters/python"
OUT="${REAL_MODELS_OUT:-Results/llm}"
WORK="$OUT/work"
S5_EXAMPLES="${S5_EXAMPLES:-3}"
SYSTEM_PYTHON="${PYTHON:-python3}"
CWMBENCH="$ROOT/.build/release/cwmbench"

[ -x "$CWMBENCH" ] || swift build -c release --product cwmbench
mkdir -p "$WORK"
printf '*\n' > "$WORK/.gitignore"
if [ ! -s "$WORK/tasks/s5-final.jsonl" ]; then
    for spec in perm pfsa strings programs; do
        "$CWMBENCH" generate "Tasks/llm/$spec.json" --out "$WORK/tasks" --quiet
        "$CWMBENCH" generate "Tasks/llm/$spec.json" --split train --out "$WORK/train" --quiet
    done 2>&1 | grep -v 'not a multiple of the corpus size' || true
    "$CWMBENCH" generate Tasks/s5-final.json --examples "$S5_EXAMPLES" --out "$WORK/tasks" --quiet
    "$CWMBENCH" generate Tasks/s5-final.json --examples 10 --split train --out "$WORK/train" --quiet
fi

rm -rf "$WORK/report-runs"
runs=()
for run in "$OUT"/runs/*/; do
    name="$(basename "$run")"
    "$SYSTEM_PYTHON" "$HERE/real_models_runs.py" unpack "$run" "$WORK/report-runs/$name"
    runs+=("$WORK/report-runs/$name")
done
[ "${#runs[@]}" -gt 0 ] || { echo "real_models_report: no run folders in $OUT/runs; run make real-models" >&2; exit 66; }

"$CWMBENCH" report "${runs[@]}" --out "$OUT" --markdown \
    --reference Results/published/2602.07672-s5.csv \
    --title "Gemma 3 270M and SmolLM2-135M-Instruct (make real-models)" > "$OUT/summary.md.part"
# Paths in warnings name the checkout's folders from its root, as on any other machine.
sed "s#$ROOT/##g" "$OUT/summary.md.part" > "$OUT/summary.md"
rm -f "$OUT/summary.md.part"
echo "report: $OUT/index.html, summary: $OUT/summary.md"
