/// The process exit statuses cwmbench uses, following BSD `sysexits.h` where one fits.
public enum ExitCode: Int32, Sendable, Hashable, CaseIterable {
  /// Everything worked.
  case success = 0
  /// A run failed for a reason that is not the caller's input.
  case failure = 1
  /// The command line was wrong (`EX_USAGE`).
  case usage = 64
  /// An input file was malformed (`EX_DATAERR`).
  case dataError = 65
  /// An input file or folder does not exist or cannot be read (`EX_NOINPUT`).
  case noInput = 66
  /// The run was stopped by SIGINT (128 + 2, as shells report it).
  case interrupted = 130
}
