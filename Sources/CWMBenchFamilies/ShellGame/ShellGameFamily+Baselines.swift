import CWMBenchCore
import CWMBenchFormats

extension ShellGameFamily {
  /// Each variable still holds what it last showed (its initial value before any reveal).
  public func lastRevealGuesses(for example: TaskExample) -> [String]? {
    guard var known = example.initialValues else { return nil }
    let render = example.params.render
    var guesses: [String] = []
    guesses.reserveCapacity(example.queries.count)
    for query in example.queries {
      guard let values = query.values else { return nil }
      if let variable = query.variable {
        guesses.append(render.answer(variable: variable, values: [known[variable]]))
        known[variable] = values[0]
      } else {
        guesses.append(render.answer(variable: nil, values: known))
        known = values
      }
    }
    return guesses
  }

  /// The initial values, what each reveal prints, and the line of every action (each action is
  /// one line in every rendering, right before the reveal that follows it).
  public func stepThrough(of example: TaskExample) -> StepThrough? {
    guard let initial = example.initialValues, example.queries.allSatisfy({ $0.values != nil }) else { return nil }
    let names = initial.indices.map(VariableName.of)
    let length = example.params.length
    let reveals = example.queries.enumerated().map { index, query in
      let values = (query.values ?? []).map(String.init)
      let label = "reveal \(index + 1)/\(example.queries.count) after action \(query.step)/\(length): "
      if let variable = query.variable { return label + "\(VariableName.of(variable)) holds \(values.first ?? "?")" }
      return label + zip(names, values).map { "\($0)=\($1)" }.joined(separator: " ")
    }
    let render = example.params.render
    let actionLines = StepThrough.actionLines(
      text: example.text, queries: example.queries, length: length, statementOffset: render.revealStatementOffset,
      isAction: render.mayBeActionLine)
    return StepThrough(
      start: "before the first action: " + zip(names, initial).map { "\($0)=\($1)" }.joined(separator: " "),
      variableNames: names, reveals: reveals, actionLines: actionLines)
  }

  /// The trace replayed from the example's seed: its id is `<cell key>/<index>`, and the replay
  /// must render to the task line's exact text and queries, `copy` aside (another version of
  /// cwmbench, or a file edited by hand, replays nothing).
  ///
  /// - Complexity: O(length).
  public func replayedStates(of example: TaskExample, suiteSeed: UInt64, split: Split) -> [[String]]? {
    guard example.params.parameters(as: ShellGameParameters.self) != nil,
      let slash = example.id.lastIndex(of: "/"), let index = Int(example.id[example.id.index(after: slash)...]),
      String(example.id[..<slash]) == example.params.key
    else { return nil }
    let seed = ExampleSeed.make(suiteSeed: suiteSeed, split: split, cellKey: example.params.key, index: index)
    let trace = TraceGenerator(params: example.params).trace(seed: seed)
    var replayed = ExampleFactory(params: example.params).example(from: trace, id: example.id)
    // `copy` is derived from the rest of the line (and checked by eval), so the replay takes the
    // line's own: a file of 0.1.0 has none, one of 0.2.0 has it.
    for index in replayed.queries.indices where index < example.queries.count {
      replayed.queries[index].copy = example.queries[index].copy
    }
    guard replayed.text == example.text, replayed.queries == example.queries else { return nil }
    return trace.states().dropFirst().map { $0.map(String.init) }
  }
}
