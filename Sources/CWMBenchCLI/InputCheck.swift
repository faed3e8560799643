import CWMBenchCore
import CWMBenchEval
import CWMBenchFormats
import Foundation

/// Checks, before any work, that a file or folder a command reads is there and is the kind of
/// input asked for, so a common mistake is named with what to run instead rather than found as
/// a parse error deep inside the file.
///
/// A missing or unreadable input is `CLIError.noInput` (66, `EX_NOINPUT`); the right kind of
/// file given to the wrong command (a suite spec to `eval`) is `CLIError.usage` (64).
enum InputCheck {
  /// A file whose first line is not a JSON value by itself (a pretty-printed spec or manifest)
  /// is read whole, up to this size, to tell what it is; a larger one is left to the task-file
  /// reader. A task file's first line is a whole object, so only that line is read.
  static let sniffLimit = 16 << 20
  /// How much of a file is read to find its first line.
  static let firstLineLimit = 1 << 20

  /// Checks the task file `given` (resolved to `path`); `next` is the command to suggest for a
  /// task file path, e.g. `{ "cwmbench eval \($0) --model oracle" }`.
  static func taskFile(
    _ given: String, at path: String, in currentDirectory: String, next: (String) -> String
  ) throws(CLIError) {
    switch kind(at: path) {
    case .missing:
      throw .noInput(
        "no task file at '\(given)'; write one with \(generateSuggestion(for: given, in: currentDirectory))")
    case .folder:
      if let file = files(in: path, endingWith: ".jsonl").first {
        throw .noInput(
          "'\(given)' is a folder, not a task file; give one of its task files: '\(next(join(given, file)))'")
      }
      throw .noInput(
        "'\(given)' is a folder, not a task file; write one into it with 'cwmbench generate <spec> --out \(given)'")
    case .unreadable:
      throw .noInput("cannot read task file '\(given)'; check its permissions")
    case .other:
      return
    case .file(let size):
      guard let object = firstObject(at: path, size: size) else { return }
      let keys = Set(object.keys)
      if keys.isSuperset(of: [SuiteManifest.Key.sha256, .file, .cells].map(\.rawValue)) {
        let file = object[SuiteManifest.Key.file.rawValue]?.stringValue ?? "<suite>.jsonl"
        let tasks = join(split(given).folder, file)
        throw .usage("'\(given)' is a manifest, not a task file; give the task file it describes: '\(next(tasks))'")
      }
      let taskKeys: Set = [TaskExample.Key.id.rawValue, TaskExample.Key.queries.rawValue]
      if keys.isDisjoint(with: taskKeys), keys.contains(SuiteSpec.Key.grid.rawValue) {
        let name = object[SuiteSpec.Key.name.rawValue]?.stringValue ?? "<suite>"
        throw .usage(
          "'\(given)' is a suite spec, not a task file; write its task file with 'cwmbench generate \(given)', "
            + "then run '\(next("out/\(name).jsonl"))'")
      }
    }
  }

  /// Checks the suite spec `given` (resolved to `path`) that `generate` was asked to read.
  static func suiteSpec(_ given: String, at path: String) throws(CLIError) {
    switch kind(at: path) {
    case .missing:
      throw .noInput("no suite spec at '\(given)'; 'cwmbench list' shows the suites in Tasks/")
    case .folder:
      let specs = files(in: path, endingWith: ".json").filter { !$0.hasSuffix(".manifest.json") }
      guard let spec = specs.first(where: { $0 == "default.json" }) ?? specs.first else {
        throw .noInput("'\(given)' is a folder, not a suite spec; 'cwmbench list' shows the suites in Tasks/")
      }
      throw .noInput(
        "'\(given)' is a folder, not a suite spec; name the specs in it, e.g. 'cwmbench generate \(join(given, spec))'")
    case .unreadable:
      throw .noInput("cannot read suite spec '\(given)'; check its permissions")
    case .file, .other:
      if given.hasSuffix(".jsonl") {
        throw .usage(
          "'\(given)' is a task file, not a suite spec; evaluate it with 'cwmbench eval \(given) --model oracle'")
      }
    }
  }

