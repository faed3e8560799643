"""Tests of the reference learners (run with the venv's python for the jax ones).

    .venv-reference/bin/python -m unittest discover -s Reference/tests

Without jax every test that needs it skips, saying how to install it; the
vocabulary and batching tests run everywhere (plain python3, numpy not needed).
CI sets CWMBENCH_REQUIRE_JAX=1 (make test does, when .venv-reference exists): then a missing
jax fails the run instead of skipping, so a green CI means the learners were tested.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
REFERENCE = os.path.dirname(HERE)
ADAPTERS = os.path.join(os.path.dirname(REFERENCE), "Adapters", "python")
sys.path.insert(0, REFERENCE)

HAVE_JAX = importlib.util.find_spec("jax") is not None and importlib.util.find_spec("numpy") is not None
NO_JAX = "jax is not installed (run Reference/setup_venv.sh)"
if os.environ.get("CWMBENCH_REQUIRE_JAX") == "1" and not HAVE_JAX:
    raise SystemExit(f"CWMBENCH_REQUIRE_JAX=1 but {NO_JAX}; python is {sys.executable}")

import vocab  # noqa: E402  (standard library only)

# A small S3 trace in the repl format (SPEC section 2), checked by CPython below.
TRACE = (">>> a = 1\n>>> b = 2\n>>> c = 3\n>>> a, b = b, a\n>>> print('a', a)\na 2\n"
         ">>> b, c = c, b\n>>> print('c', c)\nc 1\n")


def read_bytes(path: str) -> bytes:
    """The contents of a file, closed again."""
    with open(path, "rb") as handle:
        return handle.read()


def spans_of_outputs(text: str):
    """(start, end) of every output line (a line without the '>>> ' prefix), without its newline."""
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        if not line.startswith(">>> "):
            spans.append((offset, offset + len(line.rstrip("\n"))))
        offset += len(line)
    return spans


#: The vocabulary built from TRACE: its seven statement lines are one token each.
VOCABULARY = vocab.Vocabulary.from_texts([TRACE])


class VocabularyTests(unittest.TestCase):
    def test_round_trip_of_a_repl_trace(self):
        tokens, starts = VOCABULARY.encode_with_offsets(TRACE)
        # 7 statement tokens + the two output lines "a 2\n" and "c 1\n" spelled in characters.
        self.assertEqual(len(tokens), 7 + 8)
        self.assertNotIn(vocab.PAD, tokens)
        self.assertEqual(VOCABULARY.decode(tokens), TRACE)
        # Each token starts where its text starts.
        for token, start in zip(tokens, starts):
            piece = VOCABULARY.decode([token])
            self.assertEqual(TRACE[start: start + len(piece)], piece)

    def test_answer_spans_fall_on_token_boundaries(self):
        _, starts = VOCABULARY.encode_with_offsets(TRACE)
        for start, end in spans_of_outputs(TRACE):
            self.assertIn(start, starts)
            self.assertIn(end, starts)

    def test_unknown_statements_fall_back_to_characters(self):
        text = ">>> z = 9\n>>> a = 1\n"
        tokens = VOCABULARY.encode(text)
        self.assertEqual(len(tokens), len(">>> z = 9\n") + 1)
        self.assertEqual(VOCABULARY.decode(tokens), text)
        self.assertEqual(vocab.CHARACTER_VOCABULARY.encode(text), [vocab.CHARACTERS.index(c) + 1 for c in text])

    def test_trace_fixture_is_what_cpython_prints(self):
        # Ground truth outside the code: execute the statements and compare the outputs.
        statements = [line[4:] for line in TRACE.splitlines() if line.startswith(">>> ")]
        expected = [line for line in TRACE.splitlines() if not line.startswith(">>> ")]
        result = subprocess.run([sys.executable, "-c", "\n".join(statements)], capture_output=True, text=True,
                                check=True)
        self.assertEqual(result.stdout.splitlines(), expected)

    def test_unknown_character_is_an_error(self):
        with self.assertRaisesRegex(vocab.VocabularyError, "'é'"):
            VOCABULARY.encode("a = 'é'")

    def test_description_round_trips_and_is_checked(self):
        description = json.loads(json.dumps(VOCABULARY.describe()))
        self.assertEqual(description["size"], 1 + 96 + 7)
        self.assertEqual(description["lines"], sorted(description["lines"]))
        again = vocab.Vocabulary.from_description(description)
        self.assertEqual(again.encode(TRACE), VOCABULARY.encode(TRACE))
        with self.assertRaisesRegex(vocab.VocabularyError, "size '3'"):
            vocab.Vocabulary.from_description(dict(description, size=3))
        # A checkpoint from before statement tokens (characters only) still reads.
        self.assertEqual(vocab.Vocabulary.from_description({"characters": vocab.CHARACTERS, "size": 97}).size, 97)


@unittest.skipUnless(importlib.util.find_spec("numpy") is not None, "numpy is not installed")
class AnswerEndingTests(unittest.TestCase):
    """The adapter's end check over scripted log-probabilities (no jax: the table stands in for the model)."""

    def scripted(self, overrun_after: str):
        """An adapter whose argmax is always the trace's next token, except "a" right after ``overrun_after``."""
        import numpy as np

        sys.path.insert(0, ADAPTERS)
        import adapter as reference_adapter
        from cwmbench_adapter import Span

        model = object.__new__(reference_adapter.ReferenceAdapter)
        model._vocab = VOCABULARY

        def log_probabilities(text):
            tokens, starts = VOCABULARY.encode_with_offsets(text)
            logp = np.full((len(tokens), VOCABULARY.size), -10.0)
            for position in range(len(tokens)):
                following = tokens[position + 1] if position + 1 < len(tokens) else vocab.PAD
                if text[:starts[position + 1] if position + 1 < len(tokens) else len(text)].endswith(overrun_after):
                    following = VOCABULARY.encode("a")[0]
                logp[position, following] = -0.1
            return logp, tokens, starts

        model.log_probabilities = log_probabilities
        return model, Span

    def test_an_overrun_is_wrong_only_when_the_ending_is_asked(self):
        start = TRACE.index("a 2\n")
        for overrun_after, ends in (("\na 2", False), ("\nc 1", True)):
            model, Span = self.scripted(overrun_after)
            (logprob, correct, predicted, tokens), = model.score(TRACE, [Span(start, start + 3, "\n")])
            self.assertEqual((correct, predicted, tokens), (ends, "a 2", 3))
            self.assertAlmostEqual(logprob, -0.3)  # the answer alone
            # Without an ending (an older harness) the answer's tokens are all that count.
            self.assertTrue(model.score(TRACE, [(start, start + 3)])[0][1])


