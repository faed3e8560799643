/// One appearance of an option, flag or positional value on the command line.
public struct ArgumentWord: Sendable, Hashable {
  /// How the user spelt the option (`--out`), or `<name>` for a positional value; errors
  /// quote it as typed, as swift-argument-parser does.
  public var spelling: String
  /// The value as typed; nil for a flag.
  public var value: String?

  /// Creates a word.
  public init(spelling: String, value: String?) {
    self.spelling = spelling
    self.value = value
  }
}
