import CWMBenchFormats
import Foundation

/// Where the programs tracer is and how it is run: found once, before any process starts.
///
/// `tracer.py` is looked for in the folder named by `CWMBENCH_PROGRAMS` when that is set,
/// else in `./Programs` (the checkout, when run from it), else in `../../Programs` beside the
/// executable (`.build/release/cwmbench` → the checkout's `Programs`; also from the resolved
/// `.build/<triple>/release`). `CWMBENCH_PROGRAMS_CORPUS`
/// traces another folder of programs (the tracer's `--corpus`) and `CWMBENCH_TRACE_TIMEOUT` sets
/// the seconds one request may take (default 60) before its process is killed.
public struct TracerConfiguration: Sendable, Hashable {
  /// The folder holding `tracer.py`; nil to search as described above.
  public var folder: String?
  /// A folder of programs traced instead of the tracer's own corpus.
  public var corpus: String?
  /// Seconds one request may take; a C-level hang reports no events, so only this stops it.
  public var timeout: Double
  /// The `PATH` python3 is looked up in (and the child's); nil for this process's.
  public var searchPath: String?

  /// The default request timeout, in seconds.
  public static let defaultTimeout = 60.0

  /// Creates a configuration.
  public init(folder: String? = nil, corpus: String? = nil, timeout: Double = defaultTimeout, searchPath: String? = nil)
  {
    self.folder = folder
    self.corpus = corpus
    self.timeout = timeout
    self.searchPath = searchPath
  }

  /// The configuration this process's environment gives.
  public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment)
    -> TracerConfiguration
  {
    let timeout = environment["CWMBENCH_TRACE_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil }
    return TracerConfiguration(
      folder: environment["CWMBENCH_PROGRAMS"].flatMap { $0.isEmpty ? nil : $0 },
      corpus: environment["CWMBENCH_PROGRAMS_CORPUS"].flatMap { $0.isEmpty ? nil : $0 },
      timeout: timeout ?? defaultTimeout)
  }

  /// The `PATH` the child runs with.
  var path: String { searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin" }

  /// The absolute path of `tracer.py`, or a failure saying every place that was tried.
  func tracerScript() throws(GenerationFailure) -> String {
    let candidates: [String]
    if let folder {
      candidates = [folder]
    } else {
      let here = FileManager.default.currentDirectoryPath + "/Programs"
      candidates = [here] + Self.besideExecutable
    }
    for folder in candidates {
      let script = URL(fileURLWithPath: folder).appendingPathComponent("tracer.py").standardizedFileURL.path
      if FileManager.default.isReadableFile(atPath: script) { return script }
    }
    let places = candidates.map { "'" + URL(fileURLWithPath: $0).standardizedFileURL.path + "'" }
    let hint = folder != nil ? "CWMBENCH_PROGRAMS names" : "set CWMBENCH_PROGRAMS to"
    throw GenerationFailure(
      reason: "programs: cannot find tracer.py (looked in \(places.joined(separator: ", "))); "
        + "\(hint) the checkout's Programs folder")
  }

  /// Fails unless an executable python3 is on `path`.
  func checkPython() throws(GenerationFailure) {
    for folder in path.split(separator: ":", omittingEmptySubsequences: true) {
      if FileManager.default.isExecutableFile(atPath: folder + "/python3") { return }
    }
    throw GenerationFailure(
      reason: "programs: python3 not found on PATH ('\(path)'); the programs family is traced by CPython: "
        + "install Python 3 (tested with 3.11) and put python3 on PATH")
  }

  /// `Programs` folders beside the running executable: `../../Programs` from the folder it was
  /// started from (`.build/release/cwmbench`) and from its resolved folder (`.build/release` is
  /// a link to `.build/<triple>/release`, one level deeper).
  static let besideExecutable: [String] = {
    var folders: [String] = []
    let invoked = CommandLine.arguments.first ?? ""
    if invoked.contains("/") {
      let url = URL(fileURLWithPath: invoked).deletingLastPathComponent()
      folders.append(url.appendingPathComponent("../../Programs").standardizedFileURL.path)
    }
    #if os(Linux)
      let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    #else
      let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() ?? URL(fileURLWithPath: invoked)
    #endif
    let folder = executable.deletingLastPathComponent()
    for up in ["../../Programs", "../../../Programs"] {
      let path = folder.appendingPathComponent(up).standardizedFileURL.path
      if !folders.contains(path) { folders.append(path) }
    }
    return folders
  }()
}
