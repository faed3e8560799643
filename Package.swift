// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "cwmbench",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "CWMBench", targets: ["CWMBench"]),
    .executable(name: "cwmbench", targets: ["cwmbench"]),
  ],
  targets: [
    // All task, harness and report logic; no dependencies beyond Foundation.
    .target(name: "CWMBench"),
    // The command-line surface: argument parsing, help, exit codes.
    .target(name: "CWMBenchCLI", dependencies: ["CWMBench"]),
    // A thin entry point so the CLI stays testable as a library.
    .executableTarget(name: "cwmbench", dependencies: ["CWMBenchCLI"]),
    // `make bench`: throughput and memory figures, measured in a release build.
    .executableTarget(name: "cwmbench-bench", dependencies: ["CWMBench"]),
    .testTarget(name: "CWMBenchTests", dependencies: ["CWMBench"], exclude: ["Report/Golden"]),
    .testTarget(name: "CWMBenchCLITests", dependencies: ["CWMBenchCLI", "CWMBench"]),
  ]
)
