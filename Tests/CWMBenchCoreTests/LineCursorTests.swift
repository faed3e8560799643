import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore

@Suite(.offCooperativePool) struct LineCursorTests {
  /// Every line of `path`, through a cursor reading `chunkSize` bytes at a time, and the cursor.
  static func read(_ path: String, chunkSize: Int) throws -> (lines: [[UInt8]], cursor: LineCursor) {
    let cursor = try LineCursor(path: path, chunkSize: chunkSize)
    var lines: [[UInt8]] = []
    while let (line, _) = try cursor.next() { lines.append(Array(line)) }
    return (lines, cursor)
  }

  /// Files of a few lines, each many chunks long (the shape of a 200 MB example read 1 MiB at
  /// a time): every byte is looked at a bounded number of times, however long the line.
  @Test(arguments: [(lines: 1, length: 1 << 20), (lines: 3, length: 300_001), (lines: 8, length: 1 << 17)])
  func longLinesAreScannedOnce(lines: Int, length: Int) throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("long.jsonl")
    var content: [UInt8] = []
    for index in 0..<lines {
      content += [UInt8](repeating: UInt8(ascii: "a") + UInt8(index), count: length)
      content.append(0x0A)
    }
    try Data(content).write(to: URL(fileURLWithPath: path))
    for chunkSize in [1 << 10, 1 << 12] {
      let (read, cursor) = try Self.read(path, chunkSize: chunkSize)
      #expect(read.count == lines && read.allSatisfy { $0.count == length })
      #expect(read.enumerated().allSatisfy { $0.element.first == UInt8(ascii: "a") + UInt8($0.offset) })
      // Quadratic rescanning costs (length / chunkSize) / 2 times the file; linear is once.
      #expect(cursor.bytesScanned <= 2 * content.count, "scanned \(cursor.bytesScanned) of \(content.count) bytes")
    }
  }

  /// Many short lines and an unterminated tail split exactly as `split` does.
  @Test func shortLinesAndAnUnterminatedTail() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("short.jsonl")
    let text = (0..<500).map { "line \($0)" }.joined(separator: "\n") + "\n\ntail"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let (read, cursor) = try Self.read(path, chunkSize: 7)
    #expect(
      read.map { String(decoding: $0, as: UTF8.self) }
        == text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    #expect(cursor.bytesScanned <= 2 * text.utf8.count)
  }
}
