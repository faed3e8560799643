"""A scripted model for score mode, built on Adapters/python/cwmbench_adapter.py.

At every span its greedy continuation is the answer, then (GREEDY=overrun) one more
"a", then the rest of the trace; with GREEDY=exact it is the trace itself. Each span
is judged by the helper's end check over characters: the answer and then its
``end_text``. Its log-probability is that of the answer alone: 0 (the model always
writes the answer first).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "Adapters", "python"))

from cwmbench_adapter import Adapter, greedy_writes, serve  # noqa: E402


class GreedyWriter(Adapter):
    name = "greedy-writer"
    modes = ["score"]

    def __init__(self, overrun: bool):
        self.overrun = overrun

    def score(self, text, spans):
        results = []
        for span in spans:
            start, end = span
            stop = end + len(span.end_text)
            written = text[start:end] + ("a" if self.overrun else "") + text[end:]
            trace = list(text[start:stop])
            results.append((0.0, greedy_writes(trace, list(written[:len(trace)])), text[start:end]))
        return results


if __name__ == "__main__":
    serve(GreedyWriter(os.environ.get("GREEDY") == "overrun"))
