import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore

@Suite(.offCooperativePool) struct AtomicFileTests {
  static func contents(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  static func listing(_ directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
  }

  @Test func commitRenamesOntoTheFinalName() throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = "\(directory)/suite.jsonl"
    let file = try AtomicFile(path: path)
    #expect(file.temporaryPath.hasPrefix("\(directory)/.suite.jsonl.tmp-\(getpid())-"))
    let temporaryName = URL(fileURLWithPath: file.temporaryPath).lastPathComponent
    // Mix small buffered writes with one larger than the 64 KiB buffer.
    var expected: [UInt8] = []
    for index in 0..<1000 {
      let line = Array("line \(index)\n".utf8)
      try file.write(line)
      expected += line
    }
    let big = [UInt8](repeating: 0x41, count: 200_000)
    try file.write(big)
    try file.write("tail")
    expected += big + Array("tail".utf8)
    #expect(try Self.listing(directory) == [temporaryName])
    try file.commit(sync: true)
    #expect(try Self.listing(directory) == ["suite.jsonl"])
    #expect(try Self.contents(path) == expected)
    #expect(throws: CoreError.closed(path: path)) { try file.write([1]) }
  }

  @Test func discardLeavesNothingAndKeepsAnOldFile() throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = "\(directory)/out.json"
    try AtomicFile.write(Array("old".utf8), to: path)
    let file = try AtomicFile(path: path)
    try file.write(Array("new content".utf8))
    file.discard()
    file.discard()
    #expect(try Self.listing(directory) == ["out.json"])
    #expect(try Self.contents(path) == Array("old".utf8))
  }

  @Test func droppingWithoutCommitDiscards() throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    do {
      let file = try AtomicFile(path: "\(directory)/dropped.jsonl")
      try file.write([UInt8](repeating: 0x42, count: 100_000))
    }
    #expect(try Self.listing(directory) == [])
  }

  @Test func relativePathAndMissingDirectory() throws {
    #expect(throws: CoreError.cannotOpen(path: "no-such-dir/x.jsonl", reason: "no such file or directory")) {
      try AtomicFile(path: "no-such-dir/x.jsonl")
    }
    #expect(
      CoreError.writeFailed(path: "out/x.jsonl", reason: "permission denied").description
        == "cannot write 'out/x.jsonl': permission denied")
    #expect(splitPath("x.jsonl") == (nil, "x.jsonl"))
    #expect(splitPath("/x.jsonl") == ("/", "x.jsonl"))
    #expect(splitPath("a/b/x.jsonl") == ("a/b", "x.jsonl"))
  }

  @Test func renameFailureLeavesNoTemporaryFile() throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // A non-empty directory under the final name makes rename() fail.
    let path = "\(directory)/taken"
    try FileManager.default.createDirectory(atPath: path + "/inside", withIntermediateDirectories: true)
    let file = try AtomicFile(path: path)
    try file.write([1, 2, 3])
    #expect(throws: CoreError.self) { try file.commit() }
    #expect(try Self.listing(directory) == ["taken"])
  }
}

@Suite(.offCooperativePool) struct AppendFileTests {
  @Test func appendsWholeLinesTruncatesAndReopens() throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = "\(directory)/results.jsonl"
    let file = try AppendFile(path: path)
    try file.appendLine(Array(#"{"id":"a"}"#.utf8))
    try file.appendLine([UInt8]())
    #expect(try file.length() == 12)
    try file.sync()
    file.close()
    #expect(throws: CoreError.closed(path: path)) { try file.appendLine([1]) }

    // Simulate an interrupted write, then resume: drop the half line and append after it.
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(#"{"id":"hal"#.utf8))
    try handle.close()
    var keep = 0
    try LineReader.forEachLine(inFileAt: path) { line, _, terminated in
      if terminated { keep += line.count + 1 }
    }
    let resumed = try AppendFile(path: path)
    try resumed.truncate(toLength: keep)
    try resumed.appendLine(Array(#"{"id":"b"}"#.utf8))
    #expect(
      String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        == "{\"id\":\"a\"}\n\n{\"id\":\"b\"}\n")
  }

  @Test func cannotOpenInMissingDirectory() {
    #expect(throws: CoreError.cannotOpen(path: "/no/such/results.jsonl", reason: "no such file or directory")) {
      try AppendFile(path: "/no/such/results.jsonl")
    }
  }
}
