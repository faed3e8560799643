import CWMBenchCore
import Foundation

/// The line-length sweep of `make bench`: short lines and ever longer ones through the two
/// readers of task files (`LineCursor`, which eval pulls examples from, and `LineReader`, which
/// the task check and the report use).
enum LineLengthBench {
  static func fmt(_ value: Double, _ digits: Int = 1) -> String {
    String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
  }

  /// Prints the section; `scale` multiplies the sizes (BENCH_SCALE).
  ///
  /// The first two rows hold the same bytes in lines of 1 and 16 MiB; the single lines then
  /// double. Linear reading keeps the MB/s of the single lines flat as they double (holding a
  /// line whole costs fresh memory, so they sit below the reused buffer of shorter lines); a
  /// reader rescanning from the line start after every read halves its MB/s at each doubling.
  static func run(scratch: String, scale: Double) throws {
    let mebibyte = 1 << 20
    let unit = max(1, Int(16 * scale))
    print("line length  (lines of 1 MiB to \(8 * unit) MiB through both task-file readers; MB/s, best of 2)")
    for (lines, length) in [
      (8 * unit, mebibyte), (8, unit * mebibyte), (1, 2 * unit * mebibyte), (1, 4 * unit * mebibyte),
      (1, 8 * unit * mebibyte),
    ] {
      let path = scratch + "/lines-\(lines)x\(length).jsonl"
      try write(lines: lines, total: lines * length, to: path)
      let total = Double(lines * length)
      let cursor = try best {
        let cursor = try LineCursor(path: path)
        while try cursor.next() != nil {}
      }
      let reader = try best { try LineReader.forEachLine(inFileAt: path) { _, _, _ in } }
      print(
        "  \(lines) × \(length / mebibyte) MiB: LineCursor \(fmt(total / cursor / 1e6, 0)) MB/s (\(fmt(cursor, 3)) s), LineReader \(fmt(total / reader / 1e6, 0)) MB/s"
      )
      try? FileManager.default.removeItem(atPath: path)
    }
    print("")
  }

  /// The best wall time of two runs of `body`, in seconds.
  static func best(_ body: () throws -> Void) throws -> Double {
    var best = Double.infinity
    for _ in 0..<2 {
      let started = Date()
      try body()
      best = min(best, Date().timeIntervalSince(started))
    }
    return best
  }

  /// `lines` newline-terminated lines of JSON-like filler adding up to `total` bytes.
  static func write(lines: Int, total: Int, to path: String) throws {
    guard let handle = FileHandle(forWritingAtPath: path) ?? createAndOpen(path) else {
      fatalError("cannot write \(path)")
    }
    defer { try? handle.close() }
    let block = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
    let length = total / lines
    for _ in 0..<lines {
      var left = length - 1
      while left > 0 {
        let count = min(left, block.count)
        try handle.write(contentsOf: block[0..<count])
        left -= count
      }
      try handle.write(contentsOf: [0x0A])
    }
  }

  static func createAndOpen(_ path: String) -> FileHandle? {
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    return FileHandle(forWritingAtPath: path)
  }
}