  /// Checks a `--model` value that names a file (`…/x.gguf`, `ckpt/`): it must exist.
  ///
  /// Words without a slash or `.gguf` (`gpt-7`) are left to `ModelSpec`, which lists the kinds.
  static func modelFile(_ given: String, at path: String, tasks: String) throws(CLIError) {
    let builtIn = BuiltinAdapter.Kind(rawValue: given) != nil
    let scheme = ["exec:", "http://", "https://"].contains { given.hasPrefix($0) }
    guard !builtIn, !scheme, given.contains("/") || given.hasSuffix(".gguf") else { return }
    switch kind(at: path) {
    case .missing:
      throw .noInput(
        "no model file or checkpoint folder at '\(given)'; give an existing .gguf file or checkpoint folder, "
          + "or a built-in model: 'cwmbench eval \(tasks) --model oracle' ('cwmbench list' shows the adapters)")
    case .unreadable:
      throw .noInput("cannot read model '\(given)'; check its permissions")
    case .file, .folder, .other:
      return
    }
  }

  /// Checks a run folder given to `report`.
  static func runFolder(_ given: String, at path: String) throws(CLIError) {
    switch kind(at: path) {
    case .missing:
      throw .noInput(
        "no run folder at '\(given)'; eval writes one: 'cwmbench eval <tasks.jsonl> --model <spec> --out \(given)'")
    case .file, .other:
      let (parent, name) = split(given)
      if ["results.jsonl", "run.json"].contains(name) {
        throw .noInput(
          "'\(given)' is a file, not a run folder; give the folder that holds it: "
            + "'cwmbench report \(parent.isEmpty ? "." : parent)'")
      }
      throw .noInput("'\(given)' is a file, not a run folder; give the folders eval wrote (its --out)")
    case .unreadable:
      throw .noInput("cannot read run folder '\(given)'; check its permissions")
    case .folder:
      return
    }
  }

  /// The file's first line as a JSON object, or, when that line is not a JSON value by itself,
  /// the whole file (up to `sniffLimit`) as one; nil when neither is an object.
  static func firstObject(at path: String, size: Int) -> [String: JSONValue]? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    guard let prefix = try? handle.read(upToCount: min(size, firstLineLimit)) else { return nil }
    let bytes = [UInt8](prefix)
    if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")),
      let line = try? JSONParser.parse(bytes[..<newline])
    {
      return line.objectValue
    }
    guard size <= sniffLimit, let data = FileManager.default.contents(atPath: path) else { return nil }
    return (try? JSONParser.parse([UInt8](data)))?.objectValue
  }

  /// What is at a path, as far as the checks care.
  enum Kind: Equatable {
    case missing, unreadable, folder, other
    /// A regular file of this many bytes.
    case file(size: Int)
  }

  /// What is at `path`, following symbolic links.
  static func kind(at path: String) -> Kind {
    var info = stat()
    guard stat(path, &info) == 0 else { return errno == EACCES ? .unreadable : .missing }
    switch info.st_mode & S_IFMT {
    case S_IFDIR:
      return access(path, R_OK | X_OK) == 0 ? .folder : .unreadable
    case S_IFREG:
      return access(path, R_OK) == 0 ? .file(size: Int(info.st_size)) : .unreadable
    default:
      return .other
    }
  }

  /// The names in folder `path` ending with `suffix`, sorted; none when it cannot be listed.
  static func files(in path: String, endingWith suffix: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
  }

  /// A path's folder (empty when it has none) and last component, split at the last `/`.
  static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return ("", path) }
    return (String(path[..<slash]), String(path[path.index(after: slash)...]))
  }

  /// `folder/name`, or `name` when the folder is empty (a path given without one).
  static func join(_ folder: String, _ name: String) -> String {
    folder.isEmpty ? name : (folder.hasSuffix("/") ? folder + name : folder + "/" + name)
  }

  /// `'cwmbench generate Tasks/NAME.json --out DIR'` when a spec of the task file's name is in
  /// `Tasks/`, else the general form.
  static func generateSuggestion(for given: String, in currentDirectory: String) -> String {
    let (folder, file) = split(given)
    let name = file.hasSuffix(".jsonl") ? String(file.dropLast(".jsonl".count)) : file
    let out = folder.isEmpty || folder == "out" ? "" : " --out \(folder)"
    let spec = "Tasks/\(name).json"
    guard given.hasSuffix(".jsonl"), FileManager.default.fileExists(atPath: join(currentDirectory, spec)) else {
      return "'cwmbench generate <spec>\(out)' ('cwmbench list' shows the suites in Tasks/)"
    }
    return "'cwmbench generate \(spec)\(out)'"
  }
}
