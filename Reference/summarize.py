"""The findings tables of a reproduction, in markdown, from its ``summary.csv``.

    python summarize.py Results/reference > Results/reference/findings.md

Reads only ``summary.csv`` (SPEC section 6), the copies of the checkpoints'
``cwmbench-model.json`` that ``reproduce.sh`` keeps under ``runs/`` (architecture, loss,
seed, training lengths and times) and, when present, the β table ``beta.md`` that
``beta.py`` wrote, so everything can be rebuilt from the committed results without
re-evaluating anything. Standard library only.

Chance is never assumed: it is the ``chance`` column of ``summary.csv`` when the report
writes one, and otherwise follows from each row's task (``n`` variables; ``reveal: one``
shows one value, chance 1/n; ``reveal: all`` shows the whole arrangement, chance 1/n!).

Tables:

1. the main table: every architecture trained with SRS on all spacings mixed, one row per
   seed, tested at each spacing, at the longest training length and at the longest test
   length;
2. the issue's expectations, checked against those numbers;
3. NTP against SRS;
4. PFSA-SR: accuracy and excess NLL over the Bayes posterior, per spacing;
5. β (copied from ``beta.md``) and training times.
"""

from __future__ import annotations

import csv
import glob
import json
import math
import os
import sys
from typing import Dict, List, Optional

#: Architectures in table order (display names, as in models.DISPLAY_NAMES).
ARCHITECTURES = ["Transformer", "LSTM", "DeltaNet[0,1]", "DeltaNet[-1,1]", "Hybrid"]

Row = Dict[str, str]


class SummaryError(ValueError):
    """A summary.csv or model file that cannot be read as a reproduction."""


def read_rows(folder: str) -> List[Row]:
    """The rows of ``folder/summary.csv`` that belong to one model (``accuracy_diff`` rows name a
    pair, ``A vs B``, and are left to the report's own table)."""
    with open(os.path.join(folder, "summary.csv"), newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["metric"] != "accuracy_diff"]


def read_models(folder: str) -> Dict[str, dict]:
    """The ``cwmbench-model.json`` of every run under ``folder/runs``, by report name."""
    models = {}
    for path in sorted(glob.glob(os.path.join(folder, "runs", "*", "cwmbench-model.json"))):
        with open(path, encoding="utf-8") as handle:
            meta = json.load(handle)
        models[meta["name"]] = meta
    return models


def chance(row: Row) -> float:
    """The chance accuracy of one query in a row's cell: the report's ``chance`` column, else from the task."""
    if row.get("chance"):
        return float(row["chance"])
    try:
        n = int(row["n"])
        reveal = row["reveal"]
    except (KeyError, ValueError):
        raise SummaryError("row of model '%s' has no usable 'n' and 'reveal'" % row.get("model")) from None
    if reveal == "one":
        return 1.0 / n
    if reveal == "all":
        return 1.0 / math.factorial(n)
    raise SummaryError("row of model '%s' has reveal '%s' (expected one or all)" % (row.get("model"), reveal))


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


def chance_text(rows: List[Row], family: str) -> str:
    """The chance level(s) of a family's accuracy rows, as text."""
    levels = sorted({round(chance(r), 4) for r in rows if r["family"] == family and r["metric"] == "accuracy"})
    return " / ".join("%.3g" % level for level in levels) or "–"


def perm_models(rows: List[Row], models: Dict[str, dict], loss: Optional[str]) -> List[str]:
    """Report names of the perm models (with ``loss`` when given), by architecture, loss, then seed."""
    present = {r["model"] for r in rows if r["family"] == "perm"}

    def key(name: str):
        meta = models.get(name, {})
        architecture = name.split("/")[0]
        order = ARCHITECTURES.index(architecture) if architecture in ARCHITECTURES else len(ARCHITECTURES)
        return (order, architecture, meta.get("loss", ""), meta.get("seed", 0), name)

    return sorted((name for name in present if loss is None or models.get(name, {}).get("loss") == loss), key=key)


def describe(name: str, models: Dict[str, dict]) -> str:
    """``Transformer, seed 0`` for a model name (the report name when its model file is missing)."""
    meta = models.get(name)
    if meta is None:
        return name
    return "%s, %s, seed %s" % (name.split("/")[0], meta.get("loss", "?").upper(), meta.get("seed", "?"))


def perm_table(rows: List[Row], names: List[str], models: Dict[str, dict], length: int, title: str) -> List[str]:
    """Model x spacing accuracy at one test length."""
    spacings = spacings_of(rows, "perm")
    lines = ["**%s** (accuracy per query, 95%% bootstrap interval; chance %s)" % (title, chance_text(rows, "perm")),
             "", "| model | " + " | ".join("spacing %s" % s for s in spacings) + " |",
             "|---|" + "---|" * len(spacings)]
    for name in names:
        cells = [cell(find(rows, name, "perm", length, s, "accuracy")) for s in spacings]
        lines.append("| %s | %s |" % (describe(name, models), " | ".join(cells)))
    return lines + [""]


