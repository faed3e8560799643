"""Answers every request with an error, or every other one: a model that fails examples.

FAIL=all (default) fails every request, FAIL=odd every other one (the 1st, 3rd, ...),
FAIL=none none; the other answers are _common.answer's. The harness records a failed
example with its error and asks it again when the same command runs again.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402

FAIL = os.environ.get("FAIL", "all")


def main():
    greeted = False
    count = 0
    for batch in _common.lines():
        out = []
        for line in batch:
            if not greeted:
                _common.handshake(line, _common.hello("failing"))
                greeted = True
                continue
            request = json.loads(line)
            count += 1
            if FAIL == "all" or (FAIL == "odd" and count % 2 == 1):
                out.append({"id": request["id"], "error": "model overloaded"})
            else:
                out.append(_common.answer(request))
        _common.write(out)


main()
