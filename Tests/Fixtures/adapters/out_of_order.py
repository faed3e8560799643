"""Buffers requests and answers each batch in reverse order.

A batch ends when no more input arrives within 20 ms, so a harness that waits for answers
is never starved; answers are written as one chunk, last request first, after ANSWER_DELAY
seconds (default 0).
"""
import json
import os
import select
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402


def main():
    sys.stderr.write("out_of_order: ready\n")
    sys.stderr.flush()
    delay = float(os.environ.get("ANSWER_DELAY", "0"))
    greeted = False
    held = []
    pending = b""
    while True:
        ready, _, _ = select.select([0], [], [], 0.02)
        if not ready:
            if held and delay:
                time.sleep(delay)
            _common.write([_common.answer(r) for r in reversed(held)])
            held = []
            continue
        chunk = os.read(0, 1 << 20)
        if not chunk:
            break
        pending += chunk
        parts = pending.split(b"\n")
        pending = parts.pop()
        for line in parts:
            if not greeted:
                _common.handshake(line, _common.hello("out-of-order"))
                greeted = True
            else:
                held.append(json.loads(line))
    _common.write([_common.answer(r) for r in reversed(held)])


main()
