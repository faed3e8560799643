import CWMBenchCore
import Foundation

/// The line-length sweep of `make bench`: the same bytes as many short lines and as one long
/// one, through the two readers of task files (`LineCursor`, which eval pulls examples from,
/// and `LineReader`, which the task check and the report use). Linear reading shows as equal
/// MB/s whatever the line length; a rescanning reader slows down as lines grow.
enum LineLengthBench {
  static func fmt(_ value: Double, _ digits: Int = 1) -> String {
    String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
  }

  /// Prints the section; `scale` multiplies the file size (BENCH_SCALE).
  static func run(scratch: String, scale: Double) throws {
    let total = max(16, Int(128 * scale)) << 20
    print("line length  (\(total >> 20) MiB of task-file bytes as lines of different lengths, best of 2)")
    for lines in [total >> 20, 8, 1] {
      let path = scratch + "/lines-\(lines).jsonl"
      try write(lines: lines, total: total, to: path)
      let length = total / lines
      let cursor = try best {
        let cursor = try LineCursor(path: path)
        while try cursor.next() != nil {}
      }
      let reader = try best { try LineReader.forEachLine(inFileAt: path) { _, _, _ in } }
      print(
        "  \(lines) × \(fmt(Double(length) / Double(1 << 20), 2)) MiB lines: LineCursor \(fmt(Double(total) / cursor / 1e6, 0)) MB/s, LineReader \(fmt(Double(total) / reader / 1e6, 0)) MB/s"
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
