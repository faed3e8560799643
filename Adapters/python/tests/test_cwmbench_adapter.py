"""Tests of the cwmbench/1 helper library, driven through real subprocesses and pipes.

Run: python3 -m unittest discover -s Adapters/python/tests
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PYDIR = os.path.dirname(HERE)
sys.path.insert(0, PYDIR)

import cwmbench_adapter as helper  # noqa: E402

HELLO = {"op": "hello", "protocol": "cwmbench/1"}

# A test adapter with answers the tests can predict from the request alone.
FIXTURE = textwrap.dedent('''
    import os, sys
    from cwmbench_adapter import Adapter, AdapterError, serve

    class Fixture(Adapter):
        name = "fixture"
        train_length = 16

        def score(self, text, spans):
            print("noise from print in score")           # must land on stderr
            os.write(1, b"noise from fd 1 in score\\n")  # so must native writes
            out = []
            for start, end in spans:
                piece = text[start:end]
                if piece == "boom":
                    raise ValueError("exploded on 'boom'")
                if piece == "inf":
                    out.append((float("-inf"), False))
                    continue
                if piece == "nan":
                    out.append((float("nan"), False))
                    continue
                if piece == "said":  # also says what greedy decoding wrote and the span's token count
                    out.append((-0.25, False, "sad", 2))
                    continue
                out.append((-float(end - start) / 2, piece.isdigit()))
            return out

        def next_token(self, text):
            # continues with the characters of "xyz\\nrest", one per call
            target = "xyz\\nrest"
            done = len(text) - len(self.prompt_seen) if hasattr(self, "prompt_seen") else 0
            return target[done] if done < len(target) else ""

        def generate(self, prompt, max_tokens, stop):
            self.prompt_seen = prompt
            return Adapter.generate(self, prompt, max_tokens, stop)

    if __name__ == "__main__":
        serve(Fixture())
''')

GENERATE_ONLY = textwrap.dedent('''
    from cwmbench_adapter import Adapter, serve

    class Echo(Adapter):
        name = "echo"
        def generate(self, prompt, max_tokens, stop):
            return prompt[-3:] + "\\ntail"

    serve(Echo())
''')


class Session:
    """One adapter subprocess; requests are written one at a time and answered in order."""

    def __init__(self, script: str):
        env = dict(os.environ, PYTHONPATH=PYDIR)
        self.proc = subprocess.Popen([sys.executable, script], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env, text=True, encoding="utf-8")

    def ask(self, request) -> dict:
        line = request if isinstance(request, str) else json.dumps(request)
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        assert answer, "adapter closed stdout; stderr: %s" % self.proc.stderr.read()
        return json.loads(answer)

    def close(self):
        """Close stdin and return (exit code, remaining stdout, stderr)."""
        out, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, out, err


class ServeTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.fixture = os.path.join(self.tmp.name, "fixture.py")
        with open(self.fixture, "w") as f:
            f.write(FIXTURE)
        self.session = Session(self.fixture)

    def tearDown(self):
        if self.session.proc.poll() is None:
            self.session.proc.kill()
            self.session.proc.communicate()
        self.tmp.cleanup()

    def test_hello_announces_name_modes_and_train_length(self):
        answer = self.session.ask(HELLO)
        self.assertEqual(answer, {"ok": True, "name": "fixture", "modes": ["score", "generate", "choice"],
                                  "train_length": 16})

    def test_hello_announces_max_concurrency_when_the_adapter_sets_it(self):
        class Single(helper.Adapter):
            name = "single"
            modes = ["generate"]
            max_concurrency = 1
        answer = helper._hello(Single(), {"op": "hello", "protocol": helper.PROTOCOL})
        self.assertEqual(answer["max_concurrency"], 1)
        self.assertNotIn("max_concurrency", helper._hello(helper.Adapter(), {"op": "hello", "protocol": helper.PROTOCOL}))

    def test_hello_with_another_protocol_is_refused(self):
        answer = self.session.ask({"op": "hello", "protocol": "cwmbench/9"})
        self.assertEqual(answer["ok"], False)
        self.assertIn("'cwmbench/9'", answer["error"])

    def test_score_answers_every_span_in_order(self):
        text = ">>> a = 1\n>>> print('a', a)\na 1\n12345"
        spans = [[text.index("a 1"), text.index("a 1") + 3], [len(text) - 5, len(text)]]
        answer = self.session.ask({"op": "score", "id": "7", "text": text, "spans": spans})
        self.assertEqual(answer, {"id": "7", "spans": [{"logprob": -1.5, "correct": False},
                                                        {"logprob": -2.5, "correct": True}]})

    def test_minus_infinity_predictions_and_token_counts_are_spoken_as_the_protocol_says(self):
        answer = self.session.ask({"op": "score", "id": "p", "text": "inf said", "spans": [[0, 3], [4, 8]]})
        self.assertEqual(answer, {"id": "p", "spans": [{"logprob": "-inf", "correct": False},
                                                        {"logprob": -0.25, "correct": False,
                                                         "predicted": "sad", "tokens": 2}]})

    def test_integer_ids_come_back_unchanged(self):
        answer = self.session.ask({"op": "score", "id": 42, "text": "99", "spans": [[0, 2]]})
        self.assertEqual(answer["id"], 42)

    def test_generate_uses_next_token_hook_and_cuts_at_stop(self):
        answer = self.session.ask({"op": "generate", "id": "8", "prompt": "p>", "max_tokens": 24, "stop": ["\n"]})
        self.assertEqual(answer, {"id": "8", "text": "xyz"})

    def test_generate_respects_max_tokens(self):
        answer = self.session.ask({"op": "generate", "id": "9", "prompt": "p>", "max_tokens": 2, "stop": ["\n"]})
        self.assertEqual(answer, {"id": "9", "text": "xy"})

    def test_default_choice_scores_prompt_plus_candidate(self):
        answer = self.session.ask({"op": "choice", "id": "c", "prompt": "q ", "candidates": ["7", "a 12", "xyz"]})
        self.assertEqual(answer, {"id": "c", "logprobs": [-0.5, -2.0, -1.5]})

    def test_errors_are_answers_and_the_session_goes_on(self):
        cases = [
            ({"op": "score", "id": "e1", "text": "boom", "spans": [[0, 4]]}, "exploded on 'boom'"),
            ({"op": "score", "id": "e2", "text": "abc", "spans": [[2, 9]]}, "outside the text"),
            ({"op": "score", "id": "e3", "text": "abc", "spans": [[0]]}, "not a [start, end] pair"),
            ({"op": "score", "id": "e4", "text": "nan", "spans": [[0, 3]]}, "non-finite logprob"),
            ({"op": "fly", "id": "e5"}, "unknown op 'fly'"),
            ({"op": "generate", "id": "e6", "prompt": "x", "max_tokens": 0}, "max_tokens"),
            ({"op": "choice", "id": "e7", "prompt": "x", "candidates": [1]}, "candidates"),
            ({"op": "score", "id": "e8", "spans": []}, "missing field 'text'"),
        ]
        for request, message in cases:
            answer = self.session.ask(request)
            self.assertEqual(set(answer), {"id", "error"}, request)
            self.assertEqual(answer["id"], request["id"])
            self.assertIn(message, answer["error"])
        self.assertEqual(self.session.ask({"op": "score", "id": "ok", "text": "5", "spans": [[0, 1]]}),
                         {"id": "ok", "spans": [{"logprob": -0.5, "correct": True}]})

    def test_malformed_lines_get_an_error_without_id(self):
        for line in ["not json", "[1, 2]", json.dumps({"op": "score", "text": "1", "spans": [[0, 1]]})]:
            answer = self.session.ask(line)
            self.assertIsNone(answer["id"])
            self.assertIn("error", answer)
        self.assertTrue(self.session.ask(HELLO)["ok"])

    def test_exits_cleanly_on_eof_and_keeps_stdout_for_answers(self):
        self.session.ask(HELLO)
        self.session.ask({"op": "score", "id": "1", "text": "12", "spans": [[0, 2]]})
        self.session.proc.stdin.write("\n")  # blank lines are ignored, not answered
        code, rest, err = self.session.close()
        self.assertEqual(code, 0)
        self.assertEqual(rest, "")
        self.assertIn("noise from print in score", err)
        self.assertIn("noise from fd 1 in score", err)

    def test_stderr_noise_never_reaches_stdout(self):
        requests = [HELLO] + [{"op": "score", "id": str(i), "text": "9" * (i + 1), "spans": [[0, i + 1]]}
                              for i in range(20)]
        payload = "".join(json.dumps(r) + "\n" for r in requests)
        env = dict(os.environ, PYTHONPATH=PYDIR)
        self.session.proc.kill()
        self.session.proc.communicate()
        done = subprocess.run([sys.executable, self.fixture], input=payload, capture_output=True, text=True,
                              env=env, timeout=30)
        lines = done.stdout.splitlines()
        self.assertEqual(len(lines), 21)
        for i, line in enumerate(lines[1:]):
            self.assertEqual(json.loads(line), {"id": str(i), "spans": [{"logprob": -(i + 1) / 2, "correct": True}]})
        self.assertEqual(done.stderr.count("noise from fd 1 in score"), 20)


class UnsupportedModeTests(unittest.TestCase):
    def test_modes_follow_what_the_subclass_provides(self):
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "echo.py")
            with open(script, "w") as f:
                f.write(GENERATE_ONLY)
            session = Session(script)
            self.assertEqual(session.ask(HELLO), {"ok": True, "name": "echo", "modes": ["generate"]})
            self.assertEqual(session.ask({"op": "generate", "id": "g", "prompt": "abcdef", "max_tokens": 5,
                                          "stop": ["\n"]}), {"id": "g", "text": "def"})
            for op in ("score", "choice"):
                answer = session.ask({"op": op, "id": op, "text": "x", "spans": [], "prompt": "x", "candidates": []})
                self.assertIn("mode '%s' is not supported" % op, answer["error"])
            self.assertEqual(session.close()[0], 0)


def make_trace(rng: random.Random, n: int, length: int, spacing: int):
    """A repl trace and its reveal spans, with outputs taken from CPython actually running the statements."""
    names = "abcdefghijklmnopqrstuvwxyz"[:n]
    values = rng.sample(range(1, 10), n)
    statements = ["%s = %d" % (v, x) for v, x in zip(names, values)]
    blocks = [[s] for s in statements]
    for step in range(1, length + 1):
        i, j = sorted(rng.sample(range(n), 2))
        blocks.append(["%s, %s = %s, %s" % (names[i], names[j], names[j], names[i])])
        if step % spacing == 0 or step == length:
            v = rng.choice(names)
            blocks.append(["print('%s', %s)" % (v, v)])
    env, text, spans = {}, "", []
    for (statement,) in blocks:
        text += ">>> " + statement + "\n"
        if statement.startswith("print"):
            import io
            import contextlib
            buffer = io.StringIO()
            with contextlib.redirect_stdout(buffer):
                exec(statement, {}, env)
            output = buffer.getvalue().rstrip("\n")
            spans.append((len(text), len(text) + len(output), output))
            text += output + "\n"
        else:
            exec(statement, {}, env)
    return text, spans, dict(zip(names, values))


class ExampleAdapterTests(unittest.TestCase):
    def test_nothing_moves_answers_initial_values(self):
        rng = random.Random(5)
        session = Session(os.path.join(PYDIR, "example_adapter.py"))
        self.assertEqual(session.ask(HELLO), {"ok": True, "name": "nothing-moves",
                                              "modes": ["score", "generate", "choice"]})
        agree = total = 0
        for k in range(10):
            text, spans, initial = make_trace(rng, n=3 + k % 3, length=8, spacing=2)
            for qi, (start, end, output) in enumerate(spans):
                answer = session.ask({"op": "generate", "id": "%d/%d" % (k, qi), "prompt": text[:start],
                                      "max_tokens": 24, "stop": ["\n"]})
                name = output.split()[0]
                self.assertEqual(answer["text"], "%s %d" % (name, initial[name]))
                agree += answer["text"] == output
                total += 1
        # Swaps do move values, so the baseline must be wrong on some reveals (and right on others).
        self.assertGreater(agree, 0)
        self.assertLess(agree, total)
        self.assertEqual(session.close()[0], 0)

    def test_print_all_reveal(self):
        session = Session(os.path.join(PYDIR, "example_adapter.py"))
        prompt = ">>> a = 4\n>>> b = 7\n>>> c = 1\n>>> a, b = b, a\n>>> print(a, b, c)\n"
        self.assertEqual(session.ask({"op": "generate", "id": "1", "prompt": prompt, "max_tokens": 24,
                                      "stop": ["\n"]})["text"], "4 7 1")
        session.close()


    def test_score_needs_the_answer_and_then_its_ending(self):
        session = Session(os.path.join(PYDIR, "example_adapter.py"))
        # The model writes the line "a 4" and a newline; the trace puts " 5" after the answer "a 4".
        text = ">>> a = 4\n>>> print('a', a)\na 4 5\n"
        start = text.index("a 4 5")
        ended = {"op": "score", "id": "e", "text": text, "spans": [[start, start + 3], [start, start + 5]],
                 "ends": [" 5\n", "\n"]}
        spans = session.ask(ended)["spans"]
        self.assertEqual([span["correct"] for span in spans], [False, False])
        self.assertEqual(spans[0]["logprob"], 0.0)  # the answer alone is still what the model writes
        # A request without "ends" (an older harness) asks no end check: the overrun counts.
        old = session.ask({"op": "score", "id": "o", "text": text, "spans": [[start, start + 3]]})
        self.assertEqual(old["spans"][0]["correct"], True)
        proper = ">>> a = 4\n>>> print('a', a)\na 4\n"
        start = proper.index("a 4\n")
        answer = session.ask({"op": "score", "id": "p", "text": proper, "spans": [[start, start + 3]], "ends": ["\n"]})
        self.assertEqual(answer["spans"][0]["correct"], True)
        session.close()


class EndsFieldTests(unittest.TestCase):
    """The request's ``ends`` reaches ``score`` as each span's ``end_text``, checked against the text."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        script = os.path.join(self.tmp.name, "ends.py")
        with open(script, "w") as f:
            f.write(textwrap.dedent('''
                from cwmbench_adapter import Adapter, serve

                class Ends(Adapter):
                    def score(self, text, spans):
                        return [(0.0, True, "%d:%s" % (span[0], span.end_text)) for span in spans]

                serve(Ends())
            '''))
        self.session = Session(script)

    def tearDown(self):
        self.session.close()
        self.tmp.cleanup()

    def test_ends_reach_each_span(self):
        answer = self.session.ask({"op": "score", "id": "1", "text": "a 1\nb 2\n", "spans": [[0, 3], [4, 7]],
                                   "ends": ["\n", "\n"]})
        self.assertEqual([span["predicted"] for span in answer["spans"]], ["0:\n", "4:\n"])
        answer = self.session.ask({"op": "score", "id": "2", "text": "a 1\n", "spans": [[0, 3]]})
        self.assertEqual(answer["spans"][0]["predicted"], "0:")

    def test_bad_ends_are_refused_with_the_value(self):
        cases = [
            ({"ends": ["\n", "\n"]}, "field 'ends' has 2 entries for 1 spans"),
            ({"ends": [">"]}, "end '\">\"' does not follow the span '[0, 3]'"),
            ({"ends": [1]}, "field 'ends' must be a list of strings"),
        ]
        for extra, message in cases:
            request = dict({"op": "score", "id": "x", "text": "a 1\n", "spans": [[0, 3]]}, **extra)
            self.assertIn(message, self.session.ask(request)["error"])


