"""Answers with extreme log-probabilities, as EXTREME says.

score: every span gets logprob EXTREME_LOGPROB (default "-1e30", a common stand-in for
minus infinity; "-inf" sends the protocol's spelling of it) and correct = false.
choice: the first candidate gets 0, every other one EXTREME_LOGPROB, so an answer that is not
the first candidate gets probability 0 (NLL infinity). With EXTREME_POSITIVE set, the first
candidate gets +0.5 instead of 0 (not a log-probability: the harness must refuse it).
generate: the prompt's length as text.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402


def value():
    text = os.environ.get("EXTREME_LOGPROB", "-1e30")
    return text if text == "-inf" else float(text)


def main():
    greeted = False
    extreme = value()
    first = 0.5 if os.environ.get("EXTREME_POSITIVE") else 0.0
    for batch in _common.lines():
        out = []
        for line in batch:
            if not greeted:
                _common.handshake(line, _common.hello("extreme"))
                greeted = True
                continue
            request = json.loads(line)
            rid = request["id"]
            if request["op"] == "score":
                out.append({"id": rid, "spans": [{"logprob": extreme, "correct": False} for _ in request["spans"]]})
            elif request["op"] == "choice":
                out.append({"id": rid, "logprobs": [first] + [extreme] * (len(request["candidates"]) - 1)})
            else:
                out.append({"id": rid, "text": str(len(request["prompt"]))})
        _common.write(out)


main()
