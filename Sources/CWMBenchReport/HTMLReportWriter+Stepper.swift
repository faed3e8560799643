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
    stepperPlan(rollout, labels: rollout.example.family.stepThrough(of: rollout.example)).map { .array($0.stops) }
  }

  /// The stops of `stepperStops` and the index of each reveal's stop among them, from the
  /// family's `labels` (computed once per example, whatever the number of models shown).
  ///
  /// - Complexity: O(text length + queries × candidates).
  static func stepperPlan(_ rollout: ExampleRollout, labels: StepThrough?) -> (stops: [JSONValue], reveals: [Int])? {
    let example = rollout.example
    guard let labels, labels.reveals.count == example.queries.count else { return nil }
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
    var reveals: [Int] = []
    for (index, query) in example.queries.enumerated() {
      actionStops(through: query.step)
      let label = revealLabel(labels, index: index, query: query, results: rollout.results)
      let locals = index < labels.locals.count ? labels.locals[index] : []
      reveals.append(stops.count)
      stops.append(stop(line: revealLines[index], label: label, locals: locals))
    }
    actionStops(through: length)
    return (stops, reveals)
  }

  /// The label of reveal `index`: what it shows, the model's answer and, for `pfsa`, the Bayes belief.
  static func revealLabel(_ labels: StepThrough, index: Int, query: TaskQuery, results: [QueryResult]) -> String {
    let result = index < results.count ? results[index] : nil
    var label = labels.reveals[index] + " · " + modelAnswer(query: query, result: result)
    if let belief = belief(query) { label += " · Bayes: " + belief }
    return label
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
