import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchGenerate
import CWMBenchReport
import Foundation
import Synchronization

/// Progress on long work: a live bar on a terminal, plain periodic lines otherwise, or nothing.
final class ProgressReporter: Sendable {
  enum Style: Sendable { case bar, lines, quiet }

  private struct State {
    var done = 0
    var failed = 0
    var lastDraw = 0.0
    var drewBar = false
  }

  private let label: String
  private let unit: String
  private let total: Int
  private let style: Style
  private let sink: OutputSink
  private let started = Date()
  private let state = Mutex(State())
  private let interval: Double

  init(label: String, unit: String, total: Int, style: Style, sink: OutputSink) {
    self.label = label
    self.unit = unit
    self.total = total
    self.style = style
    self.sink = sink
    self.interval = style == .bar ? 0.1 : 10
  }

  /// The style for a command: a bar on a terminal, lines otherwise, nothing with `--quiet`.
  static func style(quiet: Bool, terminal: Bool) -> Style {
    quiet ? .quiet : (terminal ? .bar : .lines)
  }

  /// Records progress and redraws at most every `interval` seconds.
  func update(done: Int, failed: Int = 0) {
    guard style != .quiet else { return }
    let now = Date().timeIntervalSince(started)
    let line: String? = state.withLock { state in
      state.done = done
      state.failed = failed
      guard now - state.lastDraw >= interval || done == total else { return nil }
      state.lastDraw = now
      if style == .bar { state.drewBar = true }
      return render(done: done, failed: failed, elapsed: now)
    }
    guard let line else { return }
    var sink = self.sink
    sink.write(style == .bar ? "\r\u{1B}[K" + line : line + "\n")
  }

  /// Ends the bar's line so later output starts clean.
  func finish() {
    guard style == .bar, state.withLock({ $0.drewBar }) else { return }
    var sink = self.sink
    sink.write("\n")
  }

  private func render(done: Int, failed: Int, elapsed: Double) -> String {
    let fraction = total > 0 ? Double(done) / Double(total) : 1
    let rate = elapsed > 0 ? Double(done) / elapsed : 0
    let remaining = rate > 0 ? Double(total - done) / rate : 0
    var text = "\(label) "
    if style == .bar {
      let width = 24
      let filled = Int(fraction * Double(width))
      text += "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
    }
    text += "\(done)/\(total) \(unit)"
    text += "  \(Int(fraction * 100))%  \(Self.compact(rate))/s  ETA \(Self.duration(remaining))"
    if failed > 0 { text += "  \(failed) failed" }
    return text
  }

  static func compact(_ value: Double) -> String {
    let posix = Locale(identifier: "en_US_POSIX")
    if value >= 1_000_000 { return String(format: "%.1fM", locale: posix, value / 1_000_000) }
    if value >= 1000 { return String(format: "%.1fk", locale: posix, value / 1000) }
    return String(format: "%.1f", locale: posix, value)
  }

  static func duration(_ seconds: Double) -> String {
    let total = Int(seconds.rounded())
    return total >= 3600
      ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60)
      : String(format: "%d:%02d", total / 60, total % 60)
  }
}