def value(rows: List[Row], name: str, length: int, spacing: str) -> Optional[float]:
    """The accuracy of a model at one perm cell, or None."""
    row = find(rows, name, "perm", length, spacing, "accuracy")
    return None if row is None else float(row["value"])


def expectations(rows: List[Row], names: List[str], longest_train: int) -> List[str]:
    """The issue's expected pattern, each clause checked against the numbers (never tuned to them)."""
    perm_chance = [chance(r) for r in rows if r["family"] == "perm" and r["metric"] == "accuracy"]
    if not perm_chance:
        return []
    level = perm_chance[0]
    far = 4 * longest_train
    clauses = []
    for name in names:
        architecture = name.split("/")[0]
        a1, a8, a8far = (value(rows, name, longest_train, "1"), value(rows, name, longest_train, "8"),
                         value(rows, name, far, "8"))
        if architecture in ("Transformer", "DeltaNet[0,1]"):
            clauses.append((name, "≥ 0.9 at spacing 1, length %d" % longest_train, a1, a1 is not None and a1 >= 0.9))
            clauses.append((name, "within 0.15 of chance (%.3g) at spacing 8, length %d" % (level, longest_train), a8,
                            a8 is not None and abs(a8 - level) <= 0.15))
        elif architecture == "DeltaNet[-1,1]":
            clauses.append((name, "≥ 0.9 at spacing 1, length %d" % longest_train, a1, a1 is not None and a1 >= 0.9))
            clauses.append((name, "≥ 0.9 at spacing 8, length %d" % longest_train, a8, a8 is not None and a8 >= 0.9))
            clauses.append((name, "≥ 0.8 at spacing 8, length %d (4×)" % far, a8far,
                            a8far is not None and a8far >= 0.8))
    if not clauses:
        return []
    lines = ["**The issue's expected pattern, checked** (SRS models; 'no' is reported, not tuned away)", "",
             "| model | expected | measured | holds |", "|---|---|---|---|"]
    for name, text, measured, holds in clauses:
        lines.append("| %s | %s | %s | %s |" % (name, text, "–" if measured is None else "%.2f" % measured,
                                              "yes" if holds else "**no**"))
    return lines + [""]


def ntp_table(rows: List[Row], models: Dict[str, dict], lengths: List[int]) -> List[str]:
    """NTP against SRS for every architecture trained both ways (same seed)."""
    ntp = perm_models(rows, models, "ntp")
    if not ntp:
        return []
    pairs = []
    for name in ntp:
        meta = models[name]
        twins = [n for n in perm_models(rows, models, "srs")
                 if models[n]["architecture"] == meta["architecture"] and models[n].get("seed") == meta.get("seed")]
        pairs += twins + [name]
    spacings = spacings_of(rows, "perm")
    header = ["length %d, spacing %s" % (n, s) for n in lengths for s in spacings]
    lines = ["**NTP (loss on every token) against SRS (loss on the reveal outputs only)**: accuracy per query", "",
             "| model | " + " | ".join(header) + " |", "|---|" + "---|" * len(header)]
    for name in pairs:
        cells = []
        for n in lengths:
            for s in spacings:
                v = value(rows, name, n, s)
                cells.append("–" if v is None else "%.2f" % v)
        lines.append("| %s | %s |" % (describe(name, models), " | ".join(cells)))
    return lines + [""]


def pfsa_table(rows: List[Row], models: Dict[str, dict], longest_train: int) -> List[str]:
    """Accuracy and excess NLL of the pfsa models per spacing, with the Bayes posterior's accuracy, at the
    longest training length and the longest test length."""
    names = sorted({r["model"] for r in rows if r["family"] == "pfsa"})
    if not names:
        return []
    lines = []
    spacings = spacings_of(rows, "pfsa")
    tested = lengths_of(rows, "pfsa")
    for n in sorted({n for n in tested if n == longest_train} | {tested[-1]}):
        lines += ["**PFSA-SR, length %d** (S3, half the swaps hidden): accuracy / excess NLL over the Bayes "
                  "posterior in nats per query (0 is the ceiling; chance accuracy %s)" % (n, chance_text(rows, "pfsa")),
                  "", "| model | " + " | ".join("spacing %s" % s for s in spacings) + " |",
                  "|---|" + "---|" * len(spacings)]
        for name in names:
            cells = []
            for s in spacings:
                accuracy = find(rows, name, "pfsa", n, s, "accuracy")
                excess = find(rows, name, "pfsa", n, s, "excess_nll")
                cells.append("%s / %s" % ("–" if accuracy is None else "%.2f" % float(accuracy["value"]),
                                          "–" if excess is None else "%.3f" % float(excess["value"])))
            lines.append("| %s | %s |" % (describe(name, models), " | ".join(cells)))
        bayes = [find(rows, names[0], "pfsa", n, s, "bayes_accuracy") for s in spacings]
        lines.append("| Bayes posterior (the ceiling) | %s |" % " | ".join(
            "–" if b is None else "%.2f / 0" % float(b["value"]) for b in bayes))
        lines.append("")
    return lines


