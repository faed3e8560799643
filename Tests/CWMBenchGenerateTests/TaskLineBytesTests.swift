import CWMBenchTestSupport
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// Task lines are written key by key (each key spelled once, in `Key` enums); CPython checks that
/// every line is exactly `json.dumps(sort_keys=True)` of itself, so the order is right at every level.
@Suite(.offCooperativePool) struct TaskLineBytesTests {
  @Test func everyLineIsItsOwnSortedCompactJSON() throws {
    var input: [UInt8] = []
    var lines = 0
    for family in ShellGameFamily.Variant.allCases {
      for render in RenderKind.allCases {
        for reveal in RevealKind.allCases {
          let params = CellParameters(
            family: family, group: try Group(parsing: "S4"), length: 9, spacing: .every(2), reveal: reveal,
            hidden: 0.5, render: render)
          let factory = ExampleFactory(params: params)
          for index in 0..<3 {
            let seed = ExampleSeed.make(suiteSeed: 5, split: .test, cellKey: params.key, index: index)
            var writer = JSONWriter()
            factory.example(index: index, seed: seed).write(to: &writer)
            input += writer.bytes + [0x0A]
            lines += 1
          }
        }
      }
    }
    let script = """
      import json, sys
      n = 0
      for line in sys.stdin.read().split("\\n")[:-1]:
          again = json.dumps(json.loads(line), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
          assert again == line, (line[:200], again[:200])
          n += 1
      print(n)
      """
    #expect(try Python.run(script, input: String(decoding: input, as: UTF8.self)) == "\(lines)\n")
  }
}
