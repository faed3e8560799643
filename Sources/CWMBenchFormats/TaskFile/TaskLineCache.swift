import CWMBenchCore

/// The `params` object a task-file reader decoded last, with its bytes: the lines of one cell
/// repeat their `params` byte for byte, so a reader that keeps one decodes each cell's once.
///
/// A JSON object ends where its bytes say, so bytes that begin with the cached object's bytes
/// hold that object: the comparison needs no scan of the line.
public struct TaskLineCache: Sendable {
  var bytes: [UInt8] = []
  var params: CellParameters?

  /// An empty cache.
  public init() {}
}
