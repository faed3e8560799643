"""Tests of batched scoring in the protocol helper and in hf_adapter.py.

Run: python3 -m unittest discover -s Adapters/python/tests

The protocol-level batching tests need only the standard library. The checkpoint
tests build tiny randomly initialised models from a transformers config (and a
custom architecture that ``tiny_registered_arch.py`` registers) in a temporary
folder; they need torch and transformers and skip, saying so, where those are
missing (CI has neither): run them with ``.venv-hf/bin/python -m unittest
discover -s Adapters/python/tests`` after ``make check-hf-model`` made that venv.
"""

from __future__ import annotations

import io
import json
import math
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PYDIR = os.path.dirname(HERE)
sys.path.insert(0, PYDIR)
sys.path.insert(0, HERE)

import cwmbench_adapter as helper  # noqa: E402
import hf_adapter  # noqa: E402  (imports torch only when a model is loaded)

try:
    import torch  # noqa: F401
    import transformers  # noqa: F401
    HAVE_TORCH = True
except ImportError:
    HAVE_TORCH = False
NO_TORCH = ("torch and transformers are not installed here (CI has neither); run these with "
            ".venv-hf/bin/python -m unittest discover -s Adapters/python/tests")

TRACES = [
    ">>> a = 1\n>>> b = 2\n>>> a, b = b, a\n>>> print('a', a)\na 2\n>>> print('b', b)\nb 1\n",
    ">>> x = 7\n>>> print('x', x)\nx 7\n",
    ">>> a = 4\n>>> b = 5\n>>> c = 8\n>>> a, c = c, a\n>>> print('c', c)\nc 4\n>>> b, a = a, b\n"
    ">>> print('a', a)\na 5\n>>> print('b', b)\nb 8\n",
    ">>> q = 3\n>>> r = 9\n>>> print('r', r)\nr 9\n>>> q, r = r, q\n>>> print('q', q)\nq 9\n",
]


def answer_spans(text):
    """[start, end) of every output line (a line not starting with '>')."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line and not line.startswith(">"):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


class Recorder(helper.Adapter):
    """Scores a span as -(its length) and correct when it ends in a digit; records every batch."""

    name = "recorder"

    def __init__(self, fail_batches=False):
        self.batches = []
        self.fail_batches = fail_batches

    def score(self, text, spans):
        out = []
        for start, end in spans:
            if text[start:end] == "boom":
                raise helper.AdapterError("exploded on 'boom'")
            out.append((-float(end - start), text[end - 1:end].isdigit()))
        return out

    def score_batch(self, items):
        self.batches.append(len(items))
        if self.fail_batches and len(items) > 1:
            raise RuntimeError("out of memory (simulated)")
        return helper.Adapter.score_batch(self, items)


def run_serve(adapter, lines, batch_size):
    stdin = io.StringIO("".join(json.dumps(line) + "\n" for line in lines))
    stdout = io.StringIO()
    helper.serve(adapter, stdin=stdin, stdout=stdout, batch_size=batch_size, linger=0.05)
    return [json.loads(line) for line in stdout.getvalue().splitlines()]


class ServeBatchingTests(unittest.TestCase):
    REQUESTS = [{"op": "hello", "protocol": "cwmbench/1"}] + [
        {"op": "score", "id": n, "text": text, "spans": [list(s) for s in answer_spans(text)]}
        for n, text in enumerate(TRACES * 3)]

    def test_batched_answers_equal_one_at_a_time(self):
        single = run_serve(Recorder(), self.REQUESTS, 1)
        batched_adapter = Recorder()
        batched = run_serve(batched_adapter, self.REQUESTS, 5)
        key = lambda a: json.dumps(a.get("id"))  # noqa: E731
        self.assertEqual(sorted(single, key=key), sorted(batched, key=key))
        self.assertEqual(len(batched), len(self.REQUESTS))
        self.assertEqual(sum(batched_adapter.batches), len(TRACES) * 3)
        self.assertLessEqual(max(batched_adapter.batches), 5)
        self.assertGreater(max(batched_adapter.batches), 1, batched_adapter.batches)

    def test_a_bad_request_in_a_batch_gets_its_own_error(self):
        requests = list(self.REQUESTS[:3]) + [
            {"op": "score", "id": "bad", "text": "x boom", "spans": [[2, 6]]},
            {"op": "score", "id": "outside", "text": "abc", "spans": [[1, 9]]},
            {"op": "frobnicate", "id": "op"}]
        answers = {json.dumps(a.get("id")): a for a in run_serve(Recorder(), requests, 8)}
        self.assertEqual(answers['"bad"']["error"], "exploded on 'boom'")
        self.assertIn("outside the text", answers['"outside"']["error"])
        self.assertIn("unknown op", answers['"op"']["error"])
        self.assertEqual(len(answers["0"]["spans"]), len(answer_spans(TRACES[0])))
        self.assertTrue(answers["null"]["ok"])  # the hello

    def test_a_failing_batch_is_scored_one_by_one(self):
        adapter = Recorder(fail_batches=True)
        answers = run_serve(adapter, self.REQUESTS, 4)
        self.assertEqual(len([a for a in answers if "spans" in a]), len(TRACES) * 3)
        self.assertFalse(any("error" in a for a in answers))


class EndingTokensTests(unittest.TestCase):
    """Which tokens hf_adapter scores for a span's ending (the tokenizer is scripted; no torch)."""

    def prepare(self, spans):
        model = object.__new__(hf_adapter.HFAdapter)
        model.max_positions = None
        # "x\nza\n>>> y": BOS, "x\n", "za", then the answer's newline merged with the next prompt.
        model.tokenizer = lambda text, **_: {"input_ids": [1, 5, 6, 7, 8],
                                             "offset_mapping": [(0, 0), (0, 2), (2, 4), (4, 8), (8, 10)]}
        return model._prepare("x\nza\n>>> y", spans)[1]

    def test_the_merged_terminator_is_scored_with_what_lies_past_the_ending(self):
        self.assertEqual(self.prepare([helper.Span(2, 4, "\n")]), [([2], [3], 3)])
        self.assertEqual(self.prepare([helper.Span(2, 4, "\n>>> ")]), [([2], [3, 4], 1)])
        # Without an ending (choice candidates, an older harness) only the answer's tokens count.
        self.assertEqual(self.prepare([(2, 4)]), [([2], [], -1)])