class SummarizeTests(unittest.TestCase):
    """The findings tables come from summary.csv alone (no jax needed)."""

    HEADER = "model,family,group,n,actions,reveal,hidden,length,spacing,metric,value,ci_low,ci_high,examples,queries"

    def write_folder(self, folder: str, reveal: str = "all", chance_column: str = "") -> None:
        header = self.HEADER + (",chance" if chance_column else "")
        extra = ("," + chance_column) if chance_column else ""
        rows = []
        models = {"DeltaNet[-1,1]/srs-s0": ("deltanet-neg", "srs", (1.0, 0.95)),
                  "Transformer/srs-s0": ("transformer", "srs", (0.9, 0.5)),
                  "Transformer/ntp-s0": ("transformer", "ntp", (0.4, 0.2))}
        for name, (_, _, (k1, k4)) in models.items():
            for spacing, value in (("1", k1), ("4", k4)):
                for length in (8, 32):
                    v = value / (length // 8)
                    rows.append('"%s",perm,S3,3,swap,%s,0,%d,%s,accuracy,%s,%s,%s,50,400%s'
                                % (name, reveal, length, spacing, v, v - 0.05, v + 0.05, extra))
        rows.append("LSTM/pfsa-srs-s0,pfsa,S3,3,swap,all,0.5,8,4,accuracy,0.6,0.5,0.7,50,100" + extra)
        rows.append("LSTM/pfsa-srs-s0,pfsa,S3,3,swap,all,0.5,8,4,excess_nll,0.125,0.1,0.15,50,100" + extra)
        rows.append("LSTM/pfsa-srs-s0,pfsa,S3,3,swap,all,0.5,8,4,bayes_accuracy,0.7,0.6,0.8,50,100" + extra)
        with open(os.path.join(folder, "summary.csv"), "w") as handle:
            handle.write(header + "\n" + "\n".join(rows) + "\n")
        for name, (architecture, loss, _) in models.items():
            run = os.path.join(folder, "runs", name.replace("/", "-"))
            os.makedirs(run)
            with open(os.path.join(run, "cwmbench-model.json"), "w") as handle:
                json.dump({"name": name, "architecture": architecture, "loss": loss, "seed": 0, "spacing": "1,4",
                           "train_lengths": [8], "seconds": 12.5, "steps_done": 100}, handle)

    def summarize(self, folder: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, os.path.join(REFERENCE, "summarize.py"), folder],
                              capture_output=True, text=True, timeout=60)

    def test_tables_pick_the_right_models_lengths_and_losses(self):
        with tempfile.TemporaryDirectory() as folder:
            self.write_folder(folder)
            result = self.summarize(folder)
        self.assertEqual(result.returncode, 0, result.stderr)
        text = result.stdout
        self.assertIn("| DeltaNet[-1,1], SRS, seed 0 | 1.00 [0.95, 1.05] | 0.95 [0.90, 1.00] |", text)  # length 8
        self.assertIn("| DeltaNet[-1,1], SRS, seed 0 | 0.25 [0.20, 0.30] | 0.24 [0.19, 0.29] |", text)  # 4x
        self.assertIn("| Transformer, SRS, seed 0 | 0.90 [0.85, 0.95] | 0.50 [0.45, 0.55] |", text)
        # The NTP model is not in the main (SRS) tables, only next to its SRS twin.
        self.assertNotIn("| Transformer, NTP, seed 0 | 0.40 [", text)
        self.assertIn("| Transformer, NTP, seed 0 | 0.40 | 0.20 | 0.10 | 0.05 |", text)
        self.assertIn("| Transformer, SRS, seed 0 | 0.90 | 0.50 | 0.23 | 0.12 |", text)
        self.assertIn("| LSTM/pfsa-srs-s0 | 0.60 / 0.125 |", text)
        self.assertIn("| Bayes posterior (the ceiling) | 0.70 / 0 |", text)
        self.assertIn("DeltaNet[-1,1]/srs-s0 12 s (100)", text)
        # The expectations are checked, not asserted: the Transformer's 0.90 at spacing 1 holds.
        self.assertIn("| Transformer/srs-s0 | ≥ 0.9 at spacing 1, length 8 | 0.90 | yes |", text)

    def test_chance_follows_from_the_task_not_a_constant(self):
        # S3 with reveal all shows one of 3! = 6 arrangements; reveal one one of 3 values.
        for reveal, expected in (("all", "chance 0.167"), ("one", "chance 0.333")):
            with self.subTest(reveal=reveal), tempfile.TemporaryDirectory() as folder:
                self.write_folder(folder, reveal=reveal)
                result = self.summarize(folder)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(expected, result.stdout)
        # A chance column in summary.csv, when the report writes one, wins over the formula.
        with tempfile.TemporaryDirectory() as folder:
            self.write_folder(folder, chance_column="0.25")
            result = self.summarize(folder)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("chance 0.25)", result.stdout)
        self.assertNotIn("0.167", result.stdout)

    def test_sentences_on_beta_and_pfsa_follow_the_numbers(self):
        import beta

        with tempfile.TemporaryDirectory() as folder:
            self.write_folder(folder)
            with open(os.path.join(folder, "summary.csv"), "a") as handle:
                for length, value, low, high in ((8, 0.5, 0.45, 0.55), (16, 0.05, 0.0, 0.1)):
                    handle.write('"DeltaNet[-1,1]/pfsa-srs-s0",pfsa,S3,3,swap,all,0.5,%d,4,excess_nll,%s,%s,%s,50,100\n'
                                 % (length, value, low, high))
                handle.write("LSTM/pfsa-srs-s0,pfsa,S3,3,swap,all,0.5,16,4,excess_nll,0.2,0.15,0.25,50,100\n")
            found = {(0, 0, "swap"): [1.98, 1.99], (0, 0, "other"): [0.5, 0.7], (0, 1, "swap"): [1.0, 1.2],
                     (0, 1, "other"): [1.0]}
            beta.write_table(folder, [("DeltaNet[-1,1]/srs-s0", 2.0, found)])
            result = self.summarize(folder)
        self.assertEqual(result.returncode, 0, result.stderr)
        # LSTM 0.125 < 0.5 at length 8 (disjoint intervals), 0.2 > 0.05 at length 16 (disjoint too).
        self.assertIn("below DeltaNet[-1,1]'s in 1 of 2 cells (1 with disjoint 95% intervals, against 1 the other "
                      "way); mean excess NLL 0.163 (LSTM) and 0.275", result.stdout)
        self.assertIn("layer 0 head 0 has median β 1.99 (100% of swap tokens above 1.9), against median 0.60 on the "
                      "other tokens; heads with a median above 1.9 on swaps: 1 of 2", result.stdout)
        self.assertIn("| DeltaNet[-1,1]/srs-s0 | 0 | 1 | 1.10 [1.02–1.18], 0% > 1.9 |", result.stdout)

    def test_unknown_reveal_is_a_data_error(self):
        with tempfile.TemporaryDirectory() as folder:
            self.write_folder(folder, reveal="some")
            result = self.summarize(folder)
        self.assertEqual(result.returncode, 65)
        self.assertIn("reveal 'some'", result.stderr)

    def test_missing_summary_is_a_data_error(self):
        with tempfile.TemporaryDirectory() as folder:
            result = self.summarize(folder)
        self.assertEqual(result.returncode, 65)
        self.assertIn("summary.csv", result.stderr)


