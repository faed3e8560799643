/// Why a command stopped, each case mapping to one exit status.
public enum CLIError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The command line is wrong in a way only the command can tell; printed with the usage.
  case usage(String)
  /// An input file (spec, task file, results) is malformed.
  case badData(String)
  /// An input file or folder (spec, task file, model file, run folder) is missing or is not
  /// the kind of thing asked for; the message names it and says what to run instead.
  case noInput(String)
  /// The run failed.
  case failure(String)
  /// The run was interrupted before it finished.
  case interrupted

  /// The exit status the process ends with.
  public var exitCode: ExitCode {
    switch self {
    case .usage: return .usage
    case .badData: return .dataError
    case .noInput: return .noInput
    case .failure: return .failure
    case .interrupted: return .interrupted
    }
  }

  /// The message printed after `Error: `.
  public var description: String {
    switch self {
    case .usage(let message), .badData(let message), .noInput(let message), .failure(let message):
      return message
    case .interrupted:
      return "interrupted"
    }
  }
}
