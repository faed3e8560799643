"""Check that a score-mode run and a generate-mode run of the same model agree.

    python3 Adapters/python/compare_runs.py TASKS.jsonl SCORE_RUN_DIR GENERATE_RUN_DIR

For every query where the generate run produced an answer and the score run
gave ``correct``, greedy decoding must have been judged the same way by both:
``score.correct == (generate.predicted == answer)``. Prints the counts (and the
first disagreements) and exits 1 on any disagreement, or when no query could be
compared at all. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
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
                                                "generated": gq["predicted"]})
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tasks", help="the task file both runs evaluated")
    parser.add_argument("score_run", help="run folder of the score-mode run")
    parser.add_argument("generate_run", help="run folder of the generate-mode run")
    args = parser.parse_args(argv)
    counts = compare(read_jsonl(args.tasks), read_run(args.score_run), read_run(args.generate_run))
    print("examples %d, queries %d, compared %d, agree %d, disagree %d, skipped %d" % (
        counts["examples"], counts["queries"], counts["compared"], counts["agree"],
        len(counts["disagreements"]), counts["skipped"]))
    if counts["compared"]:
        print("accuracy on compared queries: score %.3f, generate %.3f" % (
            counts["score_correct"] / counts["compared"], counts["generate_correct"] / counts["compared"]))
    for d in counts["disagreements"][:20]:
        print("disagree: %s query %d: answer %s, score correct=%s (logprob %s), generated %s" % (
            d["id"], d["query"], json.dumps(d["answer"]), d["score_correct"], d["score_logprob"],
            json.dumps(d["generated"])))
    if not counts["compared"]:
        print("compare_runs: no query could be compared", file=sys.stderr)
        return 1
    return 1 if counts["disagreements"] else 0


if __name__ == "__main__":
    sys.exit(main())
