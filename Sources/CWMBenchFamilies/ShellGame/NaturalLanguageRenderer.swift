import CWMBenchCore
import CWMBenchFormats

/// The shell game told in words (docs/task-file.md, "The text"): cups, moves, and "Cup c now holds 4."
///
/// The query is the number (or the comma-separated numbers for `reveal: all`) at the end of
/// a reveal sentence.
public struct NaturalLanguageRenderer: TraceRenderer {
  /// Creates the renderer.
  public init() {}

  public func render(_ trace: Trace, into text: inout [UInt8]) -> [Range<Int>] {
    var spans: [Range<Int>] = []
    for (variable, value) in trace.initialValues.enumerated() {
      text.appendASCII("Cup ")
      text.append(VariableName.byte(variable))
      text.appendASCII(" holds ")
      text.appendDecimal(value)
      text.appendASCII(".\n")
    }
    for step in trace.steps {
      appendAction(step.action, to: &text)
      guard let reveal = step.reveal else { continue }
      if let variable = reveal.variable {
        text.appendASCII("Cup ")
        text.append(VariableName.byte(variable))
        text.appendASCII(" now holds ")
      } else {
        text.appendASCII("Cups ")
        appendNames(Array(reveal.values.indices), to: &text)
        text.appendASCII(" now hold ")
      }
      let start = text.count
      text.append(contentsOf: Array(answer(variable: reveal.variable, values: reveal.values).utf8))
      spans.append(start..<text.count)
      text.appendASCII(".\n")
    }
    return spans
  }

  public func answer(variable: Int?, values: [Int]) -> String {
    RenderKind.nl.answer(variable: variable, values: values)
  }

  private func appendAction(_ action: TraceAction, to text: inout [UInt8]) {
    let targets = action.targets
    if !action.isHidden, targets.count == 2, action.arrangements[0] == [targets[1], targets[0]] {
      text.appendASCII("Swap cups ")
      text.append(VariableName.byte(action.targets[0]))
      text.appendASCII(" and ")
      text.append(VariableName.byte(action.targets[1]))
      text.appendASCII(".\n")
      return
    }
    if action.isHidden {
      text.appendASCII("Secretly, one of these at random: ")
      for (index, arrangement) in action.arrangements.enumerated() {
        if index > 0 { text.appendASCII("; or ") }
        appendMove(targets: action.targets, sources: arrangement, to: &text)
      }
      text.appendASCII(".\n")
    } else {
      text.append(contentsOf: Array("M".utf8))
      var move: [UInt8] = []
      appendMove(targets: action.targets, sources: action.arrangements[0], to: &move)
      text.append(contentsOf: move.dropFirst())
      text.appendASCII(".\n")
    }
  }

  /// "move cups c, d, a into cups a, c, d": each target takes what its source held.
  private func appendMove(targets: [Int], sources: [Int], to text: inout [UInt8]) {
    text.appendASCII("move cups ")
    appendNames(sources, to: &text)
    text.appendASCII(" into cups ")
    appendNames(targets, to: &text)
  }

  private func appendNames(_ variables: [Int], to text: inout [UInt8]) {
    for (index, variable) in variables.enumerated() {
      if index > 0 { text.appendASCII(", ") }
      text.append(VariableName.byte(variable))
    }
  }
}
