"""Trace the `programs` corpus with sys.settrace for cwmbench (JSON lines on stdin/stdout).

`cwmbench generate --family programs` runs this script as one long-lived child process.
CPython is the ground truth for this task family, so this is the one place where generation
runs Python: the tracer reports events and values, the Swift side renders them (reveal
spacing, the `".."` rule, query spans).  Standard library only.

Protocol (one JSON object per line; every answer is one line, keys sorted):

    (on start)  -> {"op": "hello", "protocol": "cwmbench-programs/1", "python": "3.11.7", ...}
    {"op": "list"}                       -> {"op": "list", "programs": [{"name": ..., ...}, ...]}
    {"id": 7, "program": "two_sum", "seed": 42, "length": 200}
                                         -> {"id": 7, "ok": true, "context": ..., "events": [...], ...}
    anything wrong                       -> {"id": 7, "ok": false, "error": "..."}

`python3 tracer.py --list` prints the program names, one a line; `--version` prints the
hello line.  Programs/README.md documents every field, the limits and the rendering rules.
"""

import ast
import hashlib
import io
import json
import os
import platform
import random
import sys
import time

PROTOCOL = "cwmbench-programs/1"
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS_DIR = os.path.join(HERE, "corpus")

# A corpus file is the program text, this line, then the input generator (never traced).
SPLIT_MARKER = "# ---- input ----"
# CWM marks the trace's entry point with this comment (facebookresearch/cwm demos/cwmdbg.py:14).
START_MARKER = "  # << START_OF_TRACE"
# Frames whose code comes from this file name are the context's code; all others are skipped.
CONTEXT_FILENAME = "<cwmbench-context>"

MAX_LENGTH = 20_000          # largest target number of line events a request may ask for
MAX_SIZE = 1 << 14           # the size search never goes beyond this input size
DEFAULT_MAX_EVENTS = 100_000 # events (all kinds) one trace may have before it is stopped
DEFAULT_TIME_LIMIT = 10.0    # seconds of wall time one request may take before it is stopped
MAX_REPR = 10_000            # a repr longer than this fails the request (no silent truncation)
TIME_CHECK_EVERY = 1024      # the wall clock is read once per this many events


class Program:
    """One corpus program: its traced text, its entry function and its input generator."""

    def __init__(self, name, path):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        head, marker, tail = text.partition("\n" + SPLIT_MARKER + "\n")
        if not marker:
            raise ValueError(f"{path}: no '{SPLIT_MARKER}' line")
        self.name = name
        self.path = path
        self.text = text
        # The program text is exactly what the context shows and what is traced.
        self.source = head.rstrip("\n") + "\n"
        generator = {}
        exec(compile(tail, path, "exec"), generator)
        self.entry = generator["ENTRY"]
        self.make_input = generator["make_input"]
        self.doc = generator.get("DOC", "")
        # Compiled under the context's file name so that the probes of the size search count
        # exactly the line events a full trace of the context reports.
        self._code = compile(self.source, CONTEXT_FILENAME, "exec")

    def fresh_entry(self):
        """A new namespace with the program defined in it (module-level code is not traced)."""
        namespace = {"__name__": "__cwmbench_program__"}
        exec(self._code, namespace)
        return namespace[self.entry]

    def arguments(self, seed, size):
        """The entry function's positional arguments for a seed and a size, checked literals."""
        args = self.make_input(random.Random(seed), size)
        if not isinstance(args, tuple):
            raise ValueError(f"program '{self.name}': make_input must return a tuple")
        for value in args:
            text = repr(value)
            if ast.literal_eval(text) != value:
                raise ValueError(f"program '{self.name}': argument {text[:60]!r} is not a literal")
        return args


def build_context(program, args):
    """The CWM context: the program, two blank lines, and `main` calling the entry on args."""
    call = ", ".join(repr(value) for value in args)
    return (program.source + "\n\n"
            + "def main():" + START_MARKER + "\n"
            + f"    return {program.entry}({call})\n")


