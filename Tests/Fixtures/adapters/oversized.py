"""Answers that break the size bounds: OVERSIZED=line writes one 20 MiB line per request;
OVERSIZED=text answers every generate request with 1,000,000 characters and no newline, as a
server that ignores max_tokens does."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402


def main():
    mode = os.environ.get("OVERSIZED", "line")
    greeted = False
    for batch in _common.lines():
        out = []
        for line in batch:
            if not greeted:
                _common.handshake(line, _common.hello("oversized"))
                greeted = True
                continue
            request = json.loads(line)
            if mode == "line":
                sys.stdout.write('{"id": "%s", "text": "%s"}\n' % (request["id"], "x" * (20 << 20)))
                sys.stdout.flush()
            else:
                out.append({"id": request["id"], "text": "a" * 1_000_000})
        _common.write(out)


main()
