// swift-tools-version:6.0
import PackageDescription

// The three stages meet only in the formats and the families: generate writes task files, eval
// reads them and writes result lines and run.json, report reads all of them. No stage imports
// another; each asks the family registry about families (docs/adding-a-family.md).
//
//   CWMBenchCore ← CWMBenchFormats ← CWMBenchFamilies ← CWMBenchGenerate, CWMBenchEval, CWMBenchReport
//     ← CWMBenchCLI ← cwmbench
let package = Package(
  name: "cwmbench",
  platforms: [.macOS(.v15)],
  products: [
    .library(
      name: "CWMBench",
      targets: [
        "CWMBenchCore", "CWMBenchFormats", "CWMBenchFamilies", "CWMBenchGenerate", "CWMBenchEval", "CWMBenchReport",
      ]),
    .executable(name: "cwmbench", targets: ["cwmbench"]),
  ],
  targets: [
    // JSON, files and lines, PRNG, SHA-256, the ordered pipeline, number formatting: no domain knowledge.
    .target(name: "CWMBenchCore"),
    // Every file format (task line, suite spec, manifest, result line, run.json) with its one
    // codec, and the family plug-in protocol and registry those codecs ask.
    .target(name: "CWMBenchFormats", dependencies: ["CWMBenchCore"]),
    // The task families, one folder each (parameters, generator, renderers, baseline guess, report
    // columns, step-through), and the registry of the built-in ones.
    .target(name: "CWMBenchFamilies", dependencies: ["CWMBenchCore", "CWMBenchFormats"]),
    // The suite writer: crosses a spec into cells and streams their examples into task files.
    .target(name: "CWMBenchGenerate", dependencies: ["CWMBenchCore", "CWMBenchFormats", "CWMBenchFamilies"]),
    // Adapters, baselines and the runner: reads task files, writes results.
    .target(name: "CWMBenchEval", dependencies: ["CWMBenchCore", "CWMBenchFormats", "CWMBenchFamilies"]),
    // Statistics, tables and plots: reads task files and results.
    .target(name: "CWMBenchReport", dependencies: ["CWMBenchCore", "CWMBenchFormats", "CWMBenchFamilies"]),
    // The command-line surface: argument parsing, help, exit codes.
    .target(
      name: "CWMBenchCLI",
      dependencies: [
        "CWMBenchCore", "CWMBenchFormats", "CWMBenchFamilies", "CWMBenchGenerate", "CWMBenchEval", "CWMBenchReport",
      ]),
    // A thin entry point so the CLI stays testable as a library.
    .executableTarget(name: "cwmbench", dependencies: ["CWMBenchCLI"]),
    // `make bench`: throughput and memory figures, measured in a release build.
    .executableTarget(
      name: "cwmbench-bench",
      dependencies: ["CWMBenchCore", "CWMBenchFormats", "CWMBenchFamilies", "CWMBenchGenerate", "CWMBenchEval"]),

    // Helpers every test target shares: one Python runner, one temporary folder.
    .target(name: "CWMBenchTestSupport", path: "Tests/Support"),
    .testTarget(name: "CWMBenchCoreTests", dependencies: ["CWMBenchCore", "CWMBenchTestSupport"]),
    .testTarget(
      name: "CWMBenchFormatsTests", dependencies: ["CWMBenchFormats", "CWMBenchFamilies", "CWMBenchTestSupport"]),
    .testTarget(
      name: "CWMBenchFamiliesTests",
      dependencies: [
        "CWMBenchFamilies", "CWMBenchFormats", "CWMBenchGenerate", "CWMBenchEval", "CWMBenchReport",
        "CWMBenchTestSupport",
      ]),
    .testTarget(
      name: "CWMBenchGenerateTests",
      dependencies: ["CWMBenchGenerate", "CWMBenchFamilies", "CWMBenchFormats", "CWMBenchTestSupport"]),
    // The baselines are checked on suites the real generator writes.
    .testTarget(
      name: "CWMBenchEvalTests",
      dependencies: ["CWMBenchEval", "CWMBenchFamilies", "CWMBenchFormats", "CWMBenchGenerate", "CWMBenchTestSupport"]),
    // The report's tests make their fixtures with the real generator and runner.
    .testTarget(
      name: "CWMBenchReportTests",
      dependencies: [
        "CWMBenchReport", "CWMBenchFamilies", "CWMBenchFormats", "CWMBenchGenerate", "CWMBenchEval",
        "CWMBenchTestSupport",
      ],
      exclude: ["Golden"]),
    .testTarget(
      name: "CWMBenchCLITests",
      dependencies: [
        "CWMBenchCLI", "CWMBenchFamilies", "CWMBenchGenerate", "CWMBenchEval", "CWMBenchReport", "CWMBenchTestSupport",
      ]),
  ]
)
