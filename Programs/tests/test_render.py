"""The reference CWM renderer, checked by decoding its text the way CWM's own debugger does.

facebookresearch/cwm demos/cwmdbg.py parses frames (lines 195-276) and resolves a `".."`
value by walking back through earlier frames to the last concrete value of that name,
stopping at a call or return frame (lines 87-103).  The decoder below does the same walk; a
rendered trace is right when every shown object decodes to the frame's full locals, every
value that could be `".."` is, every hidden call or line frame carries no locals object and
every hidden return no `<|arg_sep|>` (reveal cues), and under `lines: reveals` exactly the
frames that hold a query are written.
"""

import glob
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import cwm_reference  # noqa: E402

KINDS = {"<|call_sep|>": "call", "<|line_sep|>": "line", "<|return_sep|>": "return",
         "<|exception_sep|>": "exception"}


def decode(text, context):
    """[(kind, locals dict or None when hidden, source, value or None)] from a rendered trace."""
    head = "<|trace_context_start|>" + context + "<|frame_sep|>"
    assert text.startswith(head)
    chunks = text[len(head):].split("<|frame_sep|>")
    assert chunks[-1] == ""
    out = []
    for chunk in chunks[:-1]:
        token = chunk[: chunk.index("|>") + 2]
        body = chunk[len(token):]
        kind = KINDS[token]
        shown, _, rest = body.partition("<|action_sep|>")
        if kind in ("call", "line"):
            assert rest.endswith("\n")
            out.append((kind, json.loads(shown) if shown else None, rest[:-1], None))
        else:
            assert shown == ""
            if "\n<|arg_sep|>" in rest:
                source, _, value = rest.partition("\n<|arg_sep|>")
                out.append((kind, None, source, json.loads(value)))
            else:
                assert rest.endswith("\n") and "<|arg_sep|>" not in rest
                out.append((kind, None, rest[:-1], None))
    return out


def previous_concrete(decoded, index, name):
    """cwmdbg.py:94-102: the last concrete value of name before frame index, or None.

    A call frame starts a new scope: cwmdbg's walk would go on into the caller's frames
    (it stops only after checking a call or return frame), so a writer must never put `".."`
    in a call frame; here a call frame has no earlier value.
    """
    if decoded[index][0] == "call":
        return None
    j = index - 1
    while j >= 0:
        kind, shown, _, _ = decoded[j]
        if shown is not None and shown.get(name, "..") != "..":
            return shown[name]
        if kind in ("call", "return"):
            return None
        j -= 1
    return None


