import CWMBenchCore
import Foundation

/// `make bench`'s report figures (section 4; `BENCH_ONLY=report` runs it alone).
///
/// One run: oracle results over small S3 traces, one query per example, at 250k and 1M lines
/// (the throughput figure). Two runs of the same task file (oracle and last-reveal) at the smaller
/// size: the report then also pairs them (`accuracy_diff`), which must keep memory flat. Those
/// runs write no sample browser (`--samples none`, the figures stay comparable with earlier
/// releases); one more report at the smaller size writes `samples/` for every example.
enum ReportBench {
  /// Runs the section; `spec` writes a perm suite spec of that many examples, `spawn` runs the CLI
  /// as a child and returns (seconds, peak MiB).
  static func run(
    scratch: String, scale: Double, spec: (Int) -> String,
    spawn: ([String]) -> (seconds: Double, peakMiB: Double)
  ) {
    func fmt(_ value: Double, _ digits: Int) -> String {
      String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
    }
    print("report  (oracle results over small S3 traces: one query per example)")
    let sizes = [Int(250_000 * scale), Int(1_000_000 * scale)]
    for examples in sizes {
      let folder = scratch + "/rep"
      _ = spawn(["generate", spec(examples), "--out", folder, "--quiet"])
      let tasks = folder + "/rep\(examples).jsonl"
      _ = spawn(["eval", tasks, "--model", "oracle", "--out", folder + "/oracle", "--quiet"])
      let run = spawn(["report", folder + "/oracle", "--out", folder + "/report", "--samples", "none"])
      print(
        "  \(examples) result lines: \(fmt(run.seconds, 2)) s, \(fmt(Double(examples) / run.seconds, 0)) lines/s, peak memory \(fmt(run.peakMiB, 1)) MiB"
      )
      if examples == sizes[0] {
        _ = spawn(["eval", tasks, "--model", "last-reveal", "--out", folder + "/last-reveal", "--quiet"])
        let paired = spawn([
          "report", folder + "/oracle", folder + "/last-reveal", "--out", folder + "/paired", "--samples", "none",
        ])
        print(
          "  \(examples) × 2 result lines, one pair: \(fmt(paired.seconds, 2)) s, \(fmt(Double(2 * examples) / paired.seconds, 0)) lines/s, peak memory \(fmt(paired.peakMiB, 1)) MiB"
        )
        let sampled = spawn(["report", folder + "/oracle", folder + "/last-reveal", "--out", folder + "/sampled"])
        print(
          "  \(examples) × 2 result lines with samples/ (every example): \(fmt(sampled.seconds, 2)) s, \(fmt(Double(2 * examples) / sampled.seconds, 0)) lines/s, peak memory \(fmt(sampled.peakMiB, 1)) MiB"
        )
      }
      try? FileManager.default.removeItem(atPath: folder)
    }
    print("")
  }
}
