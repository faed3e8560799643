"""cwmbench adapter for GGUF checkpoints, run in-process by llama-cpp-python.

    python3 Adapters/python/gguf_adapter.py MODEL.gguf [--n-ctx N] [--threads N] [--train-length T]

Why not llama.cpp's HTTP server: its ``echo`` path recomputes prompt logprobs
token by token and takes minutes per long prompt. Here the whole trace is
evaluated once with ``logits_all=True`` and log-softmax is taken only over the
rows that predict answer tokens (a Gemma 3 row has 262,144 entries).

A span covers every token whose text overlaps it, so a token that straddles the
span boundary counts whole; ``correct`` means the greedy argmax equals each of
those tokens. Generation is plain greedy argmax over the same logits (no
repetition penalty), so score and generate agree by construction.

Memory: llama-cpp-python keeps an ``n_ctx x n_vocab`` float32 logits array
(2 GiB for Gemma 3 at the default ``--n-ctx 2048``).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import List, Sequence, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cwmbench_adapter import (  # noqa: E402
    Adapter,
    AdapterError,
    char_to_byte_offsets,
    cut_at_stop,
    log,
    overlapping_tokens,
    private_stdout,
    serve,
)


def require(module: str, pip_name: str):
    """Import ``module`` or exit with a message naming the package and the pip command."""
    try:
        return __import__(module)
    except ImportError as error:
        log("gguf_adapter: the Python package '%s' is missing (%s); install it with: "
            "python3 -m pip install '%s'" % (pip_name, error, pip_name))
        sys.exit(2)


def piece_offsets(pieces: Sequence[bytes]) -> List[Tuple[int, int]]:
    """Consecutive ``(start, end)`` byte ranges of token pieces laid end to end."""
    offsets, at = [], 0
    for p in pieces:
        offsets.append((at, at + len(p)))
        at += len(p)
    return offsets


class GGUFAdapter(Adapter):
    """Scores, generates and chooses with a GGUF model through llama-cpp-python's Python API."""

    modes = ["score", "generate", "choice"]

    def __init__(self, path: str, n_ctx: int, threads: int, train_length=None):
        llama_cpp = require("llama_cpp", "llama-cpp-python")
        self.np = require("numpy", "numpy")
        kwargs = dict(model_path=path, logits_all=True, n_ctx=n_ctx, verbose=False)
        if threads > 0:
            kwargs["n_threads"] = threads
        self.llm = llama_cpp.Llama(**kwargs)
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.train_length = train_length
        self.eos = self.llm.token_eos()

    # -- tokens -----------------------------------------------------------------

    def tokenize(self, data: bytes) -> List[int]:
        return self.llm.tokenize(data, add_bos=True, special=False)

    def offsets(self, tokens: List[int], data: bytes) -> List[Tuple[int, int]]:
        """Byte range of every token in ``data``; special tokens (BOS) get an empty range."""
        pieces = [self.llm.detokenize([t]) for t in tokens]
        if b"".join(pieces) == data:
            return piece_offsets(pieces)
        # Some tokenizers only render correctly in context (e.g. a leading space): detokenize prefixes.
        offsets, previous = [], 0
        for i in range(len(tokens)):
            now = len(self.llm.detokenize(tokens[: i + 1]))
            offsets.append((previous, now))
            previous = now
        if previous != len(data):
            raise AdapterError("detokenized text has %d bytes, expected %d" % (previous, len(data)))
        return offsets

    def evaluate(self, tokens: List[int]) -> None:
        """Make ``llm.scores`` hold the logits of ``tokens``, reusing the cached common prefix."""
        if len(tokens) > self.llm.n_ctx():
            raise AdapterError("context too long: %d tokens, n_ctx is %d" % (len(tokens), self.llm.n_ctx()))
        cached = self.llm.input_ids.tolist()
        common = 0
        for a, b in zip(cached, tokens):
            if a != b:
                break
            common += 1
        common = min(common, len(tokens) - 1)  # re-evaluate at least one token so its row is fresh
        self.llm.n_tokens = common
        self.llm.eval(tokens[common:])

    def log_softmax_rows(self, rows):
        rows = rows.astype(self.np.float64)
        top = rows.max(axis=1, keepdims=True)
        return rows - (top + self.np.log(self.np.exp(rows - top).sum(axis=1, keepdims=True)))

    # -- operations -------------------------------------------------------------

    def score(self, text, spans):
        data = text.encode("utf-8")
        tokens = self.tokenize(data)
        offsets = self.offsets(tokens, data)
        self.evaluate(tokens)
        scores = self.llm.scores  # row i predicts token i + 1
        byte_at = char_to_byte_offsets(text)
        results = []
        for start, end in spans:
            idx = overlapping_tokens(offsets, byte_at[start], byte_at[end])
            if not idx:
                raise AdapterError("span '[%d, %d]' covers no token" % (start, end))
            if idx[0] == 0:
                raise AdapterError("span '[%d, %d]' starts at the first token, which has no context" % (start, end))
            rows = scores[[i - 1 for i in idx]]
            targets = [tokens[i] for i in idx]
            logprobs = self.log_softmax_rows(rows)
            lp = float(sum(logprobs[k, t] for k, t in enumerate(targets)))
            correct = all(int(rows[k].argmax()) == t for k, t in enumerate(targets))
            results.append((lp, correct))
        return results

    def generate(self, prompt, max_tokens, stop):
        tokens = self.tokenize(prompt.encode("utf-8"))
        self.evaluate(tokens)
        out = b""
        for _ in range(max_tokens):
            row = self.llm.scores[self.llm.n_tokens - 1]
            token = int(row.argmax())
            if token == self.eos or self.llm.n_tokens >= self.llm.n_ctx():
                break
            out += self.llm.detokenize([token])
            text = out.decode("utf-8", errors="ignore")
            if any(s and s in text for s in stop):
                break
            self.llm.eval([token])
        return cut_at_stop(out.decode("utf-8", errors="replace"), stop)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="path to a .gguf file")
    parser.add_argument("--n-ctx", type=int, default=2048, help="context size in tokens (default 2048)")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (default: llama.cpp's choice)")
    parser.add_argument("--train-length", type=int, default=None, help="training trace length to report")
    args = parser.parse_args(argv)
    if not os.path.isfile(args.model):
        log("gguf_adapter: model file '%s' does not exist" % args.model)
        sys.exit(2)
    answers = private_stdout()  # before loading: llama.cpp must not write into the protocol stream
    adapter = GGUFAdapter(args.model, args.n_ctx, args.threads, args.train_length)
    log("gguf_adapter: loaded '%s' (n_ctx %d, vocab %d)" % (args.model, adapter.llm.n_ctx(), adapter.llm.n_vocab()))
    serve(adapter, stdout=answers)


if __name__ == "__main__":
    main()
