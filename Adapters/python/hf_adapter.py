"""cwmbench adapter for Hugging Face checkpoints, run by torch + transformers.

    python3 Adapters/python/hf_adapter.py CHECKPOINT_DIR [--device cpu] [--dtype float32]

CHECKPOINT_DIR holds ``config.json``, the weights and a fast tokenizer; it is
loaded with ``local_files_only`` (nothing is fetched). If it also holds
``cwmbench-model.json`` with ``{"train_length": T}``, T is announced to the
harness so reports can mark the training length.

score: one forward pass over the whole trace; a span's logprob is the sum of
the log-softmax of every token whose offsets overlap it (a token straddling the
boundary counts whole); ``correct`` means the greedy argmax equals each of them.
generate: greedy decoding with the KV cache until a stop string or max_tokens.
choice: ``prompt + candidate`` scored like a span.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cwmbench_adapter import (  # noqa: E402
    Adapter,
    AdapterError,
    cut_at_stop,
    log,
    overlapping_tokens,
    private_stdout,
    serve,
)

DTYPES = ("float32", "float16", "bfloat16")


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


class HFAdapter(Adapter):
    """Scores, generates and chooses with a causal LM checkpoint through transformers."""

    modes = ["score", "generate", "choice"]

    def __init__(self, checkpoint: str, device: str, dtype: str):
        self.torch = require("torch")
        transformers = require("transformers")
        self.device = device
        self.tokenizer = transformers.AutoTokenizer.from_pretrained(checkpoint, local_files_only=True)
        if not getattr(self.tokenizer, "is_fast", False):
            raise SystemExit("hf_adapter: '%s' has no fast tokenizer (tokenizer.json); "
                             "score needs return_offsets_mapping" % checkpoint)
        self.model = transformers.AutoModelForCausalLM.from_pretrained(
            checkpoint, local_files_only=True, torch_dtype=getattr(self.torch, dtype))
        self.model.to(device)
        self.model.eval()
        self.name = os.path.basename(os.path.normpath(checkpoint))
        self.train_length = read_train_length(checkpoint)
        self.max_positions = getattr(self.model.config, "max_position_embeddings", None)
        self.eos = self.tokenizer.eos_token_id

    def encode(self, text: str):
        enc = self.tokenizer(text, return_offsets_mapping=True, add_special_tokens=True)
        ids = list(enc["input_ids"])
        if self.max_positions is not None and len(ids) > self.max_positions:
            raise AdapterError("context too long: %d tokens, the model takes %d" % (len(ids), self.max_positions))
        return ids, [tuple(o) for o in enc["offset_mapping"]]

    def score(self, text, spans):
        torch = self.torch
        ids, offsets = self.encode(text)
        with torch.inference_mode():
            logits = self.model(torch.tensor([ids], device=self.device)).logits[0]
        results = []
        for start, end in spans:
            idx = overlapping_tokens(offsets, start, end)
            if not idx:
                raise AdapterError("span '[%d, %d]' covers no token" % (start, end))
            if idx[0] == 0:
                raise AdapterError("span '[%d, %d]' starts at the first token, which has no context" % (start, end))
            rows = logits[[i - 1 for i in idx]].float()  # row i predicts token i + 1
            targets = torch.tensor([ids[i] for i in idx], device=rows.device)
            logprobs = torch.log_softmax(rows, dim=-1).gather(1, targets[:, None])[:, 0]
            correct = bool((rows.argmax(dim=-1) == targets).all())
            results.append((float(logprobs.sum()), correct))
        return results

    def generate(self, prompt, max_tokens, stop):
        torch = self.torch
        ids, _ = self.encode(prompt)
        # Decoding prompt and continuation together keeps leading spaces that a
        # sentencepiece tokenizer drops when a continuation is decoded alone.
        prefix = self.tokenizer.decode(ids, skip_special_tokens=True)
        generated = []
        text = ""
        with torch.inference_mode():
            out = self.model(torch.tensor([ids], device=self.device), use_cache=True)
            for _ in range(max_tokens):
                token = int(out.logits[0, -1].argmax())
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


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint", help="directory with config.json, weights and tokenizer")
    parser.add_argument("--device", default="cpu", help="torch device (default cpu)")
    parser.add_argument("--dtype", default="float32", choices=DTYPES, help="weights dtype (default float32)")
    args = parser.parse_args(argv)
    if not os.path.isfile(os.path.join(args.checkpoint, "config.json")):
        log("hf_adapter: '%s' is not a checkpoint directory (no config.json)" % args.checkpoint)
        sys.exit(2)
    answers = private_stdout()  # before loading: nothing may write into the protocol stream
    adapter = HFAdapter(args.checkpoint, args.device, args.dtype)
    log("hf_adapter: loaded '%s' on %s (%s)" % (args.checkpoint, args.device, args.dtype))
    serve(adapter, stdout=answers)


if __name__ == "__main__":
    main()
