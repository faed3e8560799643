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
/// `structuredTaskFile` pins the file as written now. The manifests were re-pinned for 0.2.0 (they
/// record `cwmbench_version`; the task files are unchanged). A change that means to alter generated
/// files must update the pins and say why.
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
      manifest: "c528c03ae7ef53013cf0aeae613d09baed73e270479212c703627211dd302704",
      structuredTaskFile: "0f9c136e1da5e31dedb78f63e84c9636673a7be2ebe8086e473aa84505c23adf"),
    Pin(
      spec: pfsaSpec, split: "test", name: "pfsa-pin",
      taskFile: "42662654c7a9d90f9fb7d0c3b851e848c3aecf758077fa09ecf0ec515063fe56",
      manifest: "1ce45d568574b89470eac0622606b43a329872a94d74e9e2b975c00efd8299de",
      structuredTaskFile: "38b3a71f32449f9038644f0b1d69c448ee754f024a339fdc34162b1d8579f676"),
    Pin(
      spec: pfsaSpec, split: "train", name: "pfsa-pin",
      taskFile: "6e6e06516b989f4932d1b187725175093db684bd3b2304087e09e1295849044e",
      manifest: "f43245ee7c5381bd694dcec82d196d065ed6890a0ffc02529ed76f6c2d237b81",
      structuredTaskFile: "7c6fd18edd67175c60dfaf1b09ab9dcc323c1cbf90e32c2a6b96420cc385c670"),
    // Re-pinned when the cwm renderer took up Code World Model's format (issue 12): the context
    // marks `def main():  # << START_OF_TRACE` and the return frame shows the last executed
    // statement instead of `return None`; the nl half of the suite is unchanged. Before:
    // da1a502a…, ce59c9d3…, e1593cb0….
    Pin(
      spec: cwmSpec, split: "test", name: "cwm-pin",
      taskFile: "0cbf2acb26ef54fd75093008661d91304b0007d4ecacd53532ea069155b2377f",
      manifest: "0ddb13c0b9adf0e15dd1047a39a0b1325a300328eed27147ed23f096b502f138",
      structuredTaskFile: "072e2b34efa43349e78f34e97f3d65414ff2c4ae93b9f14832553c7b29b03475"),
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
    #expect(SHA256.hexDigest(of: Array(JSONWriter.encode(.object(manifest), pretty: true).utf8)) == pin.manifest)
  }

  enum PinFailure: Error {
    case notATaskLine, notAManifest
  }
}
