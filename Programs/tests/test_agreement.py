"""tracer.py's events against the independent bdb re-tracer, for every program.

Every frame (kind, function, call number, line number, source line, every local's repr, the
return/exception value) and the context text must be identical.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cwm_reference  # noqa: E402
from tracer_client import TracerProcess, corpus_names, event_tuples  # noqa: E402

CASES = [(11, 40), (12, 150), (13, 400)]  # (seed, target length); sizes come from the tracer


class AgreementTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tracer = TracerProcess()

    @classmethod
    def tearDownClass(cls):
        cls.tracer.close()

    def test_every_frame_and_value_matches_the_reference(self):
        compared = 0
        for name in corpus_names():
            for seed, length in CASES:
                with self.subTest(program=name, seed=seed, length=length):
                    answer = self.tracer.ask(id=1, program=name, seed=seed, length=length)
                    self.assertTrue(answer["ok"], answer.get("error"))
                    context, frames, (result, raised) = cwm_reference.trace_program(
                        name, seed, answer["size"])
                    self.assertEqual(answer["context"], context)
                    self.assertEqual(event_tuples(answer), [f.as_tuple() for f in frames])
                    self.assertEqual(answer["result"], result)
                    self.assertEqual(answer["raised"], raised)
                    compared += len(frames)
        # Sanity: the corpus really produced long traces to compare.
        self.assertGreater(compared, 30_000)

    def test_golden_files_hold_the_tracers_events(self):
        import glob
        import json
        files = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "fixtures", "golden", "*.json")))
        self.assertGreaterEqual(len(files), 6)
        for path in files:
            with open(path, encoding="utf-8") as handle:
                golden = json.load(handle)
            answer = self.tracer.ask(id=3, program=golden["program"], seed=golden["seed"],
                                     size=golden["size"])
            self.assertEqual(answer["events"], golden["events"], path)
            self.assertEqual(answer["context"], golden["context"], path)

    def test_raising_program_matches_the_reference(self):
        tracer = TracerProcess(corpus=os.path.join(os.path.dirname(__file__), "fixtures", "corpus"))
        try:
            answer = tracer.ask(id=2, program="boom", seed=1, size=3)
        finally:
            tracer.close()
        self.assertTrue(answer["ok"], answer.get("error"))
        context, frames, (result, raised) = cwm_reference.trace_program(
            "boom", 1, 3, corpus=os.path.join(os.path.dirname(__file__), "fixtures", "corpus"))
        self.assertEqual(answer["context"], context)
        self.assertEqual(event_tuples(answer), [f.as_tuple() for f in frames])
        self.assertEqual((answer["result"], answer["raised"]), (result, raised))


if __name__ == "__main__":
    unittest.main()