class PureHelperTests(unittest.TestCase):
    def test_greedy_writes_needs_the_answer_and_then_its_ending(self):
        # Answer "za", ending "\n": the trace's tokens over both, and the argmax at each.
        self.assertTrue(helper.greedy_writes(["z", "a", "\n"], ["z", "a", "\n"]))
        # The model writes "za" and goes on writing "a": an overrun is wrong.
        self.assertFalse(helper.greedy_writes(["z", "a", "\n"], ["z", "a", "a"]))
        self.assertFalse(helper.greedy_writes(["z", "a", "\n"], ["z", "b", "\n"]))
        # Once greedy decoding leaves the trace, later argmaxes say nothing.
        self.assertEqual(helper.greedy_text(["z", "a", "\n"], ["z", "q", "\n"]), "zq")

    def test_a_terminator_merged_with_what_follows_is_compared_as_text(self):
        # The tokenizer wrote "\n>>>" as one token; only its "\n" ends the answer (overshoot 3).
        trace = ["za", "\n>>>"]
        self.assertTrue(helper.greedy_writes(trace, ["za", "\n>>>"], overshoot=3))
        self.assertTrue(helper.greedy_writes(trace, ["za", "\n"], overshoot=3))  # another token, same ending
        self.assertTrue(helper.greedy_writes(trace, ["za", "\n\n"], overshoot=3))
        self.assertFalse(helper.greedy_writes(trace, ["za", "a\n"], overshoot=3))
        self.assertFalse(helper.greedy_writes(trace, ["za", "\n"], overshoot=0))  # without the cut: unknown
        # A greedy token that writes only part of the ending leaves the trace: counted wrong.
        self.assertFalse(helper.greedy_writes(["z", "a\"\n"], ["z", "a\""]))
        # Bytes pieces (llama.cpp detokenizes to bytes) work alike.
        self.assertTrue(helper.greedy_writes([b"za", b"\n>>>"], [b"za", b"\n"], overshoot=3))
        self.assertFalse(helper.greedy_writes([b"za", b"\n>>>"], [b"za", b"a"], overshoot=3))

    def test_span_unpacks_like_a_pair_and_carries_its_ending(self):
        span = helper.Span(3, 5, "\n")
        start, end = span
        self.assertEqual((start, end, span.end_text), (3, 5, "\n"))
        self.assertEqual(helper.Span(1, 2).end_text, "")

    def test_cut_at_stop_takes_earliest_stop(self):
        cases = [("a 8\nb", ["\n"], "a 8"), ("abc", [], "abc"), ("x;y\nz", ["\n", ";"], "x"), ("abc", [""], "abc")]
        for text, stop, expected in cases:
            self.assertEqual(helper.cut_at_stop(text, stop), expected)

    def test_overlapping_tokens(self):
        # tokens: [BOS](0,0) ">>>"(0,3) " print"(3,9) "\n"(9,10) "a"(10,11) " 8"(11,13) "\n"(13,14)
        offsets = [(0, 0), (0, 3), (3, 9), (9, 10), (10, 11), (11, 13), (13, 14)]
        self.assertEqual(helper.overlapping_tokens(offsets, 10, 13), [4, 5])
        self.assertEqual(helper.overlapping_tokens(offsets, 12, 13), [5])
        self.assertEqual(helper.overlapping_tokens(offsets, 0, 1), [1])
        self.assertEqual(helper.overlapping_tokens(offsets, 5, 5), [])

    def test_char_to_byte_offsets_matches_utf8(self):
        text = "a é ü ≤ 😀 z"
        offsets = helper.char_to_byte_offsets(text)
        for i in range(len(text) + 1):
            self.assertEqual(offsets[i], len(text[:i].encode("utf-8")))


