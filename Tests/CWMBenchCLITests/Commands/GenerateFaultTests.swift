import CWMBenchTestSupport
import Foundation
import Testing

/// `generate` against real faults: a full disk under the manifest, temporary files of killed runs.
@Suite(.offCooperativePool) struct GenerateFaultTests {
  static let spec =
    #"{"name": "x", "seed": 1, "examples": 50, "family": "perm", "grid": {"group": ["S3"], "length": [16], "spacing": [1]}}"#

  /// Runs `script` with `sh`; `$BIN` is the cwmbench binary.
  static func shell(_ script: String, in directory: String) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = ProcessInfo.processInfo.environment.merging(["BIN": Binary.path]) { $1 }
    let errors = directory + "/.stderr"
    _ = FileManager.default.createFile(atPath: errors, contents: nil)
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
  }

  static func listing(_ directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
  }

  @Test func aFullDiskWhileTheManifestIsWrittenLeavesNeitherFile() throws {
    let directory = try TemporaryDirectory()
    try Self.spec.write(toFile: directory.file("x.json"), atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: directory.file("out"), withIntermediateDirectories: true)
    // `exec` keeps the shell's pid, so the manifest's temporary file is this link to /dev/full,
    // where every write fails with ENOSPC: a disk that fills up exactly at the manifest.
    let (status, errors) = try Self.shell(
      #"ln -s /dev/full "out/.x.manifest.json.tmp-$$" && exec "$BIN" generate x.json --out out"#, in: directory.path)
    #expect(status == 1, "\(errors)")
    #expect(errors.contains("No space left on device") || errors.contains("no space left on device"), "\(errors)")
    #expect(Self.listing(directory.file("out")) == [], "\(Self.listing(directory.file("out")))")
  }

  @Test func temporaryFilesOfKilledRunsAreRemovedAndLiveOnesKept() throws {
    let directory = try TemporaryDirectory()
    try Self.spec.write(toFile: directory.file("x.json"), atomically: true, encoding: .utf8)
    let out = directory.file("out")
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    // A process that has exited: its pid is free (pids are not reused this fast).
    let gone = Process()
    gone.executableURL = URL(fileURLWithPath: "/bin/true")
    try gone.run()
    gone.waitUntilExit()
    // A process that still runs, as another generate writing into the same folder would be.
    let live = Process()
    live.executableURL = URL(fileURLWithPath: "/bin/sleep")
    live.arguments = ["30"]
    try live.run()
    defer {
      kill(live.processIdentifier, SIGKILL)
      live.waitUntilExit()
    }
    let stale = [".x.jsonl.tmp-\(gone.processIdentifier)", ".x.manifest.json.tmp-\(gone.processIdentifier)"]
    let kept = [".x.jsonl.tmp-\(live.processIdentifier)", ".other.jsonl.tmp-\(gone.processIdentifier)"]
    for name in stale + kept {
      _ = FileManager.default.createFile(atPath: out + "/" + name, contents: Data("partial".utf8))
    }
    let (status, errors) = try Self.shell(#"exec "$BIN" generate x.json --out out"#, in: directory.path)
    #expect(status == 0, "\(errors)")
    #expect(Self.listing(out) == (kept + ["x.jsonl", "x.manifest.json"]).sorted())
  }
}
