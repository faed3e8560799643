"""corpus_stats.py's measures, on hand-made traces (the tracer's own output shape)."""

import contextlib
import io
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

    def test_a_count_leak_names_the_line_that_ran_as_often_as_the_answer(self):
        events = [line(3, "    for x in xs:"), line(4, "        n += 1")] * 3 + [line(5, "    return n")]
        self.assertEqual(corpus_stats.count_leak_lines({"result": "3", "events": events}), {(None, 3), (None, 4)})
        self.assertEqual(corpus_stats.count_leak_lines({"result": "1", "events": events}), {(None, 5)})
        self.assertEqual(corpus_stats.count_leak_lines({"result": "'3'", "events": events}), set())
        self.assertEqual(corpus_stats.count_leak_lines({"result": "True", "events": events}), set())
        # An item of a list answer counts too (`return [balance, refused]`).
        self.assertEqual(corpus_stats.count_leak_lines({"result": "[7, 1]", "events": events}), {(1, 5)})

    def test_a_sorted_argument_as_the_answer_is_a_sorted_leak(self):
        self.assertTrue(corpus_stats.sorted_leak({"result": "[1, 2, 3]"}, ([3, 1, 2],)))
        self.assertFalse(corpus_stats.sorted_leak({"result": "[1, 2, 3]"}, ([3, 1, 4],)))
        self.assertFalse(corpus_stats.sorted_leak({"result": "14"}, ([3, 1, 2],)))


class BoundTests(unittest.TestCase):
    ROW = {"distinct": 10, "majority": 0.3, "true": None, "count_leak": 0, "literal_leak": 0,
           "sorted_leak": 0, "landing": 0.1, "worst": 0.2}

    def test_each_bound_fails_alone(self):
        cases = [({"distinct": 9}, "repeat"), ({"majority": 0.6}, "majority"), ({"count_leak": 5}, "count"),
                 ({"literal_leak": 1}, "literal"), ({"sorted_leak": 1}, "sorted"), ({"landing": 0.26}, "landing"),
                 ({"true": 0.7, "majority": 0.7}, "boolean")]
        self.assertEqual(corpus_stats.failures(self.ROW, 10), [])
        for change, bound in cases:
            with self.subTest(bound=bound):
                self.assertEqual(corpus_stats.failures(dict(self.ROW, **change), 10), [bound])

    def test_a_six_four_boolean_meets_the_balance_bound(self):
        self.assertEqual(corpus_stats.failures(dict(self.ROW, true=0.6, majority=0.6), 10), [])


class CorpusCheckTests(unittest.TestCase):
    def test_the_corpus_meets_every_bound(self):
        # The whole corpus at lengths 32, 128 and 512 over 10 seeds (about 10 s of CPU).
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            status = corpus_stats.main(["corpus_stats.py", "--check"])
        self.assertEqual(status, 0, output.getvalue()[-2000:])
        self.assertIn("corpus check: every bound met", output.getvalue())


if __name__ == "__main__":
    unittest.main()
