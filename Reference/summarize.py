"""The findings tables of a reproduction, in markdown, from its ``summary.csv``.

    python summarize.py Results/reference > Results/reference/findings.md

Reads only ``summary.csv`` (SPEC section 6) and the copies of the checkpoints'
``cwmbench-model.json`` that ``reproduce.sh`` keeps under ``runs/`` (for training lengths
and times), so the tables can be rebuilt from the committed results without re-evaluating
anything. Standard library only.

Tables:

1. the issue's table: each architecture trained at spacing k, tested at spacing k, at
   the longest training length, accuracy with its 95% interval;
2. the same at the longest test length (length extrapolation);
3. the models trained at the smallest spacing, tested at every spacing (does what they
   learned carry over to sparser reveals?), at both of those lengths;
4. PFSA-SR: accuracy and excess NLL over the Bayes posterior of the pfsa models.
"""

from __future__ import annotations

import csv
import glob
import json
import os
import sys
from typing import Dict, List, Optional, Tuple

ARCHITECTURES = ["Transformer", "LSTM", "DeltaNet[0,1]", "DeltaNet[-1,1]"]

Row = Dict[str, str]


def read_rows(folder: str) -> List[Row]:
    """The rows of ``folder/summary.csv``."""
    with open(os.path.join(folder, "summary.csv"), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_models(folder: str) -> Dict[str, dict]:
    """The ``cwmbench-model.json`` of every run under ``folder/runs``, by report name."""
    models = {}
    for path in sorted(glob.glob(os.path.join(folder, "runs", "*", "cwmbench-model.json"))):
        with open(path, encoding="utf-8") as handle:
            meta = json.load(handle)
        models[meta["name"]] = meta
    return models


def find(rows: List[Row], model: str, family: str, length: int, spacing: str, metric: str) -> Optional[Row]:
    """The one row of a model's cell and metric, or None."""
    for row in rows:
        if (row["model"], row["family"], row["length"], row["spacing"], row["metric"]) == (
                model, family, str(length), spacing, metric):
            return row
    return None


def cell(row: Optional[Row], digits: int = 2) -> str:
    """``value [low, high]`` of a row, or a dash."""
    if row is None:
        return "–"
    value, low, high = (float(row[k]) for k in ("value", "ci_low", "ci_high"))
    return "%.*f [%.*f, %.*f]" % (digits, value, digits, low, digits, high)


def lengths_of(rows: List[Row], family: str) -> List[int]:
    """The trace lengths tested for ``family``, ascending."""
    return sorted({int(r["length"]) for r in rows if r["family"] == family})


def spacings_of(rows: List[Row], family: str) -> List[str]:
    """The reveal spacings tested for ``family``, numerically ascending."""
    spacings = {r["spacing"] for r in rows if r["family"] == family}
    return sorted(spacings, key=lambda s: (not s.isdigit(), int(s) if s.isdigit() else 0))


def perm_table(rows: List[Row], length: int, title: str, trained_at: Optional[str] = None) -> List[str]:
    """Architecture x spacing at one test length: each model trained at the spacing it is tested
    at, or, with ``trained_at``, the models trained at that one spacing tested at every spacing."""
    spacings = spacings_of(rows, "perm")
    lines = ["**%s** (accuracy per query, 95%% bootstrap interval; chance 0.33)" % title, "",
             "| architecture | " + " | ".join("spacing %s" % s for s in spacings) + " |",
             "|---|" + "---|" * len(spacings)]
    for architecture in ARCHITECTURES:
        cells = [cell(find(rows, "%s/k%s" % (architecture, trained_at or s), "perm", length, s, "accuracy"))
                 for s in spacings]
        lines.append("| %s | %s |" % (architecture, " | ".join(cells)))
    return lines + [""]


def pfsa_table(rows: List[Row]) -> List[str]:
    """Accuracy and excess NLL of the pfsa models at every tested length."""
    names = sorted({r["model"] for r in rows if r["family"] == "pfsa"})
    if not names:
        return []
    lengths = lengths_of(rows, "pfsa")
    spacing = spacings_of(rows, "pfsa")[0]
    lines = ["**PFSA-SR** (S3, half the swaps hidden, spacing %s): accuracy / excess NLL over the Bayes "
             "posterior in nats per query (0 is optimal)" % spacing, "",
             "| model | " + " | ".join("length %d" % n for n in lengths) + " |", "|---|" + "---|" * len(lengths)]
    for name in names:
        cells = []
        for n in lengths:
            accuracy = find(rows, name, "pfsa", n, spacing, "accuracy")
            excess = find(rows, name, "pfsa", n, spacing, "excess_nll")
            cells.append("%s / %s" % ("–" if accuracy is None else "%.2f" % float(accuracy["value"]),
                                      "–" if excess is None else "%.3f" % float(excess["value"])))
        lines.append("| %s | %s |" % (name, " | ".join(cells)))
    bayes = [find(rows, names[0], "pfsa", n, spacing, "bayes_accuracy") for n in lengths]
    lines.append("| Bayes posterior (best possible) | %s |" % " | ".join(
        "–" if b is None else "%.2f / 0" % float(b["value"]) for b in bayes))
    return lines + [""]


def main(argv: List[str]) -> int:
    """Print the findings tables of the reproduction folder named on the command line."""
    if len(argv) != 1:
        print("usage: summarize.py RESULTS_DIR", file=sys.stderr)
        return 64
    folder = argv[0]
    try:
        rows = read_rows(folder)
        models = read_models(folder)
    except (OSError, ValueError, KeyError) as error:
        print("summarize: error: %s" % error, file=sys.stderr)
        return 65
    train_lengths = sorted({n for meta in models.values() if meta.get("spacing") for n in meta["train_lengths"]})
    perm_lengths = lengths_of(rows, "perm")
    if not perm_lengths:
        print("summarize: error: no perm rows in '%s'" % os.path.join(folder, "summary.csv"), file=sys.stderr)
        return 65
    longest_train = max(train_lengths) if train_lengths else perm_lengths[0]
    out = ["Trained on lengths %s; tested on lengths %s." % (", ".join(map(str, train_lengths)),
                                                              ", ".join(map(str, perm_lengths))), ""]
    out += perm_table(rows, longest_train, "Length %d, the longest training length" % longest_train)
    if perm_lengths[-1] != longest_train:
        out += perm_table(rows, perm_lengths[-1], "Length %d, %d× the longest training length"
                          % (perm_lengths[-1], perm_lengths[-1] // longest_train))
    first = spacings_of(rows, "perm")[0]
    for length in sorted({longest_train, perm_lengths[-1]}):
        out += perm_table(rows, length, "Trained at spacing %s only, tested at every spacing, length %d"
                          % (first, length), trained_at=first)
    out += pfsa_table(rows)
    timing = [(name, meta.get("seconds", 0.0), meta.get("steps_done")) for name, meta in sorted(models.items())]
    if timing:
        out += ["Training time per model (seconds, steps): " + ", ".join(
            "%s %.0f s (%s)" % (name, seconds, steps) for name, seconds, steps in timing) + ".", ""]
    sys.stdout.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