class ArgumentTests(unittest.TestCase):
    def test_environment_gives_defaults_and_flags_win(self):
        env = {"CWMBENCH_HF_BATCH_SIZE": "16", "CWMBENCH_HF_DEVICE": "cuda:1", "CWMBENCH_HF_DTYPE": "bfloat16",
               "CWMBENCH_HF_IMPORT": "fla, other_pkg", "CWMBENCH_HF_TRUST_REMOTE_CODE": "1"}
        args = hf_adapter.parse_args(["ckpt"], env)
        self.assertEqual((args.batch_size, args.device, args.dtype, args.trust_remote_code),
                         (16, "cuda:1", "bfloat16", True))
        self.assertEqual(args.imports, ["fla", "other_pkg"])
        args = hf_adapter.parse_args(["ckpt", "--batch-size", "2", "--import", "mine"], env)
        self.assertEqual(args.batch_size, 2)
        self.assertEqual(args.imports, ["fla", "other_pkg", "mine"])
        args = hf_adapter.parse_args(["ckpt"], {})
        self.assertEqual((args.batch_size, args.device, args.dtype, args.trust_remote_code, args.imports),
                         (8, "auto", "auto", False, []))

    def test_bad_values_exit_2_naming_them(self):
        for argv, env, needle in [(["ckpt", "--batch-size", "0"], {}, "'0'"),
                                  (["ckpt"], {"CWMBENCH_HF_BATCH_SIZE": "many"}, "CWMBENCH_HF_BATCH_SIZE"),
                                  (["ckpt"], {"CWMBENCH_HF_DTYPE": "int3"}, "'int3'"),
                                  (["ckpt"], {"CWMBENCH_HF_TRUST_REMOTE_CODE": "yes"}, "'yes'")]:
            stderr = io.StringIO()
            old, sys.stderr = sys.stderr, stderr
            try:
                with self.assertRaises(SystemExit) as raised:
                    hf_adapter.parse_args(argv, env)
            finally:
                sys.stderr = old
            self.assertEqual(raised.exception.code, 2)
            self.assertIn(needle, stderr.getvalue())

    def test_a_module_that_does_not_import_is_named(self):
        with tempfile.TemporaryDirectory() as tmp:
            os.makedirs(os.path.join(tmp, "ckpt"))
            with open(os.path.join(tmp, "ckpt", "config.json"), "w") as f:
                f.write("{}")
            done = subprocess.run([sys.executable, os.path.join(PYDIR, "hf_adapter.py"), os.path.join(tmp, "ckpt"),
                                   "--import", "no_such_module_cwmbench"],
                                  input="", capture_output=True, text=True, timeout=60)
            self.assertEqual(done.returncode, 2)
            self.assertEqual(done.stdout, "")
            self.assertIn("cannot import module 'no_such_module_cwmbench'", done.stderr)


