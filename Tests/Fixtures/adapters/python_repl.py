"""A cwmbench/1 adapter that answers `repl` generate requests by running the prompt in CPython.

Each prompt is a REPL session that stops right after a `>>> print(...)` line: the adapter
executes every `>>> ` statement of the prompt in a fresh namespace (output lines, which the
statements themselves reproduce, are skipped) and answers with the last line printed. On a
`repl` task file that is the answer of every query, so it is a model that tracks the state
perfectly because Python does. With STALE=1 it answers with the last output line already in the
prompt instead (the previous reveal), a tracker that never updates: the tests' control.
"""
import contextlib
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402

STALE = os.environ.get("STALE") == "1"


def run(prompt):
    """The last line the prompt's statements print, or (STALE) the last output line it shows."""
    lines = prompt.split("\n")
    if STALE:
        shown = [line for line in lines if line and not line.startswith(">>> ")]
        return shown[-1] if shown else ""
    namespace, out = {}, io.StringIO()
    with contextlib.redirect_stdout(out):
        for line in lines:
            if line.startswith(">>> "):
                exec(line[4:], namespace)
    printed = out.getvalue().split("\n")
    return printed[-2] if len(printed) >= 2 else ""


def main():
    greeted = False
    for batch in _common.lines():
        out = []
        for line in batch:
            if not greeted:
                _common.handshake(line, _common.hello("python-repl", modes=("generate",)))
                greeted = True
                continue
            request = json.loads(line)
            if request["op"] != "generate":
                out.append({"id": request["id"], "error": "only generate"})
                continue
            out.append({"id": request["id"], "text": run(request["prompt"]) + "\n"})
        _common.write(out)


main()
