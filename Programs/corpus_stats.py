"""How much the `programs` corpus tests state, measured and checked (issue 21); standard library only.

    python3 Programs/corpus_stats.py [--lengths 32,128,512] [--seeds 10] [--check]

Traces every corpus program at each target length for seeds 1..N, in this process (the tracer's
own functions, as `cwmbench generate` runs them in a child), and prints per program and length:

- distinct: how many different traces the N seeds give (N means every seed's input differs);
- majority: the share of seeds whose final answer (`main`'s return value) is the most common one;
- true: for boolean answers, the share that are True;
- count-leak: the most seeds for which one and the same line's execution count equals the answer,
  or the same item of a list answer (visible under `lines: all`: `refused += 1` ran as often as
  the answer says);
- literal-leak: seeds whose answer is the literal of an executed `return` line;
- sorted-leak: seeds whose answer is an argument, sorted (a sort that returns its sorted input);
- landing: the mean |line events - target| / target, and the worst seed's.

The closing lines name the programs outside each bound (`BOUNDS`, docs/programs.md). With
`--check` the exit status is 1 when any bound fails (0 otherwise), after the same table.
"""

import ast
import hashlib
import json
import sys
from collections import Counter

import tracer

# Issue 21's bounds, as checked by --check (docs/programs.md#corpus-statistics explains each).
BOUNDS = {
    "min_programs": 60,
    "max_majority": 0.5,        # no final answer shared by more than half the seeds
    "true_share": (0.4, 0.6),   # boolean answers balanced by the input generator
    "max_count_leak": 0.4,      # one line's execution count equals the answer for at most 4 of 10 seeds
    "max_landing": 0.25,        # mean distance of the line events from the target
}


def trace(program, seed, length):
    """The tracer's answer for one request, as `cwmbench generate` would get it."""
    return tracer.handle_trace({program.name: program}, {"program": program.name, "seed": seed, "length": length})


# A list answer this short is a record (`[balance, refused]`) whose items are checked one by
# one; a longer one is data (a sorted list, a table), whose small values match counts by chance.
SHORT_LIST = 3


def count_leak_lines(answer):
    """The (position, line) pairs where an integer answer, or an integer item of a short list
    answer (position its index; None for a plain integer), equals how many times that line ran."""
    result = answer.get("result")
    if result is None:
        return set()
    try:
        value = ast.literal_eval(result)
    except (ValueError, SyntaxError):
        return set()
    if isinstance(value, bool):
        return set()
    if isinstance(value, int):
        items = [(None, value)]
    elif isinstance(value, (list, tuple)) and len(value) <= SHORT_LIST:
        items = [(i, x) for i, x in enumerate(value) if isinstance(x, int) and not isinstance(x, bool)]
    else:
        return set()
    counts = Counter(event["line"] for event in answer["events"] if event["kind"] == "line")
    return {(position, line) for position, item in items for line, count in counts.items() if count == item}


def leaks(answer):
    """(count leak, literal leak) for one traced example's final answer."""
    result = answer.get("result")
    if result is None:
        return False, False
    lines = [event for event in answer["events"] if event["kind"] == "line"]
    literal_leak = any(
        event["source"].strip().startswith("return ") and event["source"].strip()[len("return "):].strip() == result
        for event in lines)
    return bool(count_leak_lines(answer)), literal_leak


def sorted_leak(answer, args):
    """Whether the answer is one of the (list) arguments, sorted."""
    result = answer.get("result")
    if result is None:
        return False
    try:
        value = ast.literal_eval(result)
    except (ValueError, SyntaxError):
        return False
    if not isinstance(value, list) or len(value) < 2:
        return False
    for arg in args:
        if isinstance(arg, list):
            try:
                if sorted(arg) == value:
                    return True
            except TypeError:
                continue
    return False


