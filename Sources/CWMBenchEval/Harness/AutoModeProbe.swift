import CWMBenchCore
import CWMBenchFormats
import Foundation

/// What `--mode auto` measured of a server, and the mode it chooses from that.
///
/// Score mode asks one request per example (every query's span at once), generate mode one
/// per query. One request of each is timed on the first example; each is scaled to the run
/// and generate wins only when score's estimate is more than `factor` times generate's.
struct AutoModeProbe: Sendable, Hashable {
  /// How many times longer score's estimate must be than generate's for `auto` to leave score.
  ///
  /// One timing of each kind is noisy (a loaded machine, a cold cache) by up to about 2×, and
  /// score mode says more than generate (log-probabilities, token counts, greedy correctness
  /// of every query), so it is kept unless it is clearly impractical: 4× is past the noise,
  /// and far below what a server with a slow echo path shows (llama-cpp-python: 169 s for a
  /// score request against about 2 s for a generate one).
  static let factor: Double = 4

  /// Seconds the score request took (the time waited when it timed out).
  var scoreSeconds: Double
  /// Whether it timed out: score mode would fail every example.
  var scoreTimedOut: Bool
  /// Seconds the generate request took.
  var generateSeconds: Double
  /// Examples in the run's slice: score requests.
  var examples: Int
  /// Queries in the run's slice (estimated from the file's mean): generate requests.
  var queries: Double

  /// The run's time in score mode, one request at a time.
  var scoreRunSeconds: Double { scoreSeconds * Double(examples) }
  /// The run's time in generate mode, one request at a time.
  var generateRunSeconds: Double { generateSeconds * queries }

  /// The mode chosen.
  var mode: EvalMode {
    scoreTimedOut || scoreRunSeconds > Self.factor * generateRunSeconds ? .generate : .score
  }

  /// The one line that says which mode `auto` chose and why, with both estimates.
  ///
  /// `auto: generate mode (score request 169 s vs generate 2.1 s: about 5.6 h vs 4 min for this
  /// run); --mode score forces score`
  var line: String {
    let over = scoreTimedOut ? "over " : ""
    let about = scoreTimedOut ? "over " : "about "
    let figures =
      "score request \(over)\(Self.duration(scoreSeconds))\(scoreTimedOut ? " (its timeout)" : "") "
      + "vs generate \(Self.duration(generateSeconds)): \(about)\(Self.duration(scoreRunSeconds)) "
      + "vs \(Self.duration(generateRunSeconds)) for this run"
    switch mode {
    case .generate: return "auto: generate mode (\(figures)); --mode score forces score"
    default:
      return "auto: score mode (\(figures), within \(formatNumber(Self.factor))×); --mode generate forces generate"
    }
  }

  /// The record `run.json` keeps, so a resumed run takes the same mode.
  var record: RunFile.ModeProbe {
    RunFile.ModeProbe(
      scoreRequestSeconds: scoreSeconds, scoreTimedOut: scoreTimedOut, generateRequestSeconds: generateSeconds,
      scoreRunSeconds: scoreRunSeconds, generateRunSeconds: generateRunSeconds, factor: Self.factor, reason: line)
  }

  /// A duration as people read it: `4 ms`, `2.1 s`, `169 s`, `4 min`, `5.6 h`; locale-free.
  static func duration(_ seconds: Double) -> String {
    let posix = Locale(identifier: "en_US_POSIX")
    switch seconds {
    case ..<0.0995: return String(format: "%.0f ms", locale: posix, seconds * 1000)
    case ..<9.95: return String(format: "%.1f s", locale: posix, seconds)
    case ..<179.5: return String(format: "%.0f s", locale: posix, seconds)
    case ..<5370: return String(format: "%.0f min", locale: posix, seconds / 60)
    default: return String(format: "%.1f h", locale: posix, seconds / 3600)
    }
  }
}
