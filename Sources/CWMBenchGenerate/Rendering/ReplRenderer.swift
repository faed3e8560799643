import CWMBenchCore
import CWMBenchFormats

/// The reference format (SPEC §2): a Python REPL session that CPython reproduces line for line.
public struct ReplRenderer: TraceRenderer {
  /// Creates the renderer.
  public init() {}

  public func render(_ trace: Trace, into text: inout [UInt8]) -> [Range<Int>] {
    let n = trace.params.n
    var spans: [Range<Int>] = []
    if trace.params.family == .pfsa { text.appendASCII(">>> import random\n") }
    for (variable, value) in trace.initialValues.enumerated() {
      text.appendASCII(">>> ")
      text.append(VariableName.byte(variable))
      text.appendASCII(" = ")
      text.appendDecimal(value)
      text.append(0x0A)
    }
    for step in trace.steps {
      appendAction(step.action, to: &text)
      guard let reveal = step.reveal else { continue }
      if let variable = reveal.variable {
        text.appendASCII(">>> print('")
        text.append(VariableName.byte(variable))
        text.appendASCII("', ")
        text.append(VariableName.byte(variable))
        text.appendASCII(")\n")
        let start = text.count
        text.append(VariableName.byte(variable))
        text.append(0x20)
        text.appendDecimal(reveal.values[0])
        spans.append(start..<text.count)
      } else {
        text.appendASCII(">>> print(")
        appendNames(Array(0..<n), to: &text)
        text.appendASCII(")\n")
        let start = text.count
        appendValues(reveal.values, to: &text)
        spans.append(start..<text.count)
      }
      text.append(0x0A)
    }
    return spans
  }

  public func answer(variable: Int?, values: [Int]) -> String {
    RenderKind.repl.answer(variable: variable, values: values)
  }

  private func appendAction(_ action: TraceAction, to text: inout [UInt8]) {
    if !action.isHidden {
      // The hot path of generation: build the line in a stack buffer and append it once,
      // instead of growing the array a byte at a time.
      let targets = action.targets, sources = action.arrangements[0]
      let length = 4 + 3 * targets.count - 2 + 3 + 3 * sources.count - 2 + 1
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { line in
        var at = 0
        func put(_ byte: UInt8) { line[at] = byte; at += 1 }
        put(0x3E); put(0x3E); put(0x3E); put(0x20)
        for (index, variable) in targets.enumerated() {
          if index > 0 { put(0x2C); put(0x20) }
          put(VariableName.byte(variable))
        }
        put(0x20); put(0x3D); put(0x20)
        for (index, variable) in sources.enumerated() {
          if index > 0 { put(0x2C); put(0x20) }
          put(VariableName.byte(variable))
        }
        put(0x0A)
        text.append(contentsOf: UnsafeBufferPointer(rebasing: line[..<at]))
      }
      return
    }
    text.appendASCII(">>> ")
    appendNames(action.targets, to: &text)
    text.appendASCII(" = random.choice([")
    for (index, arrangement) in action.arrangements.enumerated() {
      if index > 0 { text.appendASCII(", ") }
      text.append(0x28)
      appendNames(arrangement, to: &text)
      text.append(0x29)
    }
    text.appendASCII("])\n")
  }

  private func appendNames(_ variables: [Int], to text: inout [UInt8]) {
    for (index, variable) in variables.enumerated() {
      if index > 0 { text.appendASCII(", ") }
      text.append(VariableName.byte(variable))
    }
  }

  private func appendValues(_ values: [Int], to text: inout [UInt8]) {
    for (index, value) in values.enumerated() {
      if index > 0 { text.append(0x20) }
      text.appendDecimal(value)
    }
  }
}
