"""Answers like trivial.py under the name in ADAPTER_NAME.

ADAPTER_WRONG=1 marks every scored span wrong; ADAPTER_ON_HELLO is a shell command run
before the hello answer (after the harness has checked the task file, before it reads it again).
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402


def main():
    greeted = False
    wrong = os.environ.get("ADAPTER_WRONG") == "1"
    for batch in _common.lines():
        out = []
        for line in batch:
            if not greeted:
                hook = os.environ.get("ADAPTER_ON_HELLO")
                if hook:
                    subprocess.run(hook, shell=True, check=True)
                _common.handshake(line, _common.hello(os.environ.get("ADAPTER_NAME", "named")))
                greeted = True
                continue
            answer = _common.answer(json.loads(line))
            if wrong:
                for span in answer.get("spans", []):
                    span["correct"] = False
            out.append(answer)
        _common.write(out)


main()
