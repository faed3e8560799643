"""cwmbench adapter for GGUF checkpoints, run in-process by llama-cpp-python.

    python3 Adapters/python/gguf_adapter.py MODEL.gguf [--n-ctx N | --size-from TASKS.jsonl [--shots K]]
        [--special-tokens auto|on|off] [--threads N] [--train-length T]

``cwmbench eval --model MODEL.gguf`` runs it with ``--size-from`` the task file: the context
is then sized from the longest trace in the model's own tokens (times 1 + the few-shot count)
plus room for the answer, unless ``--n-ctx`` is given. CWM's markers (``<|frame_sep|>`` …)
are read as the vocabulary's special tokens when every one of them is a single token there
(``auto``), which a CWM checkpoint needs to see its own format; ``on``/``off`` force it.

Why not llama.cpp's HTTP server: its ``echo`` path recomputes prompt logprobs
token by token and takes minutes per long prompt. Here the model is loaded with
``logits_all=True`` and the whole trace is evaluated in one pass; log-softmax is
taken only over the rows that predict answer tokens (a Gemma 3 row has 262,144
entries). When llama-cpp-python exposes its batch (0.3.x does), only those rows
are even computed by the output layer, which roughly halves a pass for a small
model with a large vocabulary; ``CWMBENCH_GGUF_SLOW=1`` forces the public
``eval``/``scores`` path.

A span covers every token whose text overlaps it, so a token that straddles the
span boundary counts whole; ``correct`` means greedy decoding writes the span and
then its ``end_text``: the argmax spells each trace token over the span and its
ending, compared as detokenized bytes (a terminator merged with what follows it is
cut; see ``greedy_writes``). Generation is plain greedy argmax over the same logits (no
repetition penalty), so score and generate judge greedy decoding alike; with ``eval
--temperature T`` above 0 each token is drawn from the softmax at T instead (``sample_index``,
seeded from the request: the same request draws the same sample). Every
request starts from an empty cache: answers never depend on earlier requests.

Memory: llama-cpp-python keeps an ``n_ctx x n_vocab`` float32 logits array
(2 GiB for Gemma 3 at ``--n-ctx 2048``): a context sized from the task file keeps it no
larger than the longest trace needs.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Dict, List, Sequence, Set, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cwmbench_adapter import (  # noqa: E402
    Adapter,
    AdapterError,
    char_to_byte_offsets,
    cut_at_stop,
    greedy_writes,
    log,
    overlapping_tokens,
    private_stdout,
    sample_index,
    sampling_rng,
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


# The markers of Meta CWM's trace format (Sources/CWMBenchFamilies/CWMFormat/CWMFrame.swift).
CWM_MARKERS = [
    "<|trace_context_start|>", "<|frame_sep|>", "<|line_sep|>", "<|action_sep|>", "<|call_sep|>",
    "<|return_sep|>", "<|exception_sep|>", "<|arg_sep|>",
]

# Tokens kept free for the answer (and the chat of a few-shot prompt's seams) when sizing n_ctx.
ANSWER_ROOM = 256


def special_marker_ids(mode: str, tokenize_special) -> Dict[int, bytes]:
    """Token id -> marker text for CWM's markers, when they are to be read as special tokens.

    ``tokenize_special(data)`` tokenizes bytes with special tokens parsed and no BOS. ``auto``
    uses them when every marker is a single token of the vocabulary; ``on`` uses those that
    are (and says nothing about the others); ``off`` never.
    """
    if mode == "off":
        return {}
    found = {}
    for marker in CWM_MARKERS:
        ids = tokenize_special(marker.encode("utf-8"))
        if len(ids) == 1:
            found[ids[0]] = marker.encode("utf-8")
    if mode == "auto" and len(found) < len(CWM_MARKERS):
        return {}
    return found


def longest_texts(path: str, count: int = 3) -> List[str]:
    """The ``count`` longest ``text`` fields (in bytes) of a task file: the candidates for its
    longest trace in tokens (a few, as bytes per token vary a little from trace to trace)."""
    import heapq
    import json
    heap: List[Tuple[int, int, str]] = []
    with open(path, "rb") as handle:
        for number, line in enumerate(handle):
            if not line.strip():
                continue
            text = json.loads(line).get("text", "")
            item = (len(text.encode("utf-8")), number, text)
            if len(heap) < count:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
    return [text for _, _, text in sorted(heap, reverse=True)]


def context_size(longest_tokens: int, shots: int) -> int:
    """n_ctx for a trace of ``longest_tokens`` tokens shown after ``shots`` like it, plus the
    answer's room, rounded up to a multiple of 256 and at least 512."""
    needed = longest_tokens * (1 + max(0, shots)) + ANSWER_ROOM
    return max(512, -(-needed // 256) * 256)


class GGUFAdapter(Adapter):
    """Scores, generates and chooses with a GGUF model through llama-cpp-python's Python API."""

    modes = ["score", "generate", "choice"]
    # One llama.cpp context answers one request at a time: more in flight only wait (and time out).
    max_concurrency = 1
    # CWM markers read as special tokens: id -> marker text (set at load; none until then).
    markers: Dict[int, bytes] = {}

    def __init__(self, path: str, n_ctx, threads: int, train_length=None, size_from=None, shots=0,
                 special_tokens="auto"):
        llama_cpp = require("llama_cpp", "llama-cpp-python")
        self.np = require("numpy", "numpy")
        vocab = None
        if n_ctx is None or special_tokens != "off":
            # The vocabulary alone: tokenizing needs no weights and no context.
            vocab = llama_cpp.Llama(model_path=path, vocab_only=True, verbose=False)
        self.markers = {} if vocab is None else special_marker_ids(
            special_tokens, lambda data: vocab.tokenize(data, add_bos=False, special=True))
        if n_ctx is None:
            if size_from:
                longest = max((len(vocab.tokenize(t.encode("utf-8"), add_bos=True, special=bool(self.markers)))
                               for t in longest_texts(size_from)), default=0)
                n_ctx = context_size(longest, shots)
                log("gguf_adapter: n_ctx %d from the longest trace of '%s' (%d tokens, %d shots)"
                    % (n_ctx, size_from, longest, shots))
            else:
                n_ctx = 2048
        if self.markers:
            log("gguf_adapter: CWM markers read as special tokens (%d of %d in the vocabulary)"
                % (len(self.markers), len(CWM_MARKERS)))
        del vocab
        kwargs = dict(model_path=path, logits_all=True, n_ctx=n_ctx, verbose=False)
        if threads > 0:
            kwargs["n_threads"] = threads
        self.llm = llama_cpp.Llama(**kwargs)
        self.name = os.path.splitext(os.path.basename(path))[0]
        self.train_length = train_length
        self.eos = self.llm.token_eos()
        self.n_vocab = self.llm.n_vocab()
        ctx = getattr(self.llm, "_ctx", None)
        self.fast = (hasattr(self.llm, "_batch") and hasattr(ctx, "get_logits_ith") and hasattr(ctx, "decode")
                     and hasattr(ctx, "kv_cache_seq_rm") and os.environ.get("CWMBENCH_GGUF_SLOW") != "1")

    # -- tokens -----------------------------------------------------------------

    def tokenize(self, data: bytes) -> List[int]:
        return self.llm.tokenize(data, add_bos=True, special=bool(self.markers))

    def piece(self, token: int) -> bytes:
        """A token's text: a CWM marker read as a special token spells its marker (which
        detokenizing drops, as it drops BOS)."""
        marker = self.markers.get(token)
        return marker if marker is not None else self.llm.detokenize([token])

    def text_of(self, tokens: List[int]) -> bytes:
        """Tokens detokenized in context, each marker spelled out between the runs around it."""
        out, run = b"", []
        for token in tokens:
            if token in self.markers:
                out += (self.llm.detokenize(run) if run else b"") + self.markers[token]
                run = []
            else:
                run.append(token)
        return out + (self.llm.detokenize(run) if run else b"")

    def offsets(self, tokens: List[int], data: bytes) -> List[Tuple[int, int]]:
        """Byte range of every token in ``data``; special tokens (BOS) get an empty range."""
        pieces = [self.piece(t) for t in tokens]
        if b"".join(pieces) == data:
            return piece_offsets(pieces)
        # Some tokenizers only render correctly in context (e.g. a leading space): detokenize prefixes.
        offsets, previous = [], 0
        for i in range(len(tokens)):
            now = len(self.text_of(tokens[: i + 1]))
            offsets.append((previous, now))
            previous = now
        if previous != len(data):
            raise AdapterError("detokenized text has %d bytes, expected %d" % (previous, len(data)))
        return offsets

    def forward(self, tokens: List[int], start: int, want: Set[int]) -> Dict[int, object]:
        """Evaluate ``tokens[start:]`` on top of the KV cache holding ``tokens[:start]``.

        Returns the logits rows (float32 arrays) of the positions in ``want``;
        row i predicts token i + 1. Only those rows go through the output layer
        when the installed llama-cpp-python exposes its batch (for a 262k vocabulary
        that layer costs more than the rest of a 270M model); otherwise every
        row is computed by the public ``eval`` and read from ``scores``.
        """
        llm = self.llm
        if len(tokens) > llm.n_ctx():
            raise AdapterError("context too long: %d tokens, n_ctx is %d" % (len(tokens), llm.n_ctx()))
        # Never trust the caller beyond what the cache really holds.
        cached = llm.input_ids[: min(start, llm.n_tokens)].tolist()
        same = 0
        while same < len(cached) and cached[same] == tokens[same]:
            same += 1
        start = min(start, same, min(want) if want else start)
        llm.n_tokens = start
        if not self.fast:
            llm.eval(tokens[start:])
            return {i: llm.scores[i] for i in want}
        llm._ctx.kv_cache_seq_rm(-1, start, -1)
        rows = {}
        for at in range(start, len(tokens), llm.n_batch):
            chunk = tokens[at: at + llm.n_batch]
            flags = [(at + j) in want for j in range(len(chunk))]
            if not any(flags):
                flags[-1] = True  # a decode always yields at least one row
            llm._batch.set_batch(batch=chunk, n_past=at, logits_all=False)
            for j, flag in enumerate(flags):
                llm._batch.batch.logits[j] = flag
            llm._ctx.decode(llm._batch)
            for j, flag in enumerate(flags):
                if flag and (at + j) in want:
                    row = self.np.ctypeslib.as_array(llm._ctx.get_logits_ith(j), shape=(self.n_vocab,))
                    rows[at + j] = row.copy()
            llm.input_ids[at: at + len(chunk)] = chunk
            llm.n_tokens = at + len(chunk)
        return rows

    def span_results(self, tokens, offsets, spans, start=0, known=None) -> List[Tuple[float, bool, str, int]]:
        """Score each byte span by the rows predicting its tokens.

        Rows in ``known`` (position -> logits) are reused; the others come from
        evaluating ``tokens[start:]`` on top of the cache, which must hold
        ``tokens[:start]``, and only up to the last row needed.
        """
        known = known or {}
        selected = []
        for span in spans:
            s, e = span[0], span[1]
            stop = span[2] if len(span) > 2 else e  # byte offset where the span's ending ends
            idx = overlapping_tokens(offsets, s, e)
            if not idx:
                raise AdapterError("span '[%d, %d]' covers no token" % (s, e))
            if idx[0] == 0:
                raise AdapterError("span '[%d, %d]' starts at the first token, which has no context" % (s, e))
            ending = [i for i in overlapping_tokens(offsets, e, stop) if i > idx[-1]]
            # Without an ending (an older harness, or a choice candidate) only the tokens count: -1.
            selected.append((idx, ending, max(0, offsets[(ending or idx)[-1]][1] - stop) if stop > e else -1))
        needed = {i - 1 for idx, ending, _ in selected for i in idx + ending}
        missing = needed - set(known)
        rows = dict(known)
        if missing:
            rows.update(self.forward(tokens[: max(missing) + 1], start, missing))
        results = []
        for idx, ending, overshoot in selected:
            logits = self.np.stack([rows[i - 1] for i in idx]).astype(self.np.float64)
            top = logits.max(axis=1, keepdims=True)
            log_norm = top[:, 0] + self.np.log(self.np.exp(logits - top).sum(axis=1))
            lp = float(sum(logits[k, tokens[i]] - log_norm[k] for k, i in enumerate(idx)))
            best = [int(logits[k].argmax()) for k in range(len(idx))]
            # The answer and then its ending, compared as detokenized bytes (a merged terminator is cut).
            written = idx + ending
            greedy = best + [int(rows[i - 1].argmax()) for i in ending]
            correct = all(b == tokens[i] for b, i in zip(greedy, written)) or (overshoot >= 0 and greedy_writes(
                [self.piece(tokens[i]) for i in written], [self.piece(b) for b in greedy],
                overshoot))
            # What the argmax writes over the span given the true text before each token: greedy
            # decoding's output up to its first wrong token. The span is len(idx) tokens long.
            predicted = b"".join(self.piece(b) for b in best).decode("utf-8", errors="replace")
            results.append((lp, correct, predicted, len(idx)))
        return results

    # -- operations -------------------------------------------------------------
    # Every request starts from an empty cache, so its numbers never depend on
    # which requests came before it (float results shift slightly with batching).

    def score(self, text, spans):
        data = text.encode("utf-8")
        tokens = self.tokenize(data)
        offsets = self.offsets(tokens, data)
        byte_at = char_to_byte_offsets(text)
        ends = [getattr(span, "end_text", "") for span in spans]
        return self.span_results(tokens, offsets, [(byte_at[s], byte_at[e], byte_at[e + len(end)])
                                                   for (s, e), end in zip(spans, ends)])

    def choice(self, prompt, candidates):
        # The prompt is evaluated once; its rows serve every candidate that extends its tokens.
        prompt_tokens = self.tokenize(prompt.encode("utf-8"))
        n = len(prompt_tokens)
        prompt_rows = self.forward(prompt_tokens, 0, {n - 1})
        start_byte = len(prompt.encode("utf-8"))
        logprobs = []
        for candidate in candidates:
            data = (prompt + candidate).encode("utf-8")
            tokens = self.tokenize(data)
            offsets = self.offsets(tokens, data)
            common = 0
            while common < min(n, len(tokens)) and tokens[common] == prompt_tokens[common]:
                common += 1
            # row n-1 depends only on the prompt's tokens; forward() re-evaluates anything else it must
            known = {n - 1: prompt_rows[n - 1]} if common == n else {}
            span = (start_byte, len(data))
            logprobs.append(self.span_results(tokens, offsets, [span], start=common, known=known)[0][0])
        return logprobs

    def generate(self, prompt, max_tokens, stop, temperature=0.0):
        tokens = self.tokenize(prompt.encode("utf-8"))
        row = self.forward(tokens, 0, {len(tokens) - 1})[len(tokens) - 1]
        out = b""
        # At a temperature above 0 each token is drawn from the softmax, seeded by the request.
        rng = sampling_rng(prompt, max_tokens, stop, temperature) if temperature > 0 else None
        for _ in range(max_tokens):
            token = int(row.argmax()) if rng is None else sample_index(row.tolist(), temperature, rng)
            if token == self.eos or len(tokens) >= self.llm.n_ctx():
                break
            out += self.piece(token)
            text = out.decode("utf-8", errors="ignore")
            if any(s and s in text for s in stop):
                break
            tokens.append(token)
            row = self.forward(tokens, len(tokens) - 1, {len(tokens) - 1})[len(tokens) - 1]
        return cut_at_stop(out.decode("utf-8", errors="replace"), stop)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="path to a .gguf file")
    parser.add_argument("--n-ctx", type=int, default=None,
                        help="context size in tokens (default: sized from --size-from, else 2048)")
    parser.add_argument("--size-from", default=None, help="a task file whose longest trace sizes the context")
    parser.add_argument("--shots", type=int, default=0, help="few-shot traces shown before each (for sizing)")
    parser.add_argument("--special-tokens", choices=["auto", "on", "off"], default="auto",
                        help="read CWM's markers as special tokens (auto: when the vocabulary has them all)")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (default: llama.cpp's choice)")
    parser.add_argument("--train-length", type=int, default=None, help="training trace length to report")
    args = parser.parse_args(argv)
    if not os.path.isfile(args.model):
        log("gguf_adapter: model file '%s' does not exist" % args.model)
        sys.exit(2)
    answers = private_stdout()  # before loading: llama.cpp must not write into the protocol stream
    adapter = GGUFAdapter(args.model, args.n_ctx, args.threads, args.train_length, args.size_from, args.shots,
                          args.special_tokens)
    log("gguf_adapter: loaded '%s' (n_ctx %d, vocab %d)" % (args.model, adapter.llm.n_ctx(), adapter.llm.n_vocab()))
    serve(adapter, stdout=answers)


if __name__ == "__main__":
    main()
