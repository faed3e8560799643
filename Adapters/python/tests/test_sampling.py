"""Tests of sampling at a temperature (``eval --temperature``): ``sample_index``, ``sampling_rng``
and the helper passing ``temperature`` to an adapter's ``generate``.

Run: python3 -m unittest discover -s Adapters/python/tests
"""

from __future__ import annotations

import json
import math
import os
import random
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import cwmbench_adapter as helper  # noqa: E402


class SampleIndexTests(unittest.TestCase):
    LOGITS = [1.0, 0.0, -1.0, 2.0, -math.inf]

    def test_temperature_zero_is_the_argmax_without_drawing(self):
        self.assertEqual(helper.sample_index(self.LOGITS, 0.0), 3)
        self.assertEqual(helper.sample_index([0.5, 2.0, 2.0, 1.0], 0), 1)  # the first of equals

    def test_a_temperature_near_zero_is_the_argmax(self):
        rng = random.Random(7)
        draws = {helper.sample_index(self.LOGITS, 1e-6, rng) for _ in range(2000)}
        self.assertEqual(draws, {3})

    def test_minus_infinity_is_never_drawn_and_one_finite_logit_always_is(self):
        rng = random.Random(3)
        self.assertEqual({helper.sample_index([-math.inf, 0.0, -math.inf], 5.0, rng) for _ in range(500)}, {1})

    def test_a_temperature_above_zero_needs_a_generator(self):
        with self.assertRaises(ValueError):
            helper.sample_index(self.LOGITS, 0.5)

    def test_draws_follow_the_softmax_at_the_temperature(self):
        """Pearson's chi-square of 20,000 seeded draws against probabilities computed here."""
        temperature, draws = 0.7, 20000
        # Computed without the helper's shift by the maximum: exp(l / T) / sum.
        weights = [math.exp(x / temperature) if x != -math.inf else 0.0 for x in self.LOGITS]
        expected = [w / sum(weights) for w in weights]
        self.assertAlmostEqual(expected[3], 0.7629, places=4)  # e^(2/0.7) / (e^(1/0.7) + 1 + e^(-1/0.7) + e^(2/0.7))
        rng = random.Random(20261207)
        counts = [0] * len(self.LOGITS)
        for _ in range(draws):
            counts[helper.sample_index(self.LOGITS, temperature, rng)] += 1
        self.assertEqual(counts[4], 0)
        chi_square = sum((counts[i] - draws * p) ** 2 / (draws * p) for i, p in enumerate(expected) if p > 0)
        # 3 degrees of freedom: 16.27 is the 0.999 quantile, so a correct sampler fails 1 seed in 1,000.
        self.assertLess(chi_square, 16.27, (counts, expected))
        # A higher temperature flattens the distribution: the argmax is drawn less often.
        hot = [helper.sample_index(self.LOGITS, 2.0, rng) for _ in range(5000)].count(3) / 5000
        self.assertLess(hot, 0.6)
        self.assertGreater(hot, 0.4)


class SamplingRngTests(unittest.TestCase):
    def draws(self, *request):
        rng = helper.sampling_rng(*request)
        return [rng.random() for _ in range(5)]

    def test_the_same_request_draws_the_same_numbers(self):
        self.assertEqual(self.draws("a = 1\n", 16, ["\n"], 0.7), self.draws("a = 1\n", 16, ["\n"], 0.7))

    def test_every_field_of_the_request_changes_the_seed(self):
        base = self.draws("a = 1\n", 16, ["\n"], 0.7)
        for other in [("a = 2\n", 16, ["\n"], 0.7), ("a = 1\n", 17, ["\n"], 0.7), ("a = 1\n", 16, [], 0.7),
                      ("a = 1\n", 16, ["\n"], 0.8)]:
            self.assertNotEqual(self.draws(*other), base, other)

    def test_the_seed_is_the_documented_hash(self):
        key = json.dumps(["p", 16, ["\n"], 0.5], ensure_ascii=False).encode("utf-8")
        import hashlib
        seed = int.from_bytes(hashlib.sha256(key).digest()[:8], "big")
        self.assertEqual(helper.sampling_rng("p", 16, ["\n"], 0.5).random(), random.Random(seed).random())


class Sampler(helper.Adapter):
    """Samples one of three pieces from fixed logits, as the bundled adapters sample tokens."""

    name = "sampler"
    PIECES = ["a", "b", "c"]

    def generate(self, prompt, max_tokens, stop, temperature=0.0):
        rng = helper.sampling_rng(prompt, max_tokens, stop, temperature) if temperature > 0 else None
        return "".join(self.PIECES[helper.sample_index([1.0, 0.9, 0.8], temperature, rng)]
                       for _ in range(max_tokens))


class Greedy(helper.Adapter):
    name = "greedy"

    def generate(self, prompt, max_tokens, stop):
        return "a"


class DispatchTests(unittest.TestCase):
    def ask(self, adapter, **fields):
        request = {"op": "generate", "id": "1", "prompt": "p", "max_tokens": 12, "stop": ["\n"]}
        request.update(fields)
        return helper._answer(adapter, json.dumps(request))

    def test_without_a_temperature_generation_is_greedy(self):
        self.assertEqual(self.ask(Sampler()), {"id": "1", "text": "a" * 12})
        self.assertEqual(self.ask(Sampler(), temperature=0), {"id": "1", "text": "a" * 12})

    def test_a_temperature_reaches_generate_and_the_same_request_samples_the_same(self):
        first = self.ask(Sampler(), temperature=1.5)["text"]
        self.assertEqual(len(first), 12)
        self.assertGreater(len(set(first)), 1)  # 12 draws at p(a) about 0.36 are not all 'a'
        self.assertEqual(self.ask(Sampler(), temperature=1.5, id="99")["text"], first)
        self.assertNotEqual(self.ask(Sampler(), temperature=1.5, prompt="q")["text"], first)

    def test_an_adapter_that_cannot_sample_is_refused_rather_than_decoding_greedily(self):
        answer = self.ask(Greedy(), temperature=0.7)
        self.assertIn("decodes greedily only", answer["error"])
        self.assertEqual(self.ask(Greedy()), {"id": "1", "text": "a"})

    def test_a_bad_temperature_is_an_error_naming_it(self):
        for bad in (-1, "hot", True, None):
            answer = self.ask(Sampler(), temperature=bad)
            self.assertIn("field 'temperature'", answer.get("error", ""), bad)


if __name__ == "__main__":
    unittest.main()
