import CWMBenchFamilies
import CWMBenchGenerate
import CWMBenchTestSupport
import Foundation

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

extension AdapterTestSupport {
  /// Generates the suite `spec` (JSON text), evaluates it with the fixture adapter `fixture` (its
  /// environment `environment`) in `mode`, and returns the examples and the result records by id.
  static func evaluateSuite(
    _ spec: String, jobs: Int, fixture: String, environment: [String: String], mode: EvalMode
  ) async throws -> ([TaskExample], [String: ResultRecord]) {
    let directory = try TemporaryDirectory()
    let summary = try SuiteGenerator(
      spec: SuiteSpec(json: JSONParser.parse(spec), origin: "suite.json"), split: .test, jobs: jobs
    )
    .write(toDirectory: directory.path)
    let examples = try TaskFileReader.readAll(inFileAt: summary.tasksPath)
    let out = directory.file("run")
    let config = EvalConfiguration(
      tasksPath: summary.tasksPath, outputDirectory: out, modelSpec: fixture, mode: mode)
    let adapter = ExecAdapter(command: adapterCommand(fixture), environment: environment, log: { _ in })
    _ = try await EvalRunner(configuration: config, adapter: adapter, log: { _ in }).run()
    var records: [String: ResultRecord] = [:]
    try LineReader.forEachLine(inFileAt: out + "/results.jsonl") { line, _, _ in
      let record = try ResultRecord(json: JSONParser.parse(line))
      records[record.id] = record
    }
    return (examples, records)
  }
}
