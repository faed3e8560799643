import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCLI
@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate
@testable import CWMBenchReport

/// Pins the bytes `generate` writes, so that refactoring cannot change a task file unnoticed.
///
/// `taskFile` and `manifest` were taken with the binary before the layout change (commit df23230).
/// Since then task lines also record the trace's structure (`initial`, and each query's `values`
/// and `variable`); with those fields removed, the files must still be those bytes exactly.
/// `structuredTaskFile` pins the file as written now. A change that means to alter generated
/// files must update the pins and say why. The manifest pins changed with `cwmbench_version`
/// 0.2.0 (issue 21), the only field that differs in these manifests.
/// Since cwmbench 0.2.0 each query also records `copy`
/// (issue 20): it is stripped with the structure, and the manifest's version is set back to the
/// one the old bytes were written with; `structuredTaskFile` was re-taken (before: 0f9c136e…,
/// 38b3a71f…, 7c6fd18e…, 072e2b34…).
@Suite(.offCooperativePool) struct GeneratePinnedOutputTests {
  static let pfsaSpec = """
    {"name": "pfsa-pin", "seed": 1, "family": "pfsa",
     "grid": {"group": ["S3", "S5"], "hidden": [0.1, 0.5], "reveal": ["one", "all"], "length": [16, 32],
              "spacing": [1, 4, "final"]},
     "fixed": {"choices": 2}, "examples": 3, "train": {"grid": {"length": [16]}, "examples": 5}}
    """

  static let cwmSpec = """
    {"name": "cwm-pin", "seed": 7,
     "grid": {"family": ["perm", "pfsa"], "group": ["S3", "A4"], "length": [8, 24], "spacing": [1, 3, "final"],
              "render": ["cwm", "nl"]},
     "fixed": {"reveal": "one", "hidden": 0.25, "choices": 2}, "examples": 4}
    """

  struct Pin: Sendable, CustomTestStringConvertible {
    var spec: String  // a path under the checkout, or inline JSON
    var split: String
    var name: String
    var taskFile: String
    var manifest: String
    var structuredTaskFile: String
    var testDescription: String { "\(name) (\(split))" }
  }

  static let pins: [Pin] = [
    Pin(
      spec: "Tasks/default.json", split: "test", name: "default",
      taskFile: "afc12204748d84815c207ab43b07268a72b137c7bf1b0b84d4ffa735dfd642fa",
      manifest: "d638a9811dd4e53c95b839976cb17be5147f596adb03bb84704e6026fd35308a",
      structuredTaskFile: "7777cdc187ba0d6a199709a242087bf606fdd81afe9c8492ae831e8b0fa695e8"),
    Pin(
      spec: pfsaSpec, split: "test", name: "pfsa-pin",
      taskFile: "42662654c7a9d90f9fb7d0c3b851e848c3aecf758077fa09ecf0ec515063fe56",
      manifest: "e7eb7240c8efdc728d9538b7205356d11e65d95d2eea07ddd5139bd6c305797e",
      structuredTaskFile: "55a9bf9a989e35f6960a1fdfaf0139200d861154a104b2e31ffaec06cb97f8c6"),
    Pin(
      spec: pfsaSpec, split: "train", name: "pfsa-pin",
      taskFile: "6e6e06516b989f4932d1b187725175093db684bd3b2304087e09e1295849044e",
      manifest: "12ded1c0824741a369392daa72ba8ba3c044597f5c9b7b3fe4a90ca11ed3b2ed",
      structuredTaskFile: "6eeed3e9e084a8d4cfcab1f57c22d7b25bea42b0859bcf52fa88fcfd954d14c0"),
    // Re-pinned when the cwm renderer took up Code World Model's format (issue 12): the context
    // marks `def main():  # << START_OF_TRACE` and the return frame shows the last executed
    // statement instead of `return None`; the nl half of the suite is unchanged. Before:
    // da1a502a…, ce59c9d3…, e1593cb0…. Re-pinned for reveal cues (issue 21, 0.2.0): names
    // written and values queried, hidden frames without locals. Before: 0cbf2acb…, f05a829b…,
    // 072e2b34…. Every manifest changed then too (its `cwmbench_version`).
    Pin(
      spec: cwmSpec, split: "test", name: "cwm-pin",
      taskFile: "b7ac7f4bf7e00ffd2f0debc1c8ddb5024d372b5cbd11ddd06d8e92f7d6b9dc4c",
      manifest: "e243729dc46a9cc50d5a7b0ae368522be5816065f97811094ab8026744e95a6d",
      structuredTaskFile: "030e27d00782b0f8deed3da9f397e96842552f78c5cba2861bf453b99f709187"),
  ]

  @Test(arguments: pins)
  func generatedBytesMatchThePin(pin: Pin) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cwmbench-pin-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let specPath: String
    if pin.spec.hasPrefix("{") {
      specPath = directory + "/\(pin.name).json"
      try pin.spec.write(toFile: specPath, atomically: true, encoding: .utf8)
    } else {
      specPath = Binary.packageRoot + "/" + pin.spec
    }
    let context = CommandContext.memory(currentDirectory: directory)
    let status = await CWMBenchCLI.run(
      arguments: ["generate", specPath, "--split", pin.split, "--out", "out"], context: context)
    #expect(status == 0, "\(context.standardError.contents)")
    let taskPath = directory + "/out/\(pin.name).jsonl"
    #expect(try SHA256.hexDigest(ofFileAt: taskPath) == pin.structuredTaskFile)

    // Without the structure fields, the task file and its manifest are the old bytes.
    var stripped: [UInt8] = []
    for line in try String(contentsOfFile: taskPath, encoding: .utf8).split(separator: "\n") {
      guard case .object(var example) = try JSONParser.parse(String(line)),
        case .array(let queries) = example["queries"]
      else { throw PinFailure.notATaskLine }
      example["initial"] = nil
      example["queries"] = .array(
        queries.map { query in
          guard case .object(var fields) = query else { return query }
          fields["values"] = nil
          fields["variable"] = nil
          fields["copy"] = nil
          return .object(fields)
        })
      stripped += Array(JSONWriter.encode(.object(example)).utf8) + [0x0A]
    }
    let strippedDigest = SHA256.hexDigest(of: stripped)
    #expect(strippedDigest == pin.taskFile)
    guard
      case .object(var manifest) = try JSONParser.parse(
        String(contentsOfFile: directory + "/out/\(pin.name).manifest.json", encoding: .utf8))
    else { throw PinFailure.notAManifest }
    #expect(manifest["sha256"] == .string(try SHA256.hexDigest(ofFileAt: taskPath)))
    manifest["sha256"] = .string(strippedDigest)
    #expect(manifest["cwmbench_version"] == .string(cwmbenchVersion))
    manifest["cwmbench_version"] = .string("0.1.0")
    #expect(SHA256.hexDigest(of: Array(JSONWriter.encode(.object(manifest), pretty: true).utf8)) == pin.manifest)
  }

  enum PinFailure: Error {
    case notATaskLine, notAManifest
  }
}
