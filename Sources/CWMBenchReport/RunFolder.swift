import CWMBenchCore
import CWMBenchFormats
import Foundation

/// One run folder given to `cwmbench report`: its `results.jsonl` and what `run.json` says.
public struct RunFolder: Sendable, Hashable {
  /// The folder as given.
  public var path: String
  /// The model's display name (`model_name`, else `model`, else the folder's name).
  public var modelName: String
  /// The model's training length, when recorded.
  public var trainLength: Int?
  /// The task file, found as `RunFile.resolvedTasksPath(runFolder:)` says.
  public var tasksPath: String
  /// The SHA-256 of the task file recorded at run time, when present.
  public var tasksSHA256: String?
  /// The shard, e.g. `1/4`, when the run covered part of the task file.
  public var shard: String?
  /// The model the run recorded (`run.json`'s `model`), a checkpoint path resolved against the
  /// folder: runs with the same display name are one model's only when this matches too.
  public var modelIdentity: String
  /// What `run.json` says of how the run ended (`complete`, `incomplete`, `aborted`, …).
  public var status: RunFile.Status

  /// The path of the folder's `results.jsonl`.
  public var resultsPath: String { path + "/results.jsonl" }

  /// Reads `run.json` in `path` and checks that `results.jsonl` and the task file exist.
  public init(path: String) throws(ReportError) {
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    guard manager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw .io(path: path, reason: "not a folder")
    }
    self.path = path
    guard manager.fileExists(atPath: path + "/results.jsonl") else { throw .missingResults(run: path) }
    let runPath = path + "/run.json"
    let run: RunFile
    do {
      guard let read = try RunFile.read(at: runPath) else {
        throw ReportError.invalidRunFile(path: runPath, reason: "missing or unreadable")
      }
      run = read
    } catch let error as ReportError {
      throw error
    } catch {
      throw .invalidRunFile(path: runPath, reason: "\(error)")
    }
    let folderName = URL(fileURLWithPath: path).lastPathComponent
    modelName = run.modelName ?? (run.modelSpec.isEmpty ? folderName : run.modelSpec)
    trainLength = run.trainLength
    // A checkpoint is recorded relative to its run folder, so two folders spell one file differently.
    let checkpoint = URL(fileURLWithPath: run.modelSpec, relativeTo: URL(fileURLWithPath: path, isDirectory: true))
      .standardizedFileURL.path
    modelIdentity =
      !run.modelSpec.isEmpty && manager.fileExists(atPath: checkpoint) ? checkpoint : run.modelSpec
    tasksSHA256 = run.tasksSHA256
    shard = run.shard
    status = run.status
    guard let tasksPath = run.resolvedTasksPath(runFolder: path) else {
      throw .missingTaskFile(run: path, tasks: run.tasks)
    }
    self.tasksPath = tasksPath
  }
}
