"""Helper library for writing cwmbench model adapters (protocol ``cwmbench/1``).

Standard library only, Python >= 3.9. Subclass :class:`Adapter`, implement the
operations your model supports, and call :func:`serve`::

    from cwmbench_adapter import Adapter, serve

    class Constant(Adapter):
        name = "constant"

        def generate(self, prompt, max_tokens, stop):
            return "a 1"

    if __name__ == "__main__":
        serve(Constant())

The harness (``cwmbench eval --model "exec:python3 my_adapter.py"``) writes one
JSON object per line to the adapter's stdin and reads one JSON object per line
from its stdout. Everything else the adapter prints goes to stderr, which the
harness treats as its log: :func:`serve` redirects ``print`` and even C-level
writes to file descriptor 1 to stderr, so a chatty library cannot corrupt the
answers.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
import os
import random
import queue
import sys
import threading
from typing import IO, Iterable, List, Optional, Sequence, Tuple, Union

PROTOCOL = "cwmbench/1"

__all__ = ["PROTOCOL", "Adapter", "AdapterError", "Span", "serve", "private_stdout", "log", "cut_at_stop",
           "overlapping_tokens", "char_to_byte_offsets", "greedy_text", "greedy_writes", "sampling_rng",
           "sample_index"]


class AdapterError(Exception):
    """An error whose message is sent to the harness as the answer's ``error``."""


def log(*parts: object) -> None:
    """Write one line to stderr, the harness's log (never to stdout)."""
    print(*parts, file=sys.stderr, flush=True)


def cut_at_stop(text: str, stop: Iterable[str]) -> str:
    """Return ``text`` up to (excluding) the earliest occurrence of any stop string."""
    cut = len(text)
    for s in stop:
        if s:
            i = text.find(s)
            if 0 <= i < cut:
                cut = i
    return text[:cut]


def char_to_byte_offsets(text: str) -> List[int]:
    """Byte offset in UTF-8 of every character position 0...len(text)."""
    offsets = [0]
    for ch in text:
        offsets.append(offsets[-1] + len(ch.encode("utf-8")))
    return offsets


def overlapping_tokens(offsets: Sequence[Tuple[int, int]], start: int, end: int) -> List[int]:
    """Indices of the non-empty tokens whose ``(start, end)`` offsets overlap ``[start, end)``.

    ``offsets`` are per-token ``(start, end)`` ranges as a fast tokenizer's
    ``return_offsets_mapping`` gives them; empty ranges (special tokens, empty spans) never overlap.
    """
    if start >= end:
        return []
    return [i for i, (s, e) in enumerate(offsets) if e > s and s < end and e > start]


