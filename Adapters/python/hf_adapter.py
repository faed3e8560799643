"""cwmbench adapter for Hugging Face checkpoints, run by torch + transformers.

    python3 Adapters/python/hf_adapter.py CHECKPOINT_DIR [--device auto] [--dtype auto]
        [--batch-size 8] [--max-batch-tokens 32768] [--import MODULE ...] [--trust-remote-code]

CHECKPOINT_DIR holds ``config.json``, the weights and a fast tokenizer; it is
loaded with ``local_files_only`` (nothing is fetched). If it also holds
``cwmbench-model.json`` with ``{"train_length": T}``, T is announced to the
harness so reports can mark the training length.

``cwmbench eval --model DIR`` starts this file without flags, so every flag also
has an environment variable, read when the flag is not given:
``CWMBENCH_HF_DEVICE``, ``CWMBENCH_HF_DTYPE``, ``CWMBENCH_HF_BATCH_SIZE``,
``CWMBENCH_HF_MAX_BATCH_TOKENS``, ``CWMBENCH_HF_IMPORT`` (comma-separated module
names) and ``CWMBENCH_HF_TRUST_REMOTE_CODE=1``.

- ``--device auto`` is CUDA when torch sees a GPU, else Apple's MPS, else the CPU;
  ``--dtype auto`` is bfloat16 on a GPU that has it (float16 on one that does not)
  and float32 elsewhere.
- ``--import MODULE`` imports a package before loading, for architectures that
  register themselves with transformers (``AutoConfig.register`` and
  ``AutoModelForCausalLM.register``), e.g. ``--import fla`` for
  flash-linear-attention's DeltaNet and Gated DeltaNet checkpoints.
- ``--trust-remote-code`` runs Python files shipped inside the checkpoint
  (``auto_map`` in config.json); off unless asked, because that code runs as you.

score: the harness keeps many requests in flight, so up to ``--batch-size`` waiting
score requests (one per trace) are run together: sorted by token length, padded on
the right with an attention mask (a causal model's real tokens never attend to the
pads after them) and limited to ``--max-batch-tokens`` padded tokens per forward pass.
Each trace gets exactly one forward pass that scores all of its queries, and only the
rows that predict answer tokens go through the output layer. A span's logprob is the
sum of the log-softmax of every token whose offsets overlap it (a token straddling the
boundary counts whole); ``correct`` means greedy decoding writes the span and then its
``end_text``: the argmax spells each trace token over the span and its ending, compared as
decoded text (a terminator merged with what follows it is cut; see ``greedy_writes``).
generate: greedy decoding with the KV cache until a stop string or max_tokens; with ``eval
--temperature T`` above 0, each token drawn from the softmax at T (``sample_index``, seeded from
the request: the same request draws the same sample).
choice: ``prompt + candidate`` for every candidate, scored together like spans.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cwmbench_adapter import (  # noqa: E402
    Adapter,
    AdapterError,
    cut_at_stop,
    greedy_writes,
    log,
    overlapping_tokens,
    private_stdout,
    sample_index,
    sampling_rng,
    serve,
)

DTYPES = ("auto", "float32", "float16", "bfloat16")


def require(module: str):
    """Import ``module`` or exit with a message naming the package and the pip command."""
    try:
        return __import__(module)
    except ImportError as error:
        log("hf_adapter: the Python package '%s' is missing (%s); install it with: "
            "python3 -m pip install torch transformers" % (module, error))
        sys.exit(2)


def read_train_length(checkpoint: str):
    """``train_length`` from ``cwmbench-model.json`` in the checkpoint, or None when absent."""
    path = os.path.join(checkpoint, "cwmbench-model.json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        meta = json.load(f)
    value = meta.get("train_length") if isinstance(meta, dict) else None
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise ValueError("'train_length' in '%s' must be a positive integer, got '%s'" % (path, value))
    return value


def import_modules(names) -> None:
    """Import each named module (it registers its architectures with transformers), or exit naming it."""
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:  # a broken plugin is the user's to fix; say which and why
            log("hf_adapter: cannot import module '%s' (from --import or CWMBENCH_HF_IMPORT): %s: %s"
                % (name, type(error).__name__, error))
            sys.exit(2)


def pick_device(torch, requested: str) -> str:
    """``requested``, or for ``auto`` the best device torch sees."""
    if requested != "auto":
        return requested
    if torch.cuda.is_available():
        return "cuda"
    mps = getattr(getattr(torch, "backends", None), "mps", None)
    if mps is not None and mps.is_available():
        return "mps"
    return "cpu"


def pick_dtype(torch, requested: str, device: str):
    """The torch dtype for ``requested``; ``auto`` is bf16 on a GPU that has it, else fp16 there, else fp32."""
    if requested != "auto":
        return getattr(torch, requested)
    if device.startswith("cuda"):
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return torch.float32


class HFAdapter(Adapter):
    """Scores, generates and chooses with a causal LM checkpoint through transformers."""

    modes = ["score", "generate", "choice"]

    def __init__(self, checkpoint: str, device: str = "auto", dtype: str = "auto", batch_size: int = 8,
                 max_batch_tokens: int = 32768, trust_remote_code: bool = False):
        self.torch = torch = require("torch")
        transformers = require("transformers")
        self.device = pick_device(torch, device)
        self.dtype = pick_dtype(torch, dtype, self.device)
        self.batch_size = max(1, int(batch_size))
        # Enough requests in flight to fill one batch.
        self.max_concurrency = self.batch_size
        self.max_batch_tokens = max(1, int(max_batch_tokens))
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(
            checkpoint, local_files_only=True, trust_remote_code=trust_remote_code)
        if not getattr(self.tokenizer, "is_fast", False):
            raise SystemExit("hf_adapter: '%s' has no fast tokenizer (tokenizer.json); "
                             "score needs return_offsets_mapping" % checkpoint)
        # transformers 4.56 renamed torch_dtype to dtype; older releases know only the old name.
        major_minor = tuple(int(x) for x in transformers.__version__.split(".")[:2])
        dtype_key = "dtype" if major_minor >= (4, 56) else "torch_dtype"
        self.model = transformers.AutoModelForCausalLM.from_pretrained(
            checkpoint, local_files_only=True, trust_remote_code=trust_remote_code, **{dtype_key: self.dtype})
        self.model.to(self.device)
        self.model.eval()
        self.name = os.path.basename(os.path.normpath(checkpoint))
        self.train_length = read_train_length(checkpoint)
        self.max_positions = getattr(self.model.config, "max_position_embeddings", None)
        self.eos = self.tokenizer.eos_token_id
        pad = self.tokenizer.pad_token_id
        self.pad = pad if pad is not None else (self.eos if self.eos is not None else 0)
        self.head = self.model.get_output_embeddings()
        self.forward_passes = 0  # counted for tests and logs: one per batch
        self.scored = 0  # sequences scored
        self.rows = 0  # logits rows computed

    def encode(self, text: str):
        enc = self.tokenizer(text, return_offsets_mapping=True, add_special_tokens=True)
        ids = list(enc["input_ids"])
        if self.max_positions is not None and len(ids) > self.max_positions:
            raise AdapterError("context too long: %d tokens, the model takes %d" % (len(ids), self.max_positions))
        return ids, [tuple(o) for o in enc["offset_mapping"]]

    def _prepare(self, text, spans):
        """Token ids and, per span, ``(indices of its tokens, indices of its ending's other tokens, overshoot)``.

        The overshoot is how many characters of the last of those tokens lie past the ending,
        or -1 when the span has no ending (then only its tokens' argmax counts, as before ``ends``).
        Raises AdapterError for a bad span.
        """
        ids, offsets = self.encode(text)
        picks = []
        for span in spans:
            start, end = span
            idx = overlapping_tokens(offsets, start, end)
            if not idx:
                raise AdapterError("span '[%d, %d]' covers no token" % (start, end))
            if idx[0] == 0:
                raise AdapterError("span '[%d, %d]' starts at the first token, which has no context" % (start, end))
            stop = end + len(getattr(span, "end_text", ""))
            ending = [i for i in overlapping_tokens(offsets, end, stop) if i > idx[-1]]
            last = (ending or idx)[-1]
            picks.append((idx, ending, max(0, offsets[last][1] - stop) if stop > end else -1))
        return ids, picks

    def score(self, text, spans):
        (result,) = self.score_batch([(text, spans)])
        if isinstance(result, Exception):
            raise result
        return result

    def score_batch(self, items):
        results = [None] * len(items)
        prepared = []
        for n, (text, spans) in enumerate(items):
            try:
                ids, picks = self._prepare(text, spans)
            except Exception as error:
                results[n] = error
                continue
            prepared.append((n, ids, picks))
        # Longest first, so each batch pads to lengths close to its own and the first batch
        # shows at once whether the largest ones fit in memory.
        prepared.sort(key=lambda item: (-len(item[1]), item[0]))
        start = 0
        while start < len(prepared):
            longest = len(prepared[start][1])
            stop = start + 1
            while (stop < len(prepared) and stop - start < self.batch_size
                   and (stop - start + 1) * longest <= self.max_batch_tokens):
                stop += 1
            chunk = prepared[start:stop]
            try:
                scored = self._score_chunk([(ids, picks) for _, ids, picks in chunk])
            except Exception as error:
                if len(chunk) == 1:
                    scored = [error]
                else:  # e.g. out of memory: retry the chunk's requests alone
                    log("hf_adapter: a batch of %d failed (%s: %s); scoring its requests one by one"
                        % (len(chunk), type(error).__name__, error))
                    scored = []
                    for _, ids, picks in chunk:
                        try:
                            scored.extend(self._score_chunk([(ids, picks)]))
                        except Exception as single:
                            scored.append(single)
            for (n, _, _), result in zip(chunk, scored):
                results[n] = result
            start = stop
        return results

    def _score_chunk(self, chunk):
        """One forward pass over right-padded sequences; per sequence, (logprob, correct, predicted, tokens) per span."""
        torch = self.torch
        length = max(len(ids) for ids, _ in chunk)
        input_ids = torch.full((len(chunk), length), self.pad, dtype=torch.long)
        mask = torch.zeros((len(chunk), length), dtype=torch.long)
        rows_b, rows_t, targets = [], [], []
        for b, (ids, picks) in enumerate(chunk):
            input_ids[b, :len(ids)] = torch.tensor(ids, dtype=torch.long)
            mask[b, :len(ids)] = 1
            for idx, ending, _ in picks:
                for i in idx + ending:
                    rows_b.append(b)
                    rows_t.append(i - 1)  # row i - 1 predicts token i
                    targets.append(ids[i])
        rows = self._rows(input_ids.to(self.device), mask.to(self.device), rows_b, rows_t)
        self.scored += len(chunk)
        self.rows += rows.shape[0]
        targets_t = torch.tensor(targets, device=rows.device)
        logprobs = torch.log_softmax(rows.float(), dim=-1).gather(1, targets_t[:, None])[:, 0].cpu().tolist()
        best = rows.argmax(dim=-1)
        hits = (best == targets_t).cpu().tolist()
        best = best.cpu().tolist()
        out, k = [], 0
        for ids, picks in chunk:
            spans = []
            for idx, ending, overshoot in picks:
                n, m = len(idx), len(idx) + len(ending)
                # What the argmax writes over the span given the true text before each token
                # (greedy decoding's output up to its first wrong token), and the span's length in tokens.
                predicted = self.tokenizer.decode(best[k:k + n], skip_special_tokens=False)
                # The answer and its ending, compared as decoded text (a merged terminator is cut).
                trace = [self.tokenizer.decode([ids[i]], skip_special_tokens=False) for i in idx + ending]
                greedy = [self.tokenizer.decode([t], skip_special_tokens=False) for t in best[k:k + m]]
                correct = all(hits[k:k + m]) or (overshoot >= 0 and greedy_writes(trace, greedy, overshoot))
                spans.append((float(sum(logprobs[k:k + n])), correct, predicted, n))
                k += m
            out.append(spans)
        return out

    def _rows(self, input_ids, mask, rows_b, rows_t):
        """The logits rows at (rows_b[j], rows_t[j]) of one forward pass, shape [len(rows_b), vocab]."""
        torch = self.torch
        b_index = torch.tensor(rows_b, device=input_ids.device)
        t_index = torch.tensor(rows_t, device=input_ids.device)
        self.forward_passes += 1
        with torch.inference_mode():
            if self.head is None:
                logits = self.model(input_ids=input_ids, attention_mask=mask, use_cache=False).logits
                return logits[b_index, t_index]

            # Only these rows go through the output layer: with a 262k vocabulary the full
            # [batch, length, vocab] logits would dominate time and memory. The hook hands the
            # output layer the gathered hidden states; whatever the model does to its logits
            # afterwards (soft-capping, scaling) still happens.
            applied = []

            def gather(_module, args):
                hidden = args[0]
                if hidden.dim() == 3 and tuple(hidden.shape[:2]) == tuple(input_ids.shape):
                    applied.append(True)
                    return (hidden[b_index, t_index][None],) + tuple(args[1:])
                return None  # a model that slices its hidden states itself: take every row

            handle = self.head.register_forward_pre_hook(gather)
            try:
                logits = self.model(input_ids=input_ids, attention_mask=mask, use_cache=False).logits
            finally:
                handle.remove()
            return logits[0] if applied else logits[b_index, t_index]

    def choice(self, prompt, candidates):
        items = [(prompt + c, [(len(prompt), len(prompt) + len(c))]) for c in candidates]
        out = []
        for result in self.score_batch(items):
            if isinstance(result, Exception):
                raise result
            out.append(float(result[0][0]))
        return out

    def generate(self, prompt, max_tokens, stop, temperature=0.0):
        torch = self.torch
        ids, _ = self.encode(prompt)
        # Decoding prompt and continuation together keeps leading spaces that a
        # sentencepiece tokenizer drops when a continuation is decoded alone.
        prefix = self.tokenizer.decode(ids, skip_special_tokens=True)
        generated = []
        text = ""
        # At a temperature above 0 each token is drawn from the softmax, seeded by the request.
        rng = sampling_rng(prompt, max_tokens, stop, temperature) if temperature > 0 else None
        with torch.inference_mode():
            out = self.model(torch.tensor([ids], device=self.device), use_cache=True)
            for _ in range(max_tokens):
                row = out.logits[0, -1]
                token = int(row.argmax()) if rng is None else sample_index(row.float().tolist(), temperature, rng)
                if token == self.eos:
                    break
                generated.append(token)
                text = self.tokenizer.decode(ids + generated, skip_special_tokens=True)[len(prefix):]
                if any(s and s in text for s in stop):
                    break
                if self.max_positions is not None and len(ids) + len(generated) >= self.max_positions:
                    break
                out = self.model(torch.tensor([[token]], device=self.device),
                                 past_key_values=out.past_key_values, use_cache=True)
        return cut_at_stop(text, stop)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError("expected a positive integer, got '%s'" % value)
    return number


def parse_args(argv=None, environ=None):
    """Flags, with defaults from the ``CWMBENCH_HF_*`` environment variables; exits 2 on a bad value."""
    environ = os.environ if environ is None else environ
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint", help="directory with config.json, weights and tokenizer")
    parser.add_argument("--device", help="torch device or 'auto' (default auto; CWMBENCH_HF_DEVICE)")
    parser.add_argument("--dtype", choices=DTYPES, help="weights dtype (default auto; CWMBENCH_HF_DTYPE)")
    parser.add_argument("--batch-size", type=_positive,
                        help="score requests per forward pass (default 8; CWMBENCH_HF_BATCH_SIZE)")
    parser.add_argument("--max-batch-tokens", type=_positive,
                        help="padded tokens per forward pass (default 32768; CWMBENCH_HF_MAX_BATCH_TOKENS)")
    parser.add_argument("--import", dest="imports", action="append", default=[], metavar="MODULE",
                        help="import MODULE before loading (registers custom architectures); repeatable; "
                             "CWMBENCH_HF_IMPORT takes a comma-separated list")
    parser.add_argument("--trust-remote-code", action="store_true", default=None,
                        help="run Python code shipped in the checkpoint (CWMBENCH_HF_TRUST_REMOTE_CODE=1)")
    args = parser.parse_args(argv)

    def from_env(name, convert, default):
        raw = environ.get(name, "")
        if raw == "":
            return default
        try:
            return convert(raw)
        except (argparse.ArgumentTypeError, ValueError) as error:
            parser.error("environment variable %s: %s" % (name, error))

    def dtype(raw):
        if raw not in DTYPES:
            raise ValueError("expected one of %s, got '%s'" % (", ".join(DTYPES), raw))
        return raw

    def flag(raw):
        if raw not in ("0", "1"):
            raise ValueError("expected '0' or '1', got '%s'" % raw)
        return raw == "1"

    if args.device is None:
        args.device = from_env("CWMBENCH_HF_DEVICE", str, "auto")
    if args.dtype is None:
        args.dtype = from_env("CWMBENCH_HF_DTYPE", dtype, "auto")
    if args.batch_size is None:
        args.batch_size = from_env("CWMBENCH_HF_BATCH_SIZE", _positive, 8)
    if args.max_batch_tokens is None:
        args.max_batch_tokens = from_env("CWMBENCH_HF_MAX_BATCH_TOKENS", _positive, 32768)
    if args.trust_remote_code is None:
        args.trust_remote_code = from_env("CWMBENCH_HF_TRUST_REMOTE_CODE", flag, False)
    env_imports = [m.strip() for m in environ.get("CWMBENCH_HF_IMPORT", "").split(",") if m.strip()]
    args.imports = env_imports + list(args.imports)
    return args


def main(argv=None) -> None:
    args = parse_args(argv)
    if not os.path.isfile(os.path.join(args.checkpoint, "config.json")):
        log("hf_adapter: '%s' is not a checkpoint directory (no config.json)" % args.checkpoint)
        sys.exit(2)
    answers = private_stdout()  # before loading: nothing may write into the protocol stream
    import_modules(args.imports)
    try:
        adapter = HFAdapter(args.checkpoint, args.device, args.dtype, args.batch_size, args.max_batch_tokens,
                            args.trust_remote_code)
    except (ValueError, OSError, KeyError, RuntimeError) as error:
        # transformers says "does not recognize this architecture" or "trust_remote_code" here
        hint = ""
        message = str(error)
        if "custom code" in message or "trust_remote_code" in message:
            hint = ("; the checkpoint ships its own modeling code: pass --trust-remote-code "
                    "(or CWMBENCH_HF_TRUST_REMOTE_CODE=1) if you trust it")
        elif not args.imports and any(w in message.lower() for w in ("model type", "recognize", "architecture")):
            hint = ("; if the architecture comes from a package (flash-linear-attention, ...), "
                    "name it with --import MODULE or CWMBENCH_HF_IMPORT")
        log("hf_adapter: cannot load '%s': %s%s" % (args.checkpoint, str(error).splitlines()[0] if str(error) else
                                                     type(error).__name__, hint))
        sys.exit(2)
    log("hf_adapter: loaded '%s' on %s (%s), batch size %d"
        % (args.checkpoint, adapter.device, str(adapter.dtype).replace("torch.", ""), adapter.batch_size))
    serve(adapter, stdout=answers, batch_size=adapter.batch_size)
    log("hf_adapter: %d traces scored in %d forward passes, %d rows through the output layer"
        % (adapter.scored, adapter.forward_passes, adapter.rows))


if __name__ == "__main__":
    main()
