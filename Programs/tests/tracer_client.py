"""Runs Programs/tracer.py as a child process for the tests and speaks its JSON lines."""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TRACER = os.path.join(os.path.dirname(HERE), "tracer.py")
FIXTURE_CORPUS = os.path.join(HERE, "fixtures", "corpus")


class TracerProcess:
    """One tracer child process; close() ends it (the tests always call it)."""

    def __init__(self, hash_seed="0", corpus=None):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        command = [sys.executable, TRACER] + (["--corpus", corpus] if corpus else [])
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, env=env)
        self.hello = json.loads(self.process.stdout.readline())

    def raw(self, line):
        """Send one raw request line, return the raw answer line."""
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline()

    def ask(self, **request):
        return json.loads(self.raw(json.dumps(request)))

    def close(self):
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        self.process.stderr.close()


def corpus_names():
    """The program names, read from the corpus folder (not from the tracer)."""
    folder = os.path.join(os.path.dirname(HERE), "corpus")
    return sorted(f[:-3] for f in os.listdir(folder) if f.endswith(".py") and not f.startswith("_"))


def event_tuples(answer):
    """tracer.py's events in the reference's Frame.as_tuple() shape."""
    return [(e["kind"], e["function"], e["call"], e["line"], e["source"],
             tuple(map(tuple, e["locals"])), e.get("value")) for e in answer["events"]]
