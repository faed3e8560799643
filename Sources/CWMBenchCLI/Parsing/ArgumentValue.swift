import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import CWMBenchReport

/// A type an option, list item or positional argument converts one command-line word into.
///
/// Modelled on swift-argument-parser's `ExpressibleByArgument`: the type says how to read a
/// word, how its value reads in `(default: …)`, and — for enums — every valid spelling, so
/// help and errors list exactly what the type accepts.
public protocol ArgumentValue: Sendable {
  /// Reads a word; nil when it is not a valid value.
  init?(argument: String)
  /// The value as help shows it after `default:`.
  var argumentDescription: String { get }
  /// Every valid word, in order, for types with a fixed set of values; empty otherwise.
  static var allValueStrings: [String] { get }
  /// What a valid word looks like, for errors (`expected I/N with 1 ≤ I ≤ N`); nil says nothing.
  static var expectation: String? { get }
  /// The words a misspelling is compared with for "did you mean": the fixed values, or the
  /// named ones of an open type (`final` of a spacing).
  static var namedValues: [String] { get }
}

extension ArgumentValue {
  /// Values describe themselves as they print.
  public var argumentDescription: String { "\(self)" }
  /// Open-ended by default.
  public static var allValueStrings: [String] { [] }
  /// The fixed values, if any.
  public static var namedValues: [String] { allValueStrings }
  /// The valid words, when there is a fixed set (`expected test or train`); else nothing.
  public static var expectation: String? {
    allValueStrings.isEmpty ? nil : "expected " + listInWords(allValueStrings)
  }
}

extension ArgumentValue where Self: CaseIterable & RawRepresentable, RawValue == String {
  /// An enum reads its raw value.
  public init?(argument: String) { self.init(rawValue: argument) }
  /// An enum shows its raw value.
  public var argumentDescription: String { rawValue }
  /// Every case, in declaration order: help and errors cannot drift from the enum.
  public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension String: ArgumentValue {
  /// Any word is a string.
  public init?(argument: String) { self = argument }
}

extension Int: ArgumentValue {
  /// A decimal integer, optionally signed.
  public init?(argument: String) { self.init(argument) }

  /// What a valid word looks like.
  public static var expectation: String? { "expected an integer" }
}

extension UInt64: ArgumentValue {
  /// A non-negative decimal integer.
  public init?(argument: String) { self.init(argument) }

  /// What a valid word looks like.
  public static var expectation: String? { "expected a non-negative integer" }
}

extension Double: ArgumentValue {
  /// A finite decimal number; `inf` and `nan` are not values anyone means.
  public init?(argument: String) {
    guard let value = Double(argument), value.isFinite else { return nil }
    self = value
  }

  /// What a valid word looks like.
  public static var expectation: String? { "expected a number" }

  /// `120`, not `120.0`, for whole numbers.
  public var argumentDescription: String { formatNumber(self) }
}

extension Split: ArgumentValue {}
extension RenderKind: ArgumentValue {}

extension Spacing: ArgumentValue {
  /// `final` or an integer; the suite spec checks the integer's range and names the flag.
  public init?(argument: String) {
    if argument == "final" {
      self = .final
    } else if let k = Int(argument) {
      self = .every(k)
    } else {
      return nil
    }
  }

  /// How a spacing is written.
  public static var expectation: String? { "expected an integer or 'final'" }

  /// `final` is the one word a spacing takes.
  public static var namedValues: [String] { ["final"] }
}

extension EvalConfiguration.Shard: ArgumentValue {
  /// `I/N` with 1 ≤ I ≤ N.
  public init?(argument: String) { self.init(parsing: argument) }

  /// How a shard is written.
  public static var expectation: String? { "expected I/N with 1 ≤ I ≤ N" }
}

extension SampleLimit: ArgumentValue {
  // `init?(argument:)` is SampleLimit's own: `all`, `none` or a positive count.

  /// How a sample limit is written.
  public static var expectation: String? { "expected 'all', 'none' or a positive number of examples per cell" }

  /// The two words a sample limit takes.
  public static var namedValues: [String] { ["all", "none"] }

  /// As it is written.
  public var argumentDescription: String {
    switch self {
    case .all: "all"
    case .none: "none"
    case .perCell(let count): String(count)
    }
  }
}
