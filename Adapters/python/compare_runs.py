"""Check that a score-mode run and a generate-mode run of the same model agree.

    python3 Adapters/python/compare_runs.py TASKS.jsonl SCORE_RUN_DIR GENERATE_RUN_DIR

For every query where the generate run produced an answer and the score run
gave ``correct``, greedy decoding must have been judged the same way by both:
``score.correct == (generate.predicted == answer)``. Prints the counts (and the
first disagreements) and exits 1 on any disagreement, or when no query could be
compared at all. Standard library only.

A quantized model's logits shift by ~0.1 between a batched and a
token-by-token pass, so a near-tie between two answers can be decided one way
by the score run and the other by the generate run. With ``--tie-adapter CMD``
(a command speaking ``cwmbench/1``, e.g. the gguf adapter on the same model),
every disagreement is re-asked as a ``choice`` over the query's candidates (for a
free-form query without candidates, over the answer and the generated text, each
followed by the text that ends the span in the trace); one where the answer and
the generated text are both among the two best candidates, which lie within
``--tie-margin`` nats, is reported as a near-tie and tolerated.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from typing import Dict, List


def read_jsonl(path: str) -> List[dict]:
    """Every JSON object in a .jsonl file, with the file and line named on a parse error."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as error:
                raise SystemExit("compare_runs: '%s' line %d is not JSON: %s" % (path, number, error))
    return rows


def read_run(run_dir: str) -> Dict[str, dict]:
    """Result records of a run folder by example id (a later line for the same id wins)."""
    path = os.path.join(run_dir, "results.jsonl")
    if not os.path.isfile(path):
        raise SystemExit("compare_runs: no results file '%s'" % path)
    return {row["id"]: row for row in read_jsonl(path)}


def compare(tasks: List[dict], scored: Dict[str, dict], generated: Dict[str, dict]) -> dict:
    """Counts of compared, agreeing and skipped queries, plus the disagreements."""
    counts = {"examples": len(tasks), "queries": 0, "compared": 0, "agree": 0, "skipped": 0,
              "score_correct": 0, "generate_correct": 0, "disagreements": []}
    for task in tasks:
        s, g = scored.get(task["id"]), generated.get(task["id"])
        for i, query in enumerate(task["queries"]):
            counts["queries"] += 1
            sq = s["queries"][i] if s and not s.get("error") and i < len(s.get("queries") or []) else None
            gq = g["queries"][i] if g and not g.get("error") and i < len(g.get("queries") or []) else None
            if sq is None or gq is None or sq.get("correct") is None or gq.get("predicted") is None:
                counts["skipped"] += 1
                continue
            counts["compared"] += 1
            score_ok = bool(sq["correct"])
            generate_ok = gq["predicted"] == query["answer"]
            counts["score_correct"] += score_ok
            counts["generate_correct"] += generate_ok
            if score_ok == generate_ok:
                counts["agree"] += 1
            else:
                counts["disagreements"].append({"id": task["id"], "query": i, "answer": query["answer"],
                                                "score_correct": score_ok, "score_logprob": sq.get("logprob"),
                                                "score_predicted": sq.get("predicted"),
                                                "generated": gq["predicted"]})
    return counts


def end_text(text: str, end: int) -> str:
    """The text that ends a span in the trace: through the first newline after it, at most 16 characters."""
    rest = text[end:end + 16]
    cut = rest.find("\n")
    return rest if cut < 0 else rest[:cut + 1]


