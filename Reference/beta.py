"""β of DeltaNet[-1,1] per layer and head, on swap tokens against every other token.

    python beta.py TASKS.jsonl CKPT [CKPT...] --out Results/reference [--traces 150]

The published finding under test: on the head that tracks the state, β sits at 2 on the
tokens that act (a swap), where the transition I - β k kᵀ is a reflection, and lower
elsewhere. For each checkpoint (``deltanet-neg`` or ``hybrid``) this runs the first
``--traces`` test traces through the model, records β at every DeltaNet layer, head and
token (``models.betas_of``), and sorts the tokens into two classes: *swap* (the statement
token of an action such as ``>>> a, c = c, a``) and *other* (initial assignments, ``print``
statements, output characters). It writes

- ``beta.csv``: model, layer, head, class, tokens, mean, quartiles, 10th/90th percentile and the
  share of tokens with β > 1.5 and β > 1.9;
- ``beta.md``: the same as a markdown table (``summarize.py`` copies it into the findings);
- ``beta.svg``: one panel per model, layer and head with the histograms of the two classes
  over [0, β_max] (hand-written SVG, no plotting library).

Needs jax (the venv's python); the statistics and the SVG are plain python.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from typing import Dict, List, Sequence, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import vocab  # noqa: E402

CLASSES = ("swap", "other")
BINS = 20


def token_class(piece: str) -> str:
    """``swap`` for an action statement (a tuple assignment ``>>> a, c = c, a``), ``other`` for the rest."""
    if piece.startswith(vocab.PROMPT) and " = " in piece:
        left = piece[len(vocab.PROMPT):].split(" = ", 1)[0]
        if "," in left:
            return "swap"
    return "other"


def quantile(sorted_values: Sequence[float], q: float) -> float:
    """The ``q`` quantile of ascending values, by linear interpolation (numpy's default)."""
    if not sorted_values:
        return float("nan")
    position = q * (len(sorted_values) - 1)
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def statistics(values: Sequence[float]) -> Dict[str, float]:
    """Count, mean, quantiles and the shares above 1.5 and 1.9 of a list of β."""
    ordered = sorted(values)
    count = len(ordered)
    return {"tokens": count, "mean": sum(ordered) / count if count else float("nan"),
            "p10": quantile(ordered, 0.1), "p25": quantile(ordered, 0.25), "median": quantile(ordered, 0.5),
            "p75": quantile(ordered, 0.75), "p90": quantile(ordered, 0.9),
            "above_1_5": sum(v > 1.5 for v in ordered) / count if count else float("nan"),
            "above_1_9": sum(v > 1.9 for v in ordered) / count if count else float("nan")}


def collect(directory: str, texts: Sequence[str]) -> Tuple[str, float, Dict[Tuple[int, int, str], List[float]]]:
    """(report name, β_max, {(layer, head, class): [β...]}) of one checkpoint over ``texts``."""
    import jax
    import jax.numpy as jnp
    import numpy as np

    import checkpoint
    import models

    meta, params = checkpoint.load(directory)
    architecture = meta["architecture"]
    beta_max = 1.0 if architecture == "deltanet" else 2.0
    vocabulary = vocab.Vocabulary.from_description(meta["vocab"])
    params = jax.tree_util.tree_map(jnp.asarray, params)
    probe = jax.jit(lambda p, t: models.betas_of(architecture, meta["config"], p, t))
    found: Dict[Tuple[int, int, str], List[float]] = {}
    for text in texts:
        tokens = vocabulary.encode(text)
        width = -(-len(tokens) // 128) * 128  # few shapes to compile; the models are causal
        padded = np.zeros((1, width), dtype=np.int32)
        padded[0, : len(tokens)] = tokens
        classes = [token_class(vocabulary.decode([t])) for t in tokens]
        for layer, betas in probe(params, padded).items():
            betas = np.asarray(betas)[0]  # [heads, width]
            for head in range(betas.shape[0]):
                for position, kind in enumerate(classes):
                    found.setdefault((int(layer), head, kind), []).append(float(betas[head, position]))
    return str(meta.get("name") or architecture), beta_max, found


def write_table(out: str, results: List[Tuple[str, float, Dict]]) -> List[dict]:
    """``beta.csv`` and ``beta.md`` under ``out``; returns the rows."""
    rows = []
    for name, _, found in results:
        for (layer, head, kind) in sorted(found, key=lambda key: (key[0], key[1], CLASSES.index(key[2]))):
            rows.append(dict({"model": name, "layer": layer, "head": head, "class": kind},
                             **statistics(found[(layer, head, kind)])))
    fields = ["model", "layer", "head", "class", "tokens", "mean", "p10", "p25", "median", "p75", "p90",
              "above_1_5", "above_1_9"]
    with open(os.path.join(out, "beta.csv"), "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (("%.4f" % row[k]) if isinstance(row[k], float) else row[k]) for k in fields})
    lines = ["**β per layer and head, swap tokens against every other token** (from `beta.py`; "
             "median [10th–90th percentile], share with β > 1.9; figure: `beta.svg`)", "",
             "| model | layer | head | swap tokens | other tokens |", "|---|---|---|---|---|"]
    by_key = {(r["model"], r["layer"], r["head"], r["class"]): r for r in rows}
    for name, _, found in results:
        for layer, head in sorted({(key[0], key[1]) for key in found}):
            cells = []
            for kind in CLASSES:
                r = by_key.get((name, layer, head, kind))
                cells.append("–" if r is None else "%.2f [%.2f–%.2f], %.0f%% > 1.9"
                             % (r["median"], r["p10"], r["p90"], 100 * r["above_1_9"]))
            lines.append("| %s | %d | %d | %s |" % (name, layer, head, " | ".join(cells)))
    with open(os.path.join(out, "beta.md"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return rows


def histogram(values: Sequence[float], top: float) -> List[float]:
    """Shares of ``values`` in BINS equal bins over [0, top]."""
    counts = [0] * BINS
    for v in values:
        counts[min(BINS - 1, max(0, int(v / top * BINS)))] += 1
    total = max(1, len(values))
    return [c / total for c in counts]


def write_svg(out: str, results: List[Tuple[str, float, Dict]]) -> None:
    """``beta.svg``: a grid of histogram panels, a row per model and layer, a column per head."""
    colours = {"swap": "#d62728", "other": "#1f77b4"}
    panels = []
    for name, top, found in results:
        for layer in sorted({key[0] for key in found}):
            heads = sorted({key[1] for key in found if key[0] == layer})
            panels.append((name, layer, top, [(head, {kind: found.get((layer, head, kind), []) for kind in CLASSES})
                                              for head in heads]))
    columns = max((len(p[3]) for p in panels), default=1)
    width, height, left, top_margin = 170, 110, 10, 40  # one panel: 150 x 80 plot plus labels
    total_width = left + columns * width + 10
    total_height = top_margin + len(panels) * (height + 24) + 10
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" '
             'font-size="10">' % (total_width, total_height),
             '<rect width="100%" height="100%" fill="white"/>',
             '<text x="%d" y="16" font-size="13">β per DeltaNet layer and head: swap tokens (red) vs other tokens '
             '(blue), share of tokens per bin</text>' % left]
    for row, (name, layer, beta_max, heads) in enumerate(panels):
        y0 = top_margin + row * (height + 24)
        parts.append('<text x="%d" y="%d" font-size="11">%s, layer %d</text>' % (left, y0 + 10, escape(name), layer))
        for column, (head, by_class) in enumerate(heads):
            x0 = left + column * width
            px, py, pw, ph = x0 + 5, y0 + 16, width - 20, height - 30
            parts.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#999"/>' % (px, py, pw, ph))
            shares = {kind: histogram(values, beta_max) for kind, values in by_class.items()}
            peak = max([max(s) for s in shares.values() if s] + [1e-9])
            for kind in CLASSES:
                bar = pw / BINS
                points = []
                for i, share in enumerate(shares[kind]):
                    y = py + ph - share / peak * ph
                    points += ["%.1f,%.1f" % (px + i * bar, y), "%.1f,%.1f" % (px + (i + 1) * bar, y)]
                parts.append('<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>'
                             % (colours[kind], " ".join(points)))
            parts.append('<text x="%d" y="%d">head %d</text>' % (px + 3, py + 11, head))
            parts.append('<text x="%d" y="%d">0</text>' % (px, py + ph + 11))
            parts.append('<text x="%d" y="%d" text-anchor="middle">%g</text>' % (px + pw / 2, py + ph + 11,
                                                                                 beta_max / 2))
            parts.append('<text x="%d" y="%d" text-anchor="end">%g</text>' % (px + pw, py + ph + 11, beta_max))
    parts.append("</svg>")
    with open(os.path.join(out, "beta.svg"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(parts) + "\n")


def escape(text: str) -> str:
    """Text safe inside SVG markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main(argv: Sequence[str]) -> int:
    """Probe the checkpoints named on the command line and write the β table and figure."""
    parser = argparse.ArgumentParser(description="β of DeltaNet layers on swap tokens vs other tokens.")
    parser.add_argument("tasks", help="a task file (the test split of the perm suite)")
    parser.add_argument("checkpoints", nargs="+", help="deltanet-neg (or hybrid, deltanet) checkpoint folders")
    parser.add_argument("--out", required=True, help="folder for beta.csv, beta.md and beta.svg")
    parser.add_argument("--traces", type=int, default=150, help="how many traces to probe (default 150)")
    args = parser.parse_args(argv)
    try:
        texts = []
        with open(args.tasks, encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and len(texts) < args.traces:
                    texts.append(json.loads(line)["text"])
        if not texts:
            raise ValueError("no traces in '%s'" % args.tasks)
        results = [collect(directory, texts) for directory in args.checkpoints]
        os.makedirs(args.out, exist_ok=True)
        write_table(args.out, results)
        write_svg(args.out, results)
    except (OSError, ValueError, KeyError, vocab.VocabularyError) as error:
        print("beta: error: %s" % error, file=sys.stderr)
        return 65
    print("beta: wrote beta.csv, beta.md and beta.svg under %s" % args.out, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