def make_tokenizer(folder):
    """A byte-level BPE tokenizer trained on the traces, with a BOS token added in front."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=300, special_tokens=["<pad>", "<s>", "</s>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(TRACES * 4, trainer)
    tok.post_processor = processors.TemplateProcessing(single="<s> $A", special_tokens=[("<s>", 1)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>")
    fast.save_pretrained(folder)
    return fast


def direct_scores(model, tokenizer, text, spans):
    """Ground truth without the adapter: full logits of the unpadded text, tokens picked by their offsets."""
    import torch
    enc = tokenizer(text, return_offsets_mapping=True)
    ids, offsets = enc["input_ids"], enc["offset_mapping"]
    with torch.no_grad():
        logprobs = torch.log_softmax(model(torch.tensor([ids])).logits[0].double(), dim=-1)
    out = []
    for start, end in spans:
        picked = [i for i, (s, e) in enumerate(offsets) if e > s and s < end and e > start]
        total = sum(float(logprobs[i - 1, ids[i]]) for i in picked)
        best = [int(logprobs[i - 1].argmax()) for i in picked]
        greedy = all(b == ids[i] for b, i in zip(best, picked))
        out.append((total, greedy, tokenizer.decode(best), len(picked)))
    return out


@unittest.skipUnless(HAVE_TORCH, NO_TORCH)
class HFBatchingTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import torch
        from transformers import LlamaConfig, LlamaForCausalLM
        cls.tmp = tempfile.TemporaryDirectory()
        cls.folder = os.path.join(cls.tmp.name, "tiny-llama")
        tokenizer = make_tokenizer(cls.folder)
        torch.manual_seed(0)
        config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                             num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=512,
                             bos_token_id=1, eos_token_id=2, pad_token_id=0)
        model = LlamaForCausalLM(config)
        with torch.no_grad():  # a sharper random model, so the greedy flags are not all False
            model.lm_head.weight.mul_(20)
        model.save_pretrained(cls.folder)
        cls.model = LlamaForCausalLM.from_pretrained(cls.folder).eval()
        cls.tokenizer = transformers.AutoTokenizer.from_pretrained(cls.folder)
        cls.items = [(text, answer_spans(text)) for text in TRACES * 2]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def adapter(self, batch_size):
        return hf_adapter.HFAdapter(self.folder, device="cpu", dtype="float32", batch_size=batch_size)

    def test_batched_equals_one_at_a_time_and_the_direct_computation(self):
        single, batched = self.adapter(1), self.adapter(4)
        one = single.score_batch(self.items)
        many = batched.score_batch(self.items)
        self.assertEqual(single.forward_passes, len(self.items))
        self.assertEqual(batched.forward_passes, math.ceil(len(self.items) / 4))
        for (text, spans), a, b in zip(self.items, one, many):
            truth = direct_scores(self.model, self.tokenizer, text, spans)
            self.assertEqual(len(a), len(spans))
            for (lp_a, ok_a, text_a, n_a), (lp_b, ok_b, text_b, n_b), (lp_t, ok_t, text_t, n_t) in zip(a, b, truth):
                self.assertLess(abs(lp_a - lp_b), 1e-4)
                self.assertLess(abs(lp_a - lp_t), 1e-4)
                self.assertEqual(ok_a, ok_b)
                self.assertEqual(ok_a, ok_t)
                # What greedy decoding writes there and the span's token count, as computed directly.
                self.assertEqual((text_a, n_a), (text_b, n_b))
                self.assertEqual((text_a, n_a), (text_t, n_t))

    def test_max_batch_tokens_splits_batches(self):
        adapter = hf_adapter.HFAdapter(self.folder, device="cpu", dtype="float32", batch_size=8, max_batch_tokens=1)
        adapter.score_batch(self.items)
        self.assertEqual(adapter.forward_passes, len(self.items))

    def test_a_bad_span_fails_only_its_request(self):
        adapter = self.adapter(4)
        items = list(self.items[:3]) + [(TRACES[0], [(5, 5)])]
        results = adapter.score_batch(items)
        self.assertIsInstance(results[3], helper.AdapterError)
        self.assertIn("covers no token", str(results[3]))
        for result in results[:3]:
            self.assertIsInstance(result, list)

    def test_choice_equals_scoring_each_candidate(self):
        adapter = self.adapter(4)
        prompt = TRACES[0][:TRACES[0].rindex("b 1")]
        candidates = ["b 1", "b 2", "b 5"]
        got = adapter.choice(prompt, candidates)
        for c, lp in zip(candidates, got):
            ((truth, *_),) = direct_scores(self.model, self.tokenizer, prompt + c, [(len(prompt), len(prompt) + len(c))])
            self.assertLess(abs(lp - truth), 1e-4)

    def test_adapter_process_with_batches_answers_like_the_direct_computation(self):
        lines = [{"op": "hello", "protocol": "cwmbench/1"}] + [
            {"op": "score", "id": n, "text": text, "spans": [list(s) for s in spans]}
            for n, (text, spans) in enumerate(self.items)]
        done = subprocess.run([sys.executable, os.path.join(PYDIR, "hf_adapter.py"), self.folder, "--batch-size", "3"],
                              input="".join(json.dumps(x) + "\n" for x in lines), capture_output=True, text=True,
                              timeout=300, env=dict(os.environ, HF_HUB_OFFLINE="1"))
        self.assertEqual(done.returncode, 0, done.stderr)
        answers = [json.loads(x) for x in done.stdout.splitlines()]
        self.assertEqual(answers[0]["modes"], ["score", "generate", "choice"])
        by_id = {a["id"]: a for a in answers[1:]}
        self.assertEqual(sorted(by_id), list(range(len(self.items))))
        for n, (text, spans) in enumerate(self.items):
            for got, (lp, ok, predicted, tokens) in zip(by_id[n]["spans"], direct_scores(self.model, self.tokenizer, text, spans)):
                self.assertLess(abs(got["logprob"] - lp), 1e-4)
                self.assertEqual(got["correct"], ok)
        self.assertIn("batch size 3", done.stderr)


@unittest.skipUnless(HAVE_TORCH, NO_TORCH)
class CustomArchitectureTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        import torch
        import tiny_registered_arch as arch
        cls.tmp = tempfile.TemporaryDirectory()
        cls.folder = os.path.join(cls.tmp.name, "tiny-mixer")
        tokenizer = make_tokenizer(cls.folder)
        torch.manual_seed(1)
        model = arch.TinyMixerForCausalLM(arch.TinyMixerConfig(vocab_size=len(tokenizer), bos_token_id=1,
                                                                eos_token_id=2, pad_token_id=0))
        model.save_pretrained(cls.folder)
        cls.model = model.eval()
        cls.tokenizer = transformers.AutoTokenizer.from_pretrained(cls.folder)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def run_adapter(self, extra, env_extra=None):
        lines = [{"op": "hello", "protocol": "cwmbench/1"}] + [
            {"op": "score", "id": n, "text": text, "spans": [list(s) for s in answer_spans(text)]}
            for n, text in enumerate(TRACES)]
        # A fresh process: the architecture is known there only if the adapter imports the module.
        env = dict(os.environ, HF_HUB_OFFLINE="1", PYTHONPATH=HERE)
        env.pop("CWMBENCH_HF_IMPORT", None)
        env.update(env_extra or {})
        return subprocess.run([sys.executable, os.path.join(PYDIR, "hf_adapter.py"), self.folder] + extra,
                              input="".join(json.dumps(x) + "\n" for x in lines), capture_output=True, text=True,
                              timeout=300, env=env)

    def check_scores(self, done):
        self.assertEqual(done.returncode, 0, done.stderr)
        answers = {a["id"]: a for a in map(json.loads, done.stdout.splitlines()[1:])}
        for n, text in enumerate(TRACES):
            truth = direct_scores(self.model, self.tokenizer, text, answer_spans(text))
            for got, (lp, ok, *_) in zip(answers[n]["spans"], truth):
                self.assertLess(abs(got["logprob"] - lp), 1e-4)
                self.assertEqual(got["correct"], ok)

    def test_unregistered_architecture_is_refused_with_a_hint(self):
        done = self.run_adapter([])
        self.assertEqual(done.returncode, 2)
        self.assertEqual(done.stdout, "")
        self.assertIn("cannot load", done.stderr)
        self.assertIn("--import MODULE", done.stderr)
        self.assertNotIn("Traceback", done.stderr)

    def test_import_flag_registers_the_architecture(self):
        self.check_scores(self.run_adapter(["--import", "tiny_registered_arch", "--batch-size", "2"]))

    def test_import_environment_variable_registers_the_architecture(self):
        self.check_scores(self.run_adapter([], {"CWMBENCH_HF_IMPORT": "tiny_registered_arch"}))


@unittest.skipUnless(HAVE_TORCH, NO_TORCH)
class TrustRemoteCodeTests(unittest.TestCase):
    """A checkpoint that ships its own modeling code loads only with --trust-remote-code."""

    @classmethod
    def setUpClass(cls):
        import shutil
        import torch
        import tiny_registered_arch as arch
        cls.tmp = tempfile.TemporaryDirectory()
        cls.folder = os.path.join(cls.tmp.name, "remote")
        tokenizer = make_tokenizer(cls.folder)
        torch.manual_seed(2)
        model = arch.TinyMixerForCausalLM(arch.TinyMixerConfig(vocab_size=len(tokenizer)))
        model.save_pretrained(cls.folder)
        # The modeling file travels inside the checkpoint, registered only through auto_map.
        with open(os.path.join(HERE, "tiny_registered_arch.py")) as f:
            source = f.read().split("\nAutoConfig.register(")[0]
        source = source.replace('MODEL_TYPE = "cwmbench-tiny-mixer"', 'MODEL_TYPE = "cwmbench-tiny-remote"')
        with open(os.path.join(cls.folder, "tiny_remote.py"), "w") as f:
            f.write(source)
        path = os.path.join(cls.folder, "config.json")
        with open(path) as f:
            config = json.load(f)
        config["model_type"] = "cwmbench-tiny-remote"
        config["architectures"] = ["TinyMixerForCausalLM"]
        config["auto_map"] = {"AutoConfig": "tiny_remote.TinyMixerConfig",
                              "AutoModelForCausalLM": "tiny_remote.TinyMixerForCausalLM"}
        with open(path, "w") as f:
            json.dump(config, f)
        cls.shutil = shutil

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def run_adapter(self, extra):
        text = TRACES[0]
        lines = [{"op": "hello", "protocol": "cwmbench/1"},
                 {"op": "score", "id": 0, "text": text, "spans": [list(s) for s in answer_spans(text)]}]
        env = dict(os.environ, HF_HUB_OFFLINE="1", HF_MODULES_CACHE=os.path.join(self.tmp.name, "modules"))
        env.pop("CWMBENCH_HF_TRUST_REMOTE_CODE", None)
        return subprocess.run([sys.executable, os.path.join(PYDIR, "hf_adapter.py"), self.folder] + extra,
                              input="".join(json.dumps(x) + "\n" for x in lines), capture_output=True, text=True,
                              timeout=300, env=env)

    def test_remote_code_runs_only_when_asked(self):
        refused = self.run_adapter([])
        self.assertEqual(refused.returncode, 2)
        self.assertIn("pass --trust-remote-code", refused.stderr)
        self.assertNotIn("Traceback", refused.stderr)
        done = self.run_adapter(["--trust-remote-code"])
        self.assertEqual(done.returncode, 0, done.stderr)
        answer = json.loads(done.stdout.splitlines()[1])
        self.assertEqual(len(answer["spans"]), len(answer_spans(TRACES[0])))
        self.assertTrue(all(math.isfinite(s["logprob"]) and s["logprob"] < 0 for s in answer["spans"]))


if __name__ == "__main__":
    unittest.main()
