"""The tracer's protocol: hello, list, determinism, the size search, limits, bad input."""

import hashlib
import json
import os
import platform
import random
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cwm_reference  # noqa: E402
from tracer_client import FIXTURE_CORPUS, TRACER, TracerProcess, corpus_names  # noqa: E402


class ProtocolTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tracer = TracerProcess()

    @classmethod
    def tearDownClass(cls):
        cls.tracer.close()

    def test_hello_names_this_python(self):
        hello = self.tracer.hello
        self.assertEqual(hello["op"], "hello")
        self.assertEqual(hello["protocol"], "cwmbench-programs/1")
        self.assertEqual(hello["python"], platform.python_version())
        self.assertEqual(hello["hash_seed"], "0")
        self.assertEqual(hello["programs"], len(corpus_names()))
        digest = hashlib.sha256()
        for name in corpus_names():
            with open(os.path.join(os.path.dirname(TRACER), "corpus", name + ".py"), "rb") as f:
                digest.update(name.encode() + b"\0" + f.read() + b"\0")
        self.assertEqual(hello["corpus_sha256"], digest.hexdigest())

    def test_list_request_and_flag_name_the_corpus_files(self):
        listed = self.tracer.ask(op="list")
        self.assertEqual([p["name"] for p in listed["programs"]], corpus_names())
        self.assertGreaterEqual(len(corpus_names()), 50)
        self.assertTrue(all(p["doc"] and p["entry"] for p in listed["programs"]))
        flag = subprocess.run([sys.executable, TRACER, "--list"], capture_output=True, text=True)
        self.assertEqual(flag.returncode, 0)
        self.assertEqual(flag.stdout.split(), corpus_names())

    def test_line_events_is_the_number_of_line_frames(self):
        for name in corpus_names()[:20]:
            answer = self.tracer.ask(id=name, program=name, seed=4, length=90)
            self.assertEqual(answer["id"], name)
            kinds = [e["kind"] for e in answer["events"]]
            self.assertEqual(answer["line_events"], kinds.count("line"))
            self.assertEqual(kinds.count("call"), kinds.count("return"))
            self.assertEqual(answer["events"][0]["function"], "main")
            self.assertEqual(answer["events"][-1]["kind"], "return")
            self.assertEqual(answer["events"][-1]["call"], 1)

    # Programs whose trace grows by a factor with each step of size (exponential recursion):
    # the nearest size can be far from any target, so they are checked for optimality instead.
    COARSE = {"fib_recursive", "hanoi", "subsets"}

    def test_size_search_lands_near_the_target(self):
        misses = []
        for name in corpus_names():
            for length in (120, 400):
                answer = self.tracer.ask(id=1, program=name, seed=21, length=length)
                self.assertTrue(answer["ok"], answer.get("error"))
                error = abs(answer["line_events"] - length)
                if name in self.COARSE:
                    # No neighbouring size is nearer the target.
                    for size in (answer["size"] - 1, answer["size"] + 1):
                        if size >= 1:
                            other = self.tracer.ask(id=2, program=name, seed=21, size=size)
                            self.assertGreaterEqual(abs(other["line_events"] - length), error,
                                                    (name, length, size))
                elif error > 0.2 * length:
                    misses.append((name, length, answer["line_events"]))
        self.assertEqual(misses, [])

    def test_long_traces_succeed_for_every_program(self):
        # 1,000 line events is the longest target the README recommends (reprs stay short).
        for name in corpus_names():
            answer = self.tracer.ask(id=1, program=name, seed=3, length=1000)
            self.assertTrue(answer["ok"], (name, answer.get("error")))
            self.assertLess(abs(answer["line_events"] - 1000), 250, name)

    def test_the_size_fixes_the_trace(self):
        for name in ("two_sum", "quicksort", "bank_account"):
            searched = self.tracer.ask(id=1, program=name, seed=8, length=200)
            fixed = self.tracer.ask(id=1, program=name, seed=8, size=searched["size"])
            self.assertEqual(fixed["events"], searched["events"])
            self.assertEqual(fixed["context"], searched["context"])
            self.assertEqual(fixed["probes"], 0)
            self.assertIsNone(fixed["length"])

    def test_seeds_give_different_inputs(self):
        contexts = {self.tracer.ask(id=1, program="bubble_sort", seed=s, size=12)["context"]
                    for s in range(5)}
        self.assertEqual(len(contexts), 5)

    def test_bad_requests_answer_errors_and_the_tracer_goes_on(self):
        answers = [
            json.loads(self.tracer.raw("{not json")),
            self.tracer.ask(id=5, program="nope", seed=1, length=10),
            self.tracer.ask(id=6, program="two_sum", seed=-1, length=10),
            self.tracer.ask(id=7, program="two_sum", seed=1, length=0),
            self.tracer.ask(id=8, program="two_sum", seed=1),
            self.tracer.ask(id=9, op="dance"),
            self.tracer.ask(id=10, program="two_sum", seed=1, length=10, time_limit="soon"),
        ]
        for answer in answers:
            self.assertFalse(answer["ok"])
            self.assertTrue(answer["error"])
            self.assertNotIn("Traceback", answer["error"])
        self.assertIn("'nope'", answers[1]["error"])
        self.assertEqual([a.get("id") for a in answers], [None, 5, 6, 7, 8, 9, 10])
        self.assertTrue(self.tracer.ask(id=11, program="two_sum", seed=1, length=10)["ok"])

    def test_a_broken_corpus_file_is_a_data_error(self):
        import tempfile
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "broken.py"), "w") as handle:
                handle.write("def broken():\n    return 1\n")
            run = subprocess.run([sys.executable, TRACER, "--corpus", folder, "--list"],
                                 capture_output=True, text=True)
        self.assertEqual(run.returncode, 65)
        self.assertIn("no '# ---- input ----' line", run.stderr)
        self.assertNotIn("Traceback", run.stderr)

    def test_unknown_flag_is_a_usage_error(self):
        run = subprocess.run([sys.executable, TRACER, "--bogus"], capture_output=True, text=True)
        self.assertEqual(run.returncode, 64)
        self.assertIn("'--bogus'", run.stderr)
        self.assertEqual(run.stdout, "")