def load_corpus(directory=CORPUS_DIR):
    """Every `*.py` file of the corpus folder, by name (the file name without `.py`)."""
    programs = {}
    for filename in sorted(os.listdir(directory)):
        if filename.endswith(".py") and not filename.startswith("_"):
            name = filename[:-3]
            programs[name] = Program(name, os.path.join(directory, filename))
    return programs


class _Stop(BaseException):
    """Raised from the trace function to stop a trace (a BaseException: programs catch Exception)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class _Sandbox:
    """Keeps the traced program away from the protocol's stdin/stdout while it runs."""

    def __enter__(self):
        self.saved = sys.stdin, sys.stdout
        sys.stdin, sys.stdout = io.StringIO(""), io.StringIO()
        return self

    def __exit__(self, *exc):
        sys.settrace(None)
        sys.stdin, sys.stdout = self.saved
        return False


def count_line_events(program, args, bound, deadline):
    """Line events of a full trace on args (entry code + 1 for main's line), or None past bound."""
    count = 0
    ticks = 0

    def local(frame, event, arg):
        nonlocal count, ticks
        if event == "line":
            count += 1
            if count > bound:
                raise _Stop("bound")
        ticks += 1
        if ticks % TIME_CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise _Stop("time")
        return local

    def global_trace(frame, event, arg):
        if frame.f_code.co_filename == CONTEXT_FILENAME:
            return local(frame, event, arg)
        return None

    entry = program.fresh_entry()
    with _Sandbox():
        sys.settrace(global_trace)
        try:
            entry(*args)
        except _Stop as stop:
            if stop.reason == "time":
                raise
            return None
        except Exception:
            pass  # a raising program is traced as an exception; its lines still count
        finally:
            sys.settrace(None)
    return count + 1


