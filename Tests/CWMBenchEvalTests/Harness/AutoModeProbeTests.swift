import CWMBenchFormats
import Testing

@testable import CWMBenchEval

/// The decision and the line of `--mode auto`'s server probe, on figures worked out by hand.
@Suite struct AutoModeProbeTests {
  /// The server: 169 s per score request, 2.1 s per generate one; 100 examples of 1 query.
  @Test func aSlowEchoPathPicksGenerateAndSaysWhy() {
    let probe = AutoModeProbe(
      scoreSeconds: 169, scoreTimedOut: false, generateSeconds: 2.1, examples: 100, queries: 100)
    // 16,900 s = 4.69 h against 210 s = 3.5 min.
    #expect(probe.mode == .generate)
    #expect(
      probe.line
        == "auto: generate mode (score request 169 s vs generate 2.1 s: about 4.7 h vs 4 min for this run); "
        + "--mode score forces score")
    let record = probe.record
    #expect(record.scoreRunSeconds == 16_900 && record.generateRunSeconds == 210 && record.factor == 4)
    #expect(record.reason == probe.line && !record.scoreTimedOut)
  }

  /// Score asks once per example, generate once per query: 8 queries per example make a score
  /// request 8 times dearer before the runs tie, and 4 times more than that before generate wins.
  @Test(arguments: [(31.9, EvalMode.score), (32.1, .generate)])
  func theThresholdIsFourTimesGeneratesEstimate(scoreSeconds: Double, expected: EvalMode) {
    let probe = AutoModeProbe(
      scoreSeconds: scoreSeconds, scoreTimedOut: false, generateSeconds: 1, examples: 10, queries: 80)
    #expect(probe.mode == expected)
  }

  @Test func aTimedOutScoreRequestPicksGenerate() {
    let probe = AutoModeProbe(scoreSeconds: 120, scoreTimedOut: true, generateSeconds: 30, examples: 2, queries: 20)
    #expect(probe.mode == .generate)
    #expect(
      probe.line
        == "auto: generate mode (score request over 120 s (its timeout) vs generate 30 s: over 4 min vs 10 min "
        + "for this run); --mode score forces score")
  }

  @Test func aFastServerKeepsScore() {
    let probe = AutoModeProbe(scoreSeconds: 0.01, scoreTimedOut: false, generateSeconds: 0.01, examples: 3, queries: 6)
    #expect(probe.mode == .score)
    #expect(
      probe.line
        == "auto: score mode (score request 10 ms vs generate 10 ms: about 30 ms vs 60 ms for this run, "
        + "within 4×); --mode generate forces generate")
  }

  @Test(arguments: [
    (0.0042, "4 ms"), (0.0994, "99 ms"), (0.12, "0.1 s"), (2.14, "2.1 s"), (9.96, "10 s"), (169, "169 s"),
    (210, "4 min"), (5369, "89 min"),
    (16_900, "4.7 h"),
  ])
  func durationsReadAsPeopleWriteThem(seconds: Double, text: String) {
    #expect(AutoModeProbe.duration(seconds) == text)
  }
}
