import Foundation

/// Paths the programs tests share.
enum ProgramsTestSupport {
  /// The checkout this test file is in.
  static let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
  }()
}
