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
  /// The task file, resolved against the current directory first, then the run folder.
  public var tasksPath: String
  /// The SHA-256 of the task file recorded at run time, when present.
  public var tasksSHA256: String?
  /// The shard, e.g. `1/4`, when the run covered part of the task file.
  public var shard: String?

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
    let runFile = path + "/run.json"
    guard let data = manager.contents(atPath: runFile) else {
      throw .invalidRunFile(path: runFile, reason: "missing or unreadable")
    }
    let json: JSONValue
    do { json = try JSONParser.parse(Array(data)) } catch {
      throw .invalidRunFile(path: runFile, reason: error.description)
    }
    guard json.objectValue != nil else { throw .invalidRunFile(path: runFile, reason: "not a JSON object") }
    guard let tasks = json["tasks"]?.stringValue, !tasks.isEmpty else {
      throw .invalidRunFile(path: runFile, reason: "missing string 'tasks'")
    }
    let folderName = URL(fileURLWithPath: path).lastPathComponent
    modelName = json["model_name"]?.stringValue ?? json["model"]?.stringValue ?? folderName
    trainLength = json["train_length"]?.intValue
    tasksSHA256 = json["tasks_sha256"]?.stringValue
    shard = json["shard"]?.stringValue
    if tasks.hasPrefix("/") || manager.fileExists(atPath: tasks) {
      tasksPath = tasks
    } else {
      tasksPath = path + "/" + tasks
    }
    guard manager.fileExists(atPath: tasksPath) else { throw .missingTaskFile(run: path, tasks: tasks) }
  }
}
