import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

@Suite struct ModelSpecTests {
  /// The checkout's `Adapters/python`, found from this file's path.
  static let adapters = AdapterTestSupport.fixtures.deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Adapters/python").path

  @Test func bundledCommandsNameFilesThatExist() throws {
    let cases: [(ModelSpec, String)] = [
      (.huggingFace("/m"), "hf_adapter.py"), (.gguf("/m.gguf"), "gguf_adapter.py"), (.reference("/m"), "adapter.py"),
    ]
    for (spec, script) in cases {
      let command = try #require(spec.bundledCommand(adaptersDirectory: Self.adapters))
      // python3 'SCRIPT' 'MODEL': the script is the second word, quoted.
      let quoted = command.split(separator: "'").map(String.init)
      let path = try #require(quoted.first(where: { $0.hasSuffix(script) }))
      #expect(FileManager.default.fileExists(atPath: path), "\(spec): \(path) is missing")
    }
  }

  @Test func referenceCheckpointsUseTheReferenceFolder() throws {
    let command = try #require(ModelSpec.reference("/ckpt").bundledCommand(adaptersDirectory: Self.adapters))
    #expect(command.contains("/Reference/adapter.py'"))
  }
}