def sampling_rng(prompt: str, max_tokens: int, stop: Sequence[str], temperature: float) -> random.Random:
    """The generator a generate request samples with, seeded from the request itself.

    The seed is the first 8 bytes of the SHA-256 of the request's fields as JSON, so the same
    request (prompt, max_tokens, stop, temperature) draws the same sample in every run and on
    every machine, whatever order requests come in; the request's id plays no part (a retry or
    a resumed run sends the same request under another id).
    """
    key = json.dumps([prompt, int(max_tokens), list(stop), float(temperature)], ensure_ascii=False)
    return random.Random(int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big"))


def sample_index(logits: Sequence[float], temperature: float, rng: Optional[random.Random] = None) -> int:
    """An index drawn from ``softmax(logits / temperature)``; the argmax (the first of equals) at temperature 0.

    Standard library only, so both bundled adapters (numpy rows, torch rows as lists) share
    one rule. ``-inf`` logits are never drawn. The draw takes one ``rng.random()``: the
    cumulative weights are walked until they pass ``u * total``.
    """
    values = [float(x) for x in logits]
    if not values:
        raise ValueError("no logits to sample from")
    top = max(range(len(values)), key=lambda i: (values[i], -i))
    if temperature <= 0 or not math.isfinite(values[top]):
        return top
    if rng is None:
        raise ValueError("sampling at a temperature above 0 needs a random generator")
    peak = values[top]
    # Shifted by the maximum, so the largest weight is exactly 1 and nothing overflows.
    weights = [math.exp((x - peak) / temperature) if x > -math.inf else 0.0 for x in values]
    threshold = rng.random() * sum(weights)
    total = 0.0
    last = top
    for index, weight in enumerate(weights):
        if weight > 0:
            total += weight
            last = index
            if total > threshold:
                return index
    return last  # rounding left the threshold a hair past the sum


class Span(tuple):
    """A score span: the pair ``(start, end)`` that also carries ``end_text``.

    ``end_text`` is what the trace puts right after the answer (the request's ``ends``;
    ``""`` when the harness sent none). A span is greedy-correct only when greedy decoding
    writes ``text[start:end]`` and then ``end_text``. It unpacks like the plain pair, so
    adapters written before ``ends`` existed keep working (without the end check).
    """

    end_text: str

    def __new__(cls, start: int, end: int, end_text: str = "") -> "Span":
        span = super().__new__(cls, (start, end))
        span.end_text = end_text
        return span


def greedy_text(trace_pieces: Sequence, greedy_pieces: Sequence):
    """What greedy decoding writes at these positions, as far as one teacher-forced pass knows it.

    ``trace_pieces`` are the decoded trace tokens at consecutive positions and
    ``greedy_pieces`` the decoded argmax at each (given the true text before it). While
    the argmax spells the trace's token, greedy decoding follows the trace; at the first
    position where it does not, greedy decoding writes that argmax and leaves the trace,
    so what it writes after is unknown. Works on ``str`` or ``bytes`` pieces alike.
    """
    written = []
    for trace, greedy in zip(trace_pieces, greedy_pieces):
        written.append(greedy)
        if greedy != trace:
            break
    empty = trace_pieces[0][:0] if len(trace_pieces) else ""
    return empty.join(written)


def greedy_writes(trace_pieces: Sequence, greedy_pieces: Sequence, overshoot: int = 0) -> bool:
    """Whether greedy decoding writes the trace's text over these positions (answer and its ending).

    The pieces are those of the tokens that overlap the span and its ``end_text``, in order
    (see :func:`greedy_text`); ``overshoot`` is how many characters (bytes, for ``bytes``
    pieces) of the last trace token lie past the ending: a terminator that the tokenizer
    merged with the next characters (``"\n>>>"`` as one token). Decoded text is compared
    as a prefix, never token ids: a greedy token that writes the ending and then something
    else (``"\n"`` where the trace has ``"\n>>>"``, or the reverse) still ends the answer.
    A greedy token that writes only part of the rest (``"'"`` where the trace has ``"'\n"``)
    leaves the trace, so one pass cannot tell: it is counted wrong.
    """
    if not len(trace_pieces):
        return False
    empty = trace_pieces[0][:0]
    needed = empty.join(trace_pieces)
    if overshoot > 0:
        needed = needed[:max(0, len(needed) - overshoot)]
    return greedy_text(trace_pieces, greedy_pieces).startswith(needed)


class Adapter:
    """Base class of a cwmbench adapter: override the operations the model supports.

    - ``score(text, spans)`` returns one ``(logprob, correct)`` per span: the
      log-probability of ``text[start:end]`` given ``text[:start]``, and whether
      greedy decoding writes it and then the span's ``end_text`` (each span is a
      :class:`Span`; :func:`greedy_writes` does the check on decoded pieces). A span may also say what
      greedy decoding writes over it and how many tokens it is:
      ``(logprob, correct, predicted, tokens)`` (either may be None). A
      log-probability of ``-inf`` is sent as the protocol's ``"-inf"``.
    - ``generate(prompt, max_tokens, stop)`` returns the continuation of
      ``prompt`` (the harness asks for one line; stop strings are cut off).
      To sample (``eval --temperature T``), accept ``temperature=0.0`` as a keyword: it
      is passed only when above 0, drawing each token with :func:`sample_index` and a
      generator from :func:`sampling_rng`; an adapter without it is refused such requests.
      The default implementation calls the optional hook ``next_token(text)``,
      which returns the next piece of text after ``text`` ("" to stop).
    - ``choice(prompt, candidates)`` returns one log-probability per candidate.
      The default implementation scores ``prompt + candidate`` with ``score``.

    ``modes`` defaults to what the subclass provides.
    """

    name: str = "adapter"
    modes: Optional[List[str]] = None
    train_length: Optional[int] = None
    # How many requests the adapter wants in flight (its hello's ``max_concurrency``); None lets
    # the harness choose (64). A single-threaded model process wants 1.
    max_concurrency: Optional[int] = None

    # -- operations -----------------------------------------------------------

    def score(self, text: str, spans: Sequence[Tuple[int, int]]) -> List[Tuple[float, bool]]:
        raise AdapterError("mode 'score' is not supported by this adapter")

    def score_batch(self, items: Sequence[Tuple[str, Sequence[Tuple[int, int]]]]
                    ) -> List[Union[List[Tuple[float, bool]], Exception]]:
        """Scores several ``(text, spans)`` requests at once: per item, its results or the exception it raised.

        :func:`serve` with ``batch_size > 1`` hands every score request that is waiting to
        this method, so an adapter can put several of them into one forward pass. The
        default scores them one by one with :meth:`score`.
        """
        out: List[Union[List[Tuple[float, bool]], Exception]] = []
        for text, spans in items:
            try:
                out.append(self.score(text, spans))
            except Exception as error:  # one bad request must not fail the others
                out.append(error)
        return out

    def generate(self, prompt: str, max_tokens: int, stop: Sequence[str]) -> str:
        next_token = getattr(self, "next_token", None)
        if next_token is None:
            raise AdapterError("mode 'generate' is not supported by this adapter")
        out = ""
        for _ in range(max_tokens):
            piece = next_token(prompt + out)
            if not piece:
                break
            out += piece
            if any(s and s in out for s in stop):
                break
        return cut_at_stop(out, stop)

    def choice(self, prompt: str, candidates: Sequence[str]) -> List[float]:
        if not self._overrides("score"):
            raise AdapterError("mode 'choice' is not supported by this adapter")
        result = []
        for c in candidates:
            ((logprob, _correct, *_),) = self.score(prompt + c, [(len(prompt), len(prompt) + len(c))])
            result.append(float(logprob))
        return result

    # -- description ----------------------------------------------------------

    def supported_modes(self) -> List[str]:
        """The modes announced in ``hello``: ``modes`` if set, else what the subclass overrides."""
        if self.modes is not None:
            return list(self.modes)
        modes = []
        if self._overrides("score"):
            modes.append("score")
        if self._overrides("generate") or getattr(self, "next_token", None) is not None:
            modes.append("generate")
        if self._overrides("choice") or self._overrides("score"):
            modes.append("choice")
        return modes

    def _overrides(self, method: str) -> bool:
        return getattr(type(self), method) is not getattr(Adapter, method)


# -- protocol -------------------------------------------------------------------


def _hello(adapter: Adapter, request: dict) -> dict:
    protocol = request.get("protocol")
    if protocol != PROTOCOL:
        return {"ok": False, "error": "unsupported protocol '%s'" % (protocol,)}
    answer = {"ok": True, "name": str(adapter.name), "modes": adapter.supported_modes()}
    if adapter.train_length is not None:
        answer["train_length"] = int(adapter.train_length)
    if adapter.max_concurrency is not None:
        answer["max_concurrency"] = int(adapter.max_concurrency)
    return answer


def _field(request: dict, key: str, kind: type, what: str):
    if key not in request:
        raise AdapterError("missing field '%s'" % key)
    value = request[key]
    # bool is an int in Python; a boolean is never a valid count or offset here.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise AdapterError("field '%s' must be %s, got '%s'" % (key, what, json.dumps(value)))
    return value


def _strings(request: dict, key: str) -> List[str]:
    values = _field(request, key, list, "a list of strings")
    for v in values:
        if not isinstance(v, str):
            raise AdapterError("field '%s' must be a list of strings, got '%s'" % (key, json.dumps(v)))
    return values


def _finite(value: object, what: str) -> float:
    x = float(value)  # type: ignore[arg-type]
    if not math.isfinite(x):
        # JSON has no infinities; the harness would reject the whole line.
        raise AdapterError("non-finite %s '%s'" % (what, x))
    return x


def _score_arguments(request: dict) -> Tuple[str, List[Span]]:
    """The checked ``text`` and ``spans`` of a score request, each span with its ``end_text`` from ``ends``."""
    text = _field(request, "text", str, "a string")
    raw = _field(request, "spans", list, "a list of [start, end] pairs")
    spans = []
    for span in raw:
        if (not isinstance(span, list) or len(span) != 2
                or not all(isinstance(x, int) and not isinstance(x, bool) for x in span)):
            raise AdapterError("span '%s' is not a [start, end] pair" % json.dumps(span))
        start, end = span
        if not 0 <= start <= end <= len(text):
            raise AdapterError("span '%s' is outside the text of length %d" % (json.dumps(span), len(text)))
        spans.append((start, end))
    # ``ends`` is additive: a request without it (an older harness) asks no end check.
    ends = _strings(request, "ends") if "ends" in request else [""] * len(spans)
    if len(ends) != len(spans):
        raise AdapterError("field 'ends' has %d entries for %d spans" % (len(ends), len(spans)))
    for (start, end), end_text in zip(spans, ends):
        if text[end:end + len(end_text)] != end_text:
            raise AdapterError("end '%s' does not follow the span '[%d, %d]' in the text"
                               % (json.dumps(end_text), start, end))
    return text, [Span(start, end, end_text) for (start, end), end_text in zip(spans, ends)]


def _span_logprob(value: object) -> object:
    """A span's log-probability as the protocol spells it: a number, or "-inf" for a probability of 0."""
    x = float(value)  # type: ignore[arg-type]
    if x == -math.inf:
        return "-inf"
    return _finite(x, "logprob")


def _span_answer(result) -> dict:
    """One span of a score answer from ``(logprob, correct[, predicted[, tokens]])``."""
    logprob, correct, *extra = result
    span = {"logprob": _span_logprob(logprob), "correct": bool(correct)}
    if len(extra) > 0 and extra[0] is not None:
        span["predicted"] = str(extra[0])
    if len(extra) > 1 and extra[1] is not None:
        span["tokens"] = int(extra[1])
    return span


def _score_answer(rid, spans: Sequence[Tuple[int, int]], results) -> dict:
    if len(results) != len(spans):
        raise AdapterError("adapter returned %d results for %d spans" % (len(results), len(spans)))
    return {"id": rid, "spans": [_span_answer(result) for result in results]}


def _dispatch(adapter: Adapter, request: dict) -> dict:
    op = request.get("op")
    rid = request["id"]
    if op not in ("score", "generate", "choice"):
        raise AdapterError("unknown op '%s'" % (op,))
    if op not in adapter.supported_modes():
        raise AdapterError("mode '%s' is not supported by this adapter" % op)
    if op == "score":
        text, spans = _score_arguments(request)
        return _score_answer(rid, spans, adapter.score(text, spans))
    if op == "generate":
        prompt = _field(request, "prompt", str, "a string")
        max_tokens = request.get("max_tokens", 24)
        if not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1:
            raise AdapterError("field 'max_tokens' must be a positive integer, got '%s'" % json.dumps(max_tokens))
        stop = _strings(request, "stop") if "stop" in request else ["\n"]
        temperature = request.get("temperature", 0)
        if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) \
                or not math.isfinite(temperature) or temperature < 0:
            raise AdapterError("field 'temperature' must be a number >= 0, got '%s'" % json.dumps(temperature))
        if temperature > 0:
            if not _takes_temperature(adapter.generate):
                raise AdapterError("this adapter decodes greedily only (its generate takes no 'temperature'); "
                                   "use --temperature 0")
            text = adapter.generate(prompt, max_tokens, stop, temperature=float(temperature))
        else:
            text = adapter.generate(prompt, max_tokens, stop)
        if not isinstance(text, str):
            raise AdapterError("adapter returned '%s' instead of a string" % type(text).__name__)
        return {"id": rid, "text": cut_at_stop(text, stop)}
    prompt = _field(request, "prompt", str, "a string")
    candidates = _strings(request, "candidates")
    logprobs = adapter.choice(prompt, candidates)
    if len(logprobs) != len(candidates):
        raise AdapterError("adapter returned %d logprobs for %d candidates" % (len(logprobs), len(candidates)))
    return {"id": rid, "logprobs": [_finite(lp, "logprob") for lp in logprobs]}


