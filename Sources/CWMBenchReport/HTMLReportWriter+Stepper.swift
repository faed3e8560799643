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
    guard let labels = example.family.stepThrough(of: example), labels.reveals.count == example.queries.count else {
      return nil
    }
    let names = labels.variableNames
    var stops: [JSONValue] = [stop(line: 0, label: labels.start)]
    // Line of each query's answer: newlines before its start (offsets are positions, not meaning).
    let bytes = Array(example.text.utf8)
    var line = 0
    var offset = 0
    // With the true state after every action (replayed by the family), a stop per action
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
      var label = labels.reveals[index]
      let result = index < rollout.results.count ? rollout.results[index] : nil
      label += " · " + modelAnswer(query: query, result: result)
      if let belief = belief(query) { label += " · Bayes: " + belief }
      stops.append(stop(line: line, label: label))
    }
    actionStops(through: example.params.length)
    return .array(stops)
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