class CheckpointHelperTests(unittest.TestCase):
    """Parts of hf_adapter / gguf_adapter that need neither torch nor llama_cpp."""

    def test_hf_train_length_from_cwmbench_model_json(self):
        import hf_adapter
        with tempfile.TemporaryDirectory() as tmp:
            self.assertIsNone(hf_adapter.read_train_length(tmp))
            with open(os.path.join(tmp, "cwmbench-model.json"), "w") as f:
                json.dump({"train_length": 64}, f)
            self.assertEqual(hf_adapter.read_train_length(tmp), 64)
            with open(os.path.join(tmp, "cwmbench-model.json"), "w") as f:
                json.dump({"train_length": "long"}, f)
            with self.assertRaises(ValueError):
                hf_adapter.read_train_length(tmp)

    def test_gguf_piece_offsets_are_contiguous(self):
        import gguf_adapter
        pieces = [b"", b">>>", b" a", b" =", b" ", b"7", b"\n"]
        offsets = gguf_adapter.piece_offsets(pieces)
        self.assertEqual(offsets[0], (0, 0))
        joined = b"".join(pieces)
        for (s, e), p in zip(offsets, pieces):
            self.assertEqual(joined[s:e], p)

    def test_missing_package_is_named_with_pip_command(self):
        with tempfile.TemporaryDirectory() as tmp:
            # a fake package directory that shadows nothing but a module that fails to import
            with open(os.path.join(tmp, "torch.py"), "w") as f:
                f.write("raise ImportError('no torch here')\n")
            os.makedirs(os.path.join(tmp, "ckpt"))
            with open(os.path.join(tmp, "ckpt", "config.json"), "w") as f:
                f.write("{}")
            env = dict(os.environ, PYTHONPATH=tmp)
            done = subprocess.run([sys.executable, os.path.join(PYDIR, "hf_adapter.py"), os.path.join(tmp, "ckpt")],
                                  input="", capture_output=True, text=True, env=env, timeout=30)
            self.assertEqual(done.returncode, 2)
            self.assertEqual(done.stdout, "")
            self.assertIn("'torch'", done.stderr)
            self.assertIn("pip install torch transformers", done.stderr)


