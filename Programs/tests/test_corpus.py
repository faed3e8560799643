"""The corpus: enough programs, each written so its trace is stable and renderable.

The rules keep traces identical across CPython versions and runs: no comprehensions, lambdas
or generator expressions (they are frames of their own in 3.11 and inlined from 3.12), no
nested functions or classes (their reprs show memory addresses), no generators, every
statement on one line (a line event names exactly one source line), ASCII only (JSON
escaping and byte offsets stay simple).
"""

import ast
import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cwm_reference  # noqa: E402
from tracer_client import corpus_names  # noqa: E402

FORBIDDEN = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.Lambda, ast.Yield,
             ast.YieldFrom, ast.ClassDef, ast.Global, ast.Nonlocal, ast.AsyncFunctionDef,
             ast.Await, ast.Set)


class CorpusTests(unittest.TestCase):
    def test_at_least_fifty_programs(self):
        self.assertGreaterEqual(len(corpus_names()), 50)

    def test_programs_follow_the_rules(self):
        for name in corpus_names():
            with self.subTest(program=name):
                program, entry, _ = cwm_reference.read_program(name)
                self.assertTrue(program.isascii())
                self.assertNotIn("START_OF_TRACE", program)  # only main's def carries the marker
                self.assertNotIn("\t", program)
                tree = ast.parse(program)
                top = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
                self.assertIn(entry, top)
                self.assertNotIn("main", top)
                for node in ast.walk(tree):
                    self.assertNotIsInstance(node, FORBIDDEN, ast.dump(node)[:80])
                    if isinstance(node, ast.FunctionDef):
                        self.assertIn(node, tree.body, "nested function")
                        self.assertEqual(node.decorator_list, [])
                    if isinstance(node, ast.ExceptHandler):
                        self.assertIsNotNone(node.type, "a bare except would catch the tracer's stop")
                    if isinstance(node, ast.stmt):
                        header = node
                        if isinstance(node, (ast.If, ast.While)):
                            header = node.test
                        elif isinstance(node, ast.For):
                            header = node.iter
                        elif isinstance(node, (ast.FunctionDef, ast.Try, ast.With)):
                            continue
                        self.assertEqual(header.lineno, header.end_lineno,
                                         f"line {node.lineno} spans lines")

    def test_inputs_are_seeded_and_literal(self):
        for name in corpus_names():
            with self.subTest(program=name):
                _, _, make_input = cwm_reference.read_program(name)
                for size in (1, 7, 60):
                    first = make_input(random.Random(5), size)
                    again = make_input(random.Random(5), size)
                    self.assertEqual(repr(first), repr(again))
                    self.assertIsInstance(first, tuple)
                    self.assertEqual(ast.literal_eval(repr(first)), first)
                    self.assertTrue(repr(first).isascii())

    def test_programs_do_not_mutate_their_literal_context(self):
        # main() runs twice in one namespace: the literal arguments are rebuilt on each call,
        # so the value must not depend on earlier runs (no state kept at module level).
        for name in corpus_names():
            with self.subTest(program=name):
                program, entry, make_input = cwm_reference.read_program(name)
                context = cwm_reference.make_context(program, entry,
                                                     make_input(random.Random(3), 20))
                scope = {}
                exec(context, scope)
                self.assertEqual(repr(scope["main"]()), repr(scope["main"]()))


if __name__ == "__main__":
    unittest.main()
