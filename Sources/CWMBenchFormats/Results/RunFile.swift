import CWMBenchCore
import Foundation

/// The version new files record (a file-scope name, since `RunFile` has a property of the same name).
private let writingVersion = cwmbenchVersion

/// `run.json` (docs/results.md): what was run, over which file, and how far it got.
///
/// The one codec for the file: `eval` writes it with `json` and reads an earlier run's with
/// `init(json:)`, and `report` reads it with the same initializer, so each key is spelled
/// once, in `Key`.
public struct RunFile: Sendable, Hashable {
  /// The keys of `run.json`, each spelled here and nowhere else.
  public enum Key: String, CaseIterable, Sendable {
    case cwmbenchVersion = "cwmbench_version"
    case formatVersion = "format_version"
    case model
    case modelName = "model_name"
    case trainLength = "train_length"
    case mode
    case tasks
    case tasksSHA256 = "tasks_sha256"
    case shard
    case started
    case ended
    case examples
    case done
    case failed
    case skipped
    case status
    case reason
    case chat
    case system
    case instruction
    case extract
    case maxTokens = "max_tokens"
    case temperature
    case fewShot = "few_shot"
    case fewShotFrom = "few_shot_from"
    case fewShotSHA256 = "few_shot_sha256"
    case modeProbe = "mode_probe"

    /// The key as a message names it: `tasks sha256`.
    public var spoken: String { rawValue.replacingOccurrences(of: "_", with: " ") }
  }

  /// Where a run stands; `complete` means every example of the slice has an answer.
  public enum Status: String, CaseIterable, Sendable {
    /// The run is under way, or its process was killed (SIGKILL leaves this).
    case running
    /// Every example of the slice has an answer.
    case complete
    /// The run ended but some examples failed (recorded with their errors); running again retries them.
    case incomplete
    /// Ctrl-C, SIGTERM or SIGHUP stopped it after the examples in flight were written.
    case interrupted
    /// The model failed or too many examples failed in a row; results so far are kept.
    case aborted
  }

  /// The version of cwmbench that wrote the file.
  public var cwmbenchVersion: String = writingVersion
  /// The version of the run folder's formats (`run.json` and the lines of `results.jsonl`);
  /// files written before it was recorded read as format 1.
  public var formatVersion: Int = RunFile.currentFormatVersion

  /// The run-folder format this cwmbench writes and reads; bumped when the meaning of a key of
  /// `run.json` or of a result line changes (docs/results.md).
  public static let currentFormatVersion = 1
  /// The model spec as given, without secrets.
  public var modelSpec: String
  /// The model's display name.
  public var modelName: String?
  /// The model's training length, when known.
  public var trainLength: Int?
  /// The mode.
  public var mode: EvalMode?
  /// The task file, relative to the run folder (or absolute); see `resolvedTasksPath(runFolder:)`.
  public var tasks: String
  /// SHA-256 of the task file.
  public var tasksSHA256: String?
  /// `I/N` when sharded.
  public var shard: String?
  /// When this run started.
  public var started: Date?
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
  /// Where the run stands.
  public var status = Status.running
  /// Why a run stopped early (`aborted`: the error that stopped it); nil otherwise.
  public var reason: String?
  /// How the model was prompted (`--chat`, `--system`, `--instruction`, `--extract`,
  /// `--max-tokens`, `--temperature`, `--few-shot`); each key is written only when set, so
  /// runs without them keep their bytes.
  public var prompting = Prompting()
  /// How `--mode auto` timed a server before choosing the mode (`ModeProbe`); nil when it did not.
  public var modeProbe: ModeProbe?

  /// The prompt settings of a run; a resumed run must match them (docs/results.md).
  public struct Prompting: Sendable, Hashable {
    /// Whether generate went through the chat template (`--chat`).
    public var chat: Bool?
    /// The system prompt (`--system`).
    public var system: String?
    /// The instruction given with `--instruction`; nil when each family's default was used.
    public var instruction: String?
    /// How the answer was taken from a reply (`first-line`, `last-line`, `regex:PATTERN`).
    public var extract: String?
    /// `--max-tokens`; nil when derived from each answer's length.
    public var maxTokens: Int?
    /// The sampling temperature.
    public var temperature: Double?
    /// Solved train-split examples shown before each question.
    public var fewShot: Int?
    /// The train-split task file they came from, relative to the run folder.
    public var fewShotFrom: String?
    /// That file's SHA-256.
    public var fewShotSHA256: String?

