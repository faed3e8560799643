/// How many examples of each cell the report's sample browser gets (`report --samples`).
public enum SampleLimit: Sendable, Hashable {
  /// Every example.
  case all
  /// No samples folder; the page says so.
  case none
  /// The first `n` examples of each cell, in task-file order (every model's answers to them).
  case perCell(Int)

  /// Parses `all`, `none` or a positive count; nil for anything else.
  public init?(argument: String) {
    switch argument {
    case "all": self = .all
    case "none": self = .none
    default:
      guard let count = Int(argument), count >= 1 else { return nil }
      self = .perCell(count)
    }
  }

  /// Whether the `rank`-th example of a cell (0-based, file order) is written.
  func admits(rank: Int) -> Bool {
    switch self {
    case .all: true
    case .none: false
    case .perCell(let count): rank < count
    }
  }
}
