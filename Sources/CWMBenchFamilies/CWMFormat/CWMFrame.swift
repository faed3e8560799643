import CWMBenchCore
import CWMBenchFormats

/// The pieces of Meta CWM's trace format, each marker spelled once for the three `cwm`
/// renderers (shell game, strings, programs).
///
/// A trace is `<|trace_context_start|>CONTEXT<|frame_sep|>` followed by frames: a call or line
/// frame is `<|call_sep|>` or `<|line_sep|>`, then LOCALS (`{}` when hidden), `<|action_sep|>`
/// and SOURCE; a return or exception frame is `<|return_sep|>` or `<|exception_sep|>`, then
/// `<|action_sep|>`, SOURCE, `<|arg_sep|>` and VALUE (empty when hidden). Every frame ends with
/// `<|frame_sep|>`, and SOURCE with its newline.
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
    append(.call, showing: nil as Never?, to: &text, locals: { _, _ in }, source: { $0.appendASCII("def main():\n") })
  }

  /// Appends the return frame of a `main` that returns None from the line `source` writes.
  static func appendMainReturn(to text: inout [UInt8], source: (inout [UInt8]) -> Void) {
    append(.return, showing: "\"None\"" as StaticString, to: &text, source: source) { $1.appendASCII($0) }
  }

  /// Appends the source context and the separator that ends it.
  static func appendContext(to text: inout [UInt8], _ context: (inout [UInt8]) -> Void) {
    text.appendASCII("<|trace_context_start|>")
    context(&text)
    text.appendASCII("<|frame_sep|>")
  }

  /// Appends a call or line frame; `locals` writes what `shown` holds (hidden when nil: `{}`),
  /// and the bytes it wrote are returned.
  @discardableResult
  static func append<Shown>(
    _ entry: Entry, showing shown: Shown?, to text: inout [UInt8], locals: (Shown, inout [UInt8]) -> Void,
    source: (inout [UInt8]) -> Void
  ) -> Range<Int>? {
    switch entry {
    case .call: text.appendASCII("<|call_sep|>")
    case .line: text.appendASCII("<|line_sep|>")
    }
    var span: Range<Int>?
    if let shown {
      let start = text.count
      locals(shown, &text)
      span = start..<text.count
    } else {
      text.appendASCII("{}")
    }
    text.appendASCII("<|action_sep|>")
    source(&text)
    text.appendASCII("<|frame_sep|>")
    return span
  }

  /// Appends a return or exception frame; `value` writes what `shown` holds (hidden when nil:
  /// nothing), and the bytes it wrote are returned.
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
    text.appendASCII("<|arg_sep|>")
    var span: Range<Int>?
    if let shown {
      let start = text.count
      value(shown, &text)
      span = start..<text.count
    }
    text.appendASCII("<|frame_sep|>")
    return span
  }
}
