import CWMBenchCore
import CWMBenchFormats

/// Writes a traced program in Code World Model's trace format with reveal spacing
/// (Programs/README.md, "Rendering rules for the Swift side").
///
/// Spacing 1 is CWM's own format: every frame shows its locals. Spacing k shows the locals of
/// every k-th line event only (numbered over the whole trace), and `final` only `main`'s return
/// value; hidden frames carry `{}` and a hidden return value is empty. Every shown, non-empty
/// locals object and every shown value is a query.
public struct ProgramRenderer: Sendable {
  /// One query: the span of its answer and where in the trace it falls.
  public struct Query: Sendable, Hashable {
    /// The answer's bytes in the text.
    public var span: Range<Int>
    /// Line events up to and including the query's frame (0 for a call frame before any line).
    public var step: Int
  }

  /// How often locals are shown.
  public let spacing: Spacing

  /// Creates a renderer for a validated spacing.
  public init(spacing: Spacing) {
    self.spacing = spacing
  }

  private static let dots: [UInt8] = Array("\"..\"".utf8)

  /// Appends the trace's text to `text` and returns its queries in order.
  ///
  /// - Complexity: O(text length); one dictionary lookup per shown local.
  public func render(_ trace: ProgramTrace, into text: inout [UInt8]) -> [Query] {
    let every: Int?
    switch spacing {
    case .every(let k): every = k
    case .final: every = nil
    }
    let full = every == 1
    CWMFrame.appendContext(to: &text) { $0 += trace.context }
    var queries: [Query] = []
    // The value last shown for each name since the last call or return frame: what `".."`
    // stands for when cwmdbg.py walks back (CWM findings 7).
    var shown: [[UInt8]: [UInt8]] = [:]
    var line = 0
    let entryCall = trace.events.first?.call
    for event in trace.events {
      let span: Range<Int>?
      switch event.kind {
      case .call, .line:
        let visible: Bool
        let entry: CWMFrame.Entry
        if event.kind == .call {
          shown.removeAll(keepingCapacity: true)
          visible = full
          entry = .call
        } else {
          line += 1
          visible = every.map { line % $0 == 0 } ?? false
          entry = .line
        }
        span = CWMFrame.append(
          entry, showing: visible && !event.locals.isEmpty ? event.locals : nil, to: &text,
          locals: { appendLocals($0, shown: &shown, to: &$1) }, source: { Self.appendSource(event, to: &$0) })
      case .return, .exception:
        let visible: Bool
        let exit: CWMFrame.Exit
        if event.kind == .return {
          shown.removeAll(keepingCapacity: true)
          visible = full || event.call == entryCall
          exit = .return
        } else {
          visible = full
          exit = .exception
        }
        span = CWMFrame.append(
          exit, showing: visible ? event.value ?? [] : nil, to: &text, source: { Self.appendSource(event, to: &$0) },
          value: { PythonJSON.appendString($0, to: &$1) })
      }
      if let span { queries.append(Query(span: span, step: line)) }
    }
    return queries
  }

  /// The event's line as written, with the newline that ends a frame's source.
  private static func appendSource(_ event: ProgramTrace.Event, to text: inout [UInt8]) {
    text += event.source
    text.append(0x0A)
  }

  private func appendLocals(
    _ locals: [(name: [UInt8], value: [UInt8])], shown: inout [[UInt8]: [UInt8]], to text: inout [UInt8]
  ) {
    text.append(0x7B)
    for (index, pair) in locals.enumerated() {
      if index > 0 { text.appendASCII(", ") }
      PythonJSON.appendString(pair.name, to: &text)
      text.appendASCII(": ")
      if shown[pair.name] == pair.value {
        text += Self.dots
      } else {
        PythonJSON.appendString(pair.value, to: &text)
        shown[pair.name] = pair.value
      }
    }
    text.append(0x7D)
  }
}
