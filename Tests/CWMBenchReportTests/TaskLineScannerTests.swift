import CWMBenchEval
import CWMBenchFamilies
import CWMBenchGenerate
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

/// The report's fast task-file path against the generic decoder (`TaskExample(json:)` + `ExampleTruth`).
@Suite(.offCooperativePool) struct TaskLineScannerTests {
  static let specText = """
    {"name": "both", "seed": 11,
     "grid": {"family": ["perm", "pfsa"], "group": ["S3", "A4"], "reveal": ["one", "all"],
              "render": ["repl", "cwm", "nl"], "length": [3, 7], "spacing": [2, "final"]},
     "fixed": {"hidden": 0.5, "choices": 2, "actions": "tuple"},
     "examples": 3}
    """

  /// The generated suite's lines.
  static func generatedLines() throws -> [[UInt8]] {
    let directory = try TemporaryDirectory()
    let spec = try SuiteSpec(json: JSONParser.parse(specText), origin: "both.json")
    let summary = try SuiteGenerator(spec: spec, split: .test, jobs: 1).write(toDirectory: directory.path)
    let bytes = [UInt8](FileManager.default.contents(atPath: summary.tasksPath)!)
    return bytes.split(separator: 0x0A).map(Array.init)
  }

  static func scan(_ line: [UInt8], into truth: inout TaskLineTruth) -> TaskLineScanner.Fields? {
    line.withUnsafeBytes { try? TaskLineScanner.scan($0, into: &truth, families: .init(.builtIn)) }
  }

