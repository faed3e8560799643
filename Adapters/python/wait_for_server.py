"""Waits until an OpenAI-compatible server answers GET /v1/models (the real-model scripts' servers).

    python3 wait_for_server.py PORT PID SECONDS LOG

Exits 0 once http://127.0.0.1:PORT/v1/models answers 200; exits non-zero, naming LOG, when the
process PID has exited or SECONDS have passed. Standard library only.
"""
import os
import sys
import time
import urllib.request


def main(argv):
    port, pid, seconds, log = argv[1], int(argv[2]), float(argv[3]), argv[4]
    deadline = time.time() + seconds
    while True:
        try:
            with urllib.request.urlopen("http://127.0.0.1:%s/v1/models" % port, timeout=5) as answer:
                if answer.status == 200:
                    return 0
        except OSError:
            pass
        try:
            os.kill(pid, 0)
        except OSError:
            sys.exit("the server exited; see %s" % log)
        if time.time() > deadline:
            sys.exit("the server did not answer within %g s; see %s" % (seconds, log))
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
