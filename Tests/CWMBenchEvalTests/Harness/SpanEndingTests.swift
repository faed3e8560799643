import CWMBenchTestSupport
import Testing

@testable import CWMBenchEval

/// What ends a span: the trace's text after it, as the rendering puts it.
@Suite(.offCooperativePool) struct SpanEndingTests {
  @Test func theEndingRunsThroughTheNewline() {
    let text = ">>> print(s)\n'za'\n>>> s = 'q'\n"
    let end = Array(text.utf8).firstIndex(of: UInt8(ascii: "'"))! + 3  // after "'za"
    #expect(SpanEnding.text(after: end, in: text) == "'\n")
    #expect(SpanEnding.text(after: 15, in: "the value is za.\nnext") == ".\n")
  }

  @Test func aSpecialTokenEndsTheEnding() {
    #expect(SpanEnding.text(after: 1, in: "5<|action_sep|>x = 1\n") == "<|action_sep|>")
  }

  /// A `cwm` value's span is the text between its quotes: the closing quote ends it, so the next
  /// local's name and value are never asked.
  @Test func aClosingQuoteEndsACWMValue() {
    let text = #"<|line_sep|>{"a": "3", "b": "5"}<|action_sep|>    print(a)\n"#
    let start = Array(text.utf8).firstIndex(of: UInt8(ascii: "3"))!
    #expect(SpanEnding.text(after: start + 1, in: text) == "\"")
    let five = Array(text.utf8).firstIndex(of: UInt8(ascii: "5"))!
    #expect(SpanEnding.text(after: five + 1, in: text) == "\"")
    // An escaped quote lies inside the span; the ending is the quote after it.
    let value = #"<|arg_sep|>"[1, \"x\"]"<|frame_sep|>"#
    #expect(SpanEnding.text(after: value.utf8.count - "\"<|frame_sep|>".utf8.count, in: value) == "\"")
  }

  @Test func anAnswerAtTheEndOfTheTraceAsksNoEnding() {
    #expect(SpanEnding.text(after: 3, in: "a 1") == "")
    #expect(SpanEnding.texts(of: [0..<1, 2..<3], in: "a\nb") == ["\n", ""])
  }

  @Test func aLongEndingStopsAtACharacterBoundary() {
    let text = "x" + String(repeating: "y", count: 15) + "é\n"
    // 15 bytes and the first of "é"'s two fit in 16; "é" is left out whole.
    #expect(SpanEnding.text(after: 1, in: text) == String(repeating: "y", count: 15))
    #expect(SpanEnding.text(after: 0, in: String(repeating: "z", count: 20)).utf8.count == SpanEnding.maxBytes)
  }
}
