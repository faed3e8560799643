"""Recomputes summary.csv's accuracy_diff, brier and ece rows from task files and results alone.

Written apart from cwmbench's report code (standard library only), from docs/summary-csv.md:
usage `recompute_pairs_calibration.py RUN...` in the folder the report ran in. Prints one JSON
object: "model|family|length|spacing|metric" -> [value, ci_low, ci_high, examples, queries].
"""
import hashlib
import json
import os
import sys

M = (1 << 64) - 1
BINS = 10
RESAMPLES = 1000


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


def stable_hash(text):
    h = 0xCBF29CE484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001B3) & M
    return mix(h)


class Xoshiro:
    def __init__(self, seed):
        st = seed
        self.s = []
        for _ in range(4):
            st = (st + 0x9E3779B97F4A7C15) & M
            self.s.append(mix(st))

    def next(self):
        s0, s1, s2, s3 = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & M
        result = (rotl((s1 * 5) & M, 7) * 9) & M
        t = (s1 << 17) & M
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        self.s = [s0, s1, s2, s3]
        return result

    def below(self, bound):
        p = self.next() * bound
        if (p & M) < bound:
            threshold = ((1 << 64) - bound) % bound
            while (p & M) < threshold:
                p = self.next() * bound
        return p >> 64


def percentile(stats):
    stats.sort()
    return stats[int(0.025 * RESAMPLES)], stats[-(-975 * RESAMPLES // 1000) - 1]


def bootstrap(items, seed, statistic):
    """Percentile interval of statistic(resampled items), whole items drawn with replacement."""
    g = Xoshiro(seed)
    stats = []
    for _ in range(RESAMPLES):
        stats.append(statistic([items[g.below(len(items))] for _ in range(len(items))]))
    return percentile(stats)


def ece(examples):
    """Sum over bins of |sum of (confidence - posterior)| over all points, divided by the points."""
    sums = [0.0] * BINS
    points = 0
    for example in examples:
        for conf, post in example:
            sums[min(BINS - 1, int(min(1.0, max(0.0, conf)) * BINS))] += conf - post
            points += 1
    total = 0.0
    for s in sums:
        total += abs(s)
    return total / points


def ratio(pairs):
    num = den = 0.0
    for a, b in pairs:
        num += a
        den += b
    return num / den


def main():
    # model -> {(task digest, line number): scored example}; first result line per id wins.
    models = {}
    tasks = {}
    for run in sys.argv[1:]:
        meta = json.load(open(os.path.join(run, "run.json")))
        path = meta["tasks"] if os.path.exists(meta["tasks"]) else os.path.join(run, meta["tasks"])
        data = open(path, "rb").read()
        digest = hashlib.sha256(data).hexdigest()
        if digest not in tasks:
            lines = [json.loads(l) for l in data.decode().splitlines() if l.strip()]
            tasks[digest] = {line["id"]: (number, line) for number, line in enumerate(lines)}
        for text in open(os.path.join(run, "results.jsonl")):
            if not text.strip():
                continue
            result = json.loads(text)
            seen = models.setdefault(result["model"], {})
            number, line = tasks[digest][result["id"]]
            if (digest, number) in seen:
                continue
            seen[(digest, number)] = None
            if result["error"] is not None:
                continue
            n = min(len(line["queries"]), len(result["queries"]))
            if n == 0:
                continue
            answered = result["queries"][:n]
            example = {"right": sum(1 for q in answered if q["correct"]), "queries": n, "calibration": None}
            if line["family"] == "pfsa":
                brier = 0.0
                points = []
                for query, answer in zip(line["queries"][:n], answered):
                    probs, post = answer.get("probs"), query.get("probs")
                    if not probs or not post or len(probs) != len(post):
                        points = None
                        break
                    for p, q in zip(probs, post):
                        brier += (p - q) * (p - q)
                    top = max(range(len(probs)), key=lambda i: (probs[i], -i))
                    points.append((probs[top], post[top]))
                if points is not None:
                    example["calibration"] = (brier, points)
            seen[(digest, number)] = example
    out = {}

    def label(line):
        p = line["params"]
        return "|".join([line["family"], str(p["length"]), str(p["spacing"])])

    lines_by_position = {}
    for digest, entries in tasks.items():
        for number, line in entries.values():
            lines_by_position[(digest, number)] = line
    by_model = {}
    for model in models:
        cells = {}
        for position in sorted(models[model]):
            example = models[model][position]
            if example is None:
                continue
            line = lines_by_position[position]
            key = line["id"].rsplit("/", 1)[0]
            cells.setdefault(key, (label(line), []))[1].append((position, example))
        by_model[model] = cells
        for key, (name, examples) in cells.items():
            calibrated = [e["calibration"] for _, e in examples if e["calibration"] is not None]
            if not calibrated:
                continue
            pairs = [(b, len(points)) for b, points in calibrated]
            queries = sum(len(points) for _, points in calibrated)
            low, high = bootstrap(pairs, stable_hash(model + "\x1f" + key + "\x1fbrier"), ratio)
            out[f"{model}|{name}|brier"] = [ratio(pairs), low, high, len(pairs), queries]
            sets = [points for _, points in calibrated]
            low, high = bootstrap(sets, stable_hash(model + "\x1f" + key + "\x1fece"), ece)
            out[f"{model}|{name}|ece"] = [ece(sets), max(0.0, low), min(1.0, high), len(sets), queries]
    names = sorted(models, key=lambda m: m.encode())
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            pair = first + " vs " + second
            for key, (name, examples) in by_model[first].items():
                if key not in by_model[second]:
                    continue
                other = dict(by_model[second][key][1])
                shared = [(e["right"], e["queries"], other[p]["right"], other[p]["queries"])
                          for p, e in examples if p in other]
                if not shared:
                    continue

                def diff(items):
                    a = b = c = d = 0
                    for ra, qa, rb, qb in items:
                        a, b, c, d = a + ra, b + qa, c + rb, d + qb
                    return a / b - c / d

                low, high = bootstrap(shared, stable_hash(pair + "\x1f" + key + "\x1faccuracy_diff"), diff)
                out[f"{pair}|{name}|accuracy_diff"] = [
                    diff(shared), max(-1.0, low), min(1.0, high), len(shared), sum(s[1] for s in shared)]
    print(json.dumps(out, sort_keys=True))


main()
