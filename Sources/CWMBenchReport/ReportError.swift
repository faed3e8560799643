import CWMBenchCore
import CWMBenchFormats

/// Why a report could not be built or written.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No run folders were given.
  case noRuns
  /// A run folder without `results.jsonl`.
  case missingResults(run: String)
  /// A run folder whose `run.json` is missing or not valid.
  case invalidRunFile(path: String, reason: String)
  /// The task file a run names could not be found.
  case missingTaskFile(run: String, tasks: String)
  /// A task file or result line that could not be read or parsed.
  case invalidInput(path: String, line: Int, reason: String)
  /// Two runs use different task files that share one name.
  case conflictingTaskFiles(name: String, first: String, second: String)
  /// One model's results on one task file come from different modes (e.g. `score` and `generate`).
  case conflictingModes(model: String, first: EvalMode, second: EvalMode, run: String)
  /// A file could not be read or written.
  case io(path: String, reason: String)
  /// `--diff` names a model the runs do not hold.
  case unknownDiffModel(name: String, known: [String])
  /// `--diff` names two models that share no task file, so no example pairs them.
  case unpairedDiff(first: String, second: String, firstTasks: [String], secondTasks: [String])

  public var description: String {
    switch self {
    case .noRuns:
      return "no run folders given"
    case .missingResults(let run):
      return "run folder '\(run)' has no results.jsonl"
    case .invalidRunFile(let path, let reason):
      return "run file '\(path)' is not valid: \(reason)"
    case .missingTaskFile(let run, let tasks):
      return "task file '\(tasks)' of run folder '\(run)' not found"
    case .invalidInput(let path, let line, let reason):
      return "'\(path)' line \(line): \(reason)"
    case .conflictingTaskFiles(let name, let first, let second):
      return "runs use different task files named '\(name)': '\(first)' and '\(second)'"
    case .conflictingModes(let model, let first, let second, let run):
      return
        "model '\(model)' has '\(first.rawValue)' and '\(second.rawValue)' results on one task file (run folder '\(run)'); give the runs different model names"
    case .io(let path, let reason):
      return "cannot access '\(path)': \(reason)"
    case .unknownDiffModel(let name, let known):
      return
        "--diff names model '\(name)', which no run holds (models: \(known.map { "'\($0)'" }.joined(separator: ", ")))"
    case .unpairedDiff(let first, let second, let firstTasks, let secondTasks):
      let files = { (paths: [String]) in paths.map { "'\($0)'" }.joined(separator: ", ") }
      return
        "cannot compare '\(first)' and '\(second)': they ran different task files (\(files(firstTasks)) and \(files(secondTasks))); accuracy_diff pairs the examples of one task file, so give runs of the same file"
    }
  }
}
