import Foundation
import Synchronization
import Testing

@testable import CWMBenchEval

/// Deadlines the clock can represent, whatever the timeout and the request size (issue 22, item 2).
@Suite struct TimeoutBoundTests {
  /// The documented bound (`EvalConfiguration.maximumTimeout`), written out as the docs give it.
  static let bound = 1_000_000.0

  /// Scaling saturates: the largest timeout on the largest request stays at the bound.
  @Test(arguments: [512, 20_000, 1 << 30, Int.max])
  func scaledTimeoutsSaturateAtTheBound(bytes: Int) {
    let config = EvalConfiguration(
      tasksPath: "t.jsonl", outputDirectory: "out", modelSpec: "oracle", timeout: Self.bound)
    #expect(config.timeout(forBytes: bytes) == Self.bound)
    #expect(
      EvalConfiguration(tasksPath: "t", outputDirectory: "o", modelSpec: "m", timeout: 2).timeout(forBytes: bytes) > 0)
  }

  @Test(arguments: [1e10, 1_000_001, .infinity, .nan, 0, -1])
  func validationRefusesTimeoutsOutsideTheRange(seconds: Double) {
    var config = EvalConfiguration(tasksPath: "t", outputDirectory: "o", modelSpec: "m", timeout: seconds)
    #expect(throws: EvalError.self) { try config.validate() }
    config.timeout = 120
    config.startTimeout = seconds
    #expect(throws: EvalError.self) { try config.validate() }
  }

  /// The watchdog thread sleeps until the earliest deadline; one past the clock's end used to
  /// trap there. A shorter request registered after it must still expire on time.
  @Test(arguments: [1e10, 1e300, Double.infinity])
  func watchdogSurvivesDeadlinesPastTheClock(seconds: Double) async throws {
    let watchdog = RequestWatchdog()
    defer { watchdog.stop() }
    _ = watchdog.register(seconds: seconds) {}
    // Long enough for the thread to be asleep on the far deadline.
    try await Task.sleep(for: .milliseconds(200))
    let fired = Atomic<Bool>(false)
    _ = watchdog.register(seconds: 0.05) { fired.store(true, ordering: .relaxed) }
    let started = ContinuousClock.now
    while !fired.load(ordering: .relaxed) && ContinuousClock.now - started < .seconds(10) {
      try await Task.sleep(for: .milliseconds(20))
    }
    let expired = fired.load(ordering: .relaxed)
    #expect(expired)
  }
}
