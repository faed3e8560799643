"""The reference CWM renderer, checked by decoding its text the way CWM's own debugger does.

facebookresearch/cwm demos/cwmdbg.py parses frames (lines 195-276) and resolves a `".."`
value by walking back through earlier frames to the last concrete value of that name,
stopping at a call or return frame (lines 87-103).  The decoder below does the same walk; a
rendered trace is right when every shown object decodes to the frame's full locals, every
value that could be `".."` is, and every hidden frame carries `{}`.
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
    """[(kind, locals dict or None, source, value or None)] from a rendered trace."""
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
            out.append((kind, json.loads(shown), rest[:-1], None))
        else:
            assert shown == ""
            source, _, value = rest.partition("\n<|arg_sep|>")
            out.append((kind, None, source, json.loads(value) if value else None))
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

    def check(self, name, seed, size, spacing):
        context, frames, _ = cwm_reference.trace_program(name, seed, size)
        text, spans = cwm_reference.render(context, frames, spacing)
        decoded = decode(text, context)
        self.assertEqual(len(decoded), len(frames))
        lines = context.split("\n")
        expected_spans = []
        line_index = 0
        for index, (frame, (kind, shown, source, value)) in enumerate(zip(frames, decoded)):
            self.assertEqual(kind, frame.kind)
            self.assertEqual(source, lines[frame.line - 1].replace("  # << START_OF_TRACE", ""))
            if kind == "line":
                line_index += 1
                visible = spacing != "final" and line_index % spacing == 0
            else:
                visible = spacing == 1 or (kind == "return" and frame.call == 1)
            if kind in ("call", "line"):
                if not visible or not frame.locals:
                    self.assertEqual(shown, {})
                    continue
                expected_spans.append(json.dumps(shown))
                self.assertEqual(list(shown), [k for k, _ in frame.locals])
                for key, actual in frame.locals:
                    before = previous_concrete(decoded, index, key)
                    self.assertEqual(shown[key], ".." if before == actual else actual, key)
            else:
                self.assertEqual(value, frame.value if visible else None)
                if visible:
                    expected_spans.append(json.dumps(frame.value))
        self.assertEqual([text[a:b] for a, b in spans], expected_spans)
        return text, spans

    def test_decoded_traces_match_the_frames(self):
        for name, seed, size in self.CASES:
            for spacing in (1, 2, 3, 7, "final"):
                with self.subTest(program=name, spacing=spacing):
                    self.check(name, seed, size, spacing)

    def test_final_has_one_query_the_return_value_of_main(self):
        context, frames, (result, _) = cwm_reference.trace_program("merge_sort", 1, 30)
        text, spans = cwm_reference.render(context, frames, "final")
        self.assertEqual(len(spans), 1)
        self.assertEqual(text[spans[0][0]:spans[0][1]], json.dumps(result))
        self.assertTrue(text.endswith("<|arg_sep|>" + json.dumps(result) + "<|frame_sep|>"))

    def test_spacing_one_shows_every_frame(self):
        context, frames, _ = cwm_reference.trace_program("caesar", 2, 12)
        text, _ = cwm_reference.render(context, frames, 1)
        self.assertNotIn("<|arg_sep|><|frame_sep|>", text)
        self.assertEqual(text.count("<|call_sep|>{}"), 1)  # only main, which has no arguments

    def test_bad_spacing_is_refused(self):
        for spacing in (0, -1, "2", None):
            with self.assertRaises(ValueError):
                cwm_reference.render("", [], spacing)

    def test_golden_files_still_render_identically(self):
        files = sorted(glob.glob(os.path.join(HERE, "fixtures", "golden", "*.json")))
        self.assertGreaterEqual(len(files), 6)
        for path in files:
            with open(path, encoding="utf-8") as handle:
                golden = json.load(handle)
            context, frames, _ = cwm_reference.trace_program(
                golden["program"], golden["seed"], golden["size"])
            text, spans = cwm_reference.render(context, frames, golden["spacing"])
            self.assertEqual(text, golden["text"], path)
            self.assertEqual([list(s) for s in spans], golden["spans"], path)
            # The tracer's events in the file render to the same text (what Swift will do).
            from_events = [cwm_reference.Frame(e["kind"], e["function"], e["call"], e["line"],
                                               e["source"], e["locals"], e.get("value"))
                           for e in golden["events"]]
            self.assertEqual(cwm_reference.render(golden["context"], from_events,
                                                  golden["spacing"])[0], golden["text"], path)
            self.check(golden["program"], golden["seed"], golden["size"], golden["spacing"])


if __name__ == "__main__":
    unittest.main()
