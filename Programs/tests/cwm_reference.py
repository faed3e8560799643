"""An independent re-tracer and CWM renderer for the `programs` corpus (ground truth for tests).

Written apart from Programs/tracer.py on purpose: it reads the corpus files itself, builds the
context itself, traces through the standard library's `bdb.Bdb` debugger (user_call /
user_line / user_return / user_exception) instead of a hand-written sys.settrace function,
and renders the full CWM text directly.  The tests compare tracer.py's events with these
frames, and the Swift renderer is meant to be tested against `render()`'s text and spans.

Command line (prints the CWM text; `--spans` prints a JSON object with text and spans):

    python3 Programs/tests/cwm_reference.py PROGRAM SEED SIZE SPACING [LINES] [--spans]

SPACING is a positive integer or `final`; LINES is `all` (the default) or `reveals`.
"""

import bdb
import json
import os
import random
import sys

CORPUS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "corpus")
FILENAME = "<cwmbench-context>"
MARK = "  # << START_OF_TRACE"


def read_program(name, corpus=CORPUS):
    """(program text, entry name, make_input) from a corpus file, split at its marker line."""
    with open(os.path.join(corpus, name + ".py"), encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    cut = lines.index("# ---- input ----")
    program_lines = lines[:cut]
    while program_lines and program_lines[-1] == "":
        program_lines.pop()
    scope = {}
    exec("\n".join(lines[cut + 1:]), scope)
    return "\n".join(program_lines) + "\n", scope["ENTRY"], scope["make_input"]


def make_context(program, entry, args):
    """Program text, two blank lines, then the marked `main` returning entry(args)."""
    literal = ", ".join(map(repr, args))
    return "".join([program, "\n", "\n", "def main():", MARK, "\n",
                    "    return ", entry, "(", literal, ")", "\n"])


class Frame:
    """One trace frame: kind, function, call number, line number, source, locals, value."""

    __slots__ = ("kind", "function", "call", "line", "source", "locals", "value")

    def __init__(self, kind, function, call, line, source, local_pairs, value):
        self.kind, self.function, self.call = kind, function, call
        self.line, self.source, self.locals, self.value = line, source, local_pairs, value

    def as_tuple(self):
        return (self.kind, self.function, self.call, self.line, self.source,
                tuple(map(tuple, self.locals)), self.value)


class _Recorder(bdb.Bdb):
    """Steps through everything (bdb's stepping mode) and keeps the context's frames."""

    def __init__(self, source_lines):
        super().__init__()
        self.source_lines = source_lines
        self.frames = []
        self.calls = {}
        self.counter = 0

    def _mine(self, frame):
        return frame.f_code.co_filename == FILENAME

    def _add(self, frame, kind, value=None):
        text = self.source_lines[frame.f_lineno - 1]
        if text.endswith(MARK):
            text = text[: len(text) - len(MARK)]
        pairs = [[key, repr(item)] for key, item in frame.f_locals.items()]
        self.frames.append(Frame(kind, frame.f_code.co_name, self.calls[frame], frame.f_lineno,
                                 text, pairs, value))

    def user_call(self, frame, argument_list):
        if self._mine(frame):
            self.counter += 1
            self.calls[frame] = self.counter
            self._add(frame, "call")

    def user_line(self, frame):
        if self._mine(frame):
            self._add(frame, "line")

    def user_return(self, frame, return_value):
        if self._mine(frame):
            self._add(frame, "return", repr(return_value))
            del self.calls[frame]

    def user_exception(self, frame, exc_info):
        if self._mine(frame):
            self._add(frame, "exception", repr(exc_info[1]))


def _trampoline(main):
    # bdb swallows the first call event it sees (it becomes the bottom frame), so main is
    # called from here and main's own call event is reported.
    return main()


def retrace(context):
    """Frames of `main()` in the context, and (result repr or None, raised repr or None)."""
    scope = {"__name__": "__reference__"}
    exec(compile(context, FILENAME, "exec"), scope)
    recorder = _Recorder(context.splitlines())
    outcome = {}

    def run():
        try:
            outcome["result"] = repr(_trampoline(scope["main"]))
        except Exception as error:  # a raising program is traced, not a crash
            outcome["raised"] = repr(error)

    saved = sys.stdout
    try:
        recorder.runcall(run)
    finally:
        sys.stdout = saved
    return recorder.frames, (outcome.get("result"), outcome.get("raised"))


def trace_program(name, seed, size, corpus=CORPUS):
    """(context, frames, (result, raised)) for a corpus program at a seed and a size."""
    program, entry, make_input = read_program(name, corpus)
    args = make_input(random.Random(seed), size)
    context = make_context(program, entry, args)
    frames, outcome = retrace(context)
    return context, frames, outcome


def render(context, frames, spacing, lines="all"):
    """The CWM text of a trace and its query spans [(start, end), ...] (str offsets).

    spacing: an int k >= 1 (locals on every k-th line frame; call frames' arguments and
    nested return values only when k == 1) or "final" (only main's return value).
    Reveal cues (docs/decisions.md): a shown frame writes each local's name and every value is
    its own query, the span being the text between the value's JSON quotes; a hidden call or
    line frame writes no locals object (a frame with no locals is `{}`, as CWM writes it) and a
    hidden return or exception frame no `<|arg_sep|>` and no value.
    lines: "all" writes every frame; "reveals" only the frames that hold a query, with every
    value written out.  Under "all", `".."` replaces a value equal to the one last shown for
    that name since the last call or return frame, which is how facebookresearch/cwm
    demos/cwmdbg.py:87-103 resolves it.
    """
    final = spacing == "final"
    if not final and (not isinstance(spacing, int) or spacing < 1):
        raise ValueError(f"spacing must be a positive integer or 'final', not '{spacing}'")
    if lines not in ("all", "reveals"):
        raise ValueError(f"lines must be 'all' or 'reveals', not '{lines}'")
    only_reveals = lines == "reveals"
    pieces = ["<|trace_context_start|>", context, "<|frame_sep|>"]
    offset = sum(map(len, pieces))
    spans = []
    entry_call = frames[0].call if frames else None
    shown_since_boundary = {}
    line_number = 0

    def put(text):
        nonlocal offset
        pieces.append(text)
        offset += len(text)

    def put_value(value):
        encoded = json.dumps(value)
        spans.append((offset + 1, offset + len(encoded) - 1))
        put(encoded)

    for frame in frames:
        if frame.kind in ("call", "line"):
            if frame.kind == "call":
                shown_since_boundary = {}
                visible = spacing == 1
                separator = "<|call_sep|>"
            else:
                line_number += 1
                visible = not final and line_number % spacing == 0
                separator = "<|line_sep|>"
            if only_reveals and not (visible and frame.locals):
                continue
            put(separator)
            if visible and frame.locals:
                put("{")
                for index, (key, value) in enumerate(frame.locals):
                    put((", " if index else "") + json.dumps(key) + ": ")
                    same = not only_reveals and shown_since_boundary.get(key) == value
                    put_value(".." if same else value)
                    shown_since_boundary[key] = value
                put("}")
            elif not frame.locals:
                put("{}")
            put("<|action_sep|>" + frame.source + "\n<|frame_sep|>")
        else:
            if frame.kind == "return":
                shown_since_boundary = {}
                separator = "<|return_sep|>"
                visible = spacing == 1 or frame.call == entry_call
            else:
                separator = "<|exception_sep|>"
                visible = spacing == 1
            if only_reveals and not visible:
                continue
            put(separator + "<|action_sep|>" + frame.source + "\n")
            if visible:
                put("<|arg_sep|>")
                put_value(frame.value)
            put("<|frame_sep|>")
    return "".join(pieces), spans


def _main(argv):
    args = argv[1:]
    want_spans = bool(args) and args[-1] == "--spans"
    if want_spans:
        args = args[:-1]
    if len(args) not in (4, 5) or (len(args) == 5 and args[4] not in ("all", "reveals")):
        sys.stderr.write("usage: cwm_reference.py PROGRAM SEED SIZE SPACING [all|reveals] [--spans]\n")
        return 64
    name, seed, size, spacing = args[0], int(args[1]), int(args[2]), args[3]
    lines = args[4] if len(args) == 5 else "all"
    spacing = "final" if spacing == "final" else int(spacing)
    context, frames, _ = trace_program(name, seed, size)
    text, spans = render(context, frames, spacing, lines)
    if want_spans:
        sys.stdout.write(json.dumps({"text": text, "spans": spans}, sort_keys=True) + "\n")
    else:
        sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
