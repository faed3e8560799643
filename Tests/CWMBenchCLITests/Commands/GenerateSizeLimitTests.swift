import CWMBenchTestSupport
import Foundation
import Testing

/// Sizes a user types are checked against documented limits before anything is allocated or written.
@Suite(.offCooperativePool) struct GenerateSizeLimitTests {
  static let cases: [(arguments: [String], status: Int32, message: String)] = [
    (
      ["--family", "perm", "--group", "S3", "--length", "2000000000", "--spacing", "1"], 64,
      "option '--length': invalid length '2000000000': expected an integer from 1 to 100000"
    ),
    (
      ["--family", "perm", "--group", "S5", "--length", "512", "--spacing", "1", "--examples", "9000000"], 64,
      "suite 'inline' would write about 907.2 GB (estimated from one example of each cell), more than the limit of 20.0 GB set by --max-output-gb"
    ),
    (
      ["--family", "perm", "--group", "S3", "--length", "8", "--spacing", "1", "--examples", "20000000"], 64,
      "expected 1 to 10000000"
    ),
    (["big.json"], 65, "suite 'big' would write about 907.2 GB"),
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
