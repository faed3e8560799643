import CWMBenchCore
import CWMBenchFormats
import Foundation

extension HTMLReportWriter {
  /// The rollout's stops for the page's stepper: the initial state, then every reveal with its
  /// true value, the model's answer and, for `pfsa`, the Bayes belief.
  ///
  /// With the rollout's `states` (the true state after each action, which the CLI replays) every
  /// action gets a stop too; such stops highlight no line (`line` is -1).
  ///
  /// Everything else comes from the task line's structure fields (`initial`, each query's `variable`
  /// and `values`, `candidates` and `probs`) and the query spans' offsets; nil when the task line
  /// does not record its structure. Each stop is `{"label": …, "line": …}`, the line being the
  /// index of the text line that holds the reveal's answer.
  ///
  /// - Complexity: O(text length + queries × candidates).
  static func stepperStops(_ rollout: ExampleRollout) -> JSONValue? {
    let example = rollout.example
    guard let initial = initialState(example) else { return nil }
    let names = initial.indices.map(VariableName.of)
    let before = example.family == .programs ? "before the first frame" : "before the first action: "
    var stops: [JSONValue] = [
      stop(line: 0, label: before + zip(names, initial).map { "\($0)=\($1)" }.joined(separator: " "))
    ]
    // Line of each query's answer: newlines before its start (offsets are positions, not meaning).
    let bytes = Array(example.text.utf8)
    var line = 0
    var offset = 0
    // With the true state after every action (the CLI replays the trace), a stop per action
    // comes before the reveal that follows it.
    let states = rollout.states.flatMap { $0.count == example.params.length ? $0 : nil }
    var action = 0
    func actionStops(through step: Int) {
      guard let states else { return }
      while action < min(step, states.count) {
        let state = states[action]
        action += 1
        let label =
          "after action \(action)/\(example.params.length): "
          + zip(names, state).map { "\($0)=\($1)" }.joined(separator: " ")
        stops.append(stop(line: -1, label: label))
      }
    }
    for (index, query) in example.queries.enumerated() {
      actionStops(through: query.step)
      while offset < min(query.start, bytes.count) {
        if bytes[offset] == 0x0A { line += 1 }
        offset += 1
      }
      let values = shownValues(query, family: example.family)
      var label = "reveal \(index + 1)/\(example.queries.count) after action \(query.step)/\(example.params.length): "
      if example.family == .programs {
        let total = example.lineEvents.map { "/" + String($0) } ?? ""
        label =
          "reveal \(index + 1)/\(example.queries.count) after line event \(query.step)\(total): shows \(query.answer)"
      } else if let variable = query.variable {
        label += "\(VariableName.of(variable)) holds \(values.first ?? "?")"
        if let edited = query.sinceWord {
          label += edited == 0 ? " (a word of the list)" : " (\(edited) characters edited since a word)"
        }
      } else {
        label += zip(names, values).map { "\($0)=\($1)" }.joined(separator: " ")
      }
      let result = index < rollout.results.count ? rollout.results[index] : nil
      label += " · " + modelAnswer(query: query, result: result)
      if let belief = belief(query) { label += " · Bayes: " + belief }
      stops.append(stop(line: line, label: label))
    }
    actionStops(through: example.params.length)
    return .array(stops)
  }

  /// The values before the first action as Python shows them (`4`, `'kitten'`); none for
  /// `programs`, whose frames show their own locals; nil when the line does not record them.
  static func initialState(_ example: TaskExample) -> [String]? {
    switch example.family {
    case .perm, .pfsa:
      guard let initial = example.initialValues, example.queries.allSatisfy({ $0.values != nil }) else { return nil }
      return initial.map(String.init)
    case .strings:
      guard let initial = example.initialStrings, example.queries.allSatisfy({ $0.stringValues != nil }) else {
        return nil
      }
      return initial.map { "'" + $0 + "'" }
    case .programs: return []
    }
  }

  /// The values a reveal prints, as Python shows them.
  static func shownValues(_ query: TaskQuery, family: Family) -> [String] {
    family == .strings ? (query.stringValues ?? []).map { "'" + $0 + "'" } : (query.values ?? []).map(String.init)
  }

  static func stop(line: Int, label: String) -> JSONValue {
    .object(["label": .string(label), "line": .int(line)])
  }

  /// What the model said at a reveal, as plain text (the stepper shows it with `textContent`).
  static func modelAnswer(query: TaskQuery, result: QueryResult?) -> String {
    guard let result else { return "no answer" }
    let mark = result.correct ? "right" : "wrong"
    if let predicted = result.predicted { return "model (\(mark)): \(predicted)" }
    if let logprob = result.logprob { return "model (\(mark)): p(answer) = \(Markup.decimal(exp(logprob), places: 3))" }
    return "model: \(mark)"
  }

  /// The Bayes posterior over the reveal's candidates, the ones with mass, most likely first.
  static func belief(_ query: TaskQuery) -> String? {
    guard let probs = query.probs, let candidates = query.candidates, probs.count == candidates.count else {
      return nil
    }
    let ranked = probs.indices.filter { probs[$0] > 0 }.sorted {
      probs[$0] > probs[$1] || (probs[$0] == probs[$1] && $0 < $1)
    }
    return ranked.prefix(6).map { "\(candidates[$0]): \(Markup.decimal(probs[$0], places: 2))" }.joined(separator: ", ")
      + (ranked.count > 6 ? ", …" : "")
  }
}