def _takes_temperature(generate) -> bool:
    """Whether an adapter's ``generate`` accepts ``temperature=`` (adapters written before it do not)."""
    try:
        parameters = inspect.signature(generate).parameters.values()
    except (TypeError, ValueError):
        return False
    return any(p.name == "temperature" or p.kind == p.VAR_KEYWORD for p in parameters)


def _describe(error: BaseException) -> str:
    if isinstance(error, AdapterError):
        return str(error)
    message = str(error)
    return "%s: %s" % (type(error).__name__, message) if message else type(error).__name__


def _answer(adapter: Adapter, line: str) -> Optional[dict]:
    """The answer to one input line, or None for a blank line."""
    if not line.strip():
        return None
    try:
        request = json.loads(line)
    except ValueError as error:
        return {"id": None, "error": "request is not JSON: %s" % error}
    if not isinstance(request, dict):
        return {"id": None, "error": "request is not a JSON object"}
    if request.get("op") == "hello":
        return _hello(adapter, request)
    rid = request.get("id")
    if not isinstance(rid, (str, int)) or isinstance(rid, bool):
        return {"id": None, "error": "request has no 'id'"}
    try:
        return _dispatch(adapter, request)
    except Exception as error:  # one bad request must never end the session
        log("cwmbench_adapter: request %s failed: %s" % (json.dumps(rid), _describe(error)))
        return {"id": rid, "error": _describe(error)}


