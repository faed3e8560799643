"""cwmbench/1 adapter for a reference-learner checkpoint folder (``cwmbench-model.json``).

    python adapter.py CKPT_DIR

``cwmbench eval --model CKPT_DIR`` starts this with ``Adapters/python`` on
PYTHONPATH and ``$CWMBENCH_PYTHON`` (the venv's python) as the interpreter.

- ``score``: ONE forward pass over the whole trace; the log-probability of a span
  is the sum of the log-softmax at its characters (one token per character, see
  ``vocab.py``), and it is ``correct`` when the argmax at every one of them is the
  answer's character (greedy decoding would reproduce it).
- ``generate``: greedy decoding, one forward pass per character, until a stop string.
- ``choice``: the helper's default, one ``score`` per candidate.

Inputs are padded to a multiple of ``PAD_MULTIPLE`` tokens so jit compiles one
function per padded width; the models are causal, so the padding after the text
cannot change its logits.
"""

from __future__ import annotations

import os
import sys
from typing import List, Sequence, Tuple

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.dirname(here))

from cwmbench_adapter import Adapter, AdapterError, private_stdout, serve  # noqa: E402

PAD_MULTIPLE = 128


class ReferenceAdapter(Adapter):
    """Answers cwmbench/1 requests from a reference-learner checkpoint."""

    modes = ["score", "generate", "choice"]

    def __init__(self, directory: str):
        import jax
        import jax.numpy as jnp
        import numpy as np

        import checkpoint
        import models
        import vocab

        meta, params = checkpoint.load(directory)
        if meta.get("vocab", {}).get("characters") != vocab.CHARACTERS:
            raise AdapterError("checkpoint '%s' was trained with another vocabulary" % directory)
        self._np = np
        self._vocab = vocab
        self.meta = meta
        self.name = str(meta.get("name") or meta["architecture"])
        self.train_length = meta.get("train_length")
        self._params = jax.tree_util.tree_map(jnp.asarray, params)
        forward = models.forward_function(meta["architecture"], meta["config"])
        self._log_softmax = jax.jit(lambda p, t: jax.nn.log_softmax(forward(p, t), axis=-1))

    def log_probabilities(self, text: str):
        """Log-softmax over the vocabulary after each character of ``text``: array [len(text), vocab]."""
        np = self._np
        try:
            tokens = self._vocab.encode(text)
        except self._vocab.VocabularyError as error:
            raise AdapterError(str(error)) from None
        width = max(PAD_MULTIPLE, -(-len(tokens) // PAD_MULTIPLE) * PAD_MULTIPLE)
        padded = np.zeros((1, width), dtype=np.int32)
        padded[0, : len(tokens)] = tokens
        return np.asarray(self._log_softmax(self._params, padded))[0, : len(tokens)], tokens

    def score(self, text: str, spans: Sequence[Tuple[int, int]]) -> List[Tuple[float, bool]]:
        logp, tokens = self.log_probabilities(text)
        results = []
        for start, end in spans:
            if start < 1:
                raise AdapterError("span starting at '%d' has no text before it to condition on" % start)
            total, correct = 0.0, True
            for position in range(start, end):
                row = logp[position - 1]  # the prediction made after reading the character before
                total += float(row[tokens[position]])
                correct = correct and int(row.argmax()) == tokens[position]
            results.append((total, correct))
        return results

    def generate(self, prompt: str, max_tokens: int, stop: Sequence[str]) -> str:
        out = ""
        for _ in range(max_tokens):
            logp, _ = self.log_probabilities(prompt + out)
            token = int(logp[-1].argmax())
            if token == self._vocab.PAD:
                break
            out += self._vocab.decode([token])
            if any(s and s in out for s in stop):
                break
        return out


def main(argv: Sequence[str]) -> int:
    """Serve the checkpoint named on the command line."""
    if len(argv) != 1:
        print("usage: adapter.py CHECKPOINT_DIR", file=sys.stderr)
        return 64
    answers = private_stdout()  # before jax loads: native libraries must not write answers
    serve(ReferenceAdapter(argv[0]), stdout=answers)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
