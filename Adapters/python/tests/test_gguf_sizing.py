"""The GGUF adapter's start-up choices that need no model: special markers and n_ctx (stdlib only)."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import gguf_adapter  # noqa: E402


def tiny_tokenizer(vocabulary):
    """A greedy longest-match tokenizer over ``vocabulary`` (a list of byte strings), falling
    back to one token per byte (ids 1000 + byte): a stand-in for llama.cpp's with special=True."""
    ids = {piece: number for number, piece in enumerate(vocabulary)}

    def tokenize(data: bytes):
        out, at = [], 0
        while at < len(data):
            match = max((p for p in vocabulary if data.startswith(p, at)), key=len, default=None)
            if match is None:
                out.append(1000 + data[at])
                at += 1
            else:
                out.append(ids[match])
                at += len(match)
        return out

    return tokenize


class SpecialMarkerTests(unittest.TestCase):
    markers = [m.encode() for m in gguf_adapter.CWM_MARKERS]

    def test_a_vocabulary_with_every_marker_reads_them_as_special_in_auto(self):
        tokenize = tiny_tokenizer([b"a", b"b"] + self.markers)
        found = gguf_adapter.special_marker_ids("auto", tokenize)
        self.assertEqual(found, {2 + i: m for i, m in enumerate(self.markers)})

    def test_a_vocabulary_without_them_reads_them_as_text(self):
        tokenize = tiny_tokenizer([b"a", b"<|", b"|>"])
        self.assertEqual(gguf_adapter.special_marker_ids("auto", tokenize), {})
        self.assertEqual(gguf_adapter.special_marker_ids("on", tokenize), {})

    def test_auto_wants_all_of_them_and_on_takes_those_there_are(self):
        tokenize = tiny_tokenizer([b"a", self.markers[1]])
        self.assertEqual(gguf_adapter.special_marker_ids("auto", tokenize), {})
        self.assertEqual(gguf_adapter.special_marker_ids("on", tokenize), {1: self.markers[1]})

    def test_off_never_asks_the_tokenizer(self):
        def refuse(_):
            raise AssertionError("tokenized with --special-tokens off")
        self.assertEqual(gguf_adapter.special_marker_ids("off", refuse), {})


class ContextSizeTests(unittest.TestCase):
    def test_sizes_cover_the_trace_its_shots_and_the_answer(self):
        # 2,743 tokens (S5 at length 128), no shots: 2,743 + 256 = 2,999, rounded up to 3,072.
        self.assertEqual(gguf_adapter.context_size(2743, 0), 3072)
        # 3 shots: 4 x 2,743 + 256 = 11,228 -> 11,264.
        self.assertEqual(gguf_adapter.context_size(2743, 3), 11264)
        self.assertEqual(gguf_adapter.context_size(10, 0), 512)

    def test_the_longest_texts_are_found_by_bytes(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "t.jsonl")
            with open(path, "w") as handle:
                for text in ["ab", "abcdef", "a", "abcd", "abc"]:
                    handle.write(json.dumps({"id": text, "text": text}) + "\n")
            self.assertEqual(gguf_adapter.longest_texts(path, 2), ["abcdef", "abcd"])


if __name__ == "__main__":
    unittest.main()
