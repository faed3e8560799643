import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore

@Suite(.offCooperativePool) struct LineReaderTests {
  struct Line: Equatable {
    var text: [UInt8]
    var number: Int
    var terminated: Bool
  }

  static func read(_ path: String, chunkSize: Int) throws -> [Line] {
    var lines: [Line] = []
    try LineReader.forEachLine(inFileAt: path, chunkSize: chunkSize) { bytes, number, terminated in
      lines.append(Line(text: Array(bytes), number: number, terminated: terminated))
    }
    return lines
  }

  /// The expected lines, worked out independently of the reader by splitting the whole content.
  static func expected(_ content: [UInt8]) -> [Line] {
    var pieces = content.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    let terminatedAtEnd = content.last == 0x0A || content.isEmpty
    if terminatedAtEnd { pieces.removeLast() }
    return pieces.enumerated().map { index, text in
      Line(text: text, number: index + 1, terminated: index < pieces.count - 1 || terminatedAtEnd)
    }
  }

  static func randomContent(seed: UInt64) -> [UInt8] {
    var rng = Xoshiro256(seed: seed)
    var content: [UInt8] = []
    for _ in 0..<rng.uniform(in: 0...40) {
      // Mostly short lines, some empty, some much longer than the small chunk sizes used.
      let length = [0, rng.uniform(below: 10), rng.uniform(below: 200)][rng.uniform(below: 3)]
      content += (0..<length).map { _ in UInt8(rng.uniform(in: 0x20...0x7E)) }
      content.append(0x0A)
    }
    if rng.uniform(below: 2) == 0 {
      content += Array("unterminated tail".utf8)
    }
    return content
  }

  @Test(arguments: [1, 3, 7, 64, LineReader.defaultChunkSize])
  func randomFilesSplitLikeArraySplit(chunkSize: Int) throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for seed in UInt64(0)..<25 {
      let content = Self.randomContent(seed: seed)
      let path = "\(directory)/f\(seed).jsonl"
      try Data(content).write(to: URL(fileURLWithPath: path))
      #expect(try Self.read(path, chunkSize: chunkSize) == Self.expected(content), "seed \(seed)")
    }
  }

  @Test(arguments: [
    ("", [Line]()),
    ("\n", [Line(text: [], number: 1, terminated: true)]),
    ("a", [Line(text: [0x61], number: 1, terminated: false)]),
    ("a\nb\n", [Line(text: [0x61], number: 1, terminated: true), Line(text: [0x62], number: 2, terminated: true)]),
    (
      "a\n\nb",
      [
        Line(text: [0x61], number: 1, terminated: true), Line(text: [], number: 2, terminated: true),
        Line(text: [0x62], number: 3, terminated: false),
      ]
    ),
  ])
  func smallFiles(content: String, lines: [Line]) throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = "\(directory)/small"
    try Data(content.utf8).write(to: URL(fileURLWithPath: path))
    #expect(try Self.read(path, chunkSize: 2) == lines)
    #expect(try Self.read(path, chunkSize: 1 << 20) == lines)
  }

  @Test func lineLongerThanTheChunkArrivesWhole() throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = "\(directory)/long"
    let long = [UInt8](repeating: 0x7A, count: 10_000)
    try Data(long + [0x0A] + long).write(to: URL(fileURLWithPath: path))
    let lines = try Self.read(path, chunkSize: 16)
    #expect(lines == [Line(text: long, number: 1, terminated: true), Line(text: long, number: 2, terminated: false)])
  }

  @Test func bodyErrorsPropagateAndStopReading() throws {
    struct Stop: Error {}
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = "\(directory)/three"
    try Data("1\n2\n3\n".utf8).write(to: URL(fileURLWithPath: path))
    var seen: [Int] = []
    #expect(throws: Stop.self) {
      try LineReader.forEachLine(inFileAt: path) { _, number, _ in
        seen.append(number)
        if number == 2 { throw Stop() }
      }
    }
    #expect(seen == [1, 2])
  }

  @Test func missingFileNamesThePath() {
    #expect(throws: CoreError.cannotOpen(path: "no/such/file.jsonl", reason: "no such file or directory")) {
      try LineReader.forEachLine(inFileAt: "no/such/file.jsonl") { _, _, _ in }
    }
    #expect(
      CoreError.cannotOpen(path: "x", reason: "no such file or directory").description
        == "cannot open 'x': no such file or directory")
  }

  @Test func readingADirectoryIsAReadError() throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    #expect(throws: CoreError.readFailed(path: directory, reason: "is a directory")) {
      try LineReader.forEachLine(inFileAt: directory) { _, _, _ in }
    }
  }
}
