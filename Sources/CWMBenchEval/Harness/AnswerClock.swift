import CWMBenchCore
import CWMBenchFormats
import Synchronization

/// The duration of the most recent answer of a run, which a timeout message quotes.
final class AnswerClock: Sendable {
  private let last = Mutex<Double?>(nil)

  /// Records an answer that took `seconds`.
  func record(_ seconds: Double) { last.withLock { $0 = seconds } }

  /// The last answer's duration, nil before the first.
  var lastAnswer: Double? { last.withLock { $0 } }
}
