import CWMBenchCore

/// Why a cell or suite could not be generated.
public enum GenerationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A group name that is not `S<n>`, `A<n>` or `Z<n>`.
  case unknownGroup(String)
  /// A parameter value outside what the contract allows.
  case invalidParameter(name: String, value: String, expected: String)
  /// An action kind whose elements are not in the group.
  case actionsNotInGroup(actions: String, group: String)

  public var description: String {
    switch self {
    case .unknownGroup(let name):
      return "unknown group '\(name)' (expected S<n>, A<n> or Z<n> with 2 ≤ n ≤ 26)"
    case .invalidParameter(let name, let value, let expected):
      return "invalid \(name) '\(value)': expected \(expected)"
    case .actionsNotInGroup(let actions, let group):
      return "actions '\(actions)' are not in group '\(group)'"
    }
  }
}
