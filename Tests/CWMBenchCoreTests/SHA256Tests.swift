import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore

@Suite(.offCooperativePool) struct SHA256Tests {
  static let lengths = [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 1000, 4097, 1 << 20]

  static func randomBytes(count: Int, seed: UInt64) -> [UInt8] {
    var rng = Xoshiro256(seed: seed)
    return (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
  }

  @Test func matchesHashlibOnManyLengths() throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var paths: [String] = []
    var ours: [String] = []
    for (index, length) in Self.lengths.enumerated() {
      let bytes = Self.randomBytes(count: length, seed: UInt64(index) + 100)
      let path = "\(directory)/input-\(index)"
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      paths.append(path)
      ours.append(SHA256.hexDigest(of: bytes))
    }
    let theirs = try Python.lines(
      "import hashlib, sys\nfor p in sys.argv[1:]: print(hashlib.sha256(open(p, 'rb').read()).hexdigest())",
      arguments: paths)
    #expect(theirs == ours)
  }

  @Test func knownVectors() {
    #expect(SHA256.hexDigest(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hexDigest(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test(arguments: [1, 7, 63, 64, 65, 1000])
  func incrementalUpdatesMatchOneShot(step: Int) {
    let bytes = Self.randomBytes(count: 5000, seed: UInt64(step))
    var hasher = SHA256()
    var offset = 0
    while offset < bytes.count {
      let next = min(bytes.count, offset + step)
      hasher.update(Array(bytes[offset..<next]))
      offset = next
    }
    #expect(SHA256.hex(hasher.finalize()) == SHA256.hexDigest(of: bytes))
  }

  @Test func fileDigestMatchesSha256sum() throws {
    let directoryFolder = try TemporaryDirectory()
    let directory = directoryFolder.path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = "\(directory)/big.bin"
    // Larger than the 1 MiB read chunk and not a multiple of it, so chunk seams are crossed.
    try Data(Self.randomBytes(count: (1 << 20) * 2 + 12345, seed: 9)).write(to: URL(fileURLWithPath: path))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["sha256sum", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let expected = String(output.prefix(64))
    #expect(expected.count == 64)
    #expect(try SHA256.hexDigest(ofFileAt: path) == expected)
  }

  @Test func missingFileNamesThePath() {
    #expect(throws: CoreError.cannotOpen(path: "/nonexistent/x.jsonl", reason: "no such file or directory")) {
      try SHA256.hexDigest(ofFileAt: "/nonexistent/x.jsonl")
    }
  }
}
