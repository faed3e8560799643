import CWMBenchFamilies
import CWMBenchGenerate
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

/// The baselines land exactly where their definitions say (docs/protocol.md).
@Suite(.offCooperativePool) struct BuiltinAdapterTests {
  static let spec = """
    {"name": "mix", "seed": 2, "grid": {"family": ["perm", "pfsa"], "group": ["S3", "S4"],
     "reveal": ["one", "all"], "length": [6, 12], "spacing": [1, 3, "final"]},
     "fixed": {"hidden": 0.5}, "examples": 6}
    """

  static func suite() throws -> (TemporaryDirectory, [TaskExample]) {
    let directory = try TemporaryDirectory()
    let summary = try SuiteGenerator(
      spec: SuiteSpec(json: JSONParser.parse(spec), origin: "mix.json"), split: .test, jobs: 2
    )
    .write(toDirectory: directory.path)
    return (directory, try TaskFileReader.readAll(inFileAt: summary.tasksPath))
  }

  static func evaluate(_ kind: BuiltinAdapter.Kind, mode: EvalMode, in directory: TemporaryDirectory) async throws
    -> [String: ResultRecord]
  {
    let out = directory.file("runs/\(kind.rawValue)-\(mode.rawValue)")
    let config = EvalConfiguration(
      tasksPath: directory.file("mix.jsonl"), outputDirectory: out, modelSpec: kind.rawValue, mode: mode)
    _ = try await EvalRunner(configuration: config, adapter: BuiltinAdapter(kind: kind), log: { _ in }).run()
    var records: [String: ResultRecord] = [:]
    try LineReader.forEachLine(inFileAt: out + "/results.jsonl") { line, _, _ in
      let record = try ResultRecord(json: JSONParser.parse(line))
      #expect(records[record.id] == nil, "duplicate \(record.id)")
      records[record.id] = record
    }
    return records
  }

  @Test(arguments: EvalMode.allCases)
  func oracleIsPerfectOnPermAndBayesOnPFSA(mode: EvalMode) async throws {
    let (directory, examples) = try Self.suite()
    let records = try await Self.evaluate(.oracle, mode: mode, in: directory)
    #expect(records.count == examples.count)
    for example in examples {
      let record = try #require(records[example.id])
      #expect(record.error == nil && record.queries.count == example.queries.count)
      for (query, result) in zip(example.queries, record.queries) {
        if example.family.name == "perm" {
          #expect(result.correct)
          if mode != .generate { #expect(result.logprob == 0) }
        } else {
          let probs = try #require(query.probs)
          let answer = try #require(query.candidates?.firstIndex(of: query.answer))
          // Greedy/argmax correctness is whether the answer is the posterior's mode.
          let best = probs.indices.reduce(0) { probs[$1] > probs[$0] ? $1 : $0 }
          #expect(result.correct == (best == answer))
          if mode != .generate { #expect(abs(result.logprob! - log(probs[answer])) < 1e-12) }
          if mode == .choice {
            for (p, q) in zip(try #require(result.probs), probs) { #expect(abs(p - q) < 1e-12) }
          }
        }
      }
    }
  }

  @Test func randomIsChance() async throws {
    let (directory, examples) = try Self.suite()
    for mode in [EvalMode.choice, .generate, .score] {
      let records = try await Self.evaluate(.random, mode: mode, in: directory)
      var correct = 0.0, expected = 0.0, variance = 0.0
      for example in examples {
        for (query, result) in zip(example.queries, records[example.id]!.queries) {
          let p = 1 / Double(query.candidates!.count)
          expected += p
          variance += p * (1 - p)
          if result.correct { correct += 1 }
          if mode == .choice { #expect(result.probs!.allSatisfy { abs($0 - p) < 1e-6 }) }
          if mode == .score { #expect(abs(result.logprob! - log(p)) < 1e-12) }
        }
      }
      // Within four standard deviations of chance.
      #expect(abs(correct - expected) < 4 * variance.squareRoot(), "\(mode): \(correct) vs \(expected)")
    }
  }

  /// In score mode the baselines also say what they predict (`predicted`), the same as in generate mode.
  @Test(arguments: [EvalMode.generate, .score])
  func lastRevealMatchesAnIndependentReading(mode: EvalMode) async throws {
    let (directory, examples) = try Self.suite()
    let records = try await Self.evaluate(.lastReveal, mode: mode, in: directory)
    // Python reads the REPL text on its own: initial assignments, then each printed line.
    let script = #"""
      import json, sys
      for raw in sys.stdin:
          ex = json.loads(raw)
          known, out = {}, []
          lines = ex["text"].split("\n")
          for i, line in enumerate(lines):
              if line.startswith(">>> ") and " = " in line and "," not in line and "random" not in line:
                  name, value = line[4:].split(" = ")
                  known[name] = value
              elif line.startswith(">>> print('"):
                  name = line[11]
                  out.append(f"{name} {known[name]}")
                  known[name] = lines[i + 1].split(" ")[1]
              elif line.startswith(">>> print("):
                  names = line[10:-1].split(", ")
                  out.append(" ".join(known[n] for n in names))
                  for n, v in zip(names, lines[i + 1].split(" ")): known[n] = v
          print(json.dumps({"id": ex["id"], "predicted": out}))
      """#
    var input = ""
    for example in examples {
      var writer = JSONWriter()
      example.write(to: &writer)
      input += String(decoding: writer.bytes, as: UTF8.self) + "\n"
    }
    let output = try Python.run(script, input: input)
    var checked = 0
    for line in output.split(separator: "\n") {
      let json = try JSONParser.parse(String(line))
      let id = try #require(json["id"]?.stringValue)
      let predicted = try #require(json["predicted"]?.arrayValue).compactMap(\.stringValue)
      #expect(records[id]!.queries.map(\.predicted) == predicted, "\(id)")
      checked += 1
    }
    #expect(checked == examples.count)
  }
}
