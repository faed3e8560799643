"""Token counts of `strings` answers under a real tokenizer, by `start` and `since_word` (issue 21).

    python strings_tokens.py MODEL.gguf TASKS.jsonl [TASKS.jsonl ...]

Loads only the vocabulary of a GGUF model (llama-cpp-python, ``vocab_only=True``: no weights,
no inference) and tokenizes every `strings` query's answer in its line of the text, as the
bundled gguf adapter counts it: the answer's line (from the newline before the span to the
newline after it) is tokenized without BOS, and the tokens that overlap the answer's bytes are
counted. It prints one row per `start` and `since_word` bucket: queries, mean tokens, the share
answered in a single token, and how many answers are an unchanged copy of what the last-reveal
baseline would say (its `copy` field when the task file has one).

The claim it checks: an intact word is one token, one edit later it is several, and a random
start is several from the beginning, so `since_word` 1 from `word` versus 1 from `random`
separates the tokenization jump from the edit itself. Only `json` and the tokenizer are used.
"""

from __future__ import annotations

import json
import sys
from typing import Callable, Dict, Iterable, List, Sequence, Tuple

# Bucket edges for since_word: 0, 1, 2, 3, 4-8, 9+ (the "nine or more").
BUCKETS: Sequence[Tuple[str, int, int]] = (
    ("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3", 3, 3), ("4-8", 4, 8), ("9+", 9, 1 << 30),
)


def bucket_of(since_word: int) -> str:
    for name, low, high in BUCKETS:
        if low <= since_word <= high:
            return name
    raise ValueError("since_word %r is negative" % since_word)


def span_tokens(tokenize: Callable[[bytes], List[int]], detokenize: Callable[[List[int]], bytes],
                text: bytes, start: int, end: int) -> int:
    """Tokens of ``text[start:end]`` within its own line, the way the gguf adapter counts them.

    The line runs from just after the newline before ``start`` to just before the newline after
    ``end``; it is tokenized once, each token's byte range found by detokenizing prefixes (some
    tokenizers render a piece only in context), and the tokens overlapping ``[start, end)``
    counted.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError("span %d..%d outside a text of %d bytes" % (start, end, len(text)))
    line_start = text.rfind(b"\n", 0, start) + 1
    line_end = text.find(b"\n", end)
    if line_end < 0:
        line_end = len(text)
    line = text[line_start:line_end]
    tokens = tokenize(line)
    count, previous = 0, 0
    for i in range(len(tokens)):
        now = len(detokenize(tokens[: i + 1]))
        low, high = line_start + previous, line_start + now
        if high > low and low < end and high > start:
            count += 1
        previous = now
    if previous != len(line):
        raise ValueError("detokenized line has %d bytes, expected %d" % (previous, len(line)))
    return count


def last_reveal_copies(example: dict) -> List[bool]:
    """Per query: whether the answer equals the last-reveal guess (its initial string, or last print)."""
    known = list(example.get("initial") or [])
    copies = []
    for query in example["queries"]:
        if "copy" in query:
            copies.append(bool(query["copy"]))
        else:
            variable = ord(query["variable"]) - ord("a")
            value = query["values"][0]
            copies.append(variable < len(known) and known[variable] == value)
        variable = ord(query["variable"]) - ord("a")
        if variable < len(known):
            known[variable] = query["values"][0]
    return copies


def tally(lines: Iterable[str], tokenize, detokenize) -> Dict[Tuple[str, str], List[int]]:
    """(start, bucket) -> [queries, tokens, single-token answers, copies] over `strings` task lines."""
    table: Dict[Tuple[str, str], List[int]] = {}
    for raw in lines:
        if not raw.strip():
            continue
        example = json.loads(raw)
        if example.get("family") != "strings":
            continue
        start = example["params"].get("start", "word")
        text = example["text"].encode()
        for query, copy in zip(example["queries"], last_reveal_copies(example)):
            count = span_tokens(tokenize, detokenize, text, query["start"], query["end"])
            row = table.setdefault((start, bucket_of(query["since_word"])), [0, 0, 0, 0])
            row[0] += 1
            row[1] += count
            row[2] += count == 1
            row[3] += copy
    return table


def format_table(table: Dict[Tuple[str, str], List[int]]) -> str:
    """A fixed-width table, `word` before `random`, buckets in order; locale-free numbers."""
    header = "%-7s %-10s %8s %12s %14s %8s" % ("start", "since_word", "queries", "mean tokens", "single-token",
                                               "copies")
    out = [header, "-" * len(header)]
    starts = [s for s in ("word", "random") if any(k[0] == s for k in table)]
    starts += sorted({k[0] for k in table} - set(starts))
    for start in starts:
        for name, _, _ in BUCKETS:
            row = table.get((start, name))
            if not row:
                continue
            queries, tokens, single, copies = row
            out.append("%-7s %-10s %8d %12.2f %14.3f %8d" % (start, name, queries, tokens / queries,
                                                              single / queries, copies))
    return "\n".join(out)


def load_tokenizer(model_path: str):
    try:
        import llama_cpp  # type: ignore
    except ImportError:
        sys.exit("strings_tokens.py: llama_cpp is not installed (make check-real-model sets up .venv-real)")
    llm = llama_cpp.Llama(model_path=model_path, vocab_only=True, verbose=False)
    return (lambda data: llm.tokenize(data, add_bos=False, special=False)), llm.detokenize


def main(argv: Sequence[str]) -> int:
    if len(argv) < 2:
        sys.stderr.write("usage: strings_tokens.py MODEL.gguf TASKS.jsonl [TASKS.jsonl ...]\n")
        return 64
    tokenize, detokenize = load_tokenizer(argv[0])
    table: Dict[Tuple[str, str], List[int]] = {}
    for path in argv[1:]:
        try:
            with open(path, encoding="utf-8") as handle:
                part = tally(handle, tokenize, detokenize)
        except FileNotFoundError:
            sys.stderr.write("strings_tokens.py: no such file '%s'\n" % path)
            return 66
        for key, row in part.items():
            mine = table.setdefault(key, [0, 0, 0, 0])
            for i, value in enumerate(row):
                mine[i] += value
    if not table:
        sys.stderr.write("strings_tokens.py: no strings queries in %s\n" % ", ".join("'%s'" % p for p in argv[1:]))
        return 65
    print(format_table(table))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
