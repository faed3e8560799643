"""Answers every request at once with the deterministic answers of _common.answer."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402


def main():
    greeted = False
    for batch in _common.lines():
        out = []
        for line in batch:
            if not greeted:
                _common.handshake(line, _common.hello("trivial", train_length=64))
                greeted = True
                continue
            out.append(_common.answer(json.loads(line)))
        _common.write(out)


main()