  @Test func fastPathAgreesWithGenericDecodingOnBothFamilies() throws {
    let lines = try Self.generatedLines()
    var catalog = CellCatalog()
    var index = TaskIndex(path: "both.jsonl")
    var truth = TaskLineTruth()
    var families: Set<String> = []
    var generator = Xoshiro256(seed: 3)
    var examples: [TaskExample] = []
    for line in lines {
      let example = try TaskExample(json: JSONParser.parse(line))
      let expected = ExampleTruth(example: example)
      families.insert(example.family.name)
      let fields = try #require(
        Self.scan(line, into: &truth), "fast path refused \(String(decoding: line, as: UTF8.self))")
      #expect(String(decoding: line[fields.id], as: UTF8.self) == example.id)
      #expect(fields.family.name == example.family.name)
      let cell = try #require(
        line.withUnsafeBytes {
          catalog.number(
            params: UnsafeRawBufferPointer(rebasing: $0[fields.params]), family: fields.family, tag: fields.familyTag)
        })
      #expect(catalog.cells[cell] == ReportCell(example.params))
      #expect(truth.queryCount == expected.queryCount)
      #expect(truth.isPFSA == example.family.hasPosteriors)
      #expect(truth.bayesCorrect == expected.bayesCorrect)
      #expect(truth.bayesNLL == expected.bayesNLL)
      #expect(!truth.copiesMissing && truth.copies == expected.copies)
      if example.family.hasPosteriors {
        #expect(truth.answerIndices == expected.answerIndices)
        let posteriors = (0..<truth.queryCount).map {
          Array(truth.posteriors[truth.posteriorStarts[$0]..<truth.posteriorStarts[$0 + 1]])
        }
        #expect(posteriors == expected.bayes)
      }
      #expect(
        line.withUnsafeBytes {
          index.append(id: UnsafeRawBufferPointer(rebasing: $0[fields.id]), cell: cell, truth: truth)
        })
      examples.append(example)
    }
    #expect(families == ["perm", "pfsa"])
    #expect(examples.count == lines.count && lines.count > 100)

    // The compact index scores model answers exactly as the generic truth does.
    for (ordinal, example) in examples.enumerated() {
      #expect(index.ordinal(of: example.id) == ordinal)
      let results = example.queries.map { query -> QueryResult in
        let count = query.candidates?.count ?? 0
        var probs: [Double]? = nil
        if count > 0 {
          let weights = (0..<count).map { _ in generator.unitInterval() + 0.01 }
          let total = weights.reduce(0, +)
          probs = weights.map { $0 / total }
        }
        let correct = generator.uniform(below: 2) == 0
        let logprob: Double? = generator.uniform(below: 3) == 0 ? -generator.unitInterval() : nil
        return QueryResult(correct: correct, logprob: logprob, predicted: query.answer, probs: probs)
      }
      for answered in [results, Array(results.dropLast())] {
        let fast = index.score(ordinal: ordinal, hasPosteriors: example.family.hasPosteriors, results: answered)
        #expect(fast == ExampleScore(example: example, results: answered), "'\(example.id)'")
        #expect(fast.changedQueries == zip(example.queries, answered).filter { $0.0.copy == false }.count)
      }
    }
    #expect(index.ordinal(of: "no/such/id") == nil)
  }

  /// The whole builder (fast path, compact columns) against the generic pipeline on a mixed suite.
  @Test func reportMatchesTheGenericPipeline() throws {
    let directory = try TemporaryDirectory()
    let spec = try SuiteSpec(json: JSONParser.parse(Self.specText), origin: "both.json")
    let summary = try SuiteGenerator(spec: spec, split: .test, jobs: 1).write(toDirectory: directory.path)
    let examples = try TaskFileReader.readAll(inFileAt: summary.tasksPath)
    var generator = Xoshiro256(seed: 5)
    var records: [ResultRecord] = []
    for (index, example) in examples.enumerated() where index % 9 != 4 {
      if index % 13 == 6 {
        records.append(ResultRecord(id: example.id, model: "m", mode: .choice, queries: [], error: "boom \(index)"))
        continue
      }
      let queries = example.queries.map { query -> QueryResult in
        guard let candidates = query.candidates else {
          return QueryResult(correct: generator.uniform(below: 2) == 0, logprob: nil, predicted: nil, probs: nil)
        }
        let weights = candidates.map { _ in generator.unitInterval() + 0.05 }
        let total = weights.reduce(0, +)
        let probs = weights.map { $0 / total }
        let choice = ExampleScore.argmax(probs)
        return QueryResult(
          correct: candidates[choice] == query.answer, logprob: nil, predicted: candidates[choice], probs: probs)
      }
      records.append(ResultRecord(id: example.id, model: "m", mode: .choice, queries: queries, error: nil))
    }
    generator.shuffle(&records)
    var lines = ""
    for record in records {
      var writer = JSONWriter()
      record.write(to: &writer)
      lines += String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }
    try FileManager.default.createDirectory(atPath: directory.file("run"), withIntermediateDirectories: true)
    try lines.write(toFile: directory.file("run/results.jsonl"), atomically: true, encoding: .utf8)
    try "{\"model\": \"m\", \"tasks\": \"\(summary.tasksPath)\"}".write(
      toFile: directory.file("run/run.json"), atomically: true, encoding: .utf8)

    let data = try ReportBuilder(runs: [directory.file("run")]).build()

    // The generic pipeline: whole examples, ExampleScore per result in task-file order (the
    // report must not depend on the order results arrived in), one array per cell.
    let byID = Dictionary(uniqueKeysWithValues: examples.map { ($0.id, $0) })
    let position = Dictionary(uniqueKeysWithValues: examples.enumerated().map { ($1.id, $0) })
    var scores: [ReportCell: [ExampleScore]] = [:]
    for record in records.sorted(by: { position[$0.id]! < position[$1.id]! }) where record.error == nil {
      let example = try #require(byID[record.id])
      let score = ExampleScore(example: example, results: record.queries)
      if score.queries > 0 { scores[ReportCell(example.params), default: []].append(score) }
    }
    // Floor and failed, counted here from the whole examples: last-reveal's hits over the cell's
    // queries (at least chance), and the cell's examples with an error or no result line.
    var hits: [ReportCell: (hits: Int, queries: Int)] = [:]
    var failed: [ReportCell: Int] = [:]
    var cellExamples: [ReportCell: Int] = [:]
    let answeredWell = Set(records.filter { $0.error == nil }.map(\.id))
    for example in examples {
      let cell = ReportCell(example.params)
      let guesses = try #require(example.family.lastRevealGuesses(for: example))
      let right = zip(guesses, example.queries).filter { $0 == $1.answer }.count
      hits[cell, default: (0, 0)].hits += right
      hits[cell, default: (0, 0)].queries += example.queries.count
      cellExamples[cell, default: 0] += 1
      if !answeredWell.contains(example.id) { failed[cell, default: 0] += 1 }
    }
    let expected = scores.keys.sorted().flatMap { cell in
      CellSummarizer.rows(model: "m", cell: cell, scores: scores[cell]!).map { row in
        var row = row
        row.floor = max(cell.chance, Double(hits[cell]!.hits) / Double(hits[cell]!.queries))
        row.failed = failed[cell] ?? 0
        row.cellExamples = cellExamples[cell]!
        return row
      }
    }
    #expect(expected.contains { $0.failed > 0 })
    #expect(data.rows.contains { $0.metric == .tv } && data.rows.contains { $0.metric == .sequenceAccuracy })
    #expect(data.rows == expected)
    let model = try #require(data.models.first)
    let answered = Set(records.map(\.id))
    #expect(model.missing == examples.map(\.id).filter { !answered.contains($0) })
    #expect(
      model.failed.map(\.id) == examples.map(\.id).filter { id in records.contains { $0.id == id && $0.error != nil } })
    #expect(model.scored == records.filter { $0.error == nil }.count)
    #expect(model.worst.count == 5)
    for rollout in model.worst {
      #expect(byID[rollout.example.id] == rollout.example)
      #expect(records.first { $0.id == rollout.example.id }?.queries == rollout.results)
    }
  }

  static let plain =
    #"{"family":"perm","id":"x/1","params":{"actions":"swap","choices":2,"group":"S3","hidden":0,"length":1,"max_value":9,"n":3,"render":"repl","reveal":"one","spacing":1},"queries":[{"answer":"a 2","candidates":["a 1","a 2","a 3"],"end":27,"since_reveal":1,"start":24,"step":1}],"text":">>> a = 1\n>>> print(a)\na 2\n"}"#

  @Test func acceptsTheReferenceLine() throws {
    var truth = TaskLineTruth()
    let fields = try #require(Self.scan(Array(Self.plain.utf8), into: &truth))
    #expect(fields.family.name == "perm" && truth.queryCount == 1)
    #expect(try TaskExample(json: JSONParser.parse(Self.plain)).queries.count == 1)
  }

  /// Lines the fast path must hand to the generic decoder, and whether that decoder accepts them.
  @Test(arguments: [
    (#""id":"x/1","#, #""id":"x/0","id":"x/1","#, true),  // repeated key: the last one wins
    (#"a 2\n""#, #"a \u0032\n""#, true),  // \u escape in the text
    (#","text":"#, #","text2":"#, false),  // no text
    (#""end":27"#, #""end":99"#, false),  // span beyond the text
    (#""answer":"a 2""#, #""answer":"a 2","answer":"a 1""#, true),  // repeated query key
    (#""hidden":0"#, #""hidden":"0""#, false),  // bad params
    (#""start":24"#, #""start":24.5"#, false),  // not an integer
    (#"["a 1","a 2","a 3"]"#, #"["a 1","a 2",3]"#, false),  // a candidate that is not a string
  ])
  func refusesWhatOnlyTheGenericDecoderCanJudge(original: String, replacement: String, genericAccepts: Bool) throws {
    let line = Self.plain.replacingOccurrences(of: original, with: replacement)
    #expect(line != Self.plain)
    var truth = TaskLineTruth()
    let bytes = Array(line.utf8)
    let fields = Self.scan(bytes, into: &truth)
    let params = fields.flatMap { fields in
      bytes.withUnsafeBytes { buffer in
        var catalog = CellCatalog()
        return catalog.number(
          params: UnsafeRawBufferPointer(rebasing: buffer[fields.params]), family: fields.family, tag: fields.familyTag)
      }
    }
    #expect(fields == nil || params == nil)
    let generic = Result { try TaskExample(json: JSONParser.parse(line)) }
    #expect(((try? generic.get()) != nil) == genericAccepts)
  }

  @Test func reportNamesADuplicateIdInTheTaskFile() throws {
    let directory = try TemporaryDirectory()
    let second = Self.plain.replacingOccurrences(of: #""id":"x/1""#, with: #""id":"x/2""#)
    try (Self.plain + "\n" + second + "\n" + Self.plain + "\n").write(
      toFile: directory.file("t.jsonl"), atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: directory.file("run"), withIntermediateDirectories: true)
    try "{\"model\": \"m\", \"tasks\": \"\(directory.file("t.jsonl"))\"}".write(
      toFile: directory.file("run/run.json"), atomically: true, encoding: .utf8)
    try "".write(toFile: directory.file("run/results.jsonl"), atomically: true, encoding: .utf8)
    let error = #expect(throws: ReportError.self) { try ReportBuilder(runs: [directory.file("run")]).build() }
    #expect(error == .invalidInput(path: directory.file("t.jsonl"), line: 3, reason: "duplicate example id 'x/1'"))
  }

  /// Results are read while the task file is still being hashed; a changed task file still wins over their errors.
  @Test func aChangedTaskFileIsReportedBeforeResultErrors() throws {
    let directory = try TemporaryDirectory()
    try (Self.plain + "\n").write(toFile: directory.file("t.jsonl"), atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: directory.file("run"), withIntermediateDirectories: true)
    try
      "{\"model\": \"m\", \"tasks\": \"\(directory.file("t.jsonl"))\", \"tasks_sha256\": \"\(String(repeating: "0", count: 64))\"}"
      .write(toFile: directory.file("run/run.json"), atomically: true, encoding: .utf8)
    try "{\"id\": \"unknown\", \"model\": \"m\", \"mode\": \"score\", \"queries\": []}\n".write(
      toFile: directory.file("run/results.jsonl"), atomically: true, encoding: .utf8)
    let error = #expect(throws: ReportError.self) { try ReportBuilder(runs: [directory.file("run")]).build() }
    #expect(error?.description.contains("has changed since the run") == true)
    // With the recorded hash removed, the results error is the one reported.
    try "{\"model\": \"m\", \"tasks\": \"\(directory.file("t.jsonl"))\"}"
      .write(toFile: directory.file("run/run.json"), atomically: true, encoding: .utf8)
    let second = #expect(throws: ReportError.self) { try ReportBuilder(runs: [directory.file("run")]).build() }
    #expect(second?.description.contains("example 'unknown' is not in task file") == true)
  }

  /// A line only the generic decoder reads (a `\u` escape) is indexed like the others.
  @Test func linesTheFastPathRefusesAreStillIndexed() throws {
    let directory = try TemporaryDirectory()
    let escaped = Self.plain.replacingOccurrences(of: #""id":"x/1""#, with: #""id":"x\u002f2""#)
      .replacingOccurrences(of: #"a 2\n""#, with: #"a \u0032\n""#)
    var truth = TaskLineTruth()
    #expect(Self.scan(Array(escaped.utf8), into: &truth) == nil)
    try (Self.plain + "\n" + escaped + "\n").write(toFile: directory.file("t.jsonl"), atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: directory.file("run"), withIntermediateDirectories: true)
    try "{\"model\": \"m\", \"tasks\": \"\(directory.file("t.jsonl"))\"}".write(
      toFile: directory.file("run/run.json"), atomically: true, encoding: .utf8)
    let results = ["x/2", "x/1"].map { id in
      "{\"id\": \"\(id)\", \"model\": \"m\", \"mode\": \"score\", \"queries\": [{\"correct\": \(id == "x/1"), \"logprob\": -0.5}]}\n"
    }
    try results.joined().write(toFile: directory.file("run/results.jsonl"), atomically: true, encoding: .utf8)
    let data = try ReportBuilder(runs: [directory.file("run")]).build()
    let accuracy = try #require(data.rows.first { $0.metric == .accuracy })
    #expect(accuracy.value == 0.5 && accuracy.examples == 2)
    #expect(data.models.first?.worst.first?.example.id == "x/2")
    #expect(data.models.first?.missing == [])
  }

  @Test func codedBootstrapMatchesTheGenericOne() {
    var generator = Xoshiro256(seed: 9)
    for distinct in [1, 2, 5, 300] {
      let count = 257
      let numerators = (0..<count).map { _ in Int32(generator.uniform(below: distinct)) }
      let denominators = numerators.map { $0 + Int32(1 + (distinct > 2 ? Int($0) % 3 : 0)) }
      let include = { (index: Int) in index % 7 != 3 }
      let pairs = (0..<count).filter(include).map { (Double(numerators[$0]), Double(denominators[$0])) }
      let generic = ReportStatistics.bootstrapRatio(pairs, seed: 42, resamples: 200)
      let coded = ReportStatistics.bootstrapRatio(
        numerators: numerators, denominators: denominators, include: include, seed: 42, resamples: 200)
      #expect(coded == generic, "distinct \(distinct)")
    }
  }
}