def _batchable(adapter: Adapter, line: str):
    """``(id, text, spans)`` when ``line`` is a well-formed score request this adapter serves, else None."""
    try:
        request = json.loads(line)
    except ValueError:
        return None
    if not isinstance(request, dict) or request.get("op") != "score":
        return None
    rid = request.get("id")
    if not isinstance(rid, (str, int)) or isinstance(rid, bool) or "score" not in adapter.supported_modes():
        return None
    try:
        text, spans = _score_arguments(request)
    except AdapterError:
        return None  # answered with its error by the one-at-a-time path
    return rid, text, spans


def _answer_batch(adapter: Adapter, lines: Sequence[str]) -> List[dict]:
    """Answers for ``lines``: score requests go to ``score_batch`` together, the rest one by one."""
    answers: List[Optional[dict]] = [None] * len(lines)
    batch = []
    for index, line in enumerate(lines):
        parsed = _batchable(adapter, line)
        if parsed is None:
            answers[index] = _answer(adapter, line)
        else:
            batch.append((index, parsed))
    if batch:
        try:
            results = adapter.score_batch([(text, spans) for _, (_, text, spans) in batch])
            if len(results) != len(batch):
                raise AdapterError("adapter returned %d batch results for %d requests" % (len(results), len(batch)))
        except Exception as error:
            log("cwmbench_adapter: a batch of %d score requests failed (%s); scoring them one by one"
                % (len(batch), _describe(error)))
            results = Adapter.score_batch(adapter, [(text, spans) for _, (_, text, spans) in batch])
        for (index, (rid, _text, spans)), result in zip(batch, results):
            try:
                if isinstance(result, Exception):
                    raise result
                answers[index] = _score_answer(rid, spans, result)
            except Exception as error:
                log("cwmbench_adapter: request %s failed: %s" % (json.dumps(rid), _describe(error)))
                answers[index] = {"id": rid, "error": _describe(error)}
    return [a for a in answers if a is not None]