def beta_sentence(folder: str) -> List[str]:
    """One sentence per probed model from ``beta.csv``: its most reflective head on swap tokens against
    the same head on other tokens, and how many heads sit at β > 1.9 on swaps."""
    path = os.path.join(folder, "beta.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    sentences = []
    for name in sorted({r["model"] for r in rows}):
        mine = {(r["layer"], r["head"], r["class"]): r for r in rows if r["model"] == name}
        swaps = [r for key, r in mine.items() if key[2] == "swap"]
        if not swaps:
            continue
        best = max(swaps, key=lambda r: float(r["median"]))
        other = mine.get((best["layer"], best["head"], "other"))
        high = sum(float(r["median"]) > 1.9 for r in swaps)
        sentences.append(
            "%s: on swap tokens layer %s head %s has median β %.2f (%.0f%% of swap tokens above 1.9), against "
            "%s on the other tokens; heads with a median above 1.9 on swaps: %d of %d."
            % (name, best["layer"], best["head"], float(best["median"]), 100 * float(best["above_1_9"]),
               "–" if other is None else "median %.2f" % float(other["median"]), high, len(swaps)))
    if not sentences:
        return []
    return ["**β, in one sentence per model** (from `beta.csv`):", ""] + ["- " + s for s in sentences] + [""]


def pfsa_sentence(rows: List[Row]) -> List[str]:
    """How often the LSTM's excess NLL is below DeltaNet[-1,1]'s over the pfsa cells (both SRS, same seed)."""
    names = sorted({r["model"] for r in rows if r["family"] == "pfsa"})
    lstm = [n for n in names if n.startswith("LSTM/")]
    delta = [n for n in names if n.startswith("DeltaNet[-1,1]/")]
    if not lstm or not delta:
        return []
    pairs = []
    for n in lengths_of(rows, "pfsa"):
        for s in spacings_of(rows, "pfsa"):
            a, b = (find(rows, lstm[0], "pfsa", n, s, "excess_nll"), find(rows, delta[0], "pfsa", n, s, "excess_nll"))
            if a is not None and b is not None:
                pairs.append((float(a["value"]), float(b["value"]), float(a["ci_high"]) < float(b["ci_low"]),
                              float(b["ci_high"]) < float(a["ci_low"])))
    if not pairs:
        return []
    lower = sum(a < b for a, b, _, _ in pairs)
    return ["**PFSA-SR, in one sentence**: the LSTM's excess NLL is below DeltaNet[-1,1]'s in %d of %d cells "
            "(%d with disjoint 95%% intervals, against %d the other way); mean excess NLL %.3f (LSTM) and %.3f "
            "(DeltaNet[-1,1]) nats per query." % (lower, len(pairs), sum(x for _, _, x, _ in pairs),
                                                 sum(y for _, _, _, y in pairs),
                                                 sum(a for a, _, _, _ in pairs) / len(pairs),
                                                 sum(b for _, b, _, _ in pairs) / len(pairs)), ""]


def main(argv: List[str]) -> int:
    """Print the findings tables of the reproduction folder named on the command line."""
    if len(argv) != 1:
        print("usage: summarize.py RESULTS_DIR", file=sys.stderr)
        return 64
    folder = argv[0]
    try:
        rows = read_rows(folder)
        models = read_models(folder)
        for row in rows:
            chance(row)  # every row's task must give a chance level
    except (OSError, ValueError, KeyError) as error:
        print("summarize: error: %s" % error, file=sys.stderr)
        return 65
    perm_lengths = lengths_of(rows, "perm")
    if not perm_lengths:
        print("summarize: error: no perm rows in '%s'" % os.path.join(folder, "summary.csv"), file=sys.stderr)
        return 65
    perm_names = {r["model"] for r in rows if r["family"] == "perm"}
    train_lengths = sorted({n for name, meta in models.items() if name in perm_names
                            for n in meta.get("train_lengths", [])})
    longest_train = max(train_lengths) if train_lengths else perm_lengths[0]
    out = ["Trained on lengths %s; tested on lengths %s." % (", ".join(map(str, train_lengths)),
                                                              ", ".join(map(str, perm_lengths))), ""]
    srs = perm_models(rows, models, "srs") or perm_models(rows, models, None)
    out += perm_table(rows, srs, models, longest_train, "Length %d, the longest training length" % longest_train)
    for length in perm_lengths:
        if length > longest_train:
            out += perm_table(rows, srs, models, length, "Length %d, %d× the longest training length"
                              % (length, length // longest_train))
    out += expectations(rows, srs, longest_train)
    out += ntp_table(rows, models, [n for n in perm_lengths if n in (longest_train, 4 * longest_train)])
    out += pfsa_table(rows, models, longest_train)
    out += pfsa_sentence(rows)
    beta = os.path.join(folder, "beta.md")
    if os.path.exists(beta):
        with open(beta, encoding="utf-8") as handle:
            out += [handle.read().rstrip("\n"), ""]
    out += beta_sentence(folder)
    timing = [(name, meta.get("seconds", 0.0), meta.get("steps_done")) for name, meta in sorted(models.items())]
    if timing:
        out += ["Training time per model (seconds, steps): " + ", ".join(
            "%s %.0f s (%s)" % (name, seconds, steps) for name, seconds, steps in timing) + ".", ""]
    sys.stdout.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
