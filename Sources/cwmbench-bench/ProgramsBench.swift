import CWMBenchCore
import CWMBenchFamilies
import CWMBenchFormats
import CWMBenchGenerate
import Foundation

/// The `programs` figures of `make bench`: traces per second through the generator (tracer
/// processes included) at two lengths and two job counts, and what the Swift side alone costs.
enum ProgramsBench {
  static func fmt(_ value: Double, _ digits: Int = 1) -> String {
    String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
  }

  /// Prints the section; `scale` multiplies the example counts (BENCH_SCALE).
  static func run(packageRoot: String, scratch: String, scale: Double) throws {
    let tracers = TracerConfiguration(folder: packageRoot + "/Programs")
    let pool = try TracerPool(configuration: tracers)
    let families = FamilyRegistry.builtIn.registering(ProgramsFamily(tracers: tracers))
    let corpus = pool.hello.programs.count
    print(
      "programs  (the \(corpus)-program corpus traced by \(pool.hello.implementation) \(pool.hello.python), spacing 4)")
    for length in [64, 512] {
      let examples = max(corpus, Int(Double((length <= 64 ? 4 : 2) * corpus) * scale))
      let spec = try SuiteSpec(
        json: .object([
          "name": .string("programs\(length)"), "seed": .int(1), "family": .string("programs"),
          "examples": .int(examples),
          "grid": .object(["length": .array([.int(length)]), "spacing": .array([.int(4)])]),
        ]), origin: "bench", families: families)
      var times: [Int: Double] = [:]
      for jobs in [1, 2] {
        var best = Double.infinity
        var bytes = 0
        for _ in 0..<2 {
          let started = Date()
          let summary = try SuiteGenerator(spec: spec, split: .test, jobs: jobs)
            .write(toDirectory: scratch + "/programs")
          best = min(best, Date().timeIntervalSince(started))
          bytes = summary.bytes
        }
        times[jobs] = best
        print(
          "  length \(length), --jobs \(jobs): \(fmt(Double(examples) / best)) traces/s "
            + "(\(examples) examples, \(fmt(Double(bytes) / 1e6, 2)) MB in \(fmt(best, 2)) s, best of 2, tracer start included)"
        )
      }
      print("  length \(length), --jobs 2 speed-up over --jobs 1: \(fmt(times[1]! / times[2]!, 2))x")
    }
    // The Swift side alone: rendering traces already read from the tracer.
    var traces: [ProgramTrace] = []
    let traceStart = Date()
    for (index, program) in pool.hello.programs.enumerated() {
      traces.append(try pool.trace(program: program, seed: UInt64(index + 1), length: 512))
    }
    let traceSeconds = Date().timeIntervalSince(traceStart)
    pool.shutdown()
    let renderer = ProgramRenderer(spacing: .every(4))
    let rounds = 20
    var bytes = 0
    let renderStart = Date()
    for _ in 0..<rounds {
      for trace in traces {
        var text: [UInt8] = []
        _ = renderer.render(trace, into: &text)
        bytes += text.count
      }
    }
    let renderSeconds = Date().timeIntervalSince(renderStart) / Double(rounds)
    print(
      "  length 512, one tracer: \(fmt(Double(traces.count) / traceSeconds)) traces/s read and decoded; "
        + "rendering alone \(fmt(Double(traces.count) / renderSeconds, 0)) traces/s "
        + "(\(fmt(Double(bytes) / Double(rounds) / renderSeconds / 1e6)) MB/s): \(fmt(100 * renderSeconds / traceSeconds)) % of the trace time"
    )
    try? FileManager.default.removeItem(atPath: scratch + "/programs")
  }
}
