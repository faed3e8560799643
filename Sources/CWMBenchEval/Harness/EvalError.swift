import CWMBenchCore
import CWMBenchFormats

/// Why an evaluation could not run or had to stop.
public enum EvalError: Error, Sendable, CustomStringConvertible {
  /// The task file is missing or malformed (file and line named).
  case badTasks(String)
  /// The output folder holds a run that does not match this one.
  case resumeMismatch(String)
  /// Another process is evaluating into the output folder (its lock is held).
  case folderInUse(String)
  /// An option's value is out of range (`--limit -1`); nothing was started.
  case invalidOption(String)
  /// The adapter does not support the mode asked for.
  case unsupportedMode(String)
  /// The model could not be started or stopped working; results so far are kept.
  case adapterFailed(String)
  /// Too many examples failed in a row; results so far are kept.
  case aborted(String)
  /// The output could not be written.
  case io(String)
  /// Ctrl-C stopped the run after the in-flight examples were written.
  case interrupted(EvalSummary)
  /// Ctrl-C (or SIGTERM, SIGHUP) came before the model answered hello: nothing was asked or written.
  case interruptedBeforeStart
  /// The run went through its slice but some examples failed; they are retried by running again.
  case incomplete(EvalSummary)

  public var description: String {
    switch self {
    case .badTasks(let message), .resumeMismatch(let message), .folderInUse(let message),
      .invalidOption(let message), .unsupportedMode(let message), .adapterFailed(let message),
      .aborted(let message), .io(let message):
      return message
    case .interruptedBeforeStart:
      return "interrupted before the model started; nothing was asked or written"
    case .interrupted(let summary):
      return "interrupted after \(summary.done) examples; run the same command again to resume"
    case .incomplete(let summary):
      let unanswered = summary.total - summary.done
      return "\(unanswered) of \(summary.total) examples have no answer (\(summary.failed) failed in this run, "
        + "recorded with their errors in results.jsonl); running the same command again retries them"
    }
  }
}

/// What an evaluation did.
public struct EvalSummary: Sendable {
  /// The model's display name.
  public var modelName: String
  /// The mode used.
  public var mode: EvalMode
  /// Examples in this run's slice of the task file.
  public var total: Int
  /// Examples answered in this or an earlier run.
  public var done: Int
  /// Examples recorded as failed in this run.
  public var failed: Int
  /// Examples skipped because an earlier run had answered them.
  public var skipped: Int
  /// Queries answered correctly in this run, and queries answered.
  public var correct: Int
  /// Queries answered in this run.
  public var queries: Int
  /// Expected correct answers of a uniform guess over the same queries.
  public var chanceCorrect: Double
  /// Seconds this run took.
  public var seconds: Double
  /// Where the run stands (`run.json`'s `status`).
  public var status: RunFile.Status
}
