"""Answers every generate request with the temperature it was asked to sample at: 't=0.7'.

Built on the bundled helper (Adapters/python/cwmbench_adapter.py), so a test sees what
reaches an adapter's generate() through the protocol and the helper: 't=0' when the request
carries no temperature.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "Adapters", "python"))

from cwmbench_adapter import Adapter, serve  # noqa: E402


class Sampler(Adapter):
    name = "sampler"

    def generate(self, prompt, max_tokens, stop, temperature=0.0):
        return "t=%g" % temperature


if __name__ == "__main__":
    serve(Sampler())
