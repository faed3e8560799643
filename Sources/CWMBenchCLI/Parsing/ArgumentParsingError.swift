/// Why a command line could not be parsed, worded as swift-argument-parser words it (the
/// conflict between exclusive options is worded the project's way).
public enum ArgumentParsingError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `-h` or `--help` was given: not a failure, the caller prints help and exits 0.
  case helpRequested
  /// An option the command does not declare, and the declared one it is closest to.
  case unknownOption(String, suggestion: String? = nil)
  /// A subcommand that does not exist, and the one it is closest to.
  case unknownSubcommand(String, suggestion: String? = nil)
  /// An option that takes a value came last or was followed by another option.
  case missingValue(synopsis: String, help: String)
  /// A flag was given a value with `--flag=value`.
  case unexpectedValue(option: String, value: String)
  /// A required positional argument or option was not given.
  case missingArgument(synopsis: String)
  /// Positional values beyond what the command takes.
  case unexpectedArguments([String])
  /// Options that exclude each other were given together (their preferred names).
  case conflictingOptions([String])
  /// A value that does not convert to what the option needs; `reason` says why, when known.
  case invalidValue(value: String, synopsis: String, reason: String?, help: String)

  /// The one-line message printed after `Error: `.
  public var description: String {
    switch self {
    case .helpRequested:
      return "Help requested"
    case .unknownOption(let name, let suggestion):
      return "Unknown option '\(name)'" + Suggestion.sentence(suggestion)
    case .unknownSubcommand(let name, let suggestion):
      return "Unknown subcommand '\(name)'" + Suggestion.sentence(suggestion)
    case .missingValue(let synopsis, _):
      return "Missing value for '\(synopsis)'"
    case .unexpectedValue(let option, let value):
      return "The option '\(option)' does not take any value, but '\(value)' was specified."
    case .missingArgument(let synopsis):
      return "Missing expected argument '\(synopsis)'"
    case .unexpectedArguments(let values):
      if values.count == 1 { return "Unexpected argument '\(values[0])'" }
      return "\(values.count) unexpected arguments: '\(values.joined(separator: "', '"))'"
    case .conflictingOptions(let names):
      if names.count == 2 { return "give either \(names[0]) or \(names[1]), not both" }
      return "give only one of \(names.joined(separator: ", "))"
    case .invalidValue(let value, let synopsis, let reason, _):
      let suffix = reason.map { ": \($0)" } ?? ""
      return "The value '\(value)' is invalid for '\(synopsis)'\(suffix)"
    }
  }

  /// The `Help:` line swift-argument-parser adds for value errors: the option and its help.
  public var helpLine: String? {
    switch self {
    case .missingValue(let synopsis, let help), .invalidValue(_, let synopsis, _, let help):
      return help.isEmpty ? nil : "\(synopsis)  \(help)"
    default:
      return nil
    }
  }
}
