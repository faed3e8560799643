import CWMBenchCore
import CWMBenchFormats
import Foundation

/// The JSON of the sample browser's files (docs/report.md): index rows, per-cell rows, detail entries.
///
/// Each file is a JavaScript call (`cwmSamples.index(…)`, `cwmSamples.rows(…)`,
/// `cwmSamples.detail(…)`) so the page loads it with a `<script>` tag from `file://`, where
/// `fetch` is refused. Values are JSON (sorted keys); the page puts every string in with `textContent`.
enum SampleChunkWriter {
  /// Examples per detail file.
  static let chunkSize = 50
  /// Worst examples kept per model for the index.
  static let worstCount = 50

  /// One detail entry: the example's text and queries, and each model's answers, shots and stops.
  ///
  /// - Complexity: O(text length + queries × (candidates + models)).
  static func entry(
    _ example: TaskExample, cell: Int, rank: Int, answers: [[QueryResult]?], shots: [[String]?] = [],
    states: [[String]]?
  ) -> String {
    let offsets = utf16Offsets(example)
    let queries: [JSONValue] = example.queries.enumerated().map { index, query in
      var object: [String: JSONValue] = [
        "s": .int(offsets[index].start), "e": .int(offsets[index].end), "a": .string(query.answer),
      ]
      if let copy = query.copy { object["copy"] = .bool(copy) }
      if let probs = query.probs, let candidates = query.candidates, probs.count == candidates.count {
        object["bayes"] = .string(HTMLReportWriter.belief(query) ?? "")
        if let index = candidates.firstIndex(of: query.answer) { object["pb"] = .double(probs[index]) }
      }
      return .object(object)
    }
    // The stops of the first model with answers; the others' differ only in their reveal labels,
    // so each model carries just those (`labels`: stop index → label), which halves the files,
    // and only those are worked out for them.
    let steps = example.family.stepThrough(of: example)
    var base: (stops: [JSONValue], reveals: [Int])?
    let models: [JSONValue] = answers.enumerated().map { number, results in
      guard let results else { return .null }
      let items: [JSONValue] = results.prefix(example.queries.count).enumerated().map { index, result in
        var object: [String: JSONValue] = ["c": .bool(result.correct)]
        if let value = result.predicted { object["p"] = .string(value) }
        if let value = result.raw { object["r"] = .string(value) }
        if let value = result.tokens { object["t"] = .int(value) }
        if let probability = modelProbability(example.queries[index], result) {
          // Four decimals: the page shows three.
          object["pm"] = .double((probability * 10_000).rounded() / 10_000)
        }
        return .object(object)
      }
      var model: [String: JSONValue] = ["r": .array(items)]
      if number < shots.count, let ids = shots[number] { model["s"] = .array(ids.map(JSONValue.string)) }
      if let base, let steps {
        var labels: [String: JSONValue] = [:]
        for (index, query) in example.queries.enumerated() {
          let label = HTMLReportWriter.revealLabel(steps, index: index, query: query, results: results)
          let stop = base.reveals[index]
          if base.stops[stop]["label"]?.stringValue != label { labels[String(stop)] = .string(label) }
        }
        model["labels"] = .object(labels)
      } else {
        var rollout = ExampleRollout(example: example, results: results)
        rollout.states = states
        if let plan = HTMLReportWriter.stepperPlan(rollout, labels: steps) {
          base = plan
          model["labels"] = .object([:])
        }
      }
      return .object(model)
    }
    let object: JSONValue = .object([
      "id": .string(example.id), "text": .string(example.text), "q": .array(queries), "m": .array(models),
      "cell": .int(cell), "rank": .int(rank), "stops": base.map { JSONValue.array($0.stops) } ?? .null,
    ])
    return JSONWriter.encode(object)
  }

  /// One row of a cell's list: `[id, queries, changed, right₀, rightChanged₀, …]`; −1 where unknown.
  static func row(_ example: TaskExample, answers: [[QueryResult]?]) -> String {
    let changed = changedMask(example)
    var items: [JSONValue] = [
      .string(example.id), .int(example.queries.count), .int(changed.map { $0.filter { $0 }.count } ?? -1),
    ]
    for results in answers {
      guard let results else {
        items += [.int(-1), .int(-1)]
        continue
      }
      let right = results.prefix(example.queries.count).filter(\.correct).count
      var rightChanged = -1
      if let changed {
        rightChanged = zip(results, changed).filter { $0.0.correct && $0.1 }.count
      }
      items += [.int(right), .int(rightChanged)]
    }
    return JSONWriter.encode(.array(items))
  }

  /// Per query, whether its answer changed since last shown (`copy: false`); nil without `copy`.
  static func changedMask(_ example: TaskExample) -> [Bool]? {
    guard !example.queries.isEmpty, example.queries.allSatisfy({ $0.copy != nil }) else { return nil }
    return example.queries.map { $0.copy == false }
  }

  /// p_model of the true answer: from `logprob`, or the model's candidate distribution.
  static func modelProbability(_ query: TaskQuery, _ result: QueryResult) -> Double? {
    if let logprob = result.logprob { return exp(logprob) }
    if let probs = result.probs, let index = query.candidates?.firstIndex(of: query.answer), index < probs.count {
      return probs[index]
    }
    return nil
  }

  /// The query spans in UTF-16 units (what JavaScript strings index), from the file's byte offsets.
  static func utf16Offsets(_ example: TaskExample) -> [(start: Int, end: Int)] {
    let text = example.text
    let ascii = text.utf8.count == text.utf16.count
    func convert(_ offset: Int) -> Int {
      let clamped = max(0, min(offset, text.utf8.count))
      guard !ascii else { return clamped }
      let index = text.utf8.index(text.utf8.startIndex, offsetBy: clamped)
      return text.utf16.distance(from: text.utf16.startIndex, to: index)
    }
    return example.queries.map { (convert($0.start), convert($0.end)) }
  }
}
