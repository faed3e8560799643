"""Train one reference learner on ``cwmbench generate --split train`` output.

    python train.py --data train.jsonl --arch deltanet-neg --out ckpt/dn-neg --steps 2000

Losses (``--loss``):

- ``ntp``: next-token prediction on every token of the trace;
- ``srs``: state-reveal supervision, the loss on the tokens of the query answer
  spans only (the reveal outputs, e.g. ``c 4``).

Training draws batches with numpy's generator seeded by ``--seed`` (parameters
are initialised from the same seed), optimises with Adam (written out below, so
nothing beyond jax is needed), and follows a simple length curriculum: the
distinct trace lengths in the data are unlocked one by one, shortest first, over
the first half of training; the second half draws from all of them. Each batch
comes from one (length, spacing) cell of the unlocked ones (``--batching cell``,
see :func:`batch_pool`).

Resumable: a checkpoint is written every ``--save-every`` steps and at the end;
running the same command again continues from the last one, and returns at once
when the run is complete. A checkpoint of a different configuration is an error,
never silently overwritten.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import checkpoint  # noqa: E402
import vocab  # noqa: E402

LOSSES = ("ntp", "srs")

#: Batches are padded to a multiple of this many tokens so jit compiles few shapes.
PAD_MULTIPLE = 32


class TrainError(Exception):
    """Bad training data or a checkpoint that does not match the requested run."""


# -- data ----------------------------------------------------------------------------


class Example:
    """One trace as token ids, with the mask of its answer tokens, its length in actions and its spacing."""

    __slots__ = ("tokens", "answer_mask", "length", "spacing")

    def __init__(self, tokens: np.ndarray, answer_mask: np.ndarray, length: int, spacing: str = ""):
        self.tokens = tokens
        self.answer_mask = answer_mask
        self.length = length
        self.spacing = spacing


def parse_example(record: dict, vocabulary: vocab.Vocabulary) -> Example:
    """An :class:`Example` from one task-file line (SPEC section 3)."""
    tokens, starts = vocabulary.encode_with_offsets(record["text"])
    inside = np.zeros(len(record["text"]) + 1, dtype=bool)
    for query in record.get("queries", []):
        inside[query["start"]: query["end"]] = True
    # Answers are output lines, which are spelled in characters: a token is an answer token
    # exactly when its first character is inside a query span.
    mask = inside[np.asarray(starts, dtype=np.int64)]
    return Example(np.asarray(tokens, dtype=np.int32), mask, int(record["params"]["length"]),
                   str(record["params"].get("spacing", "")))


def parse_spacings(text: Optional[str]) -> Optional[List[str]]:
    """The spacings of ``--spacing`` (``4``, or ``1,4,8`` for one training set that mixes them); None for all."""
    if text is None:
        return None
    spacings = [part.strip() for part in text.split(",")]
    if not all(spacings) or len(set(spacings)) != len(spacings):
        raise TrainError("--spacing '%s' is not a comma-separated list of distinct spacings" % text)
    return spacings


def read_records(path: str, spacing: Optional[str] = None) -> List[dict]:
    """The records of a task file (those with a reveal spacing in ``spacing``, e.g. ``1,4,8``, when given);
    ``repl`` traces only."""
    wanted = parse_spacings(spacing)
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            render = record.get("params", {}).get("render", "repl")
            if render != "repl":
                raise TrainError("line %d of '%s' has render '%s'; only 'repl' is supported" % (number, path, render))
            if wanted is not None and str(record["params"]["spacing"]) not in wanted:
                continue
            records.append(record)
    if not records:
        raise TrainError("no examples in '%s'%s" % (path, "" if spacing is None else " with spacing '%s'" % spacing))
    return records


def build_vocabulary(kind: str, records: Sequence[dict]) -> vocab.Vocabulary:
    """The vocabulary of ``--vocab kind``: statement lines of ``records`` plus characters, or characters only."""
    if kind == "statements":
        return vocab.Vocabulary.from_texts(record["text"] for record in records)
    if kind == "characters":
        return vocab.CHARACTER_VOCABULARY
    raise TrainError("unknown vocabulary '%s' (expected statements or characters)" % kind)


def make_batch(examples: Sequence[Example], loss: str):
    """``(inputs, targets, weights)`` arrays [B, T]: predict token t+1 from tokens 0..t.

    The weight of a target is 1 where the loss counts it: every real token for
    ``ntp``, answer tokens only for ``srs``; padding always weighs 0.
    """
    longest = max(len(e.tokens) for e in examples) - 1
    width = -(-longest // PAD_MULTIPLE) * PAD_MULTIPLE
    inputs = np.zeros((len(examples), width), dtype=np.int32)
    targets = np.zeros((len(examples), width), dtype=np.int32)
    weights = np.zeros((len(examples), width), dtype=np.float32)
    for row, e in enumerate(examples):
        n = len(e.tokens) - 1
        inputs[row, :n] = e.tokens[:-1]
        targets[row, :n] = e.tokens[1:]
        weights[row, :n] = 1.0 if loss == "ntp" else e.answer_mask[1:]
    return inputs, targets, weights


BATCHING = ("cell", "mixed")


def batch_pool(cells: Dict[Tuple[int, str], List[int]], allowed: Sequence[Tuple[int, str]], batching: str,
               rng: np.random.Generator) -> List[int]:
    """The example indices the next batch is drawn from.

    ``mixed``: every example of an unlocked length. ``cell``: the examples of one (length, spacing)
    cell, drawn uniformly among the unlocked cells, so a batch is padded only to its own cell's width
    (spacing-8 traces are a third as long as spacing-1 traces) and every spacing weighs the same in the
    loss however many reveals its traces have.
    """
    keys = sorted(key for key in cells if key in allowed)
    if batching == "mixed":
        return [i for key in keys for i in cells[key]]
    return cells[keys[int(rng.integers(len(keys)))]]


CURRICULA = ("length", "spacing")


def spacing_order(spacing: str):
    """Sort key of a spacing: numbers ascending, then anything else (``final``)."""
    return (0, int(spacing), "") if spacing.isdigit() else (1, 0, spacing)


def curriculum_cells(keys: Sequence[Tuple[int, str]], step: int, steps: int, curriculum: str) -> List[Tuple[int, str]]:
    """The (length, spacing) cells training may draw from at ``step``.

    ``length``: the lengths are unlocked one by one (see :func:`curriculum_lengths`), every spacing at once.
    ``spacing``: the cells are unlocked one by one over the first half, densest reveals first and shortest
    first within a spacing ((8, 1), (16, 1), (8, 4), ...); the second half draws from all of them.
    """
    distinct = sorted(set(keys))
    if curriculum == "length":
        allowed = curriculum_lengths([length for length, _ in distinct], step, steps)
        return [key for key in distinct if key[0] in allowed]
    ordered = sorted(distinct, key=lambda key: (spacing_order(key[1]), key[0]))
    half = max(1, steps // 2)
    return ordered[: min(len(ordered), 1 + (step * len(ordered)) // half)]


def curriculum_lengths(lengths: Sequence[int], step: int, steps: int) -> List[int]:
    """The trace lengths training may draw from at ``step``: one more unlocked per stage."""
    distinct = sorted(set(lengths))
    stages = len(distinct)
    half = max(1, steps // 2)
    unlocked = min(stages, 1 + (step * stages) // half)
    return distinct[:unlocked]


# -- optimisation --------------------------------------------------------------------


def make_train_step(architecture: str, config: dict, learning_rate: float):
    """A jit-compiled Adam step ``(params, m, v, count, inputs, targets, weights[, factor]) -> (params, m, v, loss)``.

    ``factor`` multiplies ``learning_rate`` (the schedule: see :func:`rate_factor`). The loss is
    the weighted mean negative log-likelihood of ``targets``; ``count`` is the 1-based step number
    (for Adam's bias correction); ``m`` and ``v`` start as zeros like ``params``.
    """
    import jax
    import jax.numpy as jnp

    import models

    def loss_fn(p, inputs, targets, weights):
        logits = models.apply(architecture, config, p, inputs)
        logp = jax.nn.log_softmax(logits, axis=-1)
        picked = jnp.take_along_axis(logp, targets[..., None], axis=-1)[..., 0]
        return -(picked * weights).sum() / jnp.maximum(weights.sum(), 1.0)

    beta1, beta2, eps = 0.9, 0.999, 1e-8

    @jax.jit
    def train_step(p, m, v, count, inputs, targets, weights, factor=1.0):
        loss, grads = jax.value_and_grad(loss_fn)(p, inputs, targets, weights)
        # Clip the global gradient norm at 1: recurrences occasionally spike early in training.
        norm = jnp.sqrt(sum((g * g).sum() for g in jax.tree_util.tree_leaves(grads)))
        grads = jax.tree_util.tree_map(lambda g: g * jnp.minimum(1.0, 1.0 / (norm + 1e-6)), grads)
        m = jax.tree_util.tree_map(lambda a, g: beta1 * a + (1 - beta1) * g, m, grads)
        v = jax.tree_util.tree_map(lambda a, g: beta2 * a + (1 - beta2) * g * g, v, grads)
        scale = learning_rate * factor * jnp.sqrt(1 - beta2 ** count) / (1 - beta1 ** count)
        p = jax.tree_util.tree_map(lambda w, a, b: w - scale * a / (jnp.sqrt(b) + eps), p, m, v)
        return p, m, v, loss

    return train_step


#: Learning-rate schedule recorded in the checkpoint: linear warm-up, then cosine decay to 10%.
SCHEDULE = "warmup-cosine"


def rate_factor(step: int, steps: int) -> float:
    """The learning-rate multiplier at 0-based ``step`` of ``steps``.

    A linear warm-up over the first 100 steps (a tenth of short runs) keeps Adam's first,
    noisy updates small, which attention needs; a cosine decay to 10% then lets every
    architecture settle at the end. The same schedule for every architecture.
    """
    warmup = max(1, min(100, steps // 10))
    if step < warmup:
        return (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return 0.1 + 0.9 * 0.5 * (1.0 + math.cos(math.pi * progress))


# -- the run -------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict:
    """Train (or resume) the run ``args`` describes; returns the final ``cwmbench-model.json``."""
    import jax
    import jax.numpy as jnp

    import models

    if args.loss not in LOSSES:
        raise TrainError("unknown loss '%s' (expected ntp or srs)" % args.loss)
    if args.positions not in models.POSITIONS:
        raise TrainError("unknown positions '%s' (expected rope or sinusoidal)" % args.positions)
    if args.curriculum not in CURRICULA:
        raise TrainError("unknown curriculum '%s' (expected length or spacing)" % args.curriculum)
    if args.batching not in BATCHING:
        raise TrainError("unknown batching '%s' (expected cell or mixed)" % args.batching)
    records = read_records(args.data, args.spacing)
    vocabulary = build_vocabulary(args.vocab, records)
    examples = [parse_example(record, vocabulary) for record in records]
    del records
    config = models.default_config(vocabulary.size, args.d_model, args.layers, args.heads, args.positions)
    run_fields = {"architecture": args.arch, "config": config, "loss": args.loss, "seed": args.seed,
                  "steps": args.steps, "batch_size": args.batch_size, "learning_rate": args.lr,
                  "data": os.path.basename(args.data), "spacing": args.spacing, "vocab": vocabulary.describe(),
                  "schedule": SCHEDULE, "batching": args.batching, "curriculum": args.curriculum}
    meta = dict(run_fields, train_length=max(e.length for e in examples),
                train_lengths=sorted({e.length for e in examples}), steps_done=0, seconds=0.0, loss_curve=[],
                name="%s/%s" % (models.DISPLAY_NAMES.get(args.arch, args.arch),
                                args.name or os.path.basename(os.path.normpath(args.out))))

    params = models.init(args.arch, config, jax.random.PRNGKey(args.seed))
    moments = {"m": jax.tree_util.tree_map(jnp.zeros_like, params),
               "v": jax.tree_util.tree_map(jnp.zeros_like, params)}
    if os.path.exists(os.path.join(args.out, checkpoint.MODEL_FILE)):
        saved, saved_params = checkpoint.load(args.out)
        for key, value in run_fields.items():
            if saved.get(key) != value:
                if key == "vocab":  # too long to print: the training file's statements differ
                    raise TrainError("checkpoint '%s' was trained with another vocabulary; use another --out"
                                     % args.out)
                raise TrainError("checkpoint '%s' has %s '%s', this run asks for '%s'; use another --out"
                                 % (args.out, key, json.dumps(saved.get(key)), json.dumps(value)))
        meta.update(steps_done=saved["steps_done"], seconds=saved.get("seconds", 0.0),
                    final_loss=saved.get("final_loss"), loss_curve=saved.get("loss_curve", []))
        params = jax.tree_util.tree_map(jnp.asarray, saved_params)
        moments = jax.tree_util.tree_map(jnp.asarray, checkpoint.load_optimizer(args.out) or moments)
    if meta["steps_done"] >= args.steps:
        print("train: %s already complete (%d steps)" % (args.out, meta["steps_done"]), file=sys.stderr)
        return meta
    print("train: %s %s, %d parameters, %d examples, train_length %d, from step %d"
          % (args.arch, args.loss, models.parameter_count(params), len(examples), meta["train_length"],
             meta["steps_done"]), file=sys.stderr)

    train_step = make_train_step(args.arch, config, args.lr)

    cells: Dict[Tuple[int, str], List[int]] = {}
    for index, e in enumerate(examples):
        cells.setdefault((e.length, e.spacing), []).append(index)
    rng = np.random.default_rng([args.seed, meta["steps_done"]])
    m, v = moments["m"], moments["v"]
    started = time.monotonic()
    seconds_before = meta["seconds"]
    recent: List[float] = []
    for step in range(meta["steps_done"], args.steps):
        allowed = curriculum_cells(list(cells), step, args.steps, args.curriculum)
        pool = batch_pool(cells, allowed, args.batching, rng)
        chosen = rng.choice(len(pool), size=args.batch_size, replace=len(pool) < args.batch_size)
        inputs, targets, weights = make_batch([examples[pool[i]] for i in chosen], args.loss)
        params, m, v, loss = train_step(params, m, v, step + 1, inputs, targets, weights,
                                        rate_factor(step, args.steps))
        recent.append(float(loss))
        done = step + 1
        if done % args.log_every == 0 or done == args.steps:
            print("train: step %d/%d loss %.4f lengths ≤ %d, spacings %s"
                  % (done, args.steps, np.mean(recent), max(length for length, _ in allowed),
                     ",".join(sorted({k for _, k in allowed}, key=spacing_order))),
                  file=sys.stderr, flush=True)
            meta["loss_curve"].append([done, round(float(np.mean(recent)), 6)])
            recent = []
        if done % args.save_every == 0 or done == args.steps:
            meta.update(steps_done=done, seconds=round(seconds_before + time.monotonic() - started, 3),
                        final_loss=float(loss))
            checkpoint.save(args.out, meta, params, {"m": m, "v": v})
    return meta


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """The command line of ``train.py``."""
    parser = argparse.ArgumentParser(description="Train a cwmbench reference learner on a repl task file.")
    parser.add_argument("--data", required=True, help="a task file from 'cwmbench generate --split train'")
    parser.add_argument("--arch", required=True, help="transformer, lstm, deltanet, deltanet-neg or hybrid")
    parser.add_argument("--out", required=True, help="the checkpoint folder (resumed when it exists)")
    parser.add_argument("--name", help="the run's name after the architecture (default: the folder's name)")
    parser.add_argument("--spacing", help="train only on examples with these reveal spacings, e.g. 4 or 1,4,8 "
                                          "(mixed in one training set; default: all)")
    parser.add_argument("--loss", default="srs", help="ntp (every token) or srs (answer spans only); default srs")
    parser.add_argument("--vocab", default="statements",
                        help="statements (one token per statement line, default) or characters")
    parser.add_argument("--batching", default="cell",
                        help="cell (each batch from one length-and-spacing cell, default) or mixed")
    parser.add_argument("--curriculum", default="length",
                        help="length (lengths unlocked shortest first, default) or spacing (cells unlocked densest "
                             "reveals first, then shortest)")
    parser.add_argument("--steps", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--positions", default="rope",
                        help="the Transformer's position encoding: rope (default) or sinusoidal")
    parser.add_argument("--d-model", type=int, default=64)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--log-every", type=int, default=50)
    parser.add_argument("--save-every", type=int, default=100)
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    """Entry point: train, print the checkpoint's summary line, exit 1 on a reported error."""
    args = parse_arguments(argv)
    try:
        meta = run(args)
    except (TrainError, checkpoint.CheckpointError, vocab.VocabularyError, OSError) as error:
        print("train: error: %s" % error, file=sys.stderr)
        return 1
    print("train: %s done: %d steps in %.1fs, final loss %s" % (args.out, meta["steps_done"], meta["seconds"],
                                                              meta.get("final_loss")), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
