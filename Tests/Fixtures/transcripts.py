"""Runs the command transcripts of README.md and docs/*.md and compares their output (issue 24).

    python3 Tests/Fixtures/transcripts.py --binary .build/debug/cwmbench [--record] [FILE.md ...]

A transcript is a fenced code block whose first line starts with `$ `. Each `$ COMMAND` line is
run with /bin/sh in a fresh temporary folder per document (the blocks of one document share it,
in order, so a later block may read what an earlier one wrote); `cwmbench` (first on PATH) and
`.build/release/cwmbench` (a link in the folder) are the binary under test. The lines after a command, up to the next
`$` line, are its expected output: stdout and stderr together, as a terminal shows them. The exit
status is not compared (transcripts show errors on purpose).

The folder holds symbolic links to the repository's Tasks, Tests, Adapters, Programs and
Reference folders, so commands name them as from the repository root.

Comments right before a block steer it (HTML comments, invisible on GitHub):

    <!-- transcript: skip REASON -->     the block is not run (a model server, a long benchmark)
    <!-- transcript: setup COMMANDS -->  shell commands run first, their output not compared
    <!-- transcript: file NAME -->       the next fenced block (not a transcript) is written to NAME
                                         before the document's first transcript runs

Comparison, after normalisation (documented in docs/README.md, "Transcripts"):

- figures that vary run to run are replaced by `#`: durations (`0.52s`, `in 1.3 s`, `12 ms`),
  rates (`123.4/s`, `380k lines/s`, `1.2 MB/s`) and `ETA m:ss`; nothing else is normalised;
- blank lines at the end of an output are separators, not output;
- an expected line `…` stands for any number of lines; an expected line ending in `…` matches a
  line that starts with what precedes it; `…` inside a line matches any text there.

With --record the documents are rewritten with the actual output (keeping `…` lines and the lines
around them as far as they still match), which is how a transcript is refreshed after a change
that is meant to alter it. Exit status 1 when some transcript differs (not with --record), 2 for
a usage error. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LINKED = ["Tasks", "Tests", "Adapters", "Programs", "Reference"]
ELLIPSIS = "…"
COMMAND_TIMEOUT = 300

# Durations, rates and ETAs: the only figures that may differ between two runs of the same command.
VARYING = [
    (re.compile(r"ETA \d+:\d\d"), "ETA #"),
    (re.compile(r"\d+(?:\.\d+)?k? ?(?:[KMG]B|lines|examples|queries|traces|requests)?/s\b"), "#/s"),
    (re.compile(r"\b\d+(?:\.\d+)? ?(?:ms|s)\b"), "#s"),
]


def normalise(line: str) -> str:
    """`line` with durations, rates and ETAs replaced by `#`."""
    for pattern, replacement in VARYING:
        line = pattern.sub(replacement, line)
    return line.rstrip()


def line_matches(expected: str, actual: str) -> bool:
    """Whether one expected line (with `…` wildcards) matches one actual line, both normalised."""
    expected, actual = normalise(expected), normalise(actual)
    if ELLIPSIS not in expected:
        return expected == actual
    parts = [re.escape(part) for part in expected.split(ELLIPSIS)]
    return re.fullmatch(".*".join(parts), actual, flags=re.DOTALL) is not None


def output_matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the expected lines (a line `…` matching any number of lines) match the actual ones."""
    memo: dict[tuple[int, int], bool] = {}

    def match(i: int, j: int) -> bool:
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(expected):
            result = j == len(actual)
        elif expected[i].strip() == ELLIPSIS:
            result = match(i + 1, j) or (j < len(actual) and match(i, j + 1))
        else:
            result = j < len(actual) and line_matches(expected[i], actual[j]) and match(i + 1, j + 1)
        memo[(i, j)] = result
        return result

    return match(0, 0)


def recorded(expected: list[str], actual: list[str]) -> list[str]:
    """The lines to write back with --record: the actual output, keeping a `…` elision with as many
    actual lines before and after it as the expected output had."""
    if not any(line.strip() == ELLIPSIS for line in expected):
        return actual
    cut = next(index for index, line in enumerate(expected) if line.strip() == ELLIPSIS)
    head, tail = cut, len(expected) - cut - 1
    if head + tail >= len(actual):
        return actual
    return actual[:head] + [ELLIPSIS] + (actual[len(actual) - tail:] if tail else [])


@dataclass
class Command:
    """One `$` line and the lines expected after it."""

    line_number: int
    text: str
    expected: list[str] = field(default_factory=list)


@dataclass
class Block:
    """A transcript: its commands, and the directives in the comments before it."""

    commands: list[Command]
    skip: str | None = None
    setup: list[str] = field(default_factory=list)


@dataclass
class Document:
    """A markdown file's transcripts and the files its `file` directives write."""

    path: str
    lines: list[str]
    blocks: list[Block]
    files: list[tuple[int, str, str]]  # (position among blocks, name, contents)


DIRECTIVE = re.compile(r"<!--\s*transcript:\s*(skip|setup|file)\b\s*(.*?)\s*-->")


