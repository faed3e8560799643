import CWMBenchCore
import CWMBenchFormats

/// The smallest family there is, written in the tests only to show that a family is one folder
/// plus one registry line: one variable `a` starts at 0 and each action adds 0…`max_step`;
/// `print(a)` reveals it. It uses nothing of the built-in families.
struct CounterFamily: TaskFamily {
  static let name = "counter"
  static let maxStepKey = "max_step"

  var name: String { Self.name }
  var summary: String { "one integer variable that each action increases by 0…max_step" }
  var parameterKeys: [String] { [CommonParameter.length.rawValue, Self.maxStepKey, "render", "spacing"] }
  var gridKeys: [String] { [Self.maxStepKey, "render", "length", "spacing"] }
  var valueKind: RevealedValueKind { .integers }
  var reportColumns: [String] { [Self.maxStepKey] }

  func parameters(from source: ParameterSource) throws(TaskFileError) -> any FamilyParameters {
    CounterParameters(
      length: try source.length(), spacing: try source.spacing(),
      maxStep: try source.integer(Self.maxStepKey, minimum: 0) ?? 2, render: try source.render(default: .repl))
  }

  /// Nothing changed since the last print: the value last shown (0 before any).
  func lastRevealGuesses(for example: TaskExample) -> [String]? {
    guard var known = example.initialValues?.first else { return nil }
    var guesses: [String] = []
    for query in example.queries {
      guard let value = query.values?.first else { return nil }
      guesses.append(String(known))
      known = value
    }
    return guesses
  }

  func startGeneration(for cells: [CellParameters]) throws -> any GenerationSession {
    StatelessGenerationSession { cell in CounterSource(cell: cell) }
  }

  func stepThrough(of example: TaskExample) -> StepThrough? {
    guard let initial = example.initialValues?.first else { return nil }
    let reveals = example.queries.enumerated().map { index, query in
      "reveal \(index + 1)/\(example.queries.count) after action \(query.step): a holds \(query.answer)"
    }
    return StepThrough(start: "before the first action: a=\(initial)", variableNames: ["a"], reveals: reveals)
  }
}

/// A counter cell's parameters.
struct CounterParameters: FamilyParameters, Hashable {
  var length: Int
  var spacing: Spacing
  var maxStep: Int
  var render: RenderKind

  var variableCount: Int { 1 }
  var key: String {
    ["counter", "s" + String(maxStep), "T" + String(length), "k" + spacing.description].joined(separator: "/")
  }

  func validate() throws(GenerationError) {
    guard (0...9).contains(maxStep) else {
      throw .invalidParameter(
        name: CounterFamily.maxStepKey, value: String(maxStep), expected: "an integer from 0 to 9")
    }
    guard render == .repl else {
      throw .invalidParameter(name: "render", value: render.rawValue, expected: "'repl' for counter")
    }
  }

  func write(to writer: inout JSONWriter) {
    writer.writeKey(CommonParameter.length, first: true)
    writer.writeInt(length)
    writer.writeRaw(",\"" + CounterFamily.maxStepKey + "\":")
    writer.writeInt(maxStep)
    writer.writeKey(CommonParameter.render)
    writer.writeString(render.rawValue)
    writer.writeSpacing(spacing)
    writer.writeRaw("}")
  }

  var reportValues: [String: String] { [CounterFamily.maxStepKey: String(maxStep)] }
  var sortKey: [SortComponent] { [.number(Double(maxStep))] }
  var setting: String { "counter · max_step=\(maxStep)" }
}

/// Draws a counter trace and renders it as a REPL session.
struct CounterSource: ExampleSource {
  let cell: CellParameters

  func example(index: Int, seed: UInt64) throws -> TaskExample {
    guard let own = cell.parameters(as: CounterParameters.self) else {
      throw GenerationFailure(reason: "not a counter")
    }
    var rng = Xoshiro256(seed: seed)
    var text = ">>> a = 0\n"
    var value = 0
    var queries: [TaskQuery] = []
    var lastReveal = 0
    for step in 1...own.length {
      let add = rng.uniform(below: own.maxStep + 1)
      value += add
      text += ">>> a += \(add)\n"
      if own.spacing.revealsAfter(step: step, length: own.length) {
        text += ">>> print(a)\n"
        let start = text.utf8.count
        text += String(value)
        queries.append(
          TaskQuery(
            start: start, end: text.utf8.count, answer: String(value), step: step, sinceReveal: step - lastReveal,
            candidates: nil, probs: nil, variable: 0, values: [value]))
        text += "\n"
        lastReveal = step
      }
    }
    return TaskExample(
      id: cell.key + "/" + String(index), params: cell, text: text, queries: queries, initialValues: [0])
  }
}