class BetaStatisticsTests(unittest.TestCase):
    """The β probe's token classes, statistics and figure (plain python; the probe itself needs jax)."""

    def test_only_action_statements_are_swap_tokens(self):
        import beta

        self.assertEqual(beta.token_class(">>> a, c = c, a\n"), "swap")
        for piece in (">>> a = 4\n", ">>> print(a, b, c)\n", ">>> print('a', a)\n", "4", " ", "\n"):
            self.assertEqual(beta.token_class(piece), "other", piece)

    def test_quantiles_match_the_standard_library(self):
        import statistics

        import beta

        values = [0.3, 1.9, 2.0, 0.1, 1.2, 1.95, 0.7]
        # statistics.quantiles(method="inclusive") interpolates linearly, like numpy's default.
        expected = statistics.quantiles(values, n=10, method="inclusive")
        got = beta.statistics(values)
        self.assertAlmostEqual(got["p10"], expected[0])
        self.assertAlmostEqual(got["median"], statistics.median(values))
        self.assertAlmostEqual(got["p90"], expected[8])
        self.assertAlmostEqual(got["above_1_9"], 2 / 7)
        self.assertEqual(got["tokens"], 7)

    def test_table_and_svg_are_written(self):
        import xml.dom.minidom

        import beta

        found = {(0, 0, "swap"): [1.98, 1.99, 1.97], (0, 0, "other"): [0.2, 0.4], (0, 1, "swap"): [1.0],
                 (0, 1, "other"): [1.0, 1.0]}
        with tempfile.TemporaryDirectory() as folder:
            beta.write_table(folder, [("DeltaNet[-1,1]/srs-s0", 2.0, found)])
            beta.write_svg(folder, [("DeltaNet[-1,1]/srs-s0", 2.0, found)])
            with open(os.path.join(folder, "beta.md")) as handle:
                table = handle.read()
            with open(os.path.join(folder, "beta.csv")) as handle:
                lines = handle.read().splitlines()
            document = xml.dom.minidom.parse(os.path.join(folder, "beta.svg"))
        self.assertIn("| DeltaNet[-1,1]/srs-s0 | 0 | 0 | 1.98 [1.97–1.99], 100% > 1.9 | 0.30 [0.22–0.38], 0% > 1.9 |",
                      table)
        self.assertEqual(len(lines), 1 + 4)
        self.assertTrue(lines[1].startswith('"DeltaNet[-1,1]/srs-s0",0,0,swap,3,1.9800,'))
        # Two heads, two classes: four histogram lines.
        self.assertEqual(len(document.getElementsByTagName("polyline")), 4)