@unittest.skipUnless(importlib.util.find_spec("numpy") is not None, "numpy is not installed")
class GGUFEndingTests(unittest.TestCase):
    """gguf_adapter's end check over a scripted vocabulary and logits (no llama.cpp)."""

    PIECES = [b"", b"x\n", b"za", b"\n>>>", b" y", b"\n", b"a"]  # 0 is BOS

    def score(self, top_after_answer: int, end_text: str = "\n"):
        import numpy as np

        sys.path.insert(0, PYDIR)
        import gguf_adapter

        pieces = self.PIECES
        tokens = [0, 1, 2, 3, 4]  # "x\nza\n>>> y", the answer's newline merged with the prompt after it

        class Llama:
            def detokenize(self, ids):
                return b"".join(pieces[i] for i in ids)

        model = object.__new__(gguf_adapter.GGUFAdapter)
        model.np, model.llm = np, Llama()

        def forward(_tokens, _start, want):
            rows = {}
            for row in want:  # row i predicts token i + 1: the trace's, except after the answer
                logits = np.zeros(len(pieces), dtype=np.float32)
                logits[top_after_answer if row == 2 else tokens[row + 1]] = 5.0
                rows[row] = logits
            return rows

        model.forward = forward
        offsets = gguf_adapter.piece_offsets([pieces[t] for t in tokens])
        (result,) = model.span_results(tokens, offsets, [(2, 4, 4 + len(end_text))])
        return result

    def test_a_merged_terminator_is_compared_as_bytes(self):
        self.assertTrue(self.score(3)[1])  # the trace's own "\n>>>"
        self.assertTrue(self.score(5)[1])  # "\n" alone also ends the answer
        overrun = self.score(6)  # "za" then "a": the answer is reproduced, not ended
        self.assertFalse(overrun[1])
        self.assertEqual(overrun[2:], ("za", 1))
        self.assertTrue(self.score(6, end_text="")[1])  # without an ending, as before issue 20


