"""Score a cwmbench suite with lm-evaluation-harness's ``hf`` backend and compare with a cwmbench run.

    python Adapters/python/lmeval_compare.py TASKS.jsonl CHECKPOINT_DIR CWMBENCH_RUN_DIR \
        --cwmbench-seconds S [--batch-size 1] [--tolerance 1e-3]

Every query becomes one lm-eval ``loglikelihood`` request: context = the trace up
to the answer, continuation = the answer, no delimiter. lm-eval moves trailing
whitespace of a context into the continuation (so the ``\\n`` before every answer
would be scored too); this script keeps lm-eval's own encoding otherwise — the
whole string is tokenized and split after the context's tokens, with the
tokenizer's default special tokens — and turns only that move off, so both sides
score the same tokens. Time is measured end to end: loading the model, then
every request. Prints per-query disagreements, then as its last line
``check-hf-model: N queries, max |Δ logprob| X, greedy agreement A/B, cwmbench S s, lm-eval S s, ratio R×``
and exits 1 when a log-probability differs by more than ``--tolerance`` or a
greedy flag differs. Needs torch, transformers and lm-eval (the check's venv).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time


def read_jsonl(path):
    """Every JSON object of a .jsonl file, in order."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def lmeval_scores(tasks, checkpoint, batch_size):
    """(seconds, [(logprob, is_greedy)] per query in task order) from lm-eval's hf backend."""
    started = time.monotonic()
    from lm_eval.api.instance import Instance
    from lm_eval.models.huggingface import HFLM

    class NoWhitespaceMove(HFLM):
        """lm-eval's HFLM with the context's trailing whitespace left in the context."""

        def _encode_pair(self, context, continuation):
            whole = self.tok_encode(context + continuation)
            context_enc = self.tok_encode(context)
            return context_enc, whole[len(context_enc):]

    lm = NoWhitespaceMove(pretrained=checkpoint, device="cpu", dtype="float32", batch_size=batch_size)
    requests = []
    for task in tasks:
        text = task["text"]
        for query in task["queries"]:
            requests.append(Instance(request_type="loglikelihood", doc={}, idx=len(requests),
                                     arguments=(text[:query["start"]], text[query["start"]:query["end"]])))
    answers = lm.loglikelihood(requests, disable_tqdm=True)
    return time.monotonic() - started, [(float(lp), bool(greedy)) for lp, greedy in answers]


def cwmbench_scores(tasks, run_dir):
    """[(logprob, correct)] per query in task order, from a cwmbench score run's results.jsonl."""
    by_id = {row["id"]: row for row in read_jsonl(os.path.join(run_dir, "results.jsonl"))}
    out = []
    for task in tasks:
        row = by_id.get(task["id"])
        if row is None or row.get("error"):
            sys.exit("lmeval_compare: the cwmbench run has no result for '%s'%s"
                     % (task["id"], "" if row is None else " (error '%s')" % row["error"]))
        if len(row["queries"]) != len(task["queries"]):
            sys.exit("lmeval_compare: '%s' has %d queries in the run, %d in the tasks"
                     % (task["id"], len(row["queries"]), len(task["queries"])))
        out.extend((float(q["logprob"]), bool(q["correct"])) for q in row["queries"])
    return out


def summary(ours, theirs, cwmbench_seconds, lmeval_seconds):
    """The check's last line and whether it passes (given the tolerance checked by the caller)."""
    worst = max(abs(a[0] - b[0]) for a, b in zip(ours, theirs))
    agree = sum(a[1] == b[1] for a, b in zip(ours, theirs))
    ratio = lmeval_seconds / cwmbench_seconds if cwmbench_seconds > 0 else float("inf")
    line = ("check-hf-model: %d queries, max |Δ logprob| %.2e, greedy agreement %d/%d, "
            "cwmbench %.1f s, lm-eval %.1f s, ratio %.1f×"
            % (len(ours), worst, agree, len(ours), cwmbench_seconds, lmeval_seconds, ratio))
    return line, worst, agree


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tasks")
    parser.add_argument("checkpoint")
    parser.add_argument("run")
    parser.add_argument("--cwmbench-seconds", type=float, required=True,
                        help="wall time of the cwmbench eval run, measured by the caller")
    parser.add_argument("--batch-size", type=int, default=1, help="lm-eval's batch size (default 1, its default)")
    parser.add_argument("--tolerance", type=float, default=1e-3)
    args = parser.parse_args(argv)
    tasks = read_jsonl(args.tasks)
    ours = cwmbench_scores(tasks, args.run)
    seconds, theirs = lmeval_scores(tasks, args.checkpoint, args.batch_size)
    if len(theirs) != len(ours):
        sys.exit("lmeval_compare: lm-eval answered %d of %d queries" % (len(theirs), len(ours)))
    ids = [(t["id"], n) for t in tasks for n in range(len(t["queries"]))]
    shown = 0
    for (task_id, n), a, b in zip(ids, ours, theirs):
        if (abs(a[0] - b[0]) > args.tolerance or a[1] != b[1]) and shown < 10:
            print("differs: %s query %d: cwmbench %.6f %s, lm-eval %.6f %s"
                  % (task_id, n, a[0], a[1], b[0], b[1]))
            shown += 1
    accuracy = sum(a[1] for a in ours) / len(ours)
    print("greedy accuracy %.3f (cwmbench), %.3f (lm-eval)" % (accuracy, sum(b[1] for b in theirs) / len(theirs)))
    line, worst, agree = summary(ours, theirs, args.cwmbench_seconds, seconds)
    print(line, flush=True)
    if worst > args.tolerance or agree != len(ours):
        sys.exit(1)


if __name__ == "__main__":
    main()