    /// No settings recorded.
    public init() {}

    /// Each setting a resumed run must share, as text ("" when unset); the train file by its digest.
    public var comparable: [(Key, String)] {
      [
        (.chat, chat.map { $0 ? "true" : "false" } ?? ""), (.system, system ?? ""),
        (.instruction, instruction ?? ""), (.extract, extract ?? ""), (.maxTokens, maxTokens.map(String.init) ?? ""),
        (.temperature, temperature.map { formatNumber($0) } ?? ""), (.fewShot, fewShot.map(String.init) ?? ""),
        (.fewShotSHA256, fewShotSHA256 ?? ""),
      ]
    }
  }

  /// Creates a record of a run that is starting.
  public init(
    modelSpec: String, modelName: String?, trainLength: Int?, mode: EvalMode?, tasks: String, tasksSHA256: String?,
    shard: String?, started: Date?
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

  /// Parses a timestamp written by `timestamp(_:)`.
  static func date(_ text: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)
  }

  /// The file's JSON.
  public var json: JSONValue {
    var object: [String: JSONValue] = [:]
    func set(_ key: Key, _ value: JSONValue) { object[key.rawValue] = value }
    set(.cwmbenchVersion, .string(cwmbenchVersion))
    set(.formatVersion, .int(formatVersion))
    set(.model, .string(modelSpec))
    set(.modelName, modelName.map { .string($0) } ?? .null)
    set(.trainLength, trainLength.map { .int($0) } ?? .null)
    set(.mode, mode.map { .string($0.rawValue) } ?? .null)
    set(.tasks, .string(tasks))
    set(.tasksSHA256, tasksSHA256.map { .string($0) } ?? .null)
    set(.shard, shard.map { .string($0) } ?? .null)
    set(.started, started.map { .string(Self.timestamp($0)) } ?? .null)
    set(.ended, ended.map { .string(Self.timestamp($0)) } ?? .null)
    set(.examples, .int(examples))
    set(.done, .int(done))
    set(.failed, .int(failed))
    set(.skipped, .int(skipped))
    set(.status, .string(status.rawValue))
    set(.reason, reason.map { .string($0) } ?? .null)
    func setIf(_ key: Key, _ value: JSONValue?) { if let value { object[key.rawValue] = value } }
    setIf(.chat, prompting.chat.map { .bool($0) })
    setIf(.system, prompting.system.map { .string($0) })
    setIf(.instruction, prompting.instruction.map { .string($0) })
    setIf(.extract, prompting.extract.map { .string($0) })
    setIf(.maxTokens, prompting.maxTokens.map { .int($0) })
    setIf(.temperature, prompting.temperature.map { .double($0) })
    setIf(.fewShot, prompting.fewShot.map { .int($0) })
    setIf(.fewShotFrom, prompting.fewShotFrom.map { .string($0) })
    setIf(.fewShotSHA256, prompting.fewShotSHA256.map { .string($0) })
    setIf(.modeProbe, modeProbe?.json)
    return .object(object)
  }

  /// The file's bytes: pretty JSON with sorted keys and a final newline.
  public var bytes: [UInt8] { Array(JSONWriter.encode(json, pretty: true).utf8) }

