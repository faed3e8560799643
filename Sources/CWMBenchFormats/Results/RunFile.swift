import CWMBenchCore
import Foundation

/// `run.json` (SPEC §5): what was run, over which file, and how far it got.
public struct RunFile: Sendable {
  /// The model spec as given, without secrets.
  public var modelSpec: String
  /// The model's display name.
  public var modelName: String
  /// The model's training length, when known.
  public var trainLength: Int?
  /// The mode.
  public var mode: EvalMode
  /// The task file as given.
  public var tasks: String
  /// SHA-256 of the task file.
  public var tasksSHA256: String
  /// `I/N` when sharded.
  public var shard: String?
  /// When this run started.
  public var started: Date
  /// When it ended, if it has.
  public var ended: Date?
  /// Examples in the run's slice.
  public var examples = 0
  /// Examples answered (this run and earlier ones).
  public var done = 0
  /// Examples that failed in this run.
  public var failed = 0
  /// Examples an earlier run had answered.
  public var skipped = 0
  /// `running`, `complete`, `interrupted` or `aborted`.
  public var status = "running"

  /// Creates a record of a run that is starting.
  public init(
    modelSpec: String, modelName: String, trainLength: Int?, mode: EvalMode, tasks: String, tasksSHA256: String,
    shard: String?, started: Date
  ) {
    self.modelSpec = modelSpec
    self.modelName = modelName
    self.trainLength = trainLength
    self.mode = mode
    self.tasks = tasks
    self.tasksSHA256 = tasksSHA256
    self.shard = shard
    self.started = started
  }

  /// ISO 8601 in UTC with seconds, locale-free.
  static func timestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
  }

  /// The file's JSON.
  public var json: JSONValue {
    .object([
      "cwmbench_version": .string(cwmbenchVersion),
      "model": .string(modelSpec),
      "model_name": .string(modelName),
      "train_length": trainLength.map { .int($0) } ?? .null,
      "mode": .string(mode.rawValue),
      "tasks": .string(tasks),
      "tasks_sha256": .string(tasksSHA256),
      "shard": shard.map { .string($0) } ?? .null,
      "started": .string(Self.timestamp(started)),
      "ended": ended.map { .string(Self.timestamp($0)) } ?? .null,
      "examples": .int(examples),
      "done": .int(done),
      "failed": .int(failed),
      "skipped": .int(skipped),
      "status": .string(status),
    ])
  }
}
