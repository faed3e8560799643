import CWMBenchCore
import CWMBenchFormats

/// `strings`: string variables under character edits, the tokenization-discontinuity probe.
public struct StringsFamily: TaskFamily {
  /// The family's name.
  public static let name = "strings"

  /// The keys of the family's own parameters (the common ones are `CommonParameter`).
  public enum Key: String, Sendable, CaseIterable {
    case edits, start, variables, width
  }

  /// The family.
  public init() {}

  public var name: String { Self.name }

  public var summary: String {
    let widths = StringsParameters.wordWidths
    return
      "string variables under character edits ('width' \(widths.lowerBound)…\(widths.upperBound), 'variables', 'edits', 'start')"
  }

  public var parameterKeys: [String] {
    (Key.allCases.map(\.rawValue) + CommonParameter.allCases.map(\.rawValue)).sorted()
  }

  public var gridKeys: [String] {
    [Key.width, .variables, .edits, .start].map(\.rawValue)
      + [CommonParameter.render, .length, .spacing].map(\.rawValue)
  }

  public func parameters(from source: ParameterSource) throws(TaskFileError) -> any FamilyParameters {
    StringsParameters(
      length: try source.length(), spacing: try source.spacing(),
      width: try source.integer(Key.width.rawValue, minimum: 0) ?? StringsParameters.defaultWidth,
      variables: try source.integer(Key.variables.rawValue, minimum: 0) ?? StringsParameters.defaultVariables,
      edits: try source.parsed(Key.edits.rawValue) { text throws(GenerationError) in
        try EditSelection(parsing: text)
      } ?? .mixed,
      start: try source.choice(Key.start.rawValue, StartKind.self) ?? .word,
      render: try source.render(default: .repl))
  }

  public var parameterHelp: [String: String] {
    [
      Key.width.rawValue: "Letters of each initial word (strings), 4 to 12; default 6.",
      Key.variables.rawValue: "String variables (strings); default 2.",
      Key.edits.rawValue: "Edit kinds (strings): 'mixed' (default) or kinds joined by '+', e.g. set+swap.",
      Key.start.rawValue:
        "What variables start as (strings): 'word' (default, a word of the list) or 'random' (random letters, not a word).",
    ]
  }

  public var valueKind: RevealedValueKind { .strings }

  public var reportColumns: [String] { [Key.width, .variables, .edits, .start].map(\.rawValue) }

  public func startGeneration(for cells: [CellParameters]) throws -> any GenerationSession {
    StatelessGenerationSession { cell in StringsExampleFactory(params: cell) }
  }

  public func showHeader(of example: TaskExample) -> (leading: [ShowField], trailing: [ShowField]) {
    guard let strings = example.params.parameters(as: StringsParameters.self) else { return ([], []) }
    return (
      [
        ("width", String(strings.width)), ("variables", String(strings.variables)),
        ("edits", strings.edits.description), ("start", strings.start.rawValue),
      ],
      []
    )
  }

  /// Each variable still holds its initial word, or what its last print showed.
  public func lastRevealGuesses(for example: TaskExample) -> [String]? {
    guard var known = example.initialStrings else { return nil }
    let render = example.params.render
    var guesses: [String] = []
    guesses.reserveCapacity(example.queries.count)
    for query in example.queries {
      guard let variable = query.variable, variable < known.count, let value = query.stringValues?.first else {
        return nil
      }
      guesses.append(render.stringAnswer(variable: variable, value: known[variable]))
      known[variable] = value
    }
    return guesses
  }

  public func stepThrough(of example: TaskExample) -> StepThrough? {
    guard let initial = example.initialStrings, example.queries.allSatisfy({ $0.stringValues != nil }) else {
      return nil
    }
    let names = initial.indices.map(VariableName.of)
    let length = example.params.length
    let start = example.params.parameters(as: StringsParameters.self)?.start ?? .word
    let reveals = example.queries.enumerated().map { index, query in
      var label = "reveal \(index + 1)/\(example.queries.count) after action \(query.step)/\(length): "
      let value = query.stringValues?.first.map { "'" + $0 + "'" } ?? "?"
      if let variable = query.variable { label += "\(VariableName.of(variable)) holds \(value)" }
      if let edited = query.sinceWord {
        let since = start == .word ? "a word" : "a word or the start"
        label +=
          edited == 0 && start == .word ? " (a word of the list)" : " (\(edited) characters edited since \(since))"
      }
      return label
    }
    let render = example.params.render
    // Each edit is one statement or sentence, as in the shell game's renderings.
    let actionLines = StepThrough.actionLines(
      text: example.text, queries: example.queries, length: length, statementOffset: render.revealStatementOffset,
      isAction: render.mayBeActionLine)
    return StepThrough(
      start: "before the first action: " + zip(names, initial).map { "\($0)='\($1)'" }.joined(separator: " "),
      variableNames: names, reveals: reveals, actionLines: actionLines)
  }
}
