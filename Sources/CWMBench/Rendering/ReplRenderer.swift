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
    // Built as small strings, which Swift keeps inline: listing candidates allocates nothing.
    if let variable { return VariableName.of(variable) + " " + String(values[0]) }
    return values.map(String.init).joined(separator: " ")
  }

  private func appendAction(_ action: TraceAction, to text: inout [UInt8]) {
    text.appendASCII(">>> ")
    appendNames(action.targets, to: &text)
    text.appendASCII(" = ")
    if action.isHidden {
      text.appendASCII("random.choice([")
      for (index, arrangement) in action.arrangements.enumerated() {
        if index > 0 { text.appendASCII(", ") }
        text.append(0x28)
        appendNames(arrangement, to: &text)
        text.append(0x29)
      }
      text.appendASCII("])")
    } else {
      appendNames(action.arrangements[0], to: &text)
    }
    text.append(0x0A)
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