class CompareRunsTests(unittest.TestCase):
    TASKS = [{"id": "t/0", "text": "P0|P1|P2|", "queries": [
                 {"start": 3, "answer": "a 1", "candidates": ["a 1", "a 2", "a 3"]},
                 {"start": 6, "answer": "b 2", "candidates": ["b 1", "b 2", "b 7"]},
                 {"start": 9, "answer": "c 3", "candidates": ["c 1", "c 3", "c 4"]}]},
             {"id": "t/1", "text": "", "queries": [{"start": 0, "answer": "a 4"}]}]

    # Choice adapter for the tie check: query 1's prompt "P0|P1|" is a near-tie ("b 2" and "b 7" 0.1 nats
    # apart); every other prompt has a clear winner 2 nats ahead of the runner-up.
    TIE_ADAPTER = textwrap.dedent('''
        from cwmbench_adapter import Adapter, serve
        class Ties(Adapter):
            name = "ties"
            def choice(self, prompt, candidates):
                if prompt.endswith("P1|"):
                    return [-3.0, -0.7, -0.8]
                return [-3.0, -0.1, -2.1]
        serve(Ties())
    ''')

    def write_run(self, folder, records):
        os.makedirs(folder)
        with open(os.path.join(folder, "results.jsonl"), "w") as f:
            for r in records:
                f.write(json.dumps(r) + "\n")

    def run_compare(self, score_queries, generate_queries, generate_error=None, extra=()):
        with tempfile.TemporaryDirectory() as tmp:
            tasks = os.path.join(tmp, "tasks.jsonl")
            with open(tasks, "w") as f:
                for t in self.TASKS:
                    f.write(json.dumps(t) + "\n")
            self.write_run(os.path.join(tmp, "s"), [
                {"id": "t/0", "queries": score_queries, "error": None},
                {"id": "t/1", "queries": [{"correct": True, "logprob": -0.1, "predicted": None, "probs": None}],
                 "error": None}])
            self.write_run(os.path.join(tmp, "g"), [
                {"id": "t/0", "queries": generate_queries, "error": None},
                {"id": "t/1", "queries": [], "error": generate_error}])
            return subprocess.run([sys.executable, os.path.join(PYDIR, "compare_runs.py"), tasks,
                                   os.path.join(tmp, "s"), os.path.join(tmp, "g")] + list(extra),
                                  capture_output=True, text=True, timeout=30, env=dict(os.environ, PYTHONPATH=PYDIR))

    @staticmethod
    def sq(correct):
        return {"correct": correct, "logprob": -1.0, "predicted": None, "probs": None}

    @staticmethod
    def gq(predicted):
        return {"correct": None, "logprob": None, "predicted": predicted, "probs": None}

    def test_agreement_exits_zero_and_counts(self):
        done = self.run_compare([self.sq(True), self.sq(False), self.sq(True)],
                                [self.gq("a 1"), self.gq("b 9"), self.gq(None)], generate_error="boom")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("queries 4, compared 2, agree 2, disagree 0 (near-ties 0), skipped 2", done.stdout)

    def test_disagreement_exits_nonzero_and_names_the_query(self):
        done = self.run_compare([self.sq(True), self.sq(True), self.sq(False)],
                                [self.gq("a 1"), self.gq("b 7"), self.gq("c 3")], generate_error="boom")
        self.assertEqual(done.returncode, 1)
        self.assertIn("agree 1, disagree 2 (near-ties 0)", done.stdout)
        self.assertIn("disagree: t/0 query 1", done.stdout)
        self.assertIn("disagree: t/0 query 2", done.stdout)

    def test_near_ties_are_tolerated_only_when_the_adapter_confirms_them(self):
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "ties.py")
            with open(script, "w") as f:
                f.write(self.TIE_ADAPTER)
            tie = ["--tie-adapter", "%s %s" % (sys.executable, script)]
            # query 1 ("b 2" vs generated "b 7", prompt "P0|P1|") is a near-tie: tolerated
            done = self.run_compare([self.sq(True), self.sq(True), self.sq(True)],
                                    [self.gq("a 1"), self.gq("b 7"), self.gq("c 3")], "boom", tie)
            self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
            self.assertIn("disagree 1 (near-ties 1)", done.stdout)
            self.assertIn("margin 0.100 nats (near-tie, tolerated)", done.stdout)
            # query 2 ("c 3" vs "c 4", prompt "P0|P1|P2|") has a clear winner: still a failure
            done = self.run_compare([self.sq(True), self.sq(True), self.sq(True)],
                                    [self.gq("a 1"), self.gq("b 7"), self.gq("c 4")], "boom", tie)
            self.assertEqual(done.returncode, 1)
            self.assertIn("disagree 2 (near-ties 1)", done.stdout)
            self.assertIn("margin 2.000 nats\n", done.stdout)

    def run_ties(self, adapter: str, task: dict, scored: list, generated: list) -> subprocess.CompletedProcess:
        """compare_runs.py over one task line, its score and generate results, with `adapter` as the tie adapter."""
        with tempfile.TemporaryDirectory() as tmp:
            script = os.path.join(tmp, "ties.py")
            with open(script, "w") as f:
                f.write(adapter)
            path = os.path.join(tmp, "tasks.jsonl")
            with open(path, "w") as f:
                f.write(json.dumps(task) + "\n")
            self.write_run(os.path.join(tmp, "s"), [{"id": task["id"], "queries": scored, "error": None}])
            self.write_run(os.path.join(tmp, "g"), [{"id": task["id"], "queries": generated, "error": None}])
            return subprocess.run([sys.executable, os.path.join(PYDIR, "compare_runs.py"), path,
                                   os.path.join(tmp, "s"), os.path.join(tmp, "g"),
                                   "--tie-adapter", "%s %s" % (sys.executable, script)],
                                  capture_output=True, text=True, timeout=30, env=dict(os.environ, PYTHONPATH=PYDIR))

    def test_free_form_ties_are_asked_over_answer_and_generated_text_with_their_ending(self):
        # A free-form query (no candidates): the tie adapter is asked over the answer and the generated text,
        # each followed by the trace's text after the span ("\n"); it answers a near-tie only for exactly those.
        adapter = textwrap.dedent('''
            from cwmbench_adapter import Adapter, serve
            class Ties(Adapter):
                name = "ties"
                def choice(self, prompt, candidates):
                    if prompt == ">>> print(a)\\n" and candidates == ["za\\n", "zaa\\n"]:
                        return [-0.7, -0.8]
                    return [-0.1, -3.0]
            serve(Ties())
        ''')
        task = {"id": "f/0", "text": ">>> print(a)\nza\n>>> print(b)\nq\n", "queries": [
                    {"start": 13, "end": 15, "answer": "za"}, {"start": 29, "end": 30, "answer": "q"}]}
        done = self.run_ties(adapter, task, [self.sq(True), self.sq(True)], [self.gq("zaa"), self.gq("qq")])
        self.assertEqual(done.returncode, 1, done.stdout + done.stderr)
        self.assertIn("disagree 2 (near-ties 1)", done.stdout)
        self.assertIn('answer "za", score correct=True (logprob -1.0), generated "zaa", top-two margin 0.100 nats '
                      '(near-tie, tolerated)', done.stdout)
        self.assertIn('generated "qq", top-two margin 2.900 nats\n', done.stdout)

    def test_when_generate_writes_the_answer_the_rival_is_score_modes_greedy_text(self):
        # Score mode judged greedy decoding wrong ("cr" came first), generate mode wrote the answer: the tie is
        # asked over the answer and score mode's greedy text as they stand (where the decodings parted), both for a
        # free-form query and for one whose candidates do not hold that text ("a 8" among "b 1", "b 8").
        adapter = textwrap.dedent('''
            from cwmbench_adapter import Adapter, serve
            class Ties(Adapter):
                name = "ties"
                def choice(self, prompt, candidates):
                    if candidates in (["c", "cr"], ["b 8", "a 8"]):
                        return [-1.576, -1.582]
                    return [-0.1, -3.0]
            serve(Ties())
        ''')
        task = {"id": "f/0", "text": ">>> print(b)\nc\n>>> print('b', b)\nb 8\n", "queries": [
                    {"start": 13, "end": 14, "answer": "c"},
                    {"start": 33, "end": 36, "answer": "b 8", "candidates": ["b 1", "b 8"]}]}
        wrong = [dict(self.sq(False), predicted="cr"), dict(self.sq(False), predicted="a 8")]
        done = self.run_ties(adapter, task, wrong, [self.gq("c"), self.gq("b 8")])
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("disagree 2 (near-ties 2)", done.stdout)
        self.assertIn('answer "c", score correct=False (logprob -1.0), generated "c", top-two margin 0.006 nats '
                      '(near-tie, tolerated)', done.stdout)

    def test_nothing_comparable_fails(self):
        done = self.run_compare([self.sq(None)] * 3, [self.gq(None)] * 3, generate_error="boom")
        self.assertEqual(done.returncode, 1)
        self.assertIn("no query could be compared", done.stderr)


