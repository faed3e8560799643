import CWMBenchCore

/// One option, flag or positional argument of a command, declared once: its flag, the property
/// it sets (whose type is the value type and whose initial value is the default), its help
/// and any bound.
///
/// Help, usage and validation are all generated from these declarations, the way
/// swift-argument-parser generates them from `@Option`; values of enum types list their
/// cases in help and in errors, taken from the enum itself.
public struct ArgumentDeclaration<Options: ParsableArguments> {
  /// How the declaration appears on the command line and in help.
  public enum Shape {
    /// A named option or flag.
    case option(OptionDescription)
    /// A positional argument.
    case positional(ArgumentDescription)
  }

  /// The option or argument as help shows it.
  public let shape: Shape
  /// The property it sets.
  public let keyPath: PartialKeyPath<Options>
  /// Converts, checks and stores what the command line gave; called once, with every word.
  let apply: (inout Options, [ArgumentWord]) throws(ArgumentParsingError) -> Void

  init(
    shape: Shape, keyPath: PartialKeyPath<Options>,
    apply: @escaping (inout Options, [ArgumentWord]) throws(ArgumentParsingError) -> Void
  ) {
    self.shape = shape
    self.keyPath = keyPath
    self.apply = apply
  }
}

extension ArgumentDeclaration {
  /// An option with a default, the property's initial value, shown in help as `(default: …)`;
  /// given twice, the last value wins.
  public static func option<Value: ArgumentValue>(
    _ name: String, _ keyPath: WritableKeyPath<Options, Value>, valueName: String, help: String,
    check: ValueCheck<Value>? = nil
  ) -> Self {
    let option = OptionDescription(
      [name], valueName: valueName, help: helpText(help, Value.self),
      defaultValue: Options()[keyPath: keyPath].argumentDescription)
    return Self(shape: .option(option), keyPath: keyPath) { options, words throws(ArgumentParsingError) in
      guard let word = words.last else { return }
      options[keyPath: keyPath] = try convert(word, for: option, check: check)
    }
  }

  /// An option without a default: nil when not given (the help says what happens then).
  public static func option<Value: ArgumentValue>(
    _ name: String, _ keyPath: WritableKeyPath<Options, Value?>, valueName: String, help: String,
    check: ValueCheck<Value>? = nil
  ) -> Self {
    let option = OptionDescription([name], valueName: valueName, help: helpText(help, Value.self))
    return Self(shape: .option(option), keyPath: keyPath) { options, words throws(ArgumentParsingError) in
      guard let word = words.last else { return }
      options[keyPath: keyPath] = try convert(word, for: option, check: check)
    }
  }

  /// An option the command cannot run without; the property's initial value is never seen.
  public static func required<Value: ArgumentValue>(
    _ name: String, _ keyPath: WritableKeyPath<Options, Value>, valueName: String, help: String
  ) -> Self {
    let option = OptionDescription([name], valueName: valueName, help: helpText(help, Value.self), isRequired: true)
    return Self(shape: .option(option), keyPath: keyPath) { options, words throws(ArgumentParsingError) in
      guard let word = words.last else { return }
      options[keyPath: keyPath] = try convert(word, for: option, check: nil)
    }
  }

  /// A repeatable option of comma-separated items (`--length 8,16 --length 32`); every item
  /// of every occurrence, in order. An empty item (`8,,16`) is an error, not dropped: it is
  /// almost always a typo.
  public static func list<Element: ArgumentValue>(
    _ name: String, _ keyPath: WritableKeyPath<Options, [Element]>, valueName: String = "list", help: String
  ) -> Self {
    let option = OptionDescription(
      [name], valueName: valueName, help: helpText(help, Element.self), isRepeatable: true)
    return Self(shape: .option(option), keyPath: keyPath) { options, words throws(ArgumentParsingError) in
      var items: [Element] = []
      for item in try listItems(words, for: option) { items.append(try convert(item, for: option, check: nil)) }
      if !words.isEmpty { options[keyPath: keyPath] = items }
    }
  }

  /// A list option of words taken from `choices`, a set known only at run time (the
  /// registered families); any other item is an error that suggests the nearest choice.
  public static func list(
    _ name: String, _ keyPath: WritableKeyPath<Options, [String]>, choices: [String], help: String
  ) -> Self {
    let option = OptionDescription([name], valueName: "list", help: help, isRepeatable: true)
    return Self(shape: .option(option), keyPath: keyPath) { options, words throws(ArgumentParsingError) in
      let items = try listItems(words, for: option)
      for item in items where !choices.contains(item.value ?? "") {
        let text = item.value ?? ""
        let suggestion = Suggestion.closest(to: text, in: choices).map { "; did you mean '\($0)'?" } ?? ""
        throw invalid(text, spelling: item.spelling, option, reason: "expected " + listInWords(choices) + suggestion)
      }
      if !words.isEmpty { options[keyPath: keyPath] = items.map { $0.value ?? "" } }
    }
  }

