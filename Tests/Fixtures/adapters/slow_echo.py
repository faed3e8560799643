"""Answers score requests one at a time, slowly, and can stall: a run to kill mid-way.

STALL_AFTER=N makes it stop answering after N answers in this process's life, for
STALL_SECONDS seconds (default: for ever), so a test can interrupt the harness at a known
point however busy the machine is. PID_FILE=PATH appends this process's pid to PATH, so a
test can check that the adapter dies with the harness (and clean up if it does not).
"""
import json
import os
import sys
import time

stall_after = int(os.environ.get("STALL_AFTER", "-1"))
stall_seconds = float(os.environ.get("STALL_SECONDS", "inf"))
answered = 0
if os.environ.get("PID_FILE"):
    with open(os.environ["PID_FILE"], "a") as pid_file:
        pid_file.write("%d\n" % os.getpid())

for raw in sys.stdin:
    request = json.loads(raw)
    if request.get("op") == "hello":
        print(json.dumps({"ok": True, "name": "slow-echo", "modes": ["score"]}), flush=True)
        continue
    if answered == stall_after:
        deadline = time.monotonic() + stall_seconds
        while time.monotonic() < deadline:
            time.sleep(0.05)
    time.sleep(0.01)
    spans = [{"logprob": -0.5, "correct": True} for _ in request["spans"]]
    print(json.dumps({"id": request["id"], "spans": spans}), flush=True)
    answered += 1