def _skip_missing(test: unittest.TestCase, module: str, pip_name: str) -> None:
    try:
        __import__(module)
    except ImportError:
        message = "SKIPPED: the Python package '%s' is missing (pip install %s)" % (pip_name, pip_name)
        print("\n" + message, file=sys.stderr)
        test.skipTest(message)


class GGUFRealModelTests(unittest.TestCase):
    """Needs llama_cpp and a GGUF file (CWMBENCH_GGUF_MODEL or .venv-real/models/gemma3-270m.gguf); not in CI."""

    def test_score_generate_choice_agree_on_a_real_model(self):
        _skip_missing(self, "llama_cpp", "llama-cpp-python")
        root = os.path.dirname(os.path.dirname(PYDIR))
        model = os.environ.get("CWMBENCH_GGUF_MODEL", os.path.join(root, ".venv-real", "models", "gemma3-270m.gguf"))
        if not os.path.isfile(model):
            message = "SKIPPED: no GGUF model at '%s' (run make check-real-model)" % model
            print("\n" + message, file=sys.stderr)
            self.skipTest(message)
        proc = subprocess.Popen([sys.executable, os.path.join(PYDIR, "gguf_adapter.py"), model, "--n-ctx", "1024"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        session = Session.__new__(Session)
        session.proc = proc
        try:
            hello = session.ask(HELLO)
            self.assertEqual(hello["modes"], ["score", "generate", "choice"])
            text, spans, _ = make_trace(random.Random(11), n=3, length=8, spacing=2)
            scored = session.ask({"op": "score", "id": "s", "text": text,
                                  "spans": [[s, e] for s, e, _ in spans]})["spans"]
            self.assertEqual(len(scored), len(spans))
            for (start, end, output), result in zip(spans, scored):
                self.assertTrue(math.isfinite(result["logprob"]) and result["logprob"] <= 0)
                generated = session.ask({"op": "generate", "id": "g", "prompt": text[:start], "max_tokens": 16,
                                         "stop": ["\n"]})["text"]
                name = output.split()[0]
                candidates = ["%s %d" % (name, v) for v in range(1, 10)]
                logprobs = session.ask({"op": "choice", "id": "c", "prompt": text[:start],
                                        "candidates": candidates})["logprobs"]
                # choice evaluates prompt and candidate in two passes: float results shift slightly with batching
                self.assertAlmostEqual(logprobs[candidates.index(output)], result["logprob"], delta=0.5)
                if result["correct"] != (generated == output):
                    # Only a near-tie may flip between the one-pass score and token-by-token generation.
                    ranked = sorted(zip(logprobs, candidates), reverse=True)
                    self.assertLess(ranked[0][0] - ranked[1][0], 0.5, (output, generated, ranked[:3]))
                    self.assertLessEqual({output, generated}, {ranked[0][1], ranked[1][1]})
            # every request starts from an empty cache: the same request gives the same numbers after others
            again = session.ask({"op": "score", "id": "s2", "text": text, "spans": [[s, e] for s, e, _ in spans]})
            self.assertEqual(again["spans"], scored)
        finally:
            self.assertEqual(session.close()[0], 0)


if __name__ == "__main__":
    unittest.main()
