"""How much the `programs` corpus tests state, measured (issue 21): one table, standard library only.

    python3 Programs/corpus_stats.py [--lengths 32,128,512] [--seeds 10]

Traces every corpus program at each target length for seeds 1..N, in this process (the tracer's
own functions, as `cwmbench generate` runs them in a child), and prints per program and length:

- distinct: how many different traces the N seeds give (N means every seed's input differs);
- majority: the share of seeds whose final answer (`main`'s return value) is the most common one;
- true: for boolean answers, the share that are True;
- count-leak: seeds whose answer equals how many times one executed line ran (visible under
  `lines: all`, so the answer can be read off the trace without tracking state);
- literal-leak: seeds whose answer is the literal of an executed `return` line;
- landing: the mean |line events - target| / target.

The closing lines count the programs that miss issue 21's bounds. It measures; it does not judge
the corpus (issue 21 sets the bounds it must meet).
"""

import hashlib
import json
import sys
from collections import Counter

import tracer


def trace(program, seed, length):
    """The tracer's answer for one request, as `cwmbench generate` would get it."""
    return tracer.handle_trace({program.name: program}, {"program": program.name, "seed": seed, "length": length})


def leaks(answer):
    """(count leak, literal leak) for one traced example's final answer."""
    result = answer.get("result")
    if result is None:
        return False, False
    lines = [event for event in answer["events"] if event["kind"] == "line"]
    counts = Counter(event["line"] for event in lines)
    count_leak = result.lstrip("-").isdigit() and int(result) in counts.values()
    literal_leak = any(
        event["source"].strip().startswith("return ") and event["source"].strip()[len("return "):].strip() == result
        for event in lines)
    return count_leak, literal_leak


def main(argv):
    lengths, seeds = [32, 128, 512], 10
    args = list(argv[1:])
    while args:
        flag = args.pop(0)
        if flag == "--lengths" and args:
            lengths = [int(x) for x in args.pop(0).split(",")]
        elif flag == "--seeds" and args:
            seeds = int(args.pop(0))
        else:
            sys.stderr.write(f"usage: corpus_stats.py [--lengths L,L,...] [--seeds N]; bad argument '{flag}'\n")
            return 64
    programs = tracer.load_corpus()
    print(f"{len(programs)} programs, lengths {','.join(map(str, lengths))}, seeds 1..{seeds}")
    print(f"{'program':<22}{'T':>5}{'distinct':>9}{'majority':>9}{'true':>6}{'count-leak':>11}"
          f"{'literal-leak':>13}{'landing':>8}")
    constant, skewed, booleans, counting, literal, far = set(), set(), set(), set(), set(), set()
    for name in sorted(programs):
        program = programs[name]
        for length in lengths:
            answers = [trace(program, seed, length) for seed in range(1, seeds + 1)]
            digests = {hashlib.sha256(json.dumps([a["context"], a["events"]]).encode()).hexdigest() for a in answers}
            results = [a.get("result") for a in answers]
            majority = Counter(results).most_common(1)[0][1] / len(results)
            is_bool = all(r in ("True", "False") for r in results)
            true_share = sum(r == "True" for r in results) / len(results) if is_bool else None
            leak = [leaks(a) for a in answers]
            count_leaks = sum(c for c, _ in leak)
            literal_leaks = sum(literal for _, literal in leak)
            landing = sum(abs(a["line_events"] - length) / length for a in answers) / len(answers)
            print(f"{name:<22}{length:>5}{len(digests):>9}{majority:>9.2f}"
                  f"{(f'{true_share:.2f}' if true_share is not None else '-'):>6}{count_leaks:>11}"
                  f"{literal_leaks:>13}{landing:>8.2f}")
            if len(digests) < seeds:
                constant.add(name)
            if majority > 0.5:
                skewed.add(name)
            if is_bool and not 0.3 <= true_share <= 0.7:
                booleans.add(name)
            if count_leaks > seeds // 2:
                counting.add(name)
            if literal_leaks > 0:
                literal.add(name)
            if landing > 0.25:
                far.add(name)
    print()
    for label, names in [
        ("seeds that repeat a trace", constant), ("a majority final answer", skewed),
        ("booleans outside 30-70% True", booleans), ("answers that count a visible line", counting),
        ("answers that are a return literal", literal), ("traces more than 25% from the target", far),
    ]:
        print(f"{len(names):>3} programs with {label}: {', '.join(sorted(names)) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