def classify_ties(command: str, tasks: List[dict], disagreements: List[dict], margin: float) -> None:
    """Mark each disagreement ``near_tie`` when the adapter ranks the answer and its rival (the generated text,
    or score mode's greedy text when generate mode wrote the answer) top two within margin."""
    by_id = {t["id"]: t for t in tasks}
    proc = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(request: dict) -> dict:
        proc.stdin.write(json.dumps(request) + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("compare_runs: the tie adapter '%s' exited" % command)
        return json.loads(line)

    try:
        hello = ask({"op": "hello", "protocol": "cwmbench/1"})
        if not hello.get("ok") or "choice" not in hello.get("modes", []):
            raise SystemExit("compare_runs: the tie adapter '%s' cannot answer 'choice'" % command)
        for n, d in enumerate(disagreements):
            task = by_id[d["id"]]
            query = task["queries"][d["query"]]
            candidates = query.get("candidates") or []
            d["near_tie"] = False
            # The rival of the answer: what generate mode wrote, or, when it wrote the answer and score mode
            # judged greedy decoding wrong, what score mode's greedy pass wrote instead (batched and
            # token-by-token logits of a quantized model can rank two close tokens differently).
            rival = d["generated"] if d["generated"] != query["answer"] else d.get("score_predicted")
            if not candidates or (rival is not None and rival not in candidates):
                # A free-form answer (strings, programs), or a rival outside the candidates (score mode's greedy
                # "a 8" where they are "b 1", "b 5", "b 8"): the two texts in question; a generated rival is
                # followed by the text that ends the span in the trace, so an overrun ("za" then "a") is not a tie.
                if rival is None:
                    continue
                # Score mode's greedy text is its first diverging token or tokens, not a whole answer: it is
                # compared with the answer as it stands, where the two decodings parted.
                ending = end_text(task["text"], query["end"]) if rival == d["generated"] else ""
                candidates = [query["answer"] + ending, rival + ending]
                other, expected = candidates[1], candidates[0]
            else:
                # With candidates the rival is the one generate mode wrote, or else the best other candidate.
                other, expected = (rival if rival in candidates else None), query["answer"]
            if expected not in candidates or other == expected:
                continue
            answer = ask({"op": "choice", "id": str(n), "prompt": task["text"][: query["start"]],
                          "candidates": candidates})
            if "logprobs" not in answer:
                raise SystemExit("compare_runs: the tie adapter failed: %s" % answer.get("error"))
            ranked = sorted(zip(answer["logprobs"], candidates), reverse=True)
            if other is None:
                other = next(candidate for _, candidate in ranked if candidate != expected)
            d["margin"] = ranked[0][0] - ranked[1][0]
            top_two = {ranked[0][1], ranked[1][1]}
            d["near_tie"] = {expected, other} <= top_two and d["margin"] < margin
    finally:
        proc.stdin.close()
        proc.wait()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tasks", help="the task file both runs evaluated")
    parser.add_argument("score_run", help="run folder of the score-mode run")
    parser.add_argument("generate_run", help="run folder of the generate-mode run")
    parser.add_argument("--tie-adapter", metavar="CMD", help="cwmbench/1 adapter command to re-check disagreements")
    parser.add_argument("--tie-margin", type=float, default=0.5,
                        help="largest top-two logprob gap (nats) that counts as a near-tie (default 0.5)")
    args = parser.parse_args(argv)
    tasks = read_jsonl(args.tasks)
    counts = compare(tasks, read_run(args.score_run), read_run(args.generate_run))
    if args.tie_adapter and counts["disagreements"]:
        classify_ties(args.tie_adapter, tasks, counts["disagreements"], args.tie_margin)
    ties = [d for d in counts["disagreements"] if d.get("near_tie")]
    print("examples %d, queries %d, compared %d, agree %d, disagree %d (near-ties %d), skipped %d" % (
        counts["examples"], counts["queries"], counts["compared"], counts["agree"],
        len(counts["disagreements"]), len(ties), counts["skipped"]))
    if counts["compared"]:
        print("accuracy on compared queries: score %.3f, generate %.3f" % (
            counts["score_correct"] / counts["compared"], counts["generate_correct"] / counts["compared"]))
    for d in counts["disagreements"][:20]:
        tie = ""
        if "margin" in d:
            tie = ", top-two margin %.3f nats%s" % (d["margin"], " (near-tie, tolerated)" if d["near_tie"] else "")
        print("disagree: %s query %d: answer %s, score correct=%s (logprob %s), generated %s%s" % (
            d["id"], d["query"], json.dumps(d["answer"]), d["score_correct"], d["score_logprob"],
            json.dumps(d["generated"]), tie))
    if not counts["compared"]:
        print("compare_runs: no query could be compared", file=sys.stderr)
        return 1
    return 1 if len(counts["disagreements"]) > len(ties) else 0


if __name__ == "__main__":
    sys.exit(main())
