import CWMBenchCore
import CWMBenchFormats

/// The `edits` parameter of the `strings` family: which edit kinds a trace draws from, uniformly.
///
/// Written as one kind (`set`), several joined by `+` (`set+swap`, in the order of `EditKind`),
/// or `mixed`: every kind that applies (all seven with two or more variables, all but `move`
/// with one). `+` rather than `,` because the command line separates grid values with commas.
public struct EditSelection: Sendable, Hashable, CustomStringConvertible {
  /// The kinds named, in `EditKind` order; empty for `mixed`.
  public let named: [EditKind]

  /// The default mix.
  public static let mixed = EditSelection(named: [])

  /// The spelling of the default mix.
  public static let mixedName = "mixed"

  private init(named: [EditKind]) { self.named = named }

  /// Parses `mixed`, a kind, or kinds joined by `+`; each kind at most once.
  public init(parsing text: String) throws(GenerationError) {
    if text == Self.mixedName {
      self = .mixed
      return
    }
    var kinds: [EditKind] = []
    for part in text.split(separator: "+", omittingEmptySubsequences: false) {
      guard let kind = EditKind(rawValue: String(part)) else {
        throw .invalidParameter(
          name: StringsFamily.Key.edits.rawValue, value: text,
          expected: "'\(Self.mixedName)' or edit kinds joined by '+' (\(EditKind.valueListing))")
      }
      guard !kinds.contains(kind) else {
        throw .invalidParameter(
          name: StringsFamily.Key.edits.rawValue, value: text, expected: "each edit kind at most once")
      }
      kinds.append(kind)
    }
    self.init(named: kinds.sorted())
  }

  /// The kinds drawn from when the trace has `variables` variables.
  public func kinds(variables: Int) -> [EditKind] {
    guard named.isEmpty else { return named }
    return EditKind.allCases.filter { variables >= 2 || !$0.needsTwoVariables }
  }

  public var description: String {
    named.isEmpty ? Self.mixedName : named.map(\.rawValue).joined(separator: "+")
  }
}
