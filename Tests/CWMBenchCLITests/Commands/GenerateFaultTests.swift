import CWMBenchTestSupport
import Foundation
import Testing

/// `generate` against real faults: a full disk under the manifest, temporary files of killed runs.
@Suite struct GenerateFaultTests {
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

/// Sizes a user types are checked against documented limits before anything is allocated or written.
@Suite struct GenerateSizeLimitTests {
  static let cases: [(arguments: [String], status: Int32, message: String)] = [
    (
      ["--family", "perm", "--group", "S3", "--length", "2000000000", "--spacing", "1"], 64,
      "option '--length': invalid length '2000000000': expected an integer from 1 to 100000"
    ),
    (
      ["--family", "perm", "--group", "S5", "--length", "512", "--spacing", "1", "--examples", "9000000"], 64,
      "suite 'inline' would write about 849.0 GB (estimated from one example of each cell), more than the limit of 20.0 GB set by --max-output-gb"
    ),
    (
      ["--family", "perm", "--group", "S3", "--length", "8", "--spacing", "1", "--examples", "20000000"], 64,
      "expected 1 to 10000000"
    ),
    (["big.json"], 65, "suite 'big' would write about 849.0 GB"),
    (["huge.json"], 65, "'huge.json': field 'examples': expected an integer from 1 to 10000000, got '1000000000'"),
  ]

  @Test(arguments: cases)
  func oversizedRequestsAreRefusedBeforeAnyWork(arguments: [String], status: Int32, message: String) throws {
    let directory = try TemporaryDirectory()
    try
      #"{"name": "big", "seed": 1, "family": "perm", "grid": {"group": ["S5"], "length": [512], "spacing": [1]}, "examples": 9000000}"#
      .write(toFile: directory.file("big.json"), atomically: true, encoding: .utf8)
    try
      #"{"name": "huge", "seed": 1, "family": "perm", "grid": {"group": ["S3"], "length": [8], "spacing": [1]}, "examples": 1000000000}"#
      .write(toFile: directory.file("huge.json"), atomically: true, encoding: .utf8)
    let result = try Binary.run(["generate"] + arguments + ["--out", "out"], in: directory.path)
    #expect(result.status == status, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
    #expect(!FileManager.default.fileExists(atPath: directory.file("out")))
  }

  @Test func theLimitIsAFlag() throws {
    let directory = try TemporaryDirectory()
    let arguments = [
      "generate", "--family", "perm", "--group", "S3", "--length", "8", "--spacing", "1", "--examples", "100",
    ]
    let refused = try Binary.run(arguments + ["--max-output-gb", "0.00001", "--out", "out"], in: directory.path)
    #expect(
      refused.status == 64 && refused.stderr.contains("more than the limit of 10.0 kB set by --max-output-gb"),
      "\(refused.stderr)")
    let allowed = try Binary.run(arguments + ["--max-output-gb", "0.001", "--out", "out"], in: directory.path)
    #expect(allowed.status == 0, "\(allowed.stderr)")
  }
}
