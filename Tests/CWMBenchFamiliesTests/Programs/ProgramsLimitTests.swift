import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// Programs that never end, through Swift: the tracer's event bound (a Python-level loop) and
/// the client's own timeout (a hang in C, which reports no events); both fail naming the
/// program and seed, leave no file and no process.
@Suite(.offCooperativePool) struct ProgramsLimitTests {
  static func generate(program: String, corpus: String, timeout: Double, into directory: String) throws {
    let spec = try SuiteSpec(
      json: JSONParser.parse(
        """
        {"name": "limits", "seed": 9, "family": "programs",
         "grid": {"length": [30], "spacing": [1], "program": ["\(program)"]}, "examples": 2}
        """), origin: "limits.json",
      families: ProgramsTestSupport.families(ProgramsTestSupport.configuration(corpus: corpus, timeout: timeout)))
    _ = try SuiteGenerator(
      spec: spec, split: .test, jobs: 2
    ).write(toDirectory: directory)
  }

  @Test func aPythonLoopIsStoppedByTheEventBound() throws {
    let scratch = try TemporaryDirectory(), out = try TemporaryDirectory()
    let corpus = try ProgramsTestSupport.limitCorpus(in: scratch)
    #expect {
      try Self.generate(program: "hang", corpus: corpus, timeout: 60, into: out.path)
    } throws: { error in
      let message = (error as? GenerationFailure)?.reason ?? ""
      return message.contains("program 'hang' (seed ") && message.contains("more than 100000 events")
    }
    #expect(out.contents() == [])
    #expect(ProgramsTestSupport.waitUntilGone(mentioning: corpus) == [])
  }

  @Test func aHangInCIsStoppedByTheTimeout() throws {
    let scratch = try TemporaryDirectory(), out = try TemporaryDirectory()
    let corpus = try ProgramsTestSupport.limitCorpus(in: scratch)
    let started = Date()
    #expect {
      try Self.generate(program: "sleeper", corpus: corpus, timeout: 1.5, into: out.path)
    } throws: { error in
      let message = (error as? GenerationFailure)?.reason ?? ""
      return message.contains("no answer within 1.5 s and was killed") && message.contains("program 'sleeper' (seed ")
    }
    #expect(Date().timeIntervalSince(started) < 30)  // not the program's 1,000 s
    #expect(out.contents() == [])
    #expect(ProgramsTestSupport.waitUntilGone(mentioning: corpus) == [])
  }

  @Test func aTracerThatCannotStartSaysWhy() throws {
    let empty = try TemporaryDirectory()
    #expect {
      _ = try TracerPool(configuration: ProgramsTestSupport.configuration(corpus: empty.path + "/missing"))
    } throws: { error in
      let message = (error as? GenerationFailure)?.reason ?? ""
      return message.contains("exited with status 64") && message.contains("missing")
    }
  }
}
