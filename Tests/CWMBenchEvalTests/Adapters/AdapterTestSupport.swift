import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Synchronization

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

/// Shared helpers for the adapter tests: fixture paths, a placeholder example, a log recorder.
enum AdapterTestSupport {
  /// `Tests/Fixtures`, found from this file's path so tests run from any directory.
  static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// The shell command that runs the test adapter `name` (in `Tests/Fixtures/adapters`).
  static func adapterCommand(_ name: String) -> String {
    "python3 '" + fixtures.appendingPathComponent("adapters").appendingPathComponent(name).path + "'"
  }

  /// An example that remote models never look at; requests carry it for the built-in baselines.
  static let example = TaskExample(
    id: "test/0",
    params: CellParameters(family: .perm, group: try! Group(parsing: "S3"), length: 1, spacing: .every(1)),
    text: "", queries: [])

  /// A request with `operation`.
  static func request(_ id: String, _ operation: ModelRequest.Operation) -> ModelRequest {
    ModelRequest(id: id, operation: operation, example: example, queryIndex: nil)
  }

}

/// Collects log lines from an adapter.
final class LogRecorder: Sendable {
  private let lines = Mutex<[String]>([])

  /// The function to hand to an adapter.
  var sink: @Sendable (String) -> Void { { line in self.lines.withLock { $0.append(line) } } }

  /// Everything logged so far.
  var all: [String] { lines.withLock { $0 } }
}