def _write(stdout: IO[str], answer: dict) -> None:
    try:
        encoded = json.dumps(answer, allow_nan=False, sort_keys=True)
    except ValueError as error:
        encoded = json.dumps({"id": answer.get("id"), "error": "answer is not valid JSON: %s" % error})
    stdout.write(encoded + "\n")


def _batches(stdin: IO[str], batch_size: int, linger: float):
    """Lists of at most ``batch_size`` input lines: whatever has arrived, waiting up to ``linger`` s for more."""
    lines: "queue.Queue[Optional[str]]" = queue.Queue()

    def read() -> None:
        try:
            for line in stdin:
                lines.put(line)
        finally:
            lines.put(None)

    threading.Thread(target=read, name="cwmbench-stdin", daemon=True).start()
    while True:
        first = lines.get()
        if first is None:
            return
        batch = [first]
        ended = False
        while len(batch) < batch_size:
            try:
                line = lines.get(timeout=linger) if linger > 0 else lines.get_nowait()
            except queue.Empty:
                break
            if line is None:
                ended = True
                break
            batch.append(line)
        yield batch
        if ended:
            return


def private_stdout() -> IO[str]:
    """Keep fd 1 for answers only: point fd 1 (and ``sys.stdout``) at stderr, return the real stdout.

    Call it before loading a native library that may print, and pass the result to :func:`serve`.
    """
    sys.stdout.flush()
    answer_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return os.fdopen(answer_fd, "w", encoding="utf-8", newline="\n")


def serve(adapter: Adapter, stdin: Optional[IO[str]] = None, stdout: Optional[IO[str]] = None,
          batch_size: int = 1, linger: float = 0.002) -> None:
    """Answer ``cwmbench/1`` requests from ``stdin`` on ``stdout`` until EOF.

    With the default streams, everything else written to stdout (``print``,
    native libraries) is redirected to stderr for the lifetime of the process.

    With ``batch_size > 1`` a thread reads requests as they arrive (the harness keeps
    many in flight and accepts answers in any order) and up to ``batch_size`` waiting
    score requests go to :meth:`Adapter.score_batch` at once; ``linger`` is how long to
    wait for more before starting a batch that is not full.
    """
    if stdout is None:
        stdout = private_stdout()
    if stdin is None:
        stdin = open(sys.stdin.fileno(), "r", encoding="utf-8", newline="\n", closefd=False)
    if batch_size <= 1:
        for line in stdin:
            answer = _answer(adapter, line)
            if answer is None:
                continue
            _write(stdout, answer)
            stdout.flush()
        return
    for lines in _batches(stdin, batch_size, linger):
        for answer in _answer_batch(adapter, lines):
            _write(stdout, answer)
        stdout.flush()
