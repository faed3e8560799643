/// One local variable a frame shows, for the report's step-through (`programs`).
public struct StepLocal: Sendable, Hashable {
  /// The variable's name, as the frame writes it.
  public var name: String
  /// Its value: what the frame writes, or for CWM's `..` the value last written for the name in
  /// the same call (`..` itself when none was).
  public var value: String
  /// Whether the frame writes a value that differs from the last one written for the name in the
  /// same call, or the name is new to the call; false for `..` and for a value written again
  /// unchanged (CWM writes every value again after a call returns).
  public var changed: Bool

  /// Creates a local.
  public init(name: String, value: String, changed: Bool) {
    self.name = name
    self.value = value
    self.changed = changed
  }
}
