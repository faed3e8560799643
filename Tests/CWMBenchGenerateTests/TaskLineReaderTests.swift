import CWMBenchTestSupport
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate

/// The task line's fast read path must read exactly what its decoder reads.
@Suite(.offCooperativePool) struct TaskLineReaderTests {
  static func lines() throws -> [String] {
    var lines: [String] = []
    for family in ShellGameFamily.Variant.allCases {
      for render in RenderKind.allCases {
        for reveal in RevealKind.allCases {
          for group in ["S3", "A4", "Z5"] {
            let params = CellParameters(
              family: family, group: try Group(parsing: group), length: 11, spacing: .every(3), reveal: reveal,
              hidden: 0.5, render: render)
            guard (try? params.validate()) != nil else { continue }
            let factory = ExampleFactory(params: params)
            for index in 0..<3 {
              let seed = ExampleSeed.make(suiteSeed: 9, split: .test, cellKey: params.key, index: index)
              var writer = JSONWriter()
              factory.example(index: index, seed: seed).write(to: &writer)
              lines.append(String(decoding: writer.bytes, as: UTF8.self))
            }
          }
        }
      }
    }
    return lines
  }

  static func fast(_ line: String) -> TaskExample? {
    Array(line.utf8).withUnsafeBytes { TaskLineReader.read($0, families: .builtIn) }
  }

  /// One cache across lines of many cells, in an order that changes cell at every line and
  /// repeats it at others: each line reads as the decoder reads it alone.
  @Test func aCacheSharedAcrossCellsNeverLendsALineAnotherCellsParams() throws {
    let lines = try Self.lines()
    let order = lines.indices.map { ($0 * 7) % lines.count } + lines.indices.map { $0 }
    var cache = TaskLineCache()
    var reused = 0
    for index in order {
      let line = lines[index]
      let before = cache.params
      let read = try #require(
        Array(line.utf8).withUnsafeBytes { TaskLineReader.read($0, families: .builtIn, cache: &cache) })
      #expect(read == (try TaskExample(json: JSONParser.parse(line))))
      if let before, before == read.params { reused += 1 }
    }
    #expect(reused > 0)
  }

  @Test func everyWrittenLineReadsTheSameBothWays() throws {
    let lines = try Self.lines()
    #expect(lines.count > 60)
    for line in lines {
      let fast = try #require(Self.fast(line), "the fast path declined \(line.prefix(120))")
      #expect(fast == (try TaskExample(json: JSONParser.parse(line))))
    }
  }

  /// Lines the codec would not write go to the decoder, which accepts or names them as before.
  @Test func unusualLinesAreLeftToTheDecoder() throws {
    let line = try #require(try Self.lines().first)
    let variants = [
      line.replacingOccurrences(of: #"{"family":"#, with: #"{"extra":1,"family":"#),  // an unknown key
      line.replacingOccurrences(of: #"{"answer":"#, with: #"{"answer":"x","answer":"#),  // a repeated key
      line.replacingOccurrences(of: #""end":99"#, with: #""end":99.0"#),  // a whole number as a double
      line.replacingOccurrences(of: #""group":"S3""#, with: #""group":"Q3""#),  // a value the decoder refuses
      " " + line + " ",  // whitespace around: still the fast path
    ]
    for variant in variants.dropLast() {
      #expect(variant != line)
      #expect(Self.fast(variant) == nil, "\(variant.prefix(100))")
      // Through the reader the outcome is the decoder's, error or example.
      let generic = Result { try TaskExample(json: JSONParser.parse(variant)) }
      let read = Result {
        try Array(variant.utf8).withUnsafeBytes { bytes in
          Result { () throws(TaskFileError) in
            try TaskFileReader.decode(bytes, path: "t.jsonl", lineNumber: 1, families: .builtIn)
          }
        }.get()
      }
      switch (generic, read) {
      case (.success(let a), .success(let b)): #expect(a == b)
      case (.failure, .failure): break
      default: Issue.record("the reader and the decoder disagree on \(variant.prefix(100))")
      }
    }
    #expect(Self.fast(variants.last!) == (try TaskExample(json: JSONParser.parse(line))))
  }
}