def parse(path: str) -> Document:
    """The transcripts of one markdown file."""
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    blocks: list[Block] = []
    files: list[tuple[int, str, str]] = []
    directives: list[tuple[str, str]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        found = DIRECTIVE.search(line)
        if found:
            directives.append((found.group(1), found.group(2)))
            index += 1
            continue
        if line.startswith("```"):
            end = index + 1
            while end < len(lines) and not lines[end].startswith("```"):
                end += 1
            body = lines[index + 1:end]
            file_names = [value for kind, value in directives if kind == "file"]
            if file_names:
                files.append((len(blocks), file_names[0], "\n".join(body) + "\n"))
            elif body and body[0].startswith("$ "):
                commands: list[Command] = []
                for offset, text in enumerate(body):
                    if text.startswith("$ "):
                        commands.append(Command(index + 2 + offset, text[2:]))
                    else:
                        commands[-1].expected.append(text)
                block = Block(commands)
                for kind, value in directives:
                    if kind == "skip":
                        block.skip = value or "marked skip"
                    elif kind == "setup":
                        block.setup.append(value)
                blocks.append(block)
            directives = []
            index = end + 1
            continue
        if line.strip():
            directives = []
        index += 1
    return Document(path, lines, blocks, files)


def run(text: str, folder: str) -> list[str]:
    """Runs one command line in `folder`; its stdout and stderr together, as lines."""
    path = os.path.join(folder, ".transcript-bin") + os.pathsep + os.environ.get("PATH", "")
    environment = dict(os.environ, PATH=path, COLUMNS="100", NO_COLOR="1", LC_ALL="C.UTF-8")
    environment.pop("CWMBENCH_RECORD_TRANSCRIPTS", None)
    try:
        completed = subprocess.run(
            ["/bin/sh", "-c", text], cwd=folder, env=environment,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=COMMAND_TIMEOUT)
        output = completed.stdout.decode("utf-8", errors="replace")
    except subprocess.TimeoutExpired:
        output = f"(transcripts.py: no answer within {COMMAND_TIMEOUT} s)\n"
    # A progress bar redraws with carriage returns: a terminal shows the last state.
    lines = [line.split("\r")[-1] for line in output.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def check(document: Document, binary: str, record: bool) -> list[str]:
    """Runs every transcript of `document`; the differences as messages (rewrites it with `record`)."""
    problems: list[str] = []
    replacements: dict[int, list[str]] = {}  # first expected line number -> (count, new lines)
    spans: dict[int, int] = {}
    name = os.path.relpath(document.path, ROOT)
    with tempfile.TemporaryDirectory(prefix="cwmbench-transcript-") as folder:
        for entry in LINKED:
            os.symlink(os.path.join(ROOT, entry), os.path.join(folder, entry))
        # `cwmbench` on PATH and `.build/release/cwmbench` both name the binary under test.
        for link in [".transcript-bin/cwmbench", ".build/release/cwmbench"]:
            os.makedirs(os.path.join(folder, os.path.dirname(link)), exist_ok=True)
            os.symlink(binary, os.path.join(folder, link))
        # Files first: a document may show a helper script after the transcript that runs it.
        for _, file_name, contents in document.files:
            target = os.path.join(folder, file_name)
            os.makedirs(os.path.dirname(target) or folder, exist_ok=True)
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(contents)
        for block in document.blocks:
            if block.skip:
                continue
            for setup in block.setup:
                run(setup, folder)
            for command in block.commands:
                actual = run(command.text, folder)
                # Blank lines after an output only separate it from the next command.
                expected = list(command.expected)
                separators = 0
                while expected and not expected[-1].strip():
                    expected.pop()
                    separators += 1
                if output_matches(expected, actual):
                    continue
                if record:
                    replacements[command.line_number] = recorded(expected, actual) + [""] * separators
                    spans[command.line_number] = len(command.expected)
                    continue
                shown = "\n".join("    " + line for line in actual[:40])
                more = f"\n    … ({len(actual) - 40} more lines)" if len(actual) > 40 else ""
                problems.append(
                    f"{name}:{command.line_number}: '$ {command.text}' printed something else:\n{shown}{more}")
    if record and replacements:
        lines = list(document.lines)
        # line_number is 1-based for the `$` line; its expected output starts on the next line.
        for line_number in sorted(replacements, reverse=True):
            start = line_number  # index of the first expected line (0-based)
            lines[start:start + spans[line_number]] = replacements[line_number]
        with open(document.path, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines))
        print(f"transcripts: rewrote {len(replacements)} transcript(s) in {name}", file=sys.stderr)
    return problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True, help="the cwmbench binary under test")
    parser.add_argument("--record", action="store_true", help="rewrite the documents with the actual output")
    parser.add_argument("files", nargs="*", help="markdown files (default: README.md and docs/*.md)")
    arguments = parser.parse_args(argv)
    binary = os.path.abspath(arguments.binary)
    if not os.access(binary, os.X_OK):
        print(f"transcripts: '{arguments.binary}' is not an executable; build it first (swift build)", file=sys.stderr)
        return 2
    files = arguments.files or [os.path.join(ROOT, "README.md")] + sorted(
        os.path.join(ROOT, "docs", name) for name in os.listdir(os.path.join(ROOT, "docs")) if name.endswith(".md"))
    problems: list[str] = []
    counted = 0
    for path in files:
        document = parse(path)
        counted += sum(len(block.commands) for block in document.blocks if not block.skip)
        problems += check(document, binary, arguments.record)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"transcripts: {counted} commands run, {len(problems)} differ", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
