import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

/// Compares output with a file in `Golden/`; `CWMBENCH_RECORD_GOLDENS=1` rewrites the file instead.
enum GoldenFile {
  static func folder(_ filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  }

  static func check(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = folder().appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["CWMBENCH_RECORD_GOLDENS"] == "1" {
      try FileManager.default.createDirectory(at: folder(), withIntermediateDirectories: true)
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      Issue.record("golden file '\(name)' missing; run with CWMBENCH_RECORD_GOLDENS=1", sourceLocation: sourceLocation)
      return
    }
    #expect(actual == expected, "output differs from golden '\(name)'", sourceLocation: sourceLocation)
  }
}
