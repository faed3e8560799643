"""Fails the handshake as BAD_HELLO says: "notok" (default), "garbage", "exit" or "silent" (never answers)."""
import os
import sys

kind = os.environ.get("BAD_HELLO", "notok")
sys.stderr.write("bad_hello: loading weights from /nonexistent/model\n")
sys.stderr.write("bad_hello: FileNotFoundError: no weights\n")
sys.stderr.flush()
line = sys.stdin.readline()
if kind == "notok":
    sys.stdout.write('{"ok": false, "error": "no weights"}\n')
elif kind == "garbage":
    sys.stdout.write("Loading model... 10%\n")
elif kind == "exit":
    sys.exit(7)
sys.stdout.flush()
sys.stdin.read()