class RenderTests(unittest.TestCase):
    CASES = [("gcd_all", 1, 6), ("bank_account", 1, 30), ("quicksort", 2, 40), ("fib_recursive", 3, 5),
             ("inventory", 4, 60), ("hot_potato", 5, 40), ("two_sum", 6, 30), ("eval_rpn", 7, 40)]

    def check(self, name, seed, size, spacing, lines="all"):
        context, frames, _ = cwm_reference.trace_program(name, seed, size)
        text, spans = cwm_reference.render(context, frames, spacing, lines)
        decoded = decode(text, context)
        source_lines = context.split("\n")
        expected_spans = []
        line_index = 0
        written = iter(enumerate(decoded))
        for frame in frames:
            if frame.kind == "line":
                line_index += 1
                visible = spacing != "final" and line_index % spacing == 0
            else:
                visible = spacing == 1 or (frame.kind == "return" and frame.call == 1)
            queried = visible and (frame.kind in ("return", "exception") or bool(frame.locals))
            if lines == "reveals" and not queried:
                continue
            index, (kind, shown, source, value) = next(written)
            self.assertEqual(kind, frame.kind)
            self.assertEqual(source, source_lines[frame.line - 1].replace("  # << START_OF_TRACE", ""))
            if kind in ("call", "line"):
                if not frame.locals:
                    self.assertEqual(shown, {})
                    continue
                if not visible:
                    self.assertIsNone(shown)
                    continue
                self.assertEqual(list(shown), [k for k, _ in frame.locals])
                for key, actual in frame.locals:
                    before = None if lines == "reveals" else previous_concrete(decoded, index, key)
                    self.assertEqual(shown[key], ".." if before == actual else actual, key)
                    expected_spans.append(shown[key])
            else:
                self.assertEqual(value, frame.value if visible else None)
                if visible:
                    expected_spans.append(frame.value)
        self.assertIsNone(next(written, None))
        # A span is the text between a JSON string's quotes, which here never need escapes
        # inside the corpus cases, or are compared decoded.
        self.assertEqual([json.loads(text[a - 1:b + 1]) for a, b in spans], expected_spans)
        for a, b in spans:
            self.assertEqual(text[a - 1], '"')
            self.assertEqual(text[b], '"')
        return text, spans

    def test_decoded_traces_match_the_frames(self):
        for name, seed, size in self.CASES:
            for spacing in (1, 2, 3, 7, "final"):
                for lines in ("all", "reveals"):
                    with self.subTest(program=name, spacing=spacing, lines=lines):
                        self.check(name, seed, size, spacing, lines)

    def test_final_has_one_query_the_return_value_of_main(self):
        context, frames, (result, _) = cwm_reference.trace_program("merge_sort", 1, 30)
        text, spans = cwm_reference.render(context, frames, "final")
        self.assertEqual(len(spans), 1)
        self.assertEqual(text[spans[0][0] - 1:spans[0][1] + 1], json.dumps(result))
        self.assertTrue(text.endswith("<|arg_sep|>" + json.dumps(result) + "<|frame_sep|>"))
        reveals, reveal_spans = cwm_reference.render(context, frames, "final", "reveals")
        self.assertEqual(reveals, "<|trace_context_start|>" + context + "<|frame_sep|><|return_sep|><|action_sep|>"
                         + frames[-1].source + "\n<|arg_sep|>" + json.dumps(result) + "<|frame_sep|>")
        self.assertEqual(len(reveal_spans), 1)

    def test_spacing_one_shows_every_frame(self):
        context, frames, _ = cwm_reference.trace_program("caesar", 2, 12)
        text, _ = cwm_reference.render(context, frames, 1)
        self.assertEqual(text.count("<|arg_sep|>"), text.count("<|return_sep|>") + text.count("<|exception_sep|>"))
        self.assertEqual(text.count("<|call_sep|>{}"), 1)  # only main, which has no arguments
        self.assertEqual(text.count("<|call_sep|><|action_sep|>") + text.count("<|line_sep|><|action_sep|>"), 0)

    def test_no_hidden_frame_starts_like_the_text_before_a_span(self):
        hidden_starts = ("<|call_sep|><|action_sep|>", "<|line_sep|><|action_sep|>", "<|call_sep|>{}",
                         "<|line_sep|>{}", "<|action_sep|>")
        for name, seed, size in self.CASES:
            context, frames, _ = cwm_reference.trace_program(name, seed, size)
            for spacing in (1, 4, "final"):
                for lines in ("all", "reveals"):
                    text, spans = cwm_reference.render(context, frames, spacing, lines)
                    for start, _ in spans:
                        before = text[text.rindex("<|frame_sep|>", 0, start) + len("<|frame_sep|>"):start]
                        self.assertTrue(before.endswith(('": "', '<|arg_sep|>"')), before)
                        for hidden in hidden_starts:
                            self.assertFalse(hidden.startswith(before), (before, hidden))

    def test_bad_spacing_is_refused(self):
        for spacing in (0, -1, "2", None):
            with self.assertRaises(ValueError):
                cwm_reference.render("", [], spacing)
        with self.assertRaises(ValueError):
            cwm_reference.render("", [], 1, "some")

    def test_golden_files_still_render_identically(self):
        files = sorted(glob.glob(os.path.join(HERE, "fixtures", "golden", "*.json")))
        self.assertGreaterEqual(len(files), 6)
        for path in files:
            with open(path, encoding="utf-8") as handle:
                golden = json.load(handle)
            context, frames, _ = cwm_reference.trace_program(
                golden["program"], golden["seed"], golden["size"])
            lines = golden.get("lines", "all")
            text, spans = cwm_reference.render(context, frames, golden["spacing"], lines)
            self.assertEqual(text, golden["text"], path)
            self.assertEqual([list(s) for s in spans], golden["spans"], path)
            # The tracer's events in the file render to the same text (what Swift will do).
            from_events = [cwm_reference.Frame(e["kind"], e["function"], e["call"], e["line"],
                                               e["source"], e["locals"], e.get("value"))
                           for e in golden["events"]]
            self.assertEqual(cwm_reference.render(golden["context"], from_events,
                                                  golden["spacing"], lines)[0], golden["text"], path)
            self.check(golden["program"], golden["seed"], golden["size"], golden["spacing"], lines)


if __name__ == "__main__":
    unittest.main()
