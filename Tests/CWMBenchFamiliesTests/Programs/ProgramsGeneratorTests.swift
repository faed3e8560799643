import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// The programs family through the suite generator: determinism across jobs, the manifest's
/// record of the Python that traced it, the corpus cycle, failures that name program and seed,
/// and no tracer process left behind.
@Suite(.offCooperativePool) struct ProgramsGeneratorTests {
  static func spec(
    program: String = "all", examples: Int = 12, tracers: TracerConfiguration = ProgramsTestSupport.configuration()
  ) throws -> SuiteSpec {
    let text = """
      {"name": "progs", "seed": 3, "family": "programs",
       "grid": {"length": [20, 60], "spacing": [1, 4, "final"], "program": ["\(program)"]},
       "fixed": {"render": "cwm"}, "examples": \(examples)}
      """
    return try SuiteSpec(
      json: JSONParser.parse(text), origin: "progs.json", families: ProgramsTestSupport.families(tracers))
  }

  @Test func outputIsIdenticalWhateverTheJobsAndNoTracerIsLeft() throws {
    let scratch = try TemporaryDirectory()
    let corpus = try ProgramsTestSupport.corpusCopy(in: scratch)
    let configuration = ProgramsTestSupport.configuration(corpus: corpus)
    let one = try TemporaryDirectory(), two = try TemporaryDirectory()
    let spec = try Self.spec(examples: 70, tracers: configuration)  // more than the corpus: the cycle wraps
    let first = try SuiteGenerator(spec: spec, split: .test, jobs: 1).write(toDirectory: one.path)
    let second = try SuiteGenerator(spec: spec, split: .test, jobs: 2)
      .write(toDirectory: two.path)
    #expect(first.sha256 == second.sha256)
    #expect(
      FileManager.default.contents(atPath: first.tasksPath) == FileManager.default.contents(atPath: second.tasksPath))
    #expect(
      FileManager.default.contents(atPath: first.manifestPath)
        == FileManager.default.contents(atPath: second.manifestPath))
    #expect(ProgramsTestSupport.waitUntilGone(mentioning: corpus) == [])

    // The manifest names the Python that traced it, as python3 itself reports.
    let manifest = try JSONParser.parse([UInt8](FileManager.default.contents(atPath: first.manifestPath)!))
    let python = try Python.run(
      "import platform; print(platform.python_version(), platform.python_implementation())")
    #expect(
      (manifest["python"]?.stringValue ?? "") + " " + (manifest["implementation"]?.stringValue ?? "")
        == python.trimmingCharacters(in: .whitespacesAndNewlines))
    let hello = try Python.run(
      "import subprocess, sys; print(subprocess.run([sys.executable, sys.argv[1], '--version'], "
        + "capture_output=True, text=True).stdout)",
      arguments: [ProgramsTestSupport.programsFolder + "/tracer.py"])
    #expect(try JSONParser.parse(hello)["corpus_sha256"] == manifest["corpus_sha256"])

    // Examples go round the corpus in name order; ids and `program` name the program.
    let examples = try TaskFileReader.readAll(inFileAt: first.tasksPath)
    let names = try #require(
      (try? FileManager.default.contentsOfDirectory(atPath: corpus))?.filter { $0.hasSuffix(".py") }
        .map { String($0.dropLast(3)) }.sorted())
    #expect(examples.count == 6 * 70)
    for (offset, example) in examples.enumerated() {
      let index = offset % 70
      #expect(example.program == names[index % names.count])
      #expect(example.id == example.params.key + "/" + names[index % names.count] + "/" + String(index))
      #expect((example.lineEvents ?? 0) > 0)
      #expect(example.queries.allSatisfy { $0.candidates == nil && $0.probs == nil })
    }
  }

  @Test func otherSuitesHaveNoTracerFields() throws {
    let directory = try TemporaryDirectory()
    let spec = try SuiteSpec(
      json: JSONParser.parse(
        #"{"name": "p", "seed": 1, "family": "perm", "grid": {"group": ["S3"], "length": [4], "spacing": [2]}, "examples": 2}"#
      ),
      origin: "p.json")
    let summary = try SuiteGenerator(spec: spec, split: .test, jobs: 1).write(toDirectory: directory.path)
    let manifest = try JSONParser.parse([UInt8](FileManager.default.contents(atPath: summary.manifestPath)!))
    #expect(manifest["python"] == nil && manifest["implementation"] == nil && manifest["corpus_sha256"] == nil)
  }

  @Test func oneProgramTracesEveryExample() throws {
    let directory = try TemporaryDirectory()
    let summary = try SuiteGenerator(
      spec: try Self.spec(program: "two_sum", examples: 3), split: .test, jobs: 2
    ).write(toDirectory: directory.path)
    let examples = try TaskFileReader.readAll(inFileAt: summary.tasksPath)
    #expect(examples.count == 18 && examples.allSatisfy { $0.program == "two_sum" })
  }

  @Test func anUnknownProgramFailsBeforeAnythingIsWritten() throws {
    let directory = try TemporaryDirectory()
    let generator = try SuiteGenerator(
      spec: Self.spec(program: "nope"), split: .test, jobs: 1)
    #expect {
      _ = try generator.estimatedBytes()
    } throws: { error in
      guard case .invalidParameter(let name, let value, let expected) = error as? GenerationError else { return false }
      return name == "program" && value == "nope" && expected.contains("two_sum")
    }
    #expect(throws: GenerationError.self) { _ = try generator.write(toDirectory: directory.path + "/out") }
    #expect(!FileManager.default.fileExists(atPath: directory.path + "/out"))
  }

  @Test func missingPythonIsAClearError() throws {
    let empty = try TemporaryDirectory(), directory = try TemporaryDirectory()
    var configuration = ProgramsTestSupport.configuration()
    configuration.searchPath = empty.path
    let generator = try SuiteGenerator(spec: Self.spec(tracers: configuration), split: .test, jobs: 1)
    #expect {
      _ = try generator.write(toDirectory: directory.path)
    } throws: { error in
      let message = (error as? GenerationFailure)?.reason ?? ""
      return message.contains("python3 not found on PATH ('\(empty.path)')") && message.contains("install Python 3")
    }
    #expect(directory.contents() == [])
  }

  @Test func missingTracerSaysWhereItLooked() throws {
    let empty = try TemporaryDirectory()
    #expect {
      _ = try TracerPool(configuration: TracerConfiguration(folder: empty.path))
    } throws: { error in
      let message = (error as? GenerationFailure)?.reason ?? ""
      return message.contains("cannot find tracer.py (looked in '\(empty.path)')")
        && message.contains("CWMBENCH_PROGRAMS")
    }
  }

  @Test func theTracerIsFoundFromTheEnvironmentVariable() throws {
    let configuration = TracerConfiguration.fromEnvironment([
      "CWMBENCH_PROGRAMS": ProgramsTestSupport.programsFolder, "CWMBENCH_TRACE_TIMEOUT": "7",
      "CWMBENCH_PROGRAMS_CORPUS": "/somewhere",
    ])
    #expect(try configuration.tracerScript() == ProgramsTestSupport.programsFolder + "/tracer.py")
    #expect(configuration.timeout == 7 && configuration.corpus == "/somewhere")
    #expect(TracerConfiguration.fromEnvironment([:]).timeout == TracerConfiguration.defaultTimeout)
  }
}
