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

  @Test func ggufCommandsSizeTheContextFromTheTaskFileUnlessToldItsSize() throws {
    var options = ModelSpec.GGUFOptions()
    options.sizeFrom = "/t/s5 final.jsonl"
    options.shots = 3
    let sized = try #require(ModelSpec.gguf("/m.gguf").bundledCommand(adaptersDirectory: "/a", gguf: options))
    #expect(sized.hasSuffix("'/m.gguf' '--size-from' '/t/s5 final.jsonl' '--shots' '3' '--special-tokens' 'auto'"))
    options.nCtx = 4096
    options.specialTokens = "off"
    let fixed = try #require(ModelSpec.gguf("/m.gguf").bundledCommand(adaptersDirectory: "/a", gguf: options))
    #expect(fixed.hasSuffix("'/m.gguf' '--n-ctx' '4096' '--special-tokens' 'off'"))
  }

  @Test func filesAndFoldersAreNamedByTheirNames() {
    #expect(ModelSpec.gguf("/models/gemma-3-270m-it-Q8_0.gguf").fileName == "gemma-3-270m-it-Q8_0")
    #expect(ModelSpec.huggingFace("/ckpts/smollm2-135m").fileName == "smollm2-135m")
    #expect(ModelSpec.builtin(.oracle).fileName == nil)
  }
}
