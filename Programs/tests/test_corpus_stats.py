"""corpus_stats.py's measures, on hand-made traces (the tracer's own output shape)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import corpus_stats  # noqa: E402


def line(number, source):
    return {"kind": "line", "line": number, "source": source, "locals": [], "function": "f", "call": 1}


class LeakTests(unittest.TestCase):
    def test_an_answer_equal_to_how_often_a_line_ran_is_a_count_leak(self):
        events = [line(3, "    for x in xs:"), line(4, "        n += 1")] * 3 + [line(5, "    return n")]
        self.assertEqual(corpus_stats.leaks({"result": "3", "events": events}), (True, False))
        self.assertEqual(corpus_stats.leaks({"result": "7", "events": events}), (False, False))

    def test_an_answer_written_in_an_executed_return_is_a_literal_leak(self):
        events = [line(2, "    if not xs:"), line(8, "    return False")]
        self.assertEqual(corpus_stats.leaks({"result": "False", "events": events}), (False, True))
        self.assertEqual(corpus_stats.leaks({"result": "True", "events": events}), (False, False))

    def test_a_failed_program_leaks_nothing(self):
        self.assertEqual(corpus_stats.leaks({"result": None, "events": []}), (False, False))


if __name__ == "__main__":
    unittest.main()
