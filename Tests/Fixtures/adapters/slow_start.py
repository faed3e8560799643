"""Takes START_SECONDS (default 600) to answer hello: a model still loading its weights.

PID_FILE=PATH appends this process's pid to PATH once it runs, so a test knows the harness is
waiting for the hello and can check that the adapter is gone afterwards. STDERR_TEXT, when set,
is written to stderr first (escape sequences included) for the terminal-escaping test.
"""
import json
import os
import sys
import time

if os.environ.get("STDERR_TEXT"):
    sys.stderr.write(os.environ["STDERR_TEXT"] + "\n")
    sys.stderr.flush()
if os.environ.get("PID_FILE"):
    with open(os.environ["PID_FILE"], "a") as pid_file:
        pid_file.write("%d\n" % os.getpid())
deadline = time.monotonic() + float(os.environ.get("START_SECONDS", "600"))
while time.monotonic() < deadline:
    time.sleep(0.05)
for raw in sys.stdin:
    request = json.loads(raw)
    if request.get("op") == "hello":
        print(json.dumps({"ok": True, "name": "slow-start", "modes": ["score"]}), flush=True)
        continue
    spans = [{"logprob": -0.5, "correct": True} for _ in request["spans"]]
    print(json.dumps({"id": request["id"], "spans": spans}), flush=True)