def measure(program, length, seeds):
    """One table row's numbers for a program at a length over seeds 1..seeds."""
    answers = [trace(program, seed, length) for seed in range(1, seeds + 1)]
    digests = {hashlib.sha256(json.dumps([a["context"], a["events"]]).encode()).hexdigest() for a in answers}
    results = [a.get("result") for a in answers]
    is_bool = all(r in ("True", "False") for r in results)
    per_line = Counter(line for a in answers for line in count_leak_lines(a))
    distances = [abs(a["line_events"] - length) / length for a in answers]
    return {
        "distinct": len(digests),
        "majority": Counter(results).most_common(1)[0][1] / len(results),
        "true": sum(r == "True" for r in results) / len(results) if is_bool else None,
        "count_leak": max(per_line.values(), default=0),
        "literal_leak": sum(leaks(a)[1] for a in answers),
        "sorted_leak": sum(sorted_leak(a, program.arguments(a["seed"], a["size"])) for a in answers),
        "landing": sum(distances) / len(distances),
        "worst": max(distances),
    }


def failures(row, seeds):
    """The names of the bounds a row fails."""
    failed = []
    if row["distinct"] < seeds:
        failed.append("repeat")
    # A boolean answer is held to the balance bound instead: a fair coin over 10 seeds is 6-4 as often as not.
    if row["true"] is None and row["majority"] > BOUNDS["max_majority"]:
        failed.append("majority")
    low, high = BOUNDS["true_share"]
    if row["true"] is not None and not low <= row["true"] <= high:
        failed.append("boolean")
    if row["count_leak"] > BOUNDS["max_count_leak"] * seeds:
        failed.append("count")
    if row["literal_leak"] > 0:
        failed.append("literal")
    if row["sorted_leak"] > 0:
        failed.append("sorted")
    if row["landing"] > BOUNDS["max_landing"]:
        failed.append("landing")
    return failed


LABELS = [
    ("repeat", "seeds that repeat a trace"), ("majority", "a non-boolean final answer shared by more than half the seeds"),
    ("boolean", "booleans outside 40-60% True"), ("count", "answers that count one visible line for over 40% of seeds"),
    ("literal", "answers that are a return literal"), ("sorted", "answers that are the sorted input"),
    ("landing", "traces more than 25% from the target on average"),
]


def main(argv):
    lengths, seeds, check = [32, 128, 512], 10, False
    args = list(argv[1:])
    while args:
        flag = args.pop(0)
        if flag == "--lengths" and args:
            lengths = [int(x) for x in args.pop(0).split(",")]
        elif flag == "--seeds" and args:
            seeds = int(args.pop(0))
        elif flag == "--check":
            check = True
        else:
            sys.stderr.write(f"usage: corpus_stats.py [--lengths L,L,...] [--seeds N] [--check]; bad argument '{flag}'\n")
            return 64
    programs = tracer.load_corpus()
    print(f"{len(programs)} programs, lengths {','.join(map(str, lengths))}, seeds 1..{seeds}")
    print(f"{'program':<22}{'T':>5}{'distinct':>9}{'majority':>9}{'true':>6}{'count':>6}{'literal':>8}"
          f"{'sorted':>7}{'landing':>8}{'worst':>6}  fails")
    failing = {key: set() for key, _ in LABELS}
    for name in sorted(programs):
        for length in lengths:
            row = measure(programs[name], length, seeds)
            failed = failures(row, seeds)
            for key in failed:
                failing[key].add(name)
            true = f"{row['true']:.2f}" if row["true"] is not None else "-"
            print(f"{name:<22}{length:>5}{row['distinct']:>9}{row['majority']:>9.2f}{true:>6}{row['count_leak']:>6}"
                  f"{row['literal_leak']:>8}{row['sorted_leak']:>7}{row['landing']:>8.2f}{row['worst']:>6.2f}"
                  f"  {','.join(failed) or '-'}")
    print()
    for key, label in LABELS:
        names = failing[key]
        print(f"{len(names):>3} programs with {label}: {', '.join(sorted(names)) or '-'}")
    too_few = len(programs) < BOUNDS["min_programs"]
    if too_few:
        print(f"fewer than {BOUNDS['min_programs']} programs: {len(programs)}")
    failed = too_few or any(failing.values())
    print("corpus check: " + ("FAILED" if failed else "every bound met"))
    return 1 if check and failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
