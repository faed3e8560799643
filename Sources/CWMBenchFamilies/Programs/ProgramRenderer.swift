import CWMBenchCore
import CWMBenchFormats

/// Writes a traced program in Code World Model's trace format with reveal spacing
/// (Programs/README.md, "Rendering rules for the Swift side").
///
/// Spacing 1 is CWM's own format: every frame shows its locals. Spacing k shows the locals of
/// every k-th line event only (numbered over the whole trace), and `final` only `main`'s return
/// value. Each shown local's value is a query, the name before it written (reveal cues,
/// docs/decisions.md): in `{"x": "3", "y": ".."}` the spans are `3` and `..`, and a shown return
/// value's span is the text between its quotes after `<|arg_sep|>`. A hidden call or line frame
/// writes no locals object (`{}` is kept for a frame with no locals, as CWM writes it), and a
/// hidden return or exception frame no `<|arg_sep|>` and no value. Under `lines: reveals` only the
/// frames that hold a query are written, and every value is written out (no `".."`).
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
  /// Which frames are written.
  public let lines: ProgramLines

  /// Creates a renderer for a validated spacing.
  public init(spacing: Spacing, lines: ProgramLines = .all) {
    self.spacing = spacing
    self.lines = lines
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
    let onlyReveals = lines == .reveals
    CWMFrame.appendContext(to: &text) { $0 += trace.context }
    var queries: [Query] = []
    // The value last shown for each name since the last call or return frame: what `".."`
    // stands for when cwmdbg.py walks back (CWM findings 7). Under `reveals` the call and return
    // frames between reveals are not written, so nothing is written `".."`.
    var shown: [[UInt8]: [UInt8]] = [:]
    var line = 0
    let entryCall = trace.events.first?.call
    for event in trace.events {
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
        let locals = event.locals
        if onlyReveals && !(visible && !locals.isEmpty) { continue }
        let spans = CWMFrame.append(
          entry, shown: visible || locals.isEmpty ? locals.count : nil, to: &text,
          name: { PythonJSON.appendString(locals[$0].name, to: &$1) },
          value: { index, text in
            let pair = locals[index]
            if !onlyReveals && shown[pair.name] == pair.value {
              text += Self.dots
            } else {
              PythonJSON.appendString(pair.value, to: &text)
              shown[pair.name] = pair.value
            }
          }, source: { Self.appendSource(event, to: &$0) })
        for span in spans { queries.append(Query(span: span, step: line)) }
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
        if onlyReveals && !visible { continue }
        let span = CWMFrame.append(
          exit, showing: visible ? event.value ?? [] : nil, to: &text, source: { Self.appendSource(event, to: &$0) },
          value: { PythonJSON.appendString($0, to: &$1) })
        if let span { queries.append(Query(span: span, step: line)) }
      }
    }
    return queries
  }

  /// The event's line as written, with the newline that ends a frame's source.
  private static func appendSource(_ event: ProgramTrace.Event, to text: inout [UInt8]) {
    text += event.source
    text.append(0x0A)
  }
}
