/// A positional argument as help and usage lines show it, e.g. `<file>` or `[<spec> ...]`.
public struct ArgumentDescription: Sendable, Hashable {
  /// The placeholder name, without angle brackets: `spec`.
  public var name: String
  /// One line of help.
  public var help: String
  /// Whether it takes every remaining positional value.
  public var isRepeating: Bool
  /// Whether the command runs without it.
  public var isOptional: Bool

  /// Creates a positional argument.
  public init(_ name: String, help: String, isRepeating: Bool = false, isOptional: Bool = false) {
    self.name = name
    self.help = help
    self.isRepeating = isRepeating
    self.isOptional = isOptional
  }

  /// The argument without brackets for optionality: `<spec> ...`.
  public var requiredSynopsis: String {
    isRepeating ? "<\(name)> ..." : "<\(name)>"
  }

  /// The argument as usage lines show it: `<file>` or `[<spec> ...]`.
  public var synopsis: String {
    isOptional ? "[\(requiredSynopsis)]" : requiredSynopsis
  }
}
