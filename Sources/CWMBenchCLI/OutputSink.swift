import Foundation
import Synchronization

/// A text stream a command writes to: a file handle in the tool, an in-memory string in tests.
///
/// Copies share one destination, and writes are serialised, so concurrent tasks may each
/// hold a copy and write whole lines without interleaving inside a write.
public struct OutputSink: TextOutputStream, Sendable {
  /// The in-memory destination of a sink made with `memory()`.
  final class Buffer: Sendable {
    let text = Mutex("")
  }

  enum Destination: Sendable {
    case file(FileHandle)
    case memory(Buffer)
  }

  let destination: Destination

  /// A sink writing to a file handle.
  public init(_ handle: FileHandle) {
    destination = .file(handle)
  }

  /// A sink collecting everything written, readable through `contents`.
  public static func memory() -> OutputSink {
    OutputSink(destination: .memory(Buffer()))
  }

  init(destination: Destination) {
    self.destination = destination
  }

  /// The process's standard output.
  public static var standardOutput: OutputSink { OutputSink(FileHandle.standardOutput) }

  /// The process's standard error.
  public static var standardError: OutputSink { OutputSink(FileHandle.standardError) }

  /// Appends `string` to the destination.
  public mutating func write(_ string: String) {
    guard !string.isEmpty else { return }
    switch destination {
    case .file(let handle):
      handle.write(Data(string.utf8))
    case .memory(let buffer):
      buffer.text.withLock { $0 += string }
    }
  }

  /// Everything written so far to a memory sink; empty for a file sink.
  public var contents: String {
    switch destination {
    case .file: return ""
    case .memory(let buffer): return buffer.text.withLock { $0 }
    }
  }
}
