"""Tests of the reference learners (run with the venv's python for the jax ones).

    .venv-reference/bin/python -m unittest discover -s Reference/tests

Without jax every test that needs it skips, saying how to install it; the
vocabulary and batching tests run everywhere (plain python3, numpy not needed).
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


class SummarizeTests(unittest.TestCase):
    """The findings tables come from summary.csv alone (no jax needed)."""

    HEADER = "model,family,group,n,actions,reveal,hidden,length,spacing,metric,value,ci_low,ci_high,examples,queries\n"

    def write_folder(self, folder: str) -> None:
        rows = []
        for architecture, k1, k4 in (("Transformer", 0.9, 0.5), ("DeltaNet[-1,1]", 1.0, 0.95)):
            for spacing, value in (("1", k1), ("4", k4)):
                for length in (8, 32):
                    rows.append("%s/k%s,perm,S3,3,swap,one,0,%d,%s,accuracy,%s,%s,%s,50,400"
                                % ('"%s"' % architecture if "," in architecture else architecture, spacing, length,
                                   spacing, value / (length // 8), value / (length // 8) - 0.05,
                                   value / (length // 8) + 0.05))
        rows.append("LSTM/pfsa-k4,pfsa,S3,3,swap,one,0.5,8,4,accuracy,0.6,0.5,0.7,50,100")
        rows.append("LSTM/pfsa-k4,pfsa,S3,3,swap,one,0.5,8,4,excess_nll,0.125,0.1,0.15,50,100")
        rows.append("LSTM/pfsa-k4,pfsa,S3,3,swap,one,0.5,8,4,bayes_accuracy,0.7,0.6,0.8,50,100")
        with open(os.path.join(folder, "summary.csv"), "w") as handle:
            handle.write(self.HEADER + "\n".join(rows) + "\n")
        os.makedirs(os.path.join(folder, "runs", "dn-k1"))
        with open(os.path.join(folder, "runs", "dn-k1", "cwmbench-model.json"), "w") as handle:
            json.dump({"name": "DeltaNet[-1,1]/k1", "spacing": "1", "train_lengths": [8], "seconds": 12.5,
                       "steps_done": 100}, handle)

    def test_tables_pick_each_models_own_spacing_at_the_right_lengths(self):
        with tempfile.TemporaryDirectory() as folder:
            self.write_folder(folder)
            result = subprocess.run([sys.executable, os.path.join(REFERENCE, "summarize.py"), folder],
                                    capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        text = result.stdout
        self.assertIn("| DeltaNet[-1,1] | 1.00 [0.95, 1.05] | 0.95 [0.90, 1.00] |", text)  # length 8
        self.assertIn("| DeltaNet[-1,1] | 0.25 [0.20, 0.30] | 0.24 [0.19, 0.29] |", text)  # length 32 = 4x
        self.assertIn("| Transformer | 0.90 [0.85, 0.95] | 0.50 [0.45, 0.55] |", text)
        self.assertIn("| LSTM | – | – |", text)  # trained nowhere: a dash, not a number
        # The spacing-1 models at spacing 4 (only rows trained at k1 are looked up; none tested at k4 here).
        self.assertIn("Trained at spacing 1 only", text)
        self.assertEqual(text.count("| DeltaNet[-1,1] | 1.00 [0.95, 1.05] | – |"), 1)
        self.assertIn("| LSTM/pfsa-k4 | 0.60 / 0.125 |", text)
        self.assertIn("| Bayes posterior (best possible) | 0.70 / 0 |", text)
        self.assertIn("DeltaNet[-1,1]/k1 12 s (100)", text)

    def test_missing_summary_is_a_data_error(self):
        with tempfile.TemporaryDirectory() as folder:
            result = subprocess.run([sys.executable, os.path.join(REFERENCE, "summarize.py"), folder],
                                    capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 65)
        self.assertIn("summary.csv", result.stderr)


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
            np.testing.assert_allclose([lp for lp, _ in in_process], by_hand, rtol=1e-6)

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
            self.assertEqual([s["logprob"] for s in scored["spans"]], [lp for lp, _ in in_process])
            self.assertEqual([s["correct"] for s in scored["spans"]], [ok for _, ok in in_process])
            self.assertNotIn("\n", generated["text"])
            self.assertLessEqual(len(generated["text"]), 8)


if __name__ == "__main__":
    unittest.main()
