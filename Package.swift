// swift-tools-version:6.0
import PackageDescription

// The three stages meet only in the formats: generate writes task files, eval reads them and
// writes result lines and run.json, report reads all of them. No stage imports another.
//
//   CWMBenchCore ← CWMBenchFormats ← CWMBenchGenerate, CWMBenchEval, CWMBenchReport ← CWMBenchCLI ← cwmbench
let package = Package(
  name: "cwmbench",
  platforms: [.macOS(.v15)],
  products: [
    .library(
      name: "CWMBench",
      targets: ["CWMBenchCore", "CWMBenchFormats", "CWMBenchGenerate", "CWMBenchEval", "CWMBenchReport"]),
    .executable(name: "cwmbench", targets: ["cwmbench"]),
  ],
  targets: [
    // JSON, files and lines, PRNG, SHA-256, the ordered pipeline, number formatting: no domain knowledge.
    .target(name: "CWMBenchCore"),
    // Every file format (task line, suite spec, manifest, result line, run.json) with its one codec.
    .target(name: "CWMBenchFormats", dependencies: ["CWMBenchCore"]),
    // Groups, traces, the Bayes filter, renderers, suites: writes task files.
    .target(name: "CWMBenchGenerate", dependencies: ["CWMBenchCore", "CWMBenchFormats"]),
    // Adapters, baselines and the runner: reads task files, writes results.
    .target(name: "CWMBenchEval", dependencies: ["CWMBenchCore", "CWMBenchFormats"]),
    // Statistics, tables and plots: reads task files and results.
    .target(name: "CWMBenchReport", dependencies: ["CWMBenchCore", "CWMBenchFormats"]),
    // The command-line surface: argument parsing, help, exit codes.
    .target(
      name: "CWMBenchCLI",
      dependencies: ["CWMBenchCore", "CWMBenchFormats", "CWMBenchGenerate", "CWMBenchEval", "CWMBenchReport"]),
    // A thin entry point so the CLI stays testable as a library.
    .executableTarget(name: "cwmbench", dependencies: ["CWMBenchCLI"]),
    // `make bench`: throughput and memory figures, measured in a release build.
    .executableTarget(
      name: "cwmbench-bench", dependencies: ["CWMBenchCore", "CWMBenchFormats", "CWMBenchGenerate", "CWMBenchEval"]),

    // Helpers every test target shares: one Python runner, one temporary folder.
    .target(name: "CWMBenchTestSupport", path: "Tests/Support"),
    .testTarget(name: "CWMBenchCoreTests", dependencies: ["CWMBenchCore", "CWMBenchTestSupport"]),
    .testTarget(name: "CWMBenchFormatsTests", dependencies: ["CWMBenchFormats", "CWMBenchTestSupport"]),
    .testTarget(
      name: "CWMBenchGenerateTests", dependencies: ["CWMBenchGenerate", "CWMBenchFormats", "CWMBenchTestSupport"]),
    // The baselines are checked on suites the real generator writes.
    .testTarget(
      name: "CWMBenchEvalTests",
      dependencies: ["CWMBenchEval", "CWMBenchFormats", "CWMBenchGenerate", "CWMBenchTestSupport"]),
    // The report's tests make their fixtures with the real generator and runner.
    .testTarget(
      name: "CWMBenchReportTests",
      dependencies: ["CWMBenchReport", "CWMBenchFormats", "CWMBenchGenerate", "CWMBenchEval", "CWMBenchTestSupport"],
      exclude: ["Golden"]),
    .testTarget(name: "CWMBenchCLITests", dependencies: ["CWMBenchCLI", "CWMBenchTestSupport"]),
  ]
)
