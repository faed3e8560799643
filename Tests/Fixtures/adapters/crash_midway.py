"""Exits with status 3 on receiving request number CRASH_AFTER (default 5), without answering it.

With CRASH_MARKER set, only the first life crashes (the marker file records that it did);
without it, every life crashes, so restarts run out. With CRASH_HELPER_PID set to a file
name, a crashing life first starts a helper (`sleep 300`) that inherits its stdout and stderr,
as a model server launched by an adapter does, and writes the helper's pid to that file: the
pipes then stay open after the adapter is gone.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _common  # noqa: E402


def main():
    marker = os.environ.get("CRASH_MARKER")
    crash_after = int(os.environ.get("CRASH_AFTER", "5"))
    will_crash = marker is None or not os.path.exists(marker)
    greeted = False
    seen = 0
    for batch in _common.lines():
        out = []
        for line in batch:
            if not greeted:
                _common.handshake(line, _common.hello("crashy"))
                greeted = True
                continue
            seen += 1
            if will_crash and seen >= crash_after:
                _common.write(out)
                if marker is not None:
                    open(marker, "w").close()
                helper_pid = os.environ.get("CRASH_HELPER_PID")
                if helper_pid:
                    helper = subprocess.Popen(["sleep", "300"], stdin=subprocess.DEVNULL)
                    with open(helper_pid, "w") as f:
                        f.write(str(helper.pid))
                sys.stderr.write("crash_midway: crashing on request %d\n" % seen)
                sys.stderr.flush()
                os._exit(3)
            out.append(_common.answer(json.loads(line)))
        _common.write(out)


main()
