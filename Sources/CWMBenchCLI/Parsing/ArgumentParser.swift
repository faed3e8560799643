/// A small parser shaped like swift-argument-parser: `--opt value`, `--opt=value`, `-o value`,
/// flags, repeated options, positionals anywhere, `--` to end options, `-h`/`--help` anywhere.
public enum ArgumentParser {
  /// Parses `args` (without the command's own name) against `command`.
  ///
  /// Help wins over every other problem, as in swift-argument-parser, so `--help` on a broken
  /// command line still shows help rather than an error.
  public static func parse(
    _ args: [String], for command: CommandDescription
  ) throws(ArgumentParsingError) -> ParsedArguments {
    for arg in args {
      if arg == "--" { break }
      if CommandDescription.helpNames.contains(arg) { throw .helpRequested }
    }

    var occurrences: [ParsedArguments.Occurrence] = []
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
      guard let option = command.options.first(where: { $0.names.contains(spelling) }) else {
        throw .unknownOption(spelling)
      }
      if option.isFlag {
        if let attached { throw .unexpectedValue(option: spelling, value: attached) }
        occurrences.append(.init(key: option.key, spelling: spelling, value: nil))
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
      occurrences.append(.init(key: option.key, spelling: spelling, value: value))
    }

    var remaining = positionals[...]
    var assigned: [String: [String]] = [:]
    for argument in command.arguments {
      if argument.isRepeating {
        assigned[argument.name] = Array(remaining)
        remaining = []
      } else if let first = remaining.popFirst() {
        assigned[argument.name] = [first]
      }
    }
    if !remaining.isEmpty { throw .unexpectedArguments(Array(remaining)) }
    for argument in command.arguments where !argument.isOptional && (assigned[argument.name] ?? []).isEmpty {
      throw .missingArgument(synopsis: argument.requiredSynopsis)
    }
    for option in command.options where option.isRequired && !occurrences.contains(where: { $0.key == option.key }) {
      throw .missingArgument(synopsis: option.synopsis())
    }
    return ParsedArguments(command: command, occurrences: occurrences, positionalValues: assigned)
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
