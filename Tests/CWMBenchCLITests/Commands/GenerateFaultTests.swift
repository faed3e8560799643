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

  @Test(.enabled(if: PrivateMount.isAvailable, "needs a private tmpfs (unshare -m, mount)"))
  func aFullDiskWhileTheManifestIsWrittenLeavesNeitherFile() throws {
    let directory = try TemporaryDirectory()
    try Self.spec.write(toFile: directory.file("x.json"), atomically: true, encoding: .utf8)
    // The same output elsewhere says how many 4 KiB pages the task file takes: with exactly
    // those free, the disk fills up at the manifest.
    let sized = try Self.shell(#"exec "$BIN" generate x.json --out sized"#, in: directory.path)
    #expect(sized.status == 0, "\(sized.stderr)")
    let size = (try FileManager.default.attributesOfItem(atPath: directory.file("sized/x.jsonl"))[.size] as? Int) ?? 0
    let result = try PrivateMount.run(
      """
      mkdir disk/out
      "$BIN" generate x.json --out disk/out 2>generate.stderr
      echo $? > generate.status
      ls -A disk/out > listing
      """, freePages: (size + 4095) / 4096, in: directory.path)
    #expect(result.status == 0, "\(result.stderr)")
    let errors = (try? String(contentsOfFile: directory.file("generate.stderr"), encoding: .utf8)) ?? ""
    #expect((try? String(contentsOfFile: directory.file("generate.status"), encoding: .utf8)) == "1\n", "\(errors)")
    #expect(errors.lowercased().contains("no space left on device") && errors.contains("manifest"), "\(errors)")
    #expect((try? String(contentsOfFile: directory.file("listing"), encoding: .utf8)) == "", "\(errors)")
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
