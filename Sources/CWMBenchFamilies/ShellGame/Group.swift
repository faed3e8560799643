import CWMBenchCore
import CWMBenchFormats

/// A permutation group acting on `n` variables: S_n, A_n or Z_n.
public struct Group: Sendable, Hashable {
  /// Which family of groups.
  public enum Kind: String, Sendable, Hashable {
    case symmetric = "S"
    case alternating = "A"
    case cyclic = "Z"
  }

  /// The family of the group.
  public var kind: Kind
  /// The number of variables the group acts on, 2…26.
  public var n: Int

  /// Creates a group; `n` must lie in 2…26.
  public init(kind: Kind, n: Int) throws(GenerationError) {
    guard (Group.minimumSize...Group.maximumSize).contains(n) else {
      throw .invalidParameter(name: "group", value: "\(kind.rawValue)\(n)", expected: "n from 2 to 26")
    }
    self.kind = kind
    self.n = n
  }

  private init(unchecked kind: Kind, n: Int) {
    self.kind = kind
    self.n = n
  }

  /// Parses `S5`, `A4`, `Z7`.
  public init(parsing text: String) throws(GenerationError) {
    guard let first = text.first, let kind = Kind(rawValue: String(first)),
      let n = Int(text.dropFirst()), String(n) == String(text.dropFirst())
    else { throw .unknownGroup(text) }
    try self.init(kind: kind, n: n)
  }

  /// The smallest group size.
  public static let minimumSize = 2
  /// The largest group size: one variable per lowercase letter.
  public static let maximumSize = 26

  /// The group's name as written in specs: `S5`.
  public var name: String { kind.rawValue + String(n) }

  /// The default action kind (docs/task-file.md, `params`): `swap` for S, `cycle3` for A, `rotate` for Z.
  public var defaultActions: ActionKind {
    switch kind {
    case .symmetric: return .swap
    case .alternating: return .cycle3
    case .cyclic: return .rotate
    }
  }

  /// The order of the group, saturating at `Int.max` for large n.
  public var order: Int {
    switch kind {
    case .cyclic: return n
    case .symmetric, .alternating:
      var result = 1
      for i in 2...n {
        let (product, overflow) = result.multipliedReportingOverflow(by: i)
        if overflow { return .max }
        result = product
      }
      return kind == .alternating ? result / 2 : result
    }
  }

  /// Whether actions of `kind` are elements of this group.
  public func admits(_ actions: ActionKind) -> Bool {
    switch actions {
    case .swap: return kind == .symmetric
    case .cycle3: return kind != .cyclic && n >= 3
    case .rotate: return kind != .alternating || n % 2 == 1
    case .tuple: return true
    }
  }

  /// The range of `choices` a hidden action of `actions` can take in this group (docs/task-file.md, `params`).
  public func choicesRange(for actions: ActionKind) -> ClosedRange<Int>? {
    let upper: Int
    switch actions {
    case .swap: upper = 2
    case .cycle3: upper = 3
    case .rotate: upper = n
    case .tuple: upper = min(order, 24)
    }
    return upper >= 2 ? 2...upper : nil
  }
}
