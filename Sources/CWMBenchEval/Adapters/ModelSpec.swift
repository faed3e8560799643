import CWMBenchCore
import CWMBenchFormats
import Foundation

/// A parsed `--model` value (docs/protocol.md) and how to build its adapter.
public enum ModelSpec: Sendable, Hashable {
  /// `oracle`, `random` or `last-reveal`.
  case builtin(BuiltinAdapter.Kind)
  /// `exec:COMMAND`: a process speaking `cwmbench/1`.
  case exec(String)
  /// `http(s)://…/v1`: an OpenAI-compatible server.
  case http(URL)
  /// A Hugging Face checkpoint directory (has `config.json`).
  case huggingFace(String)
  /// A GGUF file.
  case gguf(String)
  /// A cwmbench reference-learner checkpoint (has `cwmbench-model.json`).
  case reference(String)

  /// Parses a `--model` value; paths are checked on disk.
  public init(parsing text: String, currentDirectory: String) throws(EvalError) {
    if let kind = BuiltinAdapter.Kind(rawValue: text) {
      self = .builtin(kind)
    } else if text.hasPrefix("exec:") {
      let command = String(text.dropFirst(5)).trimmingCharacters(in: .whitespaces)
      guard !command.isEmpty else { throw .unsupportedMode("model 'exec:' needs a command after the colon") }
      self = .exec(command)
    } else if text.hasPrefix("http://") || text.hasPrefix("https://") {
      guard let url = URL(string: text), url.host != nil else {
        throw .unsupportedMode("invalid model URL '\(SecretRedactor.displayURL(text))'")
      }
      self = .http(url)
    } else {
      let path = text.hasPrefix("/") ? text : (currentDirectory as NSString).appendingPathComponent(text)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .unsupportedMode(
          "unknown model '\(text)': expected oracle, random, last-reveal, exec:COMMAND, http(s)://…/v1, "
            + "a checkpoint directory or a .gguf file")
      }
      if isDirectory.boolValue {
        let manager = FileManager.default
        if manager.fileExists(atPath: path + "/cwmbench-model.json") {
          self = .reference(path)
        } else if manager.fileExists(atPath: path + "/config.json") {
          self = .huggingFace(path)
        } else {
          throw .unsupportedMode("checkpoint directory '\(text)' has neither config.json nor cwmbench-model.json")
        }
      } else if path.hasSuffix(".gguf") {
        self = .gguf(path)
      } else {
        throw .unsupportedMode("model file '\(text)' is not a .gguf file")
      }
    }
  }

  /// The spec as recorded in `run.json`: URLs lose any user name and password.
  public var recorded: String {
    switch self {
    case .builtin(let kind): return kind.rawValue
    case .exec(let command): return "exec:" + command
    case .http(let url):
      guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.absoluteString }
      parts.user = nil
      parts.password = nil
      parts.query = nil
      return parts.string ?? url.absoluteString
    case .huggingFace(let path), .gguf(let path), .reference(let path): return path
    }
  }

  /// What `eval` tells the bundled GGUF adapter beyond the model's path.
  public struct GGUFOptions: Sendable, Hashable {
    /// `--n-ctx`; nil sizes the context from `sizeFrom`.
    public var nCtx: Int?
    /// The task file whose longest trace sizes the context.
    public var sizeFrom: String?
    /// Few-shot traces shown before each question, which the context must also hold.
    public var shots = 0
    /// `auto`, `on` or `off`: CWM's markers as special tokens.
    public var specialTokens = "auto"

    /// The adapter's defaults.
    public init() {}

    /// The adapter's arguments.
    var arguments: [String] {
      var words: [String] = []
      if let nCtx {
        words += ["--n-ctx", String(nCtx)]
      } else if let sizeFrom {
        words += ["--size-from", sizeFrom, "--shots", String(shots)]
      }
      return words + ["--special-tokens", specialTokens]
    }
  }

  /// A `.gguf` file or checkpoint folder's display name: its file name without the extension,
  /// or the folder's name; nil for the other specs, which name themselves.
  public var fileName: String? {
    switch self {
    case .gguf(let path), .huggingFace(let path), .reference(let path):
      let name = (path as NSString).lastPathComponent
      return path.hasSuffix(".gguf") ? (name as NSString).deletingPathExtension : name
    default: return nil
    }
  }

  /// The Python command that runs a bundled checkpoint adapter.
  ///
  /// `$CWMBENCH_PYTHON` picks the interpreter, for a virtual environment holding torch or
  /// llama-cpp-python; by default `python3` from the PATH.
  func bundledCommand(adaptersDirectory: String, python: String = "python3", gguf: GGUFOptions = GGUFOptions())
    -> String?
  {
    func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
    switch self {
    case .huggingFace(let path): return "\(python) \(quoted(adaptersDirectory + "/hf_adapter.py")) \(quoted(path))"
    case .gguf(let path):
      return "\(python) \(quoted(adaptersDirectory + "/gguf_adapter.py")) \(quoted(path)) "
        + gguf.arguments.map(quoted).joined(separator: " ")
    case .reference(let path):
      // The reference learners live beside the adapters, in the checkout's `Reference/`.
      let checkout = URL(fileURLWithPath: adaptersDirectory).deletingLastPathComponent().deletingLastPathComponent()
      let adapter = checkout.appendingPathComponent("Reference/adapter.py").path
      return "\(python) \(quoted(adapter)) \(quoted(path))"
    default: return nil
    }
  }

  /// Builds the adapter.
  public func makeAdapter(
    environment: [String: String], modelName: String?, chat: Bool, maxRestarts: Int,
    gguf: GGUFOptions = GGUFOptions(), log: @escaping @Sendable (String) -> Void
  ) throws(EvalError) -> any ModelAdapter {
    guard maxRestarts >= 0 else {
      throw .invalidOption("the value '\(maxRestarts)' is invalid for '--max-restarts': expected 0 or more")
    }
    // The API key variables and the URL's password and query values never reach a message.
    var url: URL?
    if case .http(let address) = self { url = address }
    let redactor = SecretRedactor(environment: environment, url: url)
    let plainLog = log
    let log: @Sendable (String) -> Void = { line in plainLog(redactor.redact(line)) }
    let adapter = try makeBareAdapter(
      environment: environment, modelName: modelName, chat: chat, maxRestarts: maxRestarts, gguf: gguf,
      redactor: redactor, log: log)
    return redactor.isEmpty ? adapter : RedactingAdapter(adapter, redactor: redactor)
  }

  private func makeBareAdapter(
    environment: [String: String], modelName: String?, chat: Bool, maxRestarts: Int, gguf: GGUFOptions,
    redactor: SecretRedactor, log: @escaping @Sendable (String) -> Void
  ) throws(EvalError) -> any ModelAdapter {
    switch self {
    case .builtin(let kind):
      return BuiltinAdapter(kind: kind)
    case .exec(let command):
      return ExecAdapter(command: command, environment: environment, maxRestarts: maxRestarts, log: log)
    case .http(let url):
      return HTTPAdapter(
        baseURL: url, modelName: modelName, chat: chat, apiKey: HTTPAdapter.apiKey(from: environment), log: log)
    case .huggingFace, .gguf, .reference:
      let directory = try Self.adaptersDirectory(environment: environment)
      let command = bundledCommand(
        adaptersDirectory: directory, python: environment["CWMBENCH_PYTHON"] ?? "python3", gguf: gguf)!
      var environment = environment
      environment["PYTHONPATH"] = directory + (environment["PYTHONPATH"].map { ":" + $0 } ?? "")
      return ExecAdapter(command: command, environment: environment, maxRestarts: maxRestarts, log: log)
    }
  }

  /// Where the bundled Python adapters live: `$CWMBENCH_ADAPTERS`, else `Adapters/python`
  /// beside the executable's checkout or in the current directory.
  static func adaptersDirectory(environment: [String: String]) throws(EvalError) -> String {
    if let configured = environment["CWMBENCH_ADAPTERS"] { return configured }
    var candidates: [String] = []
    var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<6 {
      candidates.append(directory.appendingPathComponent("Adapters/python").path)
      directory.deleteLastPathComponent()
    }
    candidates.append(FileManager.default.currentDirectoryPath + "/Adapters/python")
    guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/cwmbench_adapter.py") })
    else {
      throw .adapterFailed(
        "cannot find the bundled Python adapters (Adapters/python); set CWMBENCH_ADAPTERS to that folder")
    }
    return found
  }
}
