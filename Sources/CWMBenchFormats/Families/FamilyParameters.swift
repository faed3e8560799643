import CWMBenchCore

/// One family's parameters of a grid cell: its own value type, holding only its own fields.
///
/// `length`, `spacing` and `render` belong to every family; everything else is the family's.
/// Values are validated by `validate()` before anything is generated from them.
public protocol FamilyParameters: Sendable {
  /// The number of steps `T` in the trace (actions, edits, target line events).
  var length: Int { get }
  /// How often the state is revealed.
  var spacing: Spacing { get }
  /// How the trace is written as text.
  var render: RenderKind { get }
  /// The number of variables a reveal may name (`a`, `b`, …); 0 when reveals name none.
  var variableCount: Int { get }
  /// The cell's key: the example id without its index (`perm/S5/swap/one/T64/k8`). It seeds the
  /// examples, so it must never change for a cell that exists.
  var key: String { get }
  /// The key that seeds the examples: cells that share it draw the same seed for each example
  /// index, so their examples are paired (`programs` leaves out spacing: every spacing of a
  /// length traces the same program on the same input). `key` unless a family pairs its cells.
  var seedKey: String { get }
  /// Checks every constraint and throws one naming the first offending parameter.
  func validate() throws(GenerationError)
  /// Appends the `params` object of a task line, keys sorted, closing brace included.
  func write(to writer: inout JSONWriter)
  /// The value of each of the family's report columns, as `summary.csv` writes it.
  var reportValues: [String: String] { get }
  /// The order of cells in tables within the family: compared component by component.
  var sortKey: [SortComponent] { get }
  /// What one plot panel shares, without length and spacing: `perm · S5 swap · reveal=one`.
  var setting: String { get }
  /// Whether `other` holds the same parameters.
  func isEqual(to other: any FamilyParameters) -> Bool
}

extension FamilyParameters {
  /// The cell's own key: no two cells share their seeds.
  public var seedKey: String { key }
}

extension FamilyParameters where Self: Equatable {
  /// Equal when `other` is of the same type and equal.
  public func isEqual(to other: any FamilyParameters) -> Bool { (other as? Self) == self }
}

/// One component of a cell's sort key: text compares as bytes, numbers as numbers.
public enum SortComponent: Sendable, Hashable, Comparable {
  /// A number.
  case number(Double)
  /// Text.
  case text(String)

  public static func < (lhs: SortComponent, rhs: SortComponent) -> Bool {
    switch (lhs, rhs) {
    case (.number(let a), .number(let b)): return a < b
    case (.text(let a), .text(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
    case (.number, .text): return true
    case (.text, .number): return false
    }
  }
}
