"""Tests of strings_tokens.py with a fake tokenizer whose counts are known by hand.

Run: python3 -m unittest discover -s Adapters/python/tests
"""

from __future__ import annotations

import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

import strings_tokens as st  # noqa: E402

VOCAB = [b"kitten", b"print", b"(", b")", b"a", b"b", b"\n", b" ", b"Now"]


def fake_tokenize(data: bytes):
    """Greedy longest match over VOCAB, else one byte per token (ids: vocab index, or 1000 + byte)."""
    tokens, i = [], 0
    while i < len(data):
        match = max((w for w in VOCAB if data.startswith(w, i)), key=len, default=None)
        if match:
            tokens.append(VOCAB.index(match))
            i += len(match)
        else:
            tokens.append(1000 + data[i])
            i += 1
    return tokens


def fake_detokenize(tokens):
    return b"".join(VOCAB[t] if t < 1000 else bytes([t - 1000]) for t in tokens)


def line_of(text: str, queries, initial, start="word"):
    return json.dumps({"family": "strings", "id": "x", "initial": initial,
                       "params": {"start": start}, "queries": queries, "text": text})


class SpanTokensTests(unittest.TestCase):
    def count(self, text: str, answer: str) -> int:
        data = text.encode()
        at = data.rindex(answer.encode())
        return st.span_tokens(fake_tokenize, fake_detokenize, data, at, at + len(answer))

    def test_a_word_in_the_vocabulary_is_one_token(self):
        self.assertEqual(self.count(">>> print(a)\nkitten\n", "kitten"), 1)

    def test_an_edited_word_falls_apart(self):
        # "kittxn" is not in VOCAB: six one-byte tokens.
        self.assertEqual(self.count(">>> print(a)\nkittxn\n", "kittxn"), 6)
        # "kittens": "kitten" then "s", two tokens.
        self.assertEqual(self.count(">>> print(a)\nkittens\n", "kittens"), 2)

    def test_only_the_answers_own_line_is_tokenized(self):
        # The preceding "Now " line part shares the line: tokens outside the span are not counted.
        self.assertEqual(self.count("x\nNow kitten\n", "kitten"), 1)

    def test_a_span_outside_the_text_is_refused(self):
        with self.assertRaises(ValueError):
            st.span_tokens(fake_tokenize, fake_detokenize, b"abc", 2, 9)


class TallyTests(unittest.TestCase):
    def test_rows_by_start_and_since_word_with_copies(self):
        text = ">>> print(a)\nkitten\n>>> print(a)\nkittxn\n"
        first = text.index("kitten")
        second = text.index("kittxn")
        word = line_of(text, [
            {"start": first, "end": first + 6, "since_word": 0, "variable": "a", "values": ["kitten"]},
            {"start": second, "end": second + 6, "since_word": 1, "variable": "a", "values": ["kittxn"]},
        ], ["kitten"])
        rtext = ">>> print(b)\nqzvx\n"
        at = rtext.index("qzvx")
        random = line_of(rtext, [
            {"start": at, "end": at + 4, "since_word": 0, "variable": "b", "values": ["qzvx"], "copy": False},
        ], ["kitten", "qzvx"], start="random")
        other = json.dumps({"family": "perm", "queries": []})
        table = st.tally([word, random, other, ""], fake_tokenize, fake_detokenize)
        # The first query repeats the initial word: a copy of the last-reveal guess; the second is not.
        self.assertEqual(table[("word", "0")], [1, 1, 1, 1])
        self.assertEqual(table[("word", "1")], [1, 6, 0, 0])
        # An explicit `copy` field wins over the recomputation (here it says false).
        self.assertEqual(table[("random", "0")], [1, 4, 0, 0])
        printed = st.format_table(table).splitlines()
        self.assertEqual(len(printed), 2 + 3)
        self.assertTrue(printed[2].startswith("word    0"))
        self.assertIn("6.00", printed[3])
        self.assertTrue(printed[4].startswith("random  0"))

    def test_buckets_cover_every_count(self):
        self.assertEqual([st.bucket_of(n) for n in (0, 1, 2, 3, 4, 8, 9, 500)],
                         ["0", "1", "2", "3", "4-8", "4-8", "9+", "9+"])
        with self.assertRaises(ValueError):
            st.bucket_of(-1)


if __name__ == "__main__":
    unittest.main()