@unittest.skipUnless(HAVE_JAX, NO_JAX)
class BatchTests(unittest.TestCase):
    def test_srs_weights_cover_exactly_the_answer_characters(self):
        import train

        record = {"text": TRACE, "params": {"length": 2},
                  "queries": [{"start": s, "end": e} for s, e in spans_of_outputs(TRACE)]}
        example = train.parse_example(record, VOCABULARY)
        inputs, targets, weights = train.make_batch([example], "srs")
        weighted = "".join(VOCABULARY.decode([t]) for t, w in zip(targets[0], weights[0]) if w)
        self.assertEqual(weighted, "a 2c 1")
        _, _, ntp = train.make_batch([example], "ntp")
        self.assertEqual(int(ntp.sum()), len(VOCABULARY.encode(TRACE)) - 1)
        self.assertEqual(inputs.shape[1] % train.PAD_MULTIPLE, 0)

    def test_mixed_spacings_select_exactly_those_records(self):
        import train

        records = [{"text": TRACE, "params": {"length": 2, "spacing": k, "render": "repl"}} for k in (1, 4, 8, 4)]
        with tempfile.TemporaryDirectory() as folder:
            data = os.path.join(folder, "train.jsonl")
            with open(data, "w") as handle:
                handle.writelines(json.dumps(r) + "\n" for r in records)
            self.assertEqual([r["params"]["spacing"] for r in train.read_records(data, "1,8")], [1, 8])
            self.assertEqual([r["params"]["spacing"] for r in train.read_records(data, "4")], [4, 4])
            self.assertEqual(len(train.read_records(data, None)), 4)
            with self.assertRaisesRegex(train.TrainError, "'1,,4'"):
                train.read_records(data, "1,,4")
            with self.assertRaisesRegex(train.TrainError, "spacing '2'"):
                train.read_records(data, "2")

    def test_cell_batches_come_from_one_unlocked_cell(self):
        import numpy as np

        import train

        cells = {(8, "1"): [0, 1], (8, "8"): [2], (16, "1"): [3, 4], (16, "8"): [5]}
        rng = np.random.default_rng(0)
        unlocked = [(8, "1"), (8, "8")]
        drawn = [tuple(train.batch_pool(cells, unlocked, "cell", rng)) for _ in range(200)]
        self.assertEqual(set(drawn), {(0, 1), (2,)})  # length 16 is still locked
        self.assertGreater(drawn.count((2,)), 60)  # each cell about half the time, however small
        self.assertGreater(drawn.count((0, 1)), 60)
        self.assertEqual(sorted(train.batch_pool(cells, list(cells), "mixed", rng)), [0, 1, 2, 3, 4, 5])
        self.assertEqual(sorted(train.batch_pool(cells, unlocked, "mixed", rng)), [0, 1, 2])

    def test_ntp_and_srs_weights_on_a_reveal_all_trace(self):
        import train

        text = ">>> a = 1\n>>> b = 2\n>>> a, b = b, a\n>>> print(a, b)\n2 1\n>>> a, b = b, a\n>>> print(a, b)\n1 2\n"
        spans = spans_of_outputs(text)
        vocabulary = vocab.Vocabulary.from_texts([text])
        example = train.parse_example({"text": text, "params": {"length": 2},
                                       "queries": [{"start": s, "end": e} for s, e in spans]}, vocabulary)
        _, targets, srs = train.make_batch([example], "srs")
        _, _, ntp = train.make_batch([example], "ntp")
        # SRS: the answer characters only (no newline); NTP: every target after the first token.
        self.assertEqual("".join(vocabulary.decode([t]) for t, w in zip(targets[0], srs[0]) if w), "2 11 2")
        self.assertEqual("".join(vocabulary.decode([t]) for t, w in zip(targets[0], ntp[0]) if w), text[len(">>> a = 1\n"):])
        self.assertTrue(set(srs[0].tolist()) <= {0.0, 1.0} and set(ntp[0].tolist()) <= {0.0, 1.0})

    def test_learning_rate_warms_up_then_decays_to_a_tenth(self):
        import train

        factors = [train.rate_factor(step, 4000) for step in range(4000)]
        self.assertAlmostEqual(factors[0], 0.01)
        self.assertAlmostEqual(factors[99], 1.0)
        self.assertTrue(all(a <= b for a, b in zip(factors[:100], factors[1:100])))
        self.assertTrue(all(a >= b for a, b in zip(factors[100:], factors[101:])))
        self.assertAlmostEqual(factors[-1], 0.1, places=4)
        # Short runs warm up over a tenth of their steps.
        self.assertAlmostEqual(train.rate_factor(4, 50), 1.0)

    def test_spacing_curriculum_unlocks_dense_reveals_first(self):
        import train

        keys = [(16, "8"), (8, "1"), (16, "1"), (8, "8"), (8, "4"), (16, "4")]
        self.assertEqual(train.curriculum_cells(keys, 0, 1200, "spacing"), [(8, "1")])
        self.assertEqual(train.curriculum_cells(keys, 100, 1200, "spacing"), [(8, "1"), (16, "1")])
        # Six cells over the first 600 steps: one more every 100 steps.
        self.assertEqual(train.curriculum_cells(keys, 250, 1200, "spacing"), [(8, "1"), (16, "1"), (8, "4")])
        self.assertEqual(train.curriculum_cells(keys, 300, 1200, "spacing"), [(8, "1"), (16, "1"), (8, "4"), (16, "4")])
        self.assertEqual(len(train.curriculum_cells(keys, 599, 1200, "spacing")), 6)
        # The length curriculum unlocks every spacing of a length at once.
        self.assertEqual(train.curriculum_cells(keys, 0, 1200, "length"), [(8, "1"), (8, "4"), (8, "8")])

    def test_curriculum_unlocks_lengths_in_order(self):
        import train

        lengths = [16, 8, 32, 8]
        self.assertEqual(train.curriculum_lengths(lengths, 0, 600), [8])
        self.assertEqual(train.curriculum_lengths(lengths, 100, 600), [8, 16])
        self.assertEqual(train.curriculum_lengths(lengths, 299, 600), [8, 16, 32])
        self.assertEqual(train.curriculum_lengths(lengths, 599, 600), [8, 16, 32])


