import CWMBenchCore
import Foundation

/// `make bench`'s resume figure: peak memory of an `eval` that resumes over a large
/// `results.jsonl`, against a fresh run of the same task file (issue 22, item 17).
///
/// Resuming reads every result line for its id; the kept lines are copied only when some line
/// must go, and then straight into the new file, so the peak should not follow the file's size.
enum ResumeMemoryBench {
  /// Generates an S5 suite, evaluates it fresh, resumes over the finished run (nothing to
  /// rewrite), then over the same run with one failed line appended (a rewrite), and prints the
  /// three peaks. `measure` runs the CLI as a child and returns (seconds, peak MiB).
  static func run(scratch: String, scale: Double, measure: ([String]) -> (seconds: Double, peakMiB: Double)) throws {
    print("eval resume  (oracle, S5 perm, length 64, spacing 4; peak memory of the child process)")
    let folder = scratch + "/resume"
    let examples = max(1000, Int(50_000 * scale))
    let spec = folder + "/resume.json"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try
      #"{"name": "resume", "seed": 1, "family": "perm", "examples": \#(examples), "grid": {"group": ["S5"], "length": [64], "spacing": [4]}}"#
      .write(toFile: spec, atomically: true, encoding: .utf8)
    _ = measure(["generate", spec, "--out", folder, "--quiet"])
    let eval = ["eval", folder + "/resume.jsonl", "--model", "oracle", "--out", folder + "/run", "--quiet"]
    let fresh = measure(eval)
    let results = folder + "/run/results.jsonl"
    let size = Double((try FileManager.default.attributesOfItem(atPath: results)[.size] as? Int) ?? 0) / 1e6
    let resumed = measure(eval)
    // A failed line (a copy of the first with an error) makes the resume rewrite results.jsonl.
    // Only the first line is read here: on Linux a child started with posix_spawn (vfork) starts
    // its peak-memory count at this process's peak, so this process must stay small.
    let reader = try FileHandle(forReadingFrom: URL(fileURLWithPath: results))
    let head = try reader.read(upToCount: 1 << 16) ?? Data()
    try reader.close()
    let firstLine = String(decoding: head.prefix { $0 != 0x0A }, as: UTF8.self)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: results))
    try handle.seekToEnd()
    let failed = firstLine.replacingOccurrences(of: #"{"error":null"#, with: #"{"error":"bench""#)
    try handle.write(contentsOf: Data((failed + "\n").utf8))
    try handle.close()
    let rewritten = measure(eval)
    print("  fresh run (\(examples) examples): peak memory \(fmt(fresh.peakMiB)) MiB")
    print("  resume over \(fmt(size)) MB of results, nothing to rewrite: peak memory \(fmt(resumed.peakMiB)) MiB")
    print(
      "  resume over \(fmt(size)) MB of results, one failed line to drop: peak memory \(fmt(rewritten.peakMiB)) MiB")
    try? FileManager.default.removeItem(atPath: folder)
    print("")
  }
}