  /// Why a `run.json` could not be read; `description` names the key and the offending value.
  public struct DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message, lowercase, naming the key.
    public var description: String
  }

  /// Reads `run.json`'s JSON.
  ///
  /// Only `tasks` is required (hand-made and older files hold little else); a key that is
  /// present must have the right type, and `status` and `mode` a known value.
  public init(json: JSONValue) throws(DecodingError) {
    guard json.objectValue != nil else { throw DecodingError(description: "not a JSON object") }
    func value(_ key: Key) -> JSONValue? {
      guard let value = json[key.rawValue], !value.isNull else { return nil }
      return value
    }
    func string(_ key: Key) throws(DecodingError) -> String? {
      guard let found = value(key) else { return nil }
      guard let text = found.stringValue else {
        throw DecodingError(description: "'\(key.rawValue)': expected a string, got \(found.briefDescription)")
      }
      return text
    }
    func int(_ key: Key) throws(DecodingError) -> Int? {
      guard let found = value(key) else { return nil }
      guard let number = found.intValue else {
        throw DecodingError(description: "'\(key.rawValue)': expected an integer, got \(found.briefDescription)")
      }
      return number
    }
    func date(_ key: Key) throws(DecodingError) -> Date? {
      guard let text = try string(key) else { return nil }
      guard let date = Self.date(text) else {
        throw DecodingError(description: "'\(key.rawValue)': expected an ISO 8601 time, got '\(text)'")
      }
      return date
    }
    guard let tasks = try string(.tasks), !tasks.isEmpty else {
      throw DecodingError(description: "missing string 'tasks'")
    }
    var mode: EvalMode?
    if let text = try string(.mode) {
      guard let parsed = EvalMode(rawValue: text) else {
        throw DecodingError(description: "'mode': expected score, generate or choice, got '\(text)'")
      }
      mode = parsed
    }
    self.init(
      modelSpec: try string(.model) ?? "", modelName: try string(.modelName), trainLength: try int(.trainLength),
      mode: mode, tasks: tasks, tasksSHA256: try string(.tasksSHA256), shard: try string(.shard),
      started: try date(.started))
    cwmbenchVersion = try string(.cwmbenchVersion) ?? ""
    formatVersion = try int(.formatVersion) ?? 1
    guard formatVersion == Self.currentFormatVersion else {
      throw DecodingError(
        description:
          "'format_version': this cwmbench reads run folders of format \(Self.currentFormatVersion), got '\(formatVersion)' "
          + "(written by cwmbench \(cwmbenchVersion.isEmpty ? "?" : cwmbenchVersion)); use that version to read it")
    }
    ended = try date(.ended)
    examples = try int(.examples) ?? 0
    done = try int(.done) ?? 0
    failed = try int(.failed) ?? 0
    skipped = try int(.skipped) ?? 0
    reason = try string(.reason)
    prompting.chat = value(.chat)?.boolValue
    prompting.system = try string(.system)
    prompting.instruction = try string(.instruction)
    prompting.extract = try string(.extract)
    prompting.maxTokens = try int(.maxTokens)
    prompting.temperature = value(.temperature)?.doubleValue
    prompting.fewShot = try int(.fewShot)
    prompting.fewShotFrom = try string(.fewShotFrom)
    prompting.fewShotSHA256 = try string(.fewShotSHA256)
    if let probe = value(.modeProbe) { modeProbe = try ModeProbe(json: probe) }
    if let text = try string(.status) {
      guard let parsed = Status(rawValue: text) else {
        let known = Status.allCases.map(\.rawValue).joined(separator: ", ")
        throw DecodingError(description: "'status': expected one of \(known), got '\(text)'")
      }
      status = parsed
    }
  }

  /// Reads the `run.json` at `path`; nil when there is no such file.
  public static func read(at path: String) throws(DecodingError) -> RunFile? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    let json: JSONValue
    do { json = try JSONParser.parse(Array(data)) } catch {
      throw DecodingError(description: "not valid JSON: \(error)")
    }
    return try RunFile(json: json)
  }

  /// The task file as eval records it: relative to the run folder, so the two can move together
  /// (and be committed) and `report` finds the file from any directory.
  ///
  /// Both paths are made absolute and symlink-free first; the result is always relative (as
  /// Python's `os.path.relpath` computes it), so no path of the machine is recorded.
  public static func recordedTasksPath(_ tasksPath: String, runFolder: String) -> String {
    relativePath(of: tasksPath, from: runFolder)
  }

  /// Where `tasks` is on this machine: absolute as written; relative to the run folder
  /// (what eval writes); else, for files written before the path was relative to the run
  /// folder, relative to the current directory. Nil when neither exists.
  public func resolvedTasksPath(runFolder: String) -> String? {
    let manager = FileManager.default
    if tasks.hasPrefix("/") { return manager.fileExists(atPath: tasks) ? tasks : nil }
    let inFolder = (runFolder as NSString).appendingPathComponent(tasks)
    if manager.fileExists(atPath: inFolder) { return inFolder }
    return manager.fileExists(atPath: tasks) ? tasks : nil
  }
}
