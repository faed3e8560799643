/// A small parser shaped like swift-argument-parser: `--opt value`, `--opt=value`, flags,
/// repeated options, positionals anywhere, `--` to end options, `-h`/`--help` anywhere.
public enum ArgumentParser {
  /// Parses `args` (without the command's own name) into a value of `Options`.
  ///
  /// Help wins over every other problem, as in swift-argument-parser, so `--help` on a broken
  /// command line still shows help rather than an error. Then, in order: unknown options and
  /// missing values, positional counts, required options, exclusive options, and finally
  /// each value's conversion and bounds, in declaration order.
  public static func parse<Options: ParsableArguments>(
    _ args: [String], as _: Options.Type = Options.self
  ) throws(ArgumentParsingError) -> Options {
    for arg in args {
      if arg == "--" { break }
      if CommandDescription.helpNames.contains(arg) { throw .helpRequested }
    }
    let declarations = Options.declarations
    var words = [[ArgumentWord]](repeating: [], count: declarations.count)
    var positionals: [String] = []
    var index = 0
    var optionsEnded = false
    while index < args.count {
      let arg = args[index]
      index += 1
      if optionsEnded || !looksLikeOption(arg) {
        positionals.append(arg)
        continue
      }
      if arg == "--" {
        optionsEnded = true
        continue
      }

      var spelling = arg
      var attached: String?
      if arg.hasPrefix("--"), let equals = arg.firstIndex(of: "=") {
        spelling = String(arg[..<equals])
        attached = String(arg[arg.index(after: equals)...])
      }
      guard let (position, option) = option(spelled: spelling, in: declarations) else {
        throw .unknownOption(spelling, suggestion: Suggestion.closest(to: spelling, in: optionNames(declarations)))
      }
      if option.isFlag {
        if let attached { throw .unexpectedValue(option: spelling, value: attached) }
        words[position].append(ArgumentWord(spelling: spelling, value: nil))
        continue
      }
      let value: String
      if let attached {
        value = attached
      } else if index < args.count, !looksLikeOption(args[index]) {
        value = args[index]
        index += 1
      } else {
        throw .missingValue(synopsis: option.synopsis(using: spelling), help: option.help)
      }
      words[position].append(ArgumentWord(spelling: spelling, value: value))
    }

    var remaining = positionals[...]
    for (position, declaration) in declarations.enumerated() {
      guard case .positional(let argument) = declaration.shape else { continue }
      let taken = argument.isRepeating ? Array(remaining) : remaining.first.map { [$0] } ?? []
      remaining = remaining.dropFirst(taken.count)
      words[position] = taken.map { ArgumentWord(spelling: "<\(argument.name)>", value: $0) }
    }
    if !remaining.isEmpty { throw .unexpectedArguments(Array(remaining)) }
    for (position, declaration) in declarations.enumerated() where words[position].isEmpty {
      if case .positional(let argument) = declaration.shape, !argument.isOptional {
        throw .missingArgument(synopsis: argument.requiredSynopsis)
      }
    }
    for (position, declaration) in declarations.enumerated() where words[position].isEmpty {
      if case .option(let option) = declaration.shape, option.isRequired {
        throw .missingArgument(synopsis: option.synopsis())
      }
    }
    for group in Options.exclusiveOptions {
      let given = declarations.indices.filter { group.contains(declarations[$0].keyPath) && !words[$0].isEmpty }
      if given.count > 1 {
        throw .conflictingOptions(given.compactMap { Options.optionName(of: declarations[$0].keyPath) })
      }
    }

    var options = Options()
    for (position, declaration) in declarations.enumerated() {
      try declaration.apply(&options, words[position])
    }
    return options
  }

  /// The declared option with the spelling `name`, and its position.
  static func option<Options>(
    spelled name: String, in declarations: [ArgumentDeclaration<Options>]
  ) -> (Int, OptionDescription)? {
    for (position, declaration) in declarations.enumerated() {
      if case .option(let option) = declaration.shape, option.names.contains(name) { return (position, option) }
    }
    return nil
  }

  /// Every spelling of every declared option, then the help spellings: what a misspelt
  /// option is compared with.
  static func optionNames<Options>(_ declarations: [ArgumentDeclaration<Options>]) -> [String] {
    let declared = declarations.flatMap { declaration -> [String] in
      if case .option(let option) = declaration.shape { return option.names }
      return []
    }
    return declared + CommandDescription.helpNames
  }

  /// Whether `arg` is an option spelling rather than a value.
  ///
  /// A lone `-` (stdin by convention) and negative numbers (`--seed -3`) are values.
  static func looksLikeOption(_ arg: String) -> Bool {
    guard arg.hasPrefix("-"), arg.count > 1 else { return false }
    let rest = arg.dropFirst()
    let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
    let isNumber = rest.first.map(isDigit) == true && rest.allSatisfy { isDigit($0) || $0 == "." }
    return !isNumber
  }
}
