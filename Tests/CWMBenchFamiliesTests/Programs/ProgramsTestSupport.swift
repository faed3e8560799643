import CWMBenchFormats
import CWMBenchTestSupport
import Foundation

@testable import CWMBenchFamilies
@testable import CWMBenchGenerate

/// Paths and helpers the programs tests share.
enum ProgramsTestSupport {
  /// The checkout this test file is in.
  static let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()

  /// The checkout's Programs folder.
  static var programsFolder: String { packageRoot + "/Programs" }

  /// A configuration for the checkout's tracer, optionally on another corpus.
  static func configuration(corpus: String? = nil, timeout: Double = 60) -> TracerConfiguration {
    TracerConfiguration(folder: programsFolder, corpus: corpus, timeout: timeout)
  }

  /// The built-in families with the programs family's tracer run as `configuration` says.
  static func families(_ configuration: TracerConfiguration) -> FamilyRegistry {
    FamilyRegistry.builtIn.registering(ProgramsFamily(tracers: configuration))
  }

  /// A copy of the project corpus in a fresh folder: its path appears in the tracers' command
  /// lines, so a test can find exactly the processes it caused.
  static func corpusCopy(in directory: TemporaryDirectory) throws -> String {
    let folder = directory.file("corpus")
    try FileManager.default.copyItem(atPath: programsFolder + "/corpus", toPath: folder)
    return folder
  }

  /// The limit fixtures (`hang`, `boom`) and a program that sleeps in C (no events at all).
  static func limitCorpus(in directory: TemporaryDirectory) throws -> String {
    let folder = directory.file("limits")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in ["hang.py", "boom.py"] {
      try FileManager.default.copyItem(
        atPath: programsFolder + "/tests/fixtures/corpus/" + name, toPath: folder + "/" + name)
    }
    let sleeper = """
      import time


      def sleeper(n):
          time.sleep(1000)
          return n

      # ---- input ----
      ENTRY = "sleeper"
      DOC = "sleeps in C, reporting no events (tests the client's timeout)"
      def make_input(rng, size):
          return (size,)

      """
    try sleeper.write(toFile: folder + "/sleeper.py", atomically: true, encoding: .utf8)
    return folder
  }

  /// Live processes whose command line contains `marker` (zombies excluded).
  static func processes(mentioning marker: String) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap(Int32.init).filter { pid in
      guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
        String(decoding: data, as: UTF8.self).contains(marker),
        let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return false }
      let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
      return state != "Z" && state != "X"
    }
  }

  /// Waits up to `seconds` for no process to mention `marker`; returns those left.
  static func waitUntilGone(mentioning marker: String, seconds: Double = 5) -> [Int32] {
    let deadline = Date().addingTimeInterval(seconds)
    var left = processes(mentioning: marker)
    while !left.isEmpty, Date() < deadline {
      usleep(50_000)
      left = processes(mentioning: marker)
    }
    for pid in left { kill(pid, SIGKILL) }  // tests clean up what they start
    return left
  }
}
