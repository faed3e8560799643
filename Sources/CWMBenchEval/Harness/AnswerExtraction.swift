import CWMBenchCore
import Foundation

/// How the answer is taken out of a generated reply (`eval --extract`, `rescore --extract`).
public struct AnswerExtraction: Sendable, Hashable, CustomStringConvertible {
  /// The rule.
  public enum Rule: Sendable, Hashable {
    /// The first line that is not blank, trimmed (the default).
    case firstLine
    /// The last line that is not blank, trimmed.
    case lastLine
    /// The first capture group of the first match (the whole match when the pattern has no group).
    case regex(String)
  }

  /// The rule.
  public let rule: Rule
  private let expression: CompiledExpression?

  /// The default: `first-line`.
  public static let firstLine = AnswerExtraction(rule: .firstLine, expression: nil)

  private init(rule: Rule, expression: CompiledExpression?) {
    self.rule = rule
    self.expression = expression
  }

  /// Parses `first-line`, `last-line` or `regex:PATTERN`; an unknown rule or a pattern that
  /// does not compile is refused, quoting it.
  public init(parsing text: String) throws(EvalError) {
    switch text {
    case "first-line": self = .firstLine
    case "last-line": self.init(rule: .lastLine, expression: nil)
    default:
      guard text.hasPrefix("regex:") else {
        throw .invalidOption(
          "the value '\(text)' is invalid for '--extract': expected first-line, last-line or regex:PATTERN")
      }
      let pattern = String(text.dropFirst("regex:".count))
      guard !pattern.isEmpty, let compiled = try? NSRegularExpression(pattern: pattern) else {
        throw .invalidOption("the regular expression '\(pattern)' of '--extract' does not compile")
      }
      self.init(rule: .regex(pattern), expression: CompiledExpression(compiled))
    }
  }

  /// The option's value as given: what `run.json` records.
  public var description: String {
    switch rule {
    case .firstLine: "first-line"
    case .lastLine: "last-line"
    case .regex(let pattern): "regex:" + pattern
    }
  }

  /// The answer in `reply`; "" when there is none (no line, no match).
  ///
  /// - Complexity: O(n) in the reply's length for the line rules; the regex engine's cost otherwise.
  public func answer(in reply: String) -> String {
    switch rule {
    case .firstLine, .lastLine:
      let lines = reply.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
      let nonBlank = lines.lazy.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      return (rule == .firstLine ? nonBlank.first : Array(nonBlank).last) ?? ""
    case .regex:
      guard let regex = expression?.value else { return "" }
      let whole = NSRange(reply.startIndex..<reply.endIndex, in: reply)
      guard let match = regex.firstMatch(in: reply, range: whole) else { return "" }
      let group = match.numberOfRanges > 1 ? 1 : 0
      guard let range = Range(match.range(at: group), in: reply) else { return "" }
      return String(reply[range])
    }
  }

  public static func == (lhs: AnswerExtraction, rhs: AnswerExtraction) -> Bool { lhs.rule == rhs.rule }
  public func hash(into hasher: inout Hasher) { hasher.combine(rule) }
}

/// A compiled pattern shared across tasks: `NSRegularExpression` is immutable once built and
/// documented as thread-safe, but not marked `Sendable`.
private final class CompiledExpression: @unchecked Sendable {
  let value: NSRegularExpression
  init(_ value: NSRegularExpression) { self.value = value }
}