class DeterminismTests(unittest.TestCase):
    def test_hash_seeds_do_not_change_any_answer(self):
        requests = [json.dumps({"id": i, "program": name, "seed": 1000 + i, "length": 150})
                    for i, name in enumerate(corpus_names())]
        outputs = []
        for hash_seed in ("0", "1", "4242"):
            tracer = TracerProcess(hash_seed=hash_seed)
            try:
                outputs.append([tracer.raw(line) for line in requests])
            finally:
                tracer.close()
        self.assertEqual(outputs[0], outputs[1])
        self.assertEqual(outputs[0], outputs[2])
        self.assertTrue(all(json.loads(line)["ok"] for line in outputs[0]))

    def test_an_answer_does_not_depend_on_earlier_requests(self):
        # What --jobs relies on: any process, any order, the same answer line.
        first = json.dumps({"id": 1, "program": "hot_potato", "seed": 9, "length": 300})
        second = json.dumps({"id": 2, "program": "merge_sort", "seed": 9, "length": 300})
        busy, fresh = TracerProcess(), TracerProcess(hash_seed="7")
        try:
            a1, b1, a2 = busy.raw(first), busy.raw(second), busy.raw(first)
            b2, a3 = fresh.raw(second), fresh.raw(first)
        finally:
            busy.close()
            fresh.close()
        self.assertEqual(a1, a2)
        self.assertEqual(a1, a3)
        self.assertEqual(b1, b2)
        self.assertNotEqual(a1, b1)

    def test_context_is_runnable_and_reproduces_the_return_value(self):
        tracer = TracerProcess()
        try:
            answers = [tracer.ask(id=1, program=n, seed=77, length=100) for n in corpus_names()]
        finally:
            tracer.close()
        # Run every context in a fresh interpreter (another hash seed) and print main()'s repr.
        script = ("import json, sys\n"
                  "out = []\n"
                  "for context in json.load(sys.stdin):\n"
                  "    scope = {}\n"
                  "    exec(context, scope)\n"
                  "    out.append(repr(scope['main']()))\n"
                  "print(json.dumps(out))\n")
        run = subprocess.run([sys.executable, "-c", script], input=json.dumps(
            [a["context"] for a in answers]), capture_output=True, text=True,
            env=dict(os.environ, PYTHONHASHSEED="99"))
        self.assertEqual(run.returncode, 0, run.stderr)
        results = json.loads(run.stdout)
        for answer, result in zip(answers, results):
            self.assertEqual(answer["result"], result)
            # Straight from the corpus file, without any context: same value.
            program, entry, make_input = cwm_reference.read_program(answer["program"])
            scope = {}
            exec(program, scope)
            direct = scope[entry](*make_input(random.Random(77), answer["size"]))
            self.assertEqual(repr(direct), result)
            self.assertEqual(answer["events"][-1]["value"], result)


class LimitTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tracer = TracerProcess(corpus=FIXTURE_CORPUS)

    @classmethod
    def tearDownClass(cls):
        cls.tracer.close()

    def test_a_hanging_program_is_stopped_by_the_event_bound(self):
        answer = self.tracer.ask(id=1, program="hang", seed=1, length=100)
        self.assertFalse(answer["ok"])
        self.assertEqual(answer["error"], "stopped: the trace has more than 100000 events")
        small = self.tracer.ask(id=2, program="hang", seed=1, size=3, max_events=500)
        self.assertEqual(small["error"], "stopped: the trace has more than 500 events")
        self.assertTrue(self.tracer.ask(id=3, program="boom", seed=1, size=2)["ok"])

    def test_a_hanging_program_is_stopped_by_the_time_limit(self):
        answer = self.tracer.ask(id=1, program="hang", seed=1, size=1, max_events=10**7,
                                 time_limit=0.3)
        self.assertFalse(answer["ok"])
        self.assertEqual(answer["error"], "stopped: the trace took longer than its time limit")

    def test_a_raising_program_is_traced_as_an_exception(self):
        answer = self.tracer.ask(id=1, program="boom", seed=1, size=2)
        self.assertTrue(answer["ok"], answer.get("error"))
        self.assertIsNone(answer["result"])
        self.assertEqual(answer["raised"], "ValueError('too big: 3')")
        exceptions = [(e["function"], e["source"].strip(), e["value"])
                      for e in answer["events"] if e["kind"] == "exception"]
        self.assertEqual(exceptions, [
            ("check", 'raise ValueError("too big: " + str(x))', "ValueError('too big: 3')"),
            ("boom", "total += check(x)", "ValueError('too big: 3')"),
            ("main", "return boom([1, 1, 3])", "ValueError('too big: 3')"),
        ])
        # CPython then reports a return with None from each frame the exception leaves.
        self.assertEqual(answer["events"][-1]["kind"], "return")
        self.assertEqual(answer["events"][-1]["value"], "None")


if __name__ == "__main__":
    unittest.main()
