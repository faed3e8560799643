import CWMBenchCore
import CWMBenchFormats

/// The pieces of Meta CWM's trace format, each marker spelled once for the three `cwm`
/// renderers (shell game, strings, programs).
///
/// A trace is `<|trace_context_start|>CONTEXT<|frame_sep|>` followed by frames: a call or line
/// frame is `<|call_sep|>` or `<|line_sep|>`, then LOCALS, `<|action_sep|>` and SOURCE; a return
/// or exception frame is `<|return_sep|>` or `<|exception_sep|>`, then `<|action_sep|>`, SOURCE,
/// `<|arg_sep|>` and VALUE. Every frame ends with `<|frame_sep|>`, and SOURCE with its newline.
///
/// Reveal cues (docs/decisions.md, "Reveal cues"): a shown frame writes its locals' names as CWM
/// does and each value is a query (the bytes between the JSON string's quotes), so the text before
/// a query is `{"a": "` or `, "b": "`, naming the variable due. A hidden call or line frame writes
/// no locals at all and a hidden return or exception frame no `<|arg_sep|>` and no value, so no
/// hidden frame starts the way a shown one does; a frame with no locals is `{}` as in CWM.
enum CWMFrame {
  /// A frame that enters a line of code: it shows locals.
  enum Entry {
    /// A function is called; the locals are its arguments.
    case call
    /// A line is about to run.
    case line
  }

  /// A frame that leaves a function: it shows a value.
  enum Exit {
    /// The function returns.
    case `return`
    /// An exception leaves the line.
    case exception
  }

  /// Appends the context of a trace that is one `main`, its body written by `body` (each line
  /// indented by four spaces), marked as the entry point as CWM marks it.
  static func appendMainContext(to text: inout [UInt8], body: (inout [UInt8]) -> Void) {
    appendContext(to: &text) { text in
      text.appendASCII("def main():  # << START_OF_TRACE\n")
      body(&text)
    }
  }

  /// Appends the call frame of a `main` that takes no arguments, its locals `{}`.
  static func appendMainCall(to text: inout [UInt8]) {
    append(
      .call, shown: 0, to: &text, name: { _, _ in }, value: { _, _ in }, source: { $0.appendASCII("def main():\n") })
  }

  /// Appends the return frame of a `main` that returns None from the line `source` writes. It is
  /// shown (CWM's `"None"`) but never a query.
  static func appendMainReturn(to text: inout [UInt8], source: (inout [UInt8]) -> Void) {
    append(.return, showing: "\"None\"" as StaticString, to: &text, source: source) { $1.appendASCII($0) }
  }

  /// Appends the source context and the separator that ends it.
  static func appendContext(to text: inout [UInt8], _ context: (inout [UInt8]) -> Void) {
    text.appendASCII("<|trace_context_start|>")
    context(&text)
    text.appendASCII("<|frame_sep|>")
  }

  /// Appends a call or line frame showing `shown` locals (hidden when nil: no locals object at
  /// all; `{}` when 0), and returns the span of each value between its quotes, in order.
  ///
  /// `name(i, &text)` writes local `i`'s name and `value(i, &text)` its value, each as a quoted
  /// JSON string.
  @discardableResult
  static func append(
    _ entry: Entry, shown: Int?, to text: inout [UInt8], name: (Int, inout [UInt8]) -> Void,
    value: (Int, inout [UInt8]) -> Void, source: (inout [UInt8]) -> Void
  ) -> [Range<Int>] {
    switch entry {
    case .call: text.appendASCII("<|call_sep|>")
    case .line: text.appendASCII("<|line_sep|>")
    }
    var spans: [Range<Int>] = []
    if let shown {
      spans.reserveCapacity(shown)
      text.append(0x7B)
      for index in 0..<shown {
        if index > 0 { text.appendASCII(", ") }
        name(index, &text)
        text.appendASCII(": ")
        let start = text.count
        value(index, &text)
        spans.append(start + 1..<text.count - 1)
      }
      text.append(0x7D)
    }
    text.appendASCII("<|action_sep|>")
    source(&text)
    text.appendASCII("<|frame_sep|>")
    return spans
  }

  /// Appends a return or exception frame; `value` writes what `shown` holds as a quoted JSON
  /// string (hidden when nil: no `<|arg_sep|>` and no value), and the span between its quotes is
  /// returned.
  @discardableResult
  static func append<Shown>(
    _ exit: Exit, showing shown: Shown?, to text: inout [UInt8], source: (inout [UInt8]) -> Void,
    value: (Shown, inout [UInt8]) -> Void
  ) -> Range<Int>? {
    switch exit {
    case .return: text.appendASCII("<|return_sep|><|action_sep|>")
    case .exception: text.appendASCII("<|exception_sep|><|action_sep|>")
    }
    source(&text)
    var span: Range<Int>?
    if let shown {
      text.appendASCII("<|arg_sep|>")
      let start = text.count
      value(shown, &text)
      span = start + 1..<text.count - 1
    }
    text.appendASCII("<|frame_sep|>")
    return span
  }
}