  /// Every comma-separated item of every occurrence, in order, each with the spelling it came
  /// with; an empty item (`8,,16`) is an error, not dropped.
  static func listItems(
    _ words: [ArgumentWord], for option: OptionDescription
  ) throws(ArgumentParsingError) -> [ArgumentWord] {
    var items: [ArgumentWord] = []
    for word in words {
      let text = word.value ?? ""
      for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
        let item = piece.trimmingSpaces()
        guard !item.isEmpty else {
          throw invalid(text, spelling: word.spelling, option, reason: "empty item in comma-separated list")
        }
        items.append(ArgumentWord(spelling: word.spelling, value: String(item)))
      }
    }
    return items
  }

  /// A flag: true when given.
  public static func flag(_ name: String, _ keyPath: WritableKeyPath<Options, Bool>, help: String) -> Self {
    let option = OptionDescription([name], valueName: nil, help: help)
    return Self(shape: .option(option), keyPath: keyPath) { options, words throws(ArgumentParsingError) in
      if !words.isEmpty { options[keyPath: keyPath] = true }
    }
  }

  /// A required positional argument taking one value.
  public static func argument<Value: ArgumentValue>(
    _ name: String, _ keyPath: WritableKeyPath<Options, Value>, help: String
  ) -> Self {
    let argument = ArgumentDescription(name, help: helpText(help, Value.self))
    return Self(shape: .positional(argument), keyPath: keyPath) { options, words throws(ArgumentParsingError) in
      guard let word = words.first else { return }
      options[keyPath: keyPath] = try convert(word, for: argument)
    }
  }

  /// A positional argument taking every remaining value; `isOptional` lets the command run
  /// without any.
  public static func arguments<Value: ArgumentValue>(
    _ name: String, _ keyPath: WritableKeyPath<Options, [Value]>, help: String, isOptional: Bool = false
  ) -> Self {
    let argument = ArgumentDescription(
      name, help: helpText(help, Value.self), isRepeating: true, isOptional: isOptional)
    return Self(shape: .positional(argument), keyPath: keyPath) { options, words throws(ArgumentParsingError) in
      var values: [Value] = []
      for word in words { values.append(try convert(word, for: argument)) }
      options[keyPath: keyPath] = values
    }
  }
}

extension ArgumentDeclaration {
  /// The help line, followed for enum types by their values: `Task family: perm, pfsa.`
  static func helpText<Value: ArgumentValue>(_ help: String, _: Value.Type) -> String {
    let values = Value.allValueStrings
    guard !values.isEmpty else { return help }
    return help + ": " + values.joined(separator: ", ") + "."
  }

  static func convert<Value: ArgumentValue>(
    _ word: ArgumentWord, for option: OptionDescription, check: ValueCheck<Value>?
  ) throws(ArgumentParsingError) -> Value {
    let text = word.value ?? ""
    guard let value = Value(argument: text) else {
      throw invalid(text, spelling: word.spelling, option, reason: rejection(of: text, as: Value.self))
    }
    if let check, !check.accepts(value) {
      throw invalid(text, spelling: word.spelling, option, reason: check.reason(option.valueName ?? "value"))
    }
    return value
  }

  static func convert<Value: ArgumentValue>(
    _ word: ArgumentWord, for argument: ArgumentDescription
  ) throws(ArgumentParsingError) -> Value {
    let text = word.value ?? ""
    guard let value = Value(argument: text) else {
      throw .invalidValue(
        value: text, synopsis: "<\(argument.name)>", reason: rejection(of: text, as: Value.self), help: argument.help)
    }
    return value
  }

  /// Why `text` is not a value: what one looks like, and the nearest valid word when the type
  /// has named values (`expected auto, score, generate or choice; did you mean 'score'?`).
  static func rejection<Value: ArgumentValue>(of text: String, as _: Value.Type) -> String? {
    guard let suggestion = Suggestion.closest(to: text, in: Value.namedValues) else { return Value.expectation }
    return [Value.expectation, "did you mean '\(suggestion)'?"].compactMap { $0 }.joined(separator: "; ")
  }

  static func invalid(
    _ text: String, spelling: String, _ option: OptionDescription, reason: String?
  ) -> ArgumentParsingError {
    .invalidValue(value: text, synopsis: option.synopsis(using: spelling), reason: reason, help: option.help)
  }
}
