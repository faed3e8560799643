/// The result of parsing one command line: typed access to every option, flag and positional.
///
/// Names may be given with or without dashes (`"out"`, `"--out"`, `"-o"`). Asking for a name
/// the command does not declare is a programming error and traps, so a typo cannot quietly
/// read as "not given".
public struct ParsedArguments: Sendable, Hashable {
  /// One option or flag as it appeared on the command line.
  public struct Occurrence: Sendable, Hashable {
    /// The option's lookup key (`out`).
    public var key: String
    /// The spelling the user typed (`-o`), used in error messages as swift-argument-parser does.
    public var spelling: String
    /// The value; nil for a flag.
    public var value: String?
  }

  /// The command these arguments were parsed for.
  public let command: CommandDescription
  /// Options and flags in command-line order.
  public let occurrences: [Occurrence]
  /// Positional values by argument name, in command-line order.
  let positionalValues: [String: [String]]

  /// Creates parsed arguments; `positionalValues` maps argument names to their values.
  public init(command: CommandDescription, occurrences: [Occurrence], positionalValues: [String: [String]]) {
    self.command = command
    self.occurrences = occurrences
    self.positionalValues = positionalValues
  }

  /// The option's last value, else its default, else nil.
  public func value(_ name: String) -> String? {
    let option = declaredOption(name)
    return occurrences.last(where: { $0.key == option.key })?.value ?? option.defaultValue
  }

  /// Every value the option was given, in order; the default alone when it was not given.
  public func values(_ name: String) -> [String] {
    let option = declaredOption(name)
    let given = occurrences.filter { $0.key == option.key }.compactMap(\.value)
    if given.isEmpty, let defaultValue = option.defaultValue { return [defaultValue] }
    return given
  }

  /// Whether the flag (or option) was given at least once.
  public func flag(_ name: String) -> Bool {
    isGiven(name)
  }

  /// Whether the option or flag appeared on the command line (defaults do not count).
  public func isGiven(_ name: String) -> Bool {
    let option = declaredOption(name)
    return occurrences.contains { $0.key == option.key }
  }

  /// The values of a positional argument (several for a repeating one).
  public func positionals(_ name: String) -> [String] {
    let argument = declaredArgument(name)
    return positionalValues[argument.name] ?? []
  }

  /// The first value of a positional argument, if given.
  public func positional(_ name: String) -> String? {
    positionals(name).first
  }

  /// The value as an integer, nil when absent; throws the invalid-value error when it is not one.
  public func int(_ name: String) throws(ArgumentParsingError) -> Int? {
    try parse(name) { Int($0) }
  }

  /// The value as a finite number, nil when absent; throws the invalid-value error when it is not one.
  public func double(_ name: String) throws(ArgumentParsingError) -> Double? {
    try parse(name) { text in Double(text).flatMap { $0.isFinite ? $0 : nil } }
  }

  /// The comma-separated items of the option, over every occurrence when it is repeatable.
  ///
  /// Items are trimmed of spaces; an empty item (`8,,16`) is an invalid value rather than
  /// being dropped, since it is almost always a typo.
  public func list(_ name: String) throws(ArgumentParsingError) -> [String] {
    let (texts, target) = rawValues(name)
    var items: [String] = []
    for text in texts {
      for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
        let item = piece.trimmingSpaces()
        guard !item.isEmpty else {
          throw invalidValue(target, value: text, reason: "empty item in comma-separated list")
        }
        items.append(item)
      }
    }
    return items
  }

  /// The value converted by `transform`, nil when absent.
  ///
  /// A nil result is an invalid value; a thrown error becomes the invalid value's reason.
  public func parse<T>(_ name: String, _ transform: (String) throws -> T?) throws(ArgumentParsingError) -> T? {
    let (texts, target) = rawValues(name)
    guard let text = texts.last else { return nil }
    return try convert(text, target: target, transform)
  }

  /// Every comma-separated item converted by `transform` (see `list(_:)` and `parse(_:_:)`).
  public func parseList<T>(_ name: String, _ transform: (String) throws -> T?) throws(ArgumentParsingError) -> [T] {
    let target = rawValues(name).1
    var results: [T] = []
    for item in try list(name) {
      results.append(try convert(item, target: target, transform))
    }
    return results
  }

  /// The invalid-value error for `name`, for checks a command makes itself (`--shard 3/2`).
  public func invalidValue(_ name: String, value: String? = nil, reason: String? = nil) -> ArgumentParsingError {
    let (texts, target) = rawValues(name)
    return invalidValue(target, value: value ?? texts.last ?? "", reason: reason)
  }
}

extension ParsedArguments {
  /// What an error message names: the synopsis as typed and the help line.
  struct Target {
    var synopsis: String
    var help: String
  }

  func declaredOption(_ name: String) -> OptionDescription {
    guard let option = command.option(named: name) else {
      preconditionFailure("command '\(command.name)' declares no option '\(name)'")
    }
    return option
  }

  func declaredArgument(_ name: String) -> ArgumentDescription {
    guard let argument = command.argument(named: name) else {
      preconditionFailure("command '\(command.name)' declares no argument '\(name)'")
    }
    return argument
  }

  /// The texts behind `name` (an option's values as `list` reads them, or a positional's) and
  /// how errors should name it.
  func rawValues(_ name: String) -> ([String], Target) {
    if let option = command.option(named: name) {
      let spelling = occurrences.last(where: { $0.key == option.key })?.spelling
      let target = Target(synopsis: option.synopsis(using: spelling), help: option.help)
      let texts = option.isRepeatable ? values(name) : (value(name).map { [$0] } ?? [])
      return (texts, target)
    }
    let argument = declaredArgument(name)
    return (positionalValues[argument.name] ?? [], Target(synopsis: "<\(argument.name)>", help: argument.help))
  }

  func convert<T>(_ text: String, target: Target, _ transform: (String) throws -> T?) throws(ArgumentParsingError) -> T {
    let result: T?
    do {
      result = try transform(text)
    } catch {
      throw invalidValue(target, value: text, reason: String(describing: error))
    }
    guard let result else { throw invalidValue(target, value: text, reason: nil) }
    return result
  }

  func invalidValue(_ target: Target, value: String, reason: String?) -> ArgumentParsingError {
    .invalidValue(value: value, synopsis: target.synopsis, reason: reason, help: target.help)
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs.
  func trimmingSpaces() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