@unittest.skipUnless(HAVE_JAX, NO_JAX)
class ModelTests(unittest.TestCase):
    def test_each_architecture_overfits_a_tiny_batch(self):
        import jax
        import jax.numpy as jnp

        import models
        import train

        texts = [TRACE, TRACE.replace("1", "7"), TRACE.replace("2", "5")]
        vocabulary = vocab.Vocabulary.from_texts(texts)
        examples = [train.parse_example({"text": t, "params": {"length": 2}, "queries": []}, vocabulary)
                    for t in texts]
        inputs, targets, weights = train.make_batch(examples, "ntp")
        for architecture in models.ARCHITECTURES:
            with self.subTest(architecture=architecture):
                config = models.default_config(vocabulary.size, d_model=32, layers=2, heads=2)
                params = models.init(architecture, config, jax.random.PRNGKey(0))
                m = jax.tree_util.tree_map(jnp.zeros_like, params)
                v = jax.tree_util.tree_map(jnp.zeros_like, params)
                step = train.make_train_step(architecture, config, 1e-2)
                first = None
                for count in range(1, 301):
                    params, m, v, loss = step(params, m, v, count, inputs, targets, weights)
                    first = float(loss) if first is None else first
                # Start near log(vocabulary size) = 4.7; memorising three texts takes the loss to almost nothing.
                self.assertGreater(first, 3.0)
                self.assertLess(float(loss), 0.3, "%s stopped at loss %.3f" % (architecture, float(loss)))

    def test_models_are_causal(self):
        import jax
        import numpy as np

        import models

        tokens = np.asarray([vocab.CHARACTER_VOCABULARY.encode(TRACE)], dtype=np.int32)
        changed = tokens.copy()
        changed[0, 40:] = vocab.CHARACTER_VOCABULARY.encode("x")[0]
        for architecture in models.ARCHITECTURES:
            with self.subTest(architecture=architecture):
                config = models.default_config(vocab.CHARACTER_VOCABULARY.size, d_model=16, layers=1, heads=2)
                params = models.init(architecture, config, jax.random.PRNGKey(1))
                a = np.asarray(models.apply(architecture, config, params, tokens))
                b = np.asarray(models.apply(architecture, config, params, changed))
                np.testing.assert_allclose(a[0, :40], b[0, :40], rtol=1e-5, atol=1e-5)
                self.assertGreater(float(np.abs(a[0, 40:] - b[0, 40:]).max()), 1e-4)

    def test_hybrid_mixes_both_layer_kinds_at_about_the_same_size(self):
        import jax

        import models

        config = models.default_config(150, d_model=64, layers=2, heads=4)
        hybrid = models.init("hybrid", config, jax.random.PRNGKey(0))
        self.assertIn("beta", hybrid["layer0"])  # DeltaNet[-1,1]
        self.assertIn("mix", hybrid["layer1"])  # attention
        counts = {a: models.parameter_count(models.init(a, config, jax.random.PRNGKey(0)))
                  for a in ("transformer", "deltanet-neg", "hybrid")}
        self.assertLess(abs(counts["hybrid"] - counts["transformer"]) / counts["transformer"], 0.05, counts)
        self.assertLess(abs(counts["hybrid"] - counts["deltanet-neg"]) / counts["deltanet-neg"], 0.05, counts)

    def test_transformer_embeddings_are_scaled_by_the_square_root_of_d_model(self):
        import jax
        import numpy as np

        import models

        d = 16
        config = models.default_config(vocab.CHARACTER_VOCABULARY.size, d_model=d, layers=0, heads=2,
                                       positions="sinusoidal")
        params = models.init("transformer", config, jax.random.PRNGKey(3))
        tokens = np.asarray([vocab.CHARACTER_VOCABULARY.encode("a, b = b, a")], dtype=np.int32)
        # By hand: Vaswani et al.'s sines and cosines, and the embedding times sqrt(d).
        length = tokens.shape[1]
        positions = np.zeros((length, d))
        for t in range(length):
            for i in range(0, d, 2):
                positions[t, i] = math.sin(t / 10000 ** (i / d))
                positions[t, i + 1] = math.cos(t / 10000 ** (i / d))
        expected = np.asarray(params["embed"])[tokens[0]] * math.sqrt(d) + positions
        np.testing.assert_allclose(np.asarray(models._embed("transformer", config, params, tokens))[0], expected,
                                   rtol=1e-4, atol=1e-4)
        # With rotary positions (the default) nothing is added to the scaled embeddings.
        rope = dict(config, positions="rope")
        np.testing.assert_allclose(np.asarray(models._embed("transformer", rope, params, tokens))[0],
                                   np.asarray(params["embed"])[tokens[0]] * math.sqrt(d), rtol=1e-5, atol=1e-5)
        # The recurrent models read the embeddings as they are.
        np.testing.assert_allclose(np.asarray(models._embed("lstm", config, params, tokens))[0],
                                   np.asarray(params["embed"])[tokens[0]])

    def test_rotary_scores_depend_on_the_offset_only(self):
        import jax.numpy as jnp
        import numpy as np

        import models

        rng = np.random.default_rng(4)
        q, k = rng.normal(size=8), rng.normal(size=8)
        # The same q at every position and the same k at every position: q_s . k_t after rotation is a
        # function of s - t alone, and at offset 0 it is the plain dot product (rotations keep norms).
        rq = np.asarray(models.rotary(jnp.asarray(np.tile(q, (1, 1, 12, 1)), dtype=jnp.float32)))[0, 0]
        rk = np.asarray(models.rotary(jnp.asarray(np.tile(k, (1, 1, 12, 1)), dtype=jnp.float32)))[0, 0]
        scores = rq @ rk.T
        for offset in (0, 1, 5):
            diagonal = np.diagonal(scores, offset=-offset)
            np.testing.assert_allclose(diagonal, diagonal[0], rtol=1e-4, atol=1e-4)
        self.assertAlmostEqual(float(scores[0, 0]), float(q @ k), places=4)
        self.assertGreater(float(np.abs(np.diagonal(scores, -1)[0] - scores[0, 0])), 1e-3)
        with self.assertRaisesRegex(models.ModelError, "'alibi'"):
            models.default_config(97, positions="alibi")

    def test_betas_are_what_the_layer_computes(self):
        import jax
        import numpy as np

        import models

        config = models.default_config(vocab.CHARACTER_VOCABULARY.size, d_model=16, layers=2, heads=2)
        tokens = np.asarray([vocab.CHARACTER_VOCABULARY.encode(TRACE[:30])], dtype=np.int32)
        for architecture, layers, top in (("deltanet-neg", [0, 1], 2.0), ("deltanet", [0, 1], 1.0),
                                          ("hybrid", [0], 2.0)):
            with self.subTest(architecture=architecture):
                params = models.init(architecture, config, jax.random.PRNGKey(2))
                betas = models.betas_of(architecture, config, params, tokens)
                self.assertEqual(sorted(betas), layers)
                # Layer 0 by hand: layer norm of the embeddings, the beta projection, top * sigmoid.
                x = np.asarray(params["embed"])[tokens[0]]
                h = (x - x.mean(-1, keepdims=True)) / np.sqrt(x.var(-1, keepdims=True) + 1e-5)
                p = params["layer0"]
                h = h * np.asarray(p["norm"]["scale"]) + np.asarray(p["norm"]["bias"])
                logits = h @ np.asarray(p["beta"]["w"]) + np.asarray(p["beta"]["b"])
                np.testing.assert_allclose(np.asarray(betas[0])[0], (top / (1 + np.exp(-logits))).T, rtol=1e-4,
                                           atol=1e-5)
        with self.assertRaisesRegex(models.ModelError, "'lstm'"):
            models.betas_of("lstm", config, None, tokens)

    def test_unknown_architecture_is_named(self):
        import models

        with self.assertRaisesRegex(models.ModelError, "'gru'"):
            models.init("gru", models.default_config(97), None)


