"""A complete cwmbench adapter: the "nothing moves" baseline for repl traces.

It answers every ``print`` with the variables' initial values, ignoring every
action, and writes one line. Run it with:
    cwmbench eval TASKS.jsonl --model "exec:python3 Adapters/python/example_adapter.py" --mode generate

In score mode its greedy continuation is that line and a newline: a span is
correct only when that writes the answer and then the span's ``end_text``.
"""
import math
import re

from cwmbench_adapter import Adapter, serve


class NothingMoves(Adapter):
    name = "nothing-moves"

    def generate(self, prompt, max_tokens, stop):
        initial = dict(re.findall(r"^>>> ([a-z]) = (-?\d+)$", prompt, re.MULTILINE))
        call = re.findall(r"^>>> print\((.*)\)$", prompt, re.MULTILINE)[-1]
        names = [arg.strip() for arg in call.split(",")]
        return " ".join(n.strip("'") if n.startswith("'") else initial[n] for n in names)

    def score(self, text, spans):
        results = []
        for span in spans:
            start, end = span
            written = self.generate(text[:start], 64, ["\n"]) + "\n"
            # Decoded text compared as a prefix: the answer, then what ends it in the trace.
            correct = written.startswith(text[start:end] + span.end_text)
            results.append((0.0 if written.startswith(text[start:end]) else -math.inf, correct, written[:-1]))
        return results


if __name__ == "__main__":
    serve(NothingMoves())
