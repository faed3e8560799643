"""Throughput of Programs/tracer.py: traces per second over the whole corpus at a few lengths.

    python3 Programs/bench.py [--lengths 50,200,1000] [--rounds 1]

Runs one tracer child process (as `cwmbench generate` does), sends one request per program
and length (seeds 1, 2, ...), and prints, per target length: traces/s, line events/s, the mean
number of size-search probes, the mean |actual - target| / target, and failures.
"""

import json
import os
import subprocess
import sys
import time

TRACER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "tracer.py")


def main(argv):
    lengths, rounds = [50, 200, 1000], 1
    args = list(argv[1:])
    while args:
        flag = args.pop(0)
        if flag == "--lengths" and args:
            lengths = [int(x) for x in args.pop(0).split(",")]
        elif flag == "--rounds" and args:
            rounds = int(args.pop(0))
        else:
            sys.stderr.write(f"usage: bench.py [--lengths L,L,...] [--rounds N]; bad argument '{flag}'\n")
            return 64
    names = subprocess.run([sys.executable, TRACER, "--list"], capture_output=True, text=True,
                           check=True).stdout.split()
    child = subprocess.Popen([sys.executable, TRACER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True, env=dict(os.environ, PYTHONHASHSEED="0"))
    hello = json.loads(child.stdout.readline())
    print(f"python {hello['python']}, {len(names)} programs, {rounds} round(s)")
    print("length  traces/s  line-events/s  probes  mean-error  failed")
    try:
        for length in lengths:
            done = failed = probes = events = 0
            error = 0.0
            start = time.perf_counter()
            for r in range(rounds):
                for i, name in enumerate(names):
                    request = {"id": i, "program": name, "seed": 1 + i + r * len(names), "length": length}
                    child.stdin.write(json.dumps(request) + "\n")
                    child.stdin.flush()
                    answer = json.loads(child.stdout.readline())
                    if not answer["ok"]:
                        failed += 1
                        continue
                    done += 1
                    probes += answer["probes"]
                    events += answer["line_events"]
                    error += abs(answer["line_events"] - length) / length
            seconds = time.perf_counter() - start
            print(f"{length:6d}  {(done + failed) / seconds:8.1f}  {events / seconds:13.0f}  "
                  f"{probes / max(done, 1):6.1f}  {error / max(done, 1):10.3f}  {failed:6d}")
    finally:
        child.stdin.close()
        child.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
