"""Tests of real_models_runs.py: make real-models' run folders packed for git and unpacked for a report.

Run: python3 -m unittest discover -s Adapters/python/tests
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(os.path.dirname(HERE), "real_models_runs.py")


def run(*args):
    return subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True, timeout=60)


class RealModelsRunsTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        root = self.tmp.name
        # The layout of make real-models: OUT/work/{tasks,train,runs/NAME}, kept as OUT/runs/NAME.
        self.live = os.path.join(root, "llm", "work", "runs", "smol-chat-llm-perm")
        os.makedirs(self.live)
        self.record = {
            "few_shot_from": "../../train/llm-perm.jsonl",
            "model": "http://127.0.0.1:40000/v1",
            "model_name": "smol-chat",
            "tasks": "../../tasks/llm-perm.jsonl",
        }
        with open(os.path.join(self.live, "run.json"), "w") as f:
            json.dump(self.record, f)
        self.results = b'{"id":"perm/S3/swap/one/T8/k4/0","queries":[]}\n{"id":"perm/S3/swap/one/T8/k4/1"}\n'
        with open(os.path.join(self.live, "results.jsonl"), "wb") as f:
            f.write(self.results)
        self.kept = os.path.join(root, "llm", "runs", "smol-chat-llm-perm")

    def test_pack_reaims_paths_and_gzips_the_results(self):
        self.assertEqual(run("pack", self.live, self.kept).returncode, 0)
        with open(os.path.join(self.kept, "run.json")) as f:
            packed = json.load(f)
        # Written out by hand: from llm/runs/NAME the task files are under llm/work/.
        self.assertEqual(packed["tasks"], "../../work/tasks/llm-perm.jsonl")
        self.assertEqual(packed["few_shot_from"], "../../work/train/llm-perm.jsonl")
        self.assertEqual(packed["model"], "http://127.0.0.1:40000/v1")
        self.assertEqual(packed["model_name"], "smol-chat")
        with gzip.open(os.path.join(self.kept, "results.jsonl.gz"), "rb") as f:
            self.assertEqual(f.read(), self.results)

    def test_pack_is_byte_reproducible(self):
        self.assertEqual(run("pack", self.live, self.kept).returncode, 0)
        with open(os.path.join(self.kept, "results.jsonl.gz"), "rb") as f:
            first = f.read()
        again = self.kept + "-again"
        self.assertEqual(run("pack", self.live, again).returncode, 0)
        with open(os.path.join(again, "results.jsonl.gz"), "rb") as f:
            self.assertEqual(f.read(), first)

    def test_unpack_restores_a_run_folder_at_another_depth(self):
        self.assertEqual(run("pack", self.live, self.kept).returncode, 0)
        report = os.path.join(self.tmp.name, "llm", "work", "report-runs", "smol-chat-llm-perm")
        self.assertEqual(run("unpack", self.kept, report).returncode, 0)
        with open(os.path.join(report, "results.jsonl"), "rb") as f:
            self.assertEqual(f.read(), self.results)
        with open(os.path.join(report, "run.json")) as f:
            unpacked = json.load(f)
        self.assertEqual(unpacked["tasks"], "../../tasks/llm-perm.jsonl")
        self.assertEqual(unpacked["few_shot_from"], "../../train/llm-perm.jsonl")

    def test_a_checkpoint_path_is_reaimed_and_a_name_is_not(self):
        self.record["model"] = "/models/gemma3-270m.gguf"
        with open(os.path.join(self.live, "run.json"), "w") as f:
            json.dump(self.record, f)
        self.assertEqual(run("pack", self.live, self.kept).returncode, 0)
        with open(os.path.join(self.kept, "run.json")) as f:
            packed = json.load(f)
        self.assertEqual(
            os.path.normpath(os.path.join(self.kept, packed["model"])), "/models/gemma3-270m.gguf")
        self.assertFalse(packed["model"].startswith("/"))

    def test_a_folder_without_run_json_is_refused(self):
        result = run("pack", os.path.join(self.tmp.name, "nowhere"), self.kept)
        self.assertEqual(result.returncode, 66)
        self.assertIn("holds no run.json", result.stderr)
        self.assertFalse(os.path.exists(self.kept))

    def test_usage(self):
        self.assertEqual(run("copy", self.live, self.kept).returncode, 64)


if __name__ == "__main__":
    unittest.main()