def choose_size(program, seed, length, deadline):
    """A size whose trace has about `length` line events, and the number of probes it took.

    Probes count line events only (no reprs).  Galloping from size 1 with a factor guessed
    from the last count (at least 2, at most 64) brackets the target; then interpolation
    between the bracket's ends, with a bisection step whenever interpolation stalls, narrows
    it.  The search stops at the first probe within `length // 50` (at least 1) of the
    target; otherwise the nearest probe wins (ties: the smaller size).  Trace length need not
    be monotone in size; the answer is deterministic either way.
    """
    bound = 2 * length + 64
    tolerance = max(1, length // 50)
    probes = {}

    def probe(size):
        if size not in probes:
            args = program.make_input(random.Random(seed), size)
            probes[size] = count_line_events(program, args, bound, deadline)
        return probes[size]

    def close(count):
        return count is not None and abs(count - length) <= tolerance

    low, low_count = None, None
    size = 1
    while True:
        count = probe(size)
        if close(count) or count is None or count >= length or size >= MAX_SIZE:
            break
        low, low_count = size, count
        factor = min(64.0, max(2.0, length / max(count, 1)))
        size = min(MAX_SIZE, int(size * factor + 0.5))
    high, high_count = size, count
    stalled = False
    while low is not None and high - low > 1 and not close(high_count) and not close(low_count):
        if high_count is None or stalled:
            middle = (low + high) // 2
        else:
            guess = low + (length - low_count) * (high - low) / max(1, high_count - low_count)
            middle = min(high - 1, max(low + 1, int(guess + 0.5)))
        count = probe(middle)
        if count is None or count >= length:
            stalled = high - middle < (high - low) // 4 and not stalled
            high, high_count = middle, count
        else:
            stalled = middle - low < (high - low) // 4 and not stalled
            low, low_count = middle, count

    def distance(item):
        size, count = item
        return (abs(count - length) if count is not None else bound, size)

    best = min(probes.items(), key=distance)
    return best[0], len(probes)


def safe_repr(value):
    """repr(value), refusing reprs that are too long or that show a memory address."""
    text = repr(value)
    if len(text) > MAX_REPR:
        raise _Stop(f"a repr is longer than {MAX_REPR} characters")
    if " at 0x" in text:
        raise _Stop(f"repr {text[:60]!r} shows a memory address (not deterministic)")
    return text


def trace_context(context, max_events, deadline):
    """Run `main` of the context under sys.settrace and return its events.

    Only frames whose code is the context's code are traced (call, line, return, exception).
    Locals are the frame's f_locals, in CPython's order, as [name, repr] pairs, read when the
    event fires (for a line event: before the line runs).
    """
    # Source lines as frames show them: the marker is not part of main's `def` line.
    lines = [line[: -len(START_MARKER)] if line.endswith(START_MARKER) else line
             for line in context.split("\n")]
    events = []
    append = events.append
    next_call = 0
    line_events = 0

    def record(frame, kind, call_id, value):
        nonlocal line_events
        count = len(events)
        if count >= max_events:
            raise _Stop(f"the trace has more than {max_events} events")
        if count % TIME_CHECK_EVERY == 0 and time.monotonic() > deadline:
            raise _Stop("time")
        pairs = []
        for name, item in frame.f_locals.items():
            text = repr(item)
            if len(text) > MAX_REPR or " at 0x" in text:
                safe_repr(item)  # raises the right error
            pairs.append([name, text])
        lineno = frame.f_lineno
        event = {"kind": kind, "function": frame.f_code.co_name, "call": call_id,
                 "line": lineno, "source": lines[lineno - 1], "locals": pairs}
        if value is not None:
            event["value"] = value
        elif kind == "line":
            line_events += 1
        append(event)

    def global_trace(frame, event, arg):
        nonlocal next_call
        if frame.f_code.co_filename != CONTEXT_FILENAME:
            return None
        next_call += 1
        call_id = next_call

        def local(frame, event, arg):
            if event == "line":
                record(frame, "line", call_id, None)
            elif event == "return":
                record(frame, "return", call_id, safe_repr(arg))
            elif event == "exception":
                record(frame, "exception", call_id, safe_repr(arg[1]))
            return local

        record(frame, "call", call_id, None)
        return local

    namespace = {"__name__": "__cwmbench_context__"}
    exec(compile(context, CONTEXT_FILENAME, "exec"), namespace)
    main = namespace["main"]
    result = raised = None
    with _Sandbox():
        sys.settrace(global_trace)
        try:
            result = main()
        except _Stop:
            raise
        except Exception as error:
            raised = error
        finally:
            sys.settrace(None)
    return {
        "events": events,
        "line_events": line_events,
        "result": None if raised is not None else repr(result),
        "raised": None if raised is None else repr(raised),
    }


def _field(request, name, low, high, default=None):
    value = request.get(name, default)
    if value is None:
        raise ValueError(f"field '{name}' is missing")
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ValueError(f"field '{name}' must be an integer from {low} to {high}, not '{value}'")
    return value


def handle_trace(programs, request):
    """Answer one trace request (raises ValueError or _Stop for an error answer)."""
    name = request.get("program")
    if name not in programs:
        raise ValueError(f"unknown program '{name}'")
    program = programs[name]
    seed = _field(request, "seed", 0, (1 << 64) - 1)
    length = None if "size" in request else _field(request, "length", 1, MAX_LENGTH)
    max_events = _field(request, "max_events", 1, 10_000_000, DEFAULT_MAX_EVENTS)
    limit = request.get("time_limit", DEFAULT_TIME_LIMIT)
    if not isinstance(limit, (int, float)) or isinstance(limit, bool) or not 0 < limit <= 3600:
        raise ValueError(f"field 'time_limit' must be a number of seconds from 0 to 3600, not '{limit}'")
    deadline = time.monotonic() + limit
    if "size" in request:
        size, probes = _field(request, "size", 1, MAX_SIZE), 0
    else:
        size, probes = choose_size(program, seed, length, deadline)
    args = program.arguments(seed, size)
    context = build_context(program, args)
    traced = trace_context(context, max_events, deadline)
    answer = {
        "ok": True,
        "program": name,
        "entry": program.entry,
        "seed": seed,
        "length": length,
        "size": size,
        "probes": probes,
        "context": context,
    }
    answer.update(traced)
    return answer


def describe(programs):
    """The answer to a list request."""
    return {"op": "list", "programs": [
        {"name": p.name, "entry": p.entry, "doc": p.doc} for p in programs.values()]}


def corpus_digest(programs):
    """SHA-256 over the corpus files (name, NUL, text, NUL, in name order): which corpus ran."""
    digest = hashlib.sha256()
    for program in programs.values():
        digest.update(program.name.encode() + b"\0" + program.text.encode() + b"\0")
    return digest.hexdigest()


def hello(programs):
    """The first line the tracer writes: protocol, Python version, corpus digest, limits."""
    return {
        "corpus_sha256": corpus_digest(programs),
        "op": "hello",
        "protocol": PROTOCOL,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "hash_seed": os.environ.get("PYTHONHASHSEED"),
        "programs": len(programs),
        "limits": {
            "max_length": MAX_LENGTH,
            "max_size": MAX_SIZE,
            "max_events": DEFAULT_MAX_EVENTS,
            "time_limit": DEFAULT_TIME_LIMIT,
            "max_repr": MAX_REPR,
        },
    }


def answer_line(programs, line):
    """One request line in, one answer object out (never raises for bad input)."""
    request_id = None
    try:
        request = json.loads(line)
        if not isinstance(request, dict):
            raise ValueError("a request must be a JSON object")
        request_id = request.get("id")
        if request.get("op") == "list" or request.get("list") is True:
            answer = describe(programs)
        elif request.get("op") == "hello":
            answer = hello(programs)
        elif request.get("op", "trace") == "trace":
            answer = handle_trace(programs, request)
        else:
            raise ValueError(f"unknown op '{request.get('op')}'")
    except json.JSONDecodeError as error:
        answer = {"ok": False, "error": f"request is not JSON: {error.msg} at column {error.colno}"}
    except _Stop as stop:
        reason = stop.reason
        if reason == "time":
            reason = "the trace took longer than its time limit"
        answer = {"ok": False, "error": f"stopped: {reason}"}
    except RecursionError:
        answer = {"ok": False, "error": "stopped: recursion too deep"}
    except (ValueError, TypeError, KeyError) as error:
        answer = {"ok": False, "error": str(error)}
    if request_id is not None:
        answer["id"] = request_id
    return answer


def main(argv):
    argv = list(argv)
    corpus = CORPUS_DIR
    if "--corpus" in argv:
        at = argv.index("--corpus")
        if at + 1 >= len(argv):
            sys.stderr.write("usage: tracer.py [--corpus DIR] [--list | --version]; '--corpus' needs a folder\n")
            return 64
        corpus = argv[at + 1]
        del argv[at:at + 2]
    if not os.path.isdir(corpus):
        sys.stderr.write(f"tracer.py: corpus folder '{corpus}' does not exist\n")
        return 64
    try:
        programs = load_corpus(corpus)
    except Exception as error:  # any failure of a corpus file: a clear message, no traceback
        sys.stderr.write(f"tracer.py: cannot load the corpus: {type(error).__name__}: {error}\n")
        return 65
    out = sys.stdout
    if "--list" in argv:
        for name in programs:
            out.write(name + "\n")
        return 0
    if "--version" in argv:
        out.write(json.dumps(hello(programs), sort_keys=True) + "\n")
        return 0
    if len(argv) > 1:
        sys.stderr.write(f"usage: tracer.py [--corpus DIR] [--list | --version]; unknown argument '{argv[1]}'\n")
        return 64
    out.write(json.dumps(hello(programs), sort_keys=True) + "\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        out.write(json.dumps(answer_line(programs, line), sort_keys=True) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except KeyboardInterrupt:
        sys.exit(130)