@unittest.skipUnless(HAVE_JAX, NO_JAX)
class DeltaRuleTests(unittest.TestCase):
    def test_beta_two_with_a_swap_key_swaps_two_state_columns(self):
        import jax.numpy as jnp
        import numpy as np

        import models

        d, i, j = 5, 1, 3
        state = jnp.asarray(np.arange(1.0, 1.0 + 4 * d).reshape(4, d))
        key = np.zeros(d)
        key[i], key[j] = 1 / math.sqrt(2), -1 / math.sqrt(2)
        # v = 0: only the transition S (I - 2 k k^T) acts, the Householder reflection that swaps i and j.
        _, final = models.delta_rule(jnp.zeros((1, d)), jnp.asarray([key]), jnp.zeros((1, 4)), jnp.asarray([2.0]),
                                     state)
        expected = np.asarray(state).copy()
        expected[:, [i, j]] = expected[:, [j, i]]
        np.testing.assert_allclose(np.asarray(final), expected, atol=1e-5)
        # Twice is the identity: a reflection is its own inverse.
        _, twice = models.delta_rule(jnp.zeros((2, d)), jnp.asarray([key, key]), jnp.zeros((2, 4)),
                                     jnp.asarray([2.0, 2.0]), state)
        np.testing.assert_allclose(np.asarray(twice), np.asarray(state), atol=1e-5)

    def test_chunked_form_matches_the_token_by_token_recurrence(self):
        import jax.numpy as jnp
        import numpy as np

        import models

        rng = np.random.default_rng(7)
        for length, chunk in ((1, 4), (5, 4), (32, 8), (77, 16), (130, 32)):
            with self.subTest(length=length, chunk=chunk):
                q = rng.normal(size=(length, 6))
                k = rng.normal(size=(length, 6))
                k /= np.linalg.norm(k, axis=1, keepdims=True)
                v = rng.normal(size=(length, 5))
                beta = rng.uniform(0, 2, size=length)
                beta[::3] = 2.0  # reflections too
                state = rng.normal(size=(5, 6))
                args = [jnp.asarray(a, dtype=jnp.float32) for a in (q, k, v, beta, state)]
                sequential, final = models.delta_rule(*args)
                chunked, final_chunked = models.delta_rule_chunked(*args, chunk=chunk)
                np.testing.assert_allclose(np.asarray(chunked), np.asarray(sequential), rtol=1e-4, atol=1e-4)
                np.testing.assert_allclose(np.asarray(final_chunked), np.asarray(final), rtol=1e-4, atol=1e-4)
        # And against plain numpy, the recurrence as written: S_t = S_{t-1} (I - b k k^T) + b v k^T, o_t = S_t q_t.
        s = state.copy()
        expected = []
        for t in range(length):
            s = s @ (np.eye(6) - beta[t] * np.outer(k[t], k[t])) + beta[t] * np.outer(v[t], k[t])
            expected.append(s @ q[t])
        np.testing.assert_allclose(np.asarray(chunked), np.asarray(expected), rtol=1e-3, atol=1e-3)

    def test_beta_one_projects_instead_of_swapping(self):
        import jax.numpy as jnp
        import numpy as np

        import models

        state = jnp.asarray([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
        key = np.asarray([1.0, -1.0, 0.0]) / math.sqrt(2)
        _, final = models.delta_rule(jnp.zeros((1, 3)), jnp.asarray([key]), jnp.zeros((1, 2)), jnp.asarray([1.0]),
                                     state)
        # I - k k^T has eigenvalue 0 along k: columns 0 and 1 are averaged, not exchanged.
        np.testing.assert_allclose(np.asarray(final), [[0.5, 0.5, 0.0], [0.5, 0.5, 0.0]], atol=1e-6)


@unittest.skipUnless(HAVE_JAX, NO_JAX)
class CheckpointTests(unittest.TestCase):
    def test_train_save_load_and_adapter_give_identical_log_probabilities(self):
        import numpy as np

        import adapter
        import train

        records = [{"id": "t%d" % n, "text": TRACE.replace("1", str(n)), "params": {"length": 2, "spacing": 1,
                                                                                 "render": "repl"},
                    "queries": [{"start": s, "end": e} for s, e in spans_of_outputs(TRACE.replace("1", str(n)))]}
                   for n in (1, 4, 6, 7)]
        spans = spans_of_outputs(TRACE)
        with tempfile.TemporaryDirectory() as folder:
            data = os.path.join(folder, "train.jsonl")
            with open(data, "w") as handle:
                handle.writelines(json.dumps(r) + "\n" for r in records)
            out = os.path.join(folder, "ckpt")
            arguments = ["--data", data, "--arch", "deltanet-neg", "--out", out, "--steps", "6", "--batch-size", "2",
                         "--d-model", "16", "--layers", "1", "--heads", "2", "--save-every", "3"]
            self.assertEqual(train.main(arguments), 0)
            meta = json.loads(read_bytes(os.path.join(out, "cwmbench-model.json")))
            self.assertEqual((meta["architecture"], meta["train_length"], meta["steps_done"], meta["loss"]),
                             ("deltanet-neg", 2, 6, "srs"))
            # The loss curve is kept in the model file (logged at the last step here: --log-every is 50).
            self.assertEqual([step for step, _ in meta["loss_curve"]], [6])
            self.assertTrue(all(math.isfinite(loss) and loss > 0 for _, loss in meta["loss_curve"]))
            # Resuming a finished run changes nothing; another configuration into the same folder is refused.
            params_before = read_bytes(os.path.join(out, "params.npz"))
            self.assertEqual(train.main(arguments), 0)
            self.assertEqual(read_bytes(os.path.join(out, "params.npz")), params_before)
            self.assertEqual(train.main(arguments[:-2] + ["--save-every", "3", "--seed", "9"]), 1)

            in_process = adapter.ReferenceAdapter(out).score(TRACE, spans)
            # By hand: the answers are spelled in characters, so token index = position among the tokens.
            logp, tokens, starts = adapter.ReferenceAdapter(out).log_probabilities(TRACE)
            self.assertGreater(len(TRACE), len(tokens))  # statements are single tokens
            by_hand = [sum(float(logp[i - 1][tokens[i]]) for i, start in enumerate(starts) if s <= start < e)
                       for s, e in spans]
            np.testing.assert_allclose([lp for lp, *_ in in_process], by_hand, rtol=1e-6)
            # What the argmax writes over each span, and the span's length in tokens, by hand too.
            for (s, e), (_, ok, predicted, count) in zip(spans, in_process):
                inside = [i for i, start in enumerate(starts) if s <= start < e]
                best = [int(logp[i - 1].argmax()) for i in inside]
                self.assertEqual(count, len(inside))
                self.assertEqual(predicted, adapter.ReferenceAdapter(out)._vocab.decode([b for b in best if b != adapter.vocab.PAD]))
                self.assertEqual(ok, best == [tokens[i] for i in inside])

            requests = [{"op": "hello", "protocol": "cwmbench/1"},
                        {"op": "score", "id": "1", "text": TRACE, "spans": [list(s) for s in spans]},
                        {"op": "generate", "id": "2", "prompt": TRACE[: spans[0][0]], "max_tokens": 8,
                         "stop": ["\n"]}]
            environment = dict(os.environ, PYTHONPATH=ADAPTERS)
            result = subprocess.run([sys.executable, os.path.join(REFERENCE, "adapter.py"), out],
                                    input="".join(json.dumps(r) + "\n" for r in requests), capture_output=True,
                                    text=True, env=environment, timeout=120)
            self.assertEqual(result.returncode, 0, result.stderr)
            hello, scored, generated = [json.loads(line) for line in result.stdout.splitlines()]
            self.assertEqual((hello["ok"], hello["train_length"]), (True, 2))
            self.assertEqual([s["logprob"] for s in scored["spans"]], [lp for lp, *_ in in_process])
            self.assertEqual([s["correct"] for s in scored["spans"]], [ok for _, ok, *_ in in_process])
            self.assertEqual([(s["predicted"], s["tokens"]) for s in scored["spans"]],
                             [(text, count) for _, _, text, count in in_process])
            self.assertNotIn("\n", generated["text"])
            self.assertLessEqual(len(generated["text"]), 8)


if __name__ == "__main__":
    unittest.main()
