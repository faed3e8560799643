"""Answers GARBAGE_AFTER requests (default 2) correctly, then writes a bad line.

GARBAGE_KIND: "text" (default) writes a line that is not JSON; "unknown_id" writes an
answer for an id that was never sent; "duplicate" answers the last request twice; "blank" writes an empty line and answers normally.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402


def main():
    after = int(os.environ.get("GARBAGE_AFTER", "2"))
    kind = os.environ.get("GARBAGE_KIND", "text")
    greeted = False
    seen = 0
    for batch in _common.lines():
        out = []
        for line in batch:
            if not greeted:
                _common.handshake(line, _common.hello("garbage"))
                greeted = True
                continue
            seen += 1
            if seen > after:
                _common.write(out)
                out = []
                if kind == "blank":
                    sys.stdout.write("\n")
                    out.append(_common.answer(json.loads(line)))
                    continue
                if kind == "duplicate":
                    answer = _common.answer(json.loads(line))
                    sys.stdout.write(json.dumps(answer) + "\n" + json.dumps(answer) + "\n")
                    sys.stdout.flush()
                    continue
                if kind == "unknown_id":
                    sys.stdout.write(json.dumps({"id": "no-such-id", "text": "x"}) + "\n")
                else:
                    sys.stdout.write("Traceback (most recent call last): this is not JSON at all, "
                                     "and it goes on for quite a while to test truncation of the line\n")
                sys.stdout.flush()
                continue
            out.append(_common.answer(json.loads(line)))
        _common.write(out)


main()
