"""cwmbench/1 adapter for a reference-learner checkpoint folder (``cwmbench-model.json``).

    python adapter.py CKPT_DIR

``cwmbench eval --model CKPT_DIR`` starts this (``Reference/adapter.py``) with ``Adapters/python`` on
PYTHONPATH and ``$CWMBENCH_PYTHON`` (the venv's python) as the interpreter.

- ``score``: ONE forward pass over the whole trace; the log-probability of a span
  is the sum of the log-softmax at its tokens (answers are output lines, spelled in
  characters; see ``vocab.py``), and it is ``correct`` when greedy decoding would write
  the answer and then its ``end_text`` (the argmax spells every trace token over both,
  compared as decoded text; see ``greedy_writes`` in the helper).
- ``generate``: greedy decoding, one forward pass per token, until a stop string.
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
sys.path.insert(0, os.path.join(os.path.dirname(here), "Adapters", "python"))

from cwmbench_adapter import Adapter, AdapterError, greedy_writes, private_stdout, serve  # noqa: E402
import vocab  # noqa: E402  (standard library only)

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

        meta, params = checkpoint.load(directory)
        try:
            self._vocab = vocab.Vocabulary.from_description(meta.get("vocab", {}))
        except vocab.VocabularyError as error:
            raise AdapterError("checkpoint '%s': %s" % (directory, error)) from None
        self._np = np
        self.meta = meta
        self.name = str(meta.get("name") or meta["architecture"])
        self.train_length = meta.get("train_length")
        self._params = jax.tree_util.tree_map(jnp.asarray, params)
        forward = models.forward_function(meta["architecture"], meta["config"])
        self._log_softmax = jax.jit(lambda p, t: jax.nn.log_softmax(forward(p, t), axis=-1))

    def log_probabilities(self, text: str):
        """Log-softmax after each token of ``text`` ([tokens, vocab]), the tokens, and their start offsets."""
        np = self._np
        try:
            tokens, starts = self._vocab.encode_with_offsets(text)
        except vocab.VocabularyError as error:
            raise AdapterError(str(error)) from None
        width = max(PAD_MULTIPLE, -(-len(tokens) // PAD_MULTIPLE) * PAD_MULTIPLE)
        padded = np.zeros((1, width), dtype=np.int32)
        padded[0, : len(tokens)] = tokens
        return np.asarray(self._log_softmax(self._params, padded))[0, : len(tokens)], tokens, starts

    def score(self, text: str, spans: Sequence[Tuple[int, int]]) -> List[Tuple[float, bool, str, int]]:
        """Per span: log p, whether the argmax reproduces it, what the argmax writes there (given
        the true text before each token: greedy decoding up to its first mistake) and its tokens."""
        logp, tokens, starts = self.log_probabilities(text)
        first_token = {start: index for index, start in enumerate(starts)}
        first_token[len(text)] = len(tokens)
        results = []
        for span in spans:
            start, end = span
            if start < 1:
                raise AdapterError("span starting at '%d' has no text before it to condition on" % start)
            if start not in first_token or end not in first_token:
                raise AdapterError("span '%d..%d' does not start and end on token boundaries" % (start, end))
            total, correct, best = 0.0, True, []
            for position in range(first_token[start], first_token[end]):
                row = logp[position - 1]  # the prediction made after reading the token before
                total += float(row[tokens[position]])
                best.append(int(row.argmax()))
                correct = correct and best[-1] == tokens[position]
            predicted = self._vocab.decode([token for token in best if token != vocab.PAD])
            # The answer's ending: the tokens from the span's end through the end text, the
            # last of which may run past it (a terminator merged with what follows).
            stop, position = end + len(getattr(span, "end_text", "")), first_token[end]
            written, greedy = list(range(first_token[start], first_token[end])), list(best)
            while position < len(tokens) and starts[position] < stop:
                written.append(position)
                greedy.append(int(logp[position - 1].argmax()))
                position += 1
            if len(written) > len(best):
                overshoot = (starts[position] if position < len(tokens) else len(text)) - stop
                correct = greedy_writes([self._vocab.decode([tokens[i]]) for i in written],
                                        [self._vocab.decode([token]) for token in greedy], overshoot)
            results.append((total, correct, predicted, len(best)))
        return results

    def generate(self, prompt: str, max_tokens: int, stop: Sequence[str]) -> str:
        out = ""
        for _ in range(max_tokens):
            logp, _, _ = self.log_probabilities(prompt + out)
            token = int(logp[-1].argmax())
            if token == vocab.PAD:
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
