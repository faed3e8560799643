import CWMBenchCore
import Foundation

/// What the sample writer holds for one cell while it streams the task files: the rows not yet
/// flushed, the detail chunk being filled and the per-model tallies for the index.
///
/// At most one chunk of examples (`SampleChunkWriter.chunkSize`) and a bounded row buffer per
/// cell, so memory grows with the number of cells, not of examples.
struct SampleCellBuffer {
  /// Examples written so far (the next one's rank in the cell).
  var written = 0
  /// Examples seen in the task files, written or not.
  var seen = 0
  /// Whether any example of the cell records `copy` on its queries.
  var hasCopy = false
  /// Whether any example of the cell records Bayes posteriors.
  var hasBayes = false
  /// Rows (JSON arrays, comma-separated) not yet appended to the cell's rows file.
  var rows: [UInt8] = []
  /// Whether the rows file has been started.
  var rowsStarted = false
  /// The detail entries of the chunk being filled.
  var chunk: [String] = []
  /// Per model: examples answered, examples with a wrong answer, wrong changed queries, wrong copies.
  var tallies: [[Int]]

  /// An empty buffer for `models` models.
  init(models: Int) {
    tallies = Array(repeating: [0, 0, 0, 0], count: models)
  }

  /// The rows file of cell `cell`.
  static func rowsName(_ cell: Int) -> String { "rows-\(cell).js" }

  /// The detail file of chunk `chunk` of cell `cell`.
  static func detailName(_ cell: Int, _ chunk: Int) -> String { "detail-\(cell)-\(chunk).js" }

  /// Appends the buffered rows to the cell's rows file in `directory` (`last` closes the call).
  mutating func flushRows(cell: Int, directory: String, last: Bool) throws(ReportError) {
    var text: [UInt8] = []
    if !rowsStarted { text += Array("cwmSamples.rows(\(cell),[".utf8) }
    text += rows
    if last { text += Array("]);\n".utf8) }
    try Self.append(text, to: directory + "/" + Self.rowsName(cell))
    rowsStarted = true
    rows.removeAll(keepingCapacity: true)
  }

  /// Writes the chunk being filled as the cell's next detail file in `directory`.
  mutating func flushChunk(cell: Int, directory: String) throws(ReportError) {
    guard !chunk.isEmpty else { return }
    let number = (written - 1) / SampleChunkWriter.chunkSize
    let text = "cwmSamples.detail(\"\(cell)-\(number)\",[" + chunk.joined(separator: ",\n") + "]);\n"
    try Self.append(Array(text.utf8), to: directory + "/" + Self.detailName(cell, number))
    chunk.removeAll(keepingCapacity: true)
  }

  /// Appends `bytes` to the file at `path`, creating it.
  static func append(_ bytes: [UInt8], to path: String) throws(ReportError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, 0o644)
    guard descriptor >= 0 else { throw .io(path: path, reason: errnoReason()) }
    defer { close(descriptor) }
    let done = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard done == bytes.count else { throw .io(path: path, reason: errnoReason()) }
  }
}
