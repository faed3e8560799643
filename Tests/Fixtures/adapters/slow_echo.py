"""Answers score requests after a short pause, one at a time: slow enough to be killed mid-run."""
import json
import sys
import time

for raw in sys.stdin:
    request = json.loads(raw)
    if request.get("op") == "hello":
        print(json.dumps({"ok": True, "name": "slow-echo", "modes": ["score"]}), flush=True)
        continue
    time.sleep(0.01)
    spans = [{"logprob": -0.5, "correct": True} for _ in request["spans"]]
    print(json.dumps({"id": request["id"], "spans": spans}), flush=True)
