"""Puts the API key it finds in its environment into every string it answers, as a careless adapter might.

hello: name "leaky KEY"; score: every span gets logprob -0.5, correct false and predicted
"KEY" followed by LEAKY_PADDING (default 0) characters "x", as a model that ignores the span's
length writes; generate: the text "KEY". KEY is CWMBENCH_API_KEY, else OPENAI_API_KEY, else "nokey".
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402


def main():
    key = os.environ.get("CWMBENCH_API_KEY") or os.environ.get("OPENAI_API_KEY") or "nokey"
    padding = "x" * int(os.environ.get("LEAKY_PADDING", "0"))
    greeted = False
    for batch in _common.lines():
        out = []
        for line in batch:
            if not greeted:
                _common.handshake(line, _common.hello("leaky " + key, modes=("score", "generate")))
                greeted = True
                continue
            request = json.loads(line)
            if request["op"] == "score":
                spans = [{"logprob": -0.5, "correct": False, "predicted": key + padding} for _ in request["spans"]]
                out.append({"id": request["id"], "spans": spans})
            else:
                out.append({"id": request["id"], "text": key})
        _common.write(out)


main()
