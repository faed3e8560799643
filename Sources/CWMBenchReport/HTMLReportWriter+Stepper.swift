import CWMBenchCore
import CWMBenchFormats
import Foundation

extension HTMLReportWriter {
  /// The rollout's stops for the page's stepper: the initial state, then every reveal with its
  /// true value, the model's answer and, for `pfsa`, the Bayes belief.
  ///
  /// Every action gets a stop too, on the action's line from the family's `StepThrough.actionLines`,
  /// labelled with the true state after it when the rollout has `states` (the CLI replays them);
  /// with neither lines nor states there are no action stops.
  ///
  /// Everything else comes from the task line's structure fields (`initial`, each query's `variable`
  /// and `values`, `candidates` and `probs`) and the query spans' offsets; nil when the task line
  /// does not record its structure. Each stop is `{"label": …, "line": …}`, `line` being the
  /// 0-based index of the text line of the action or of the line that holds the reveal's answer
  /// (-1 only where the family cannot tell); a `programs` reveal adds `"locals"`, its frame's
  /// `[{"changed": …, "name": …, "value": …}]`. Keys are sorted when written.
  ///
  /// - Complexity: O(text length + queries × candidates).
  static func stepperStops(_ rollout: ExampleRollout) -> JSONValue? {
    let example = rollout.example
    guard let labels = example.family.stepThrough(of: example), labels.reveals.count == example.queries.count else {
      return nil
    }
    let names = labels.variableNames
    let length = example.params.length
    let actionLines = labels.actionLines.count == length ? labels.actionLines : []
    // The initial state sits on the line before the first action (the last assignment).
    var stops: [JSONValue] = [stop(line: max(0, (actionLines.first ?? 1) - 1), label: labels.start)]
    let revealLines = StepThrough.lineIndices(of: example.queries.map(\.start), in: example.text)
    // With the true state after every action (replayed by the family), a stop per action
    // comes before the reveal that follows it.
    // Without them, a stop per action still walks the action lines the family found.
    let states = rollout.states.flatMap { $0.count == length ? $0 : nil }
    var action = 0
    func actionStops(through step: Int) {
      guard states != nil || !actionLines.isEmpty else { return }
      while action < min(step, length) {
        let line = action < actionLines.count ? actionLines[action] : -1
        action += 1
        var label = "after action \(action)/\(length)"
        if let state = states?[action - 1] {
          label += ": " + zip(names, state).map { "\($0)=\($1)" }.joined(separator: " ")
        }
        stops.append(stop(line: line, label: label))
      }
    }
    for (index, query) in example.queries.enumerated() {
      actionStops(through: query.step)
      var label = labels.reveals[index]
      let result = index < rollout.results.count ? rollout.results[index] : nil
      label += " · " + modelAnswer(query: query, result: result)
      if let belief = belief(query) { label += " · Bayes: " + belief }
      let locals = index < labels.locals.count ? labels.locals[index] : []
      stops.append(stop(line: revealLines[index], label: label, locals: locals))
    }
    actionStops(through: length)
    return .array(stops)
  }

  static func stop(line: Int, label: String, locals: [StepLocal] = []) -> JSONValue {
    var members: [String: JSONValue] = ["label": .string(label), "line": .int(line)]
    if !locals.isEmpty {
      members["locals"] = .array(
        locals.map { .object(["changed": .bool($0.changed), "name": .string($0.name), "value": .string($0.value)]) })
    }
    return .object(members)
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
