import CWMBenchCore
import CWMBenchFormats
import Foundation

/// Every model's answers, kept on disk while the report reads the runs, for the sample browser.
///
/// The report reads results files in their own order (shards, resumed runs), the sample writer
/// reads task files in theirs; in between each accepted result line is written, compactly, to a
/// temporary file and only its place (offset and length, 8 bytes) is kept per model and example.
/// Memory stays a few bytes per example however long the answers are.
final class SampleSpill {
  /// Per model (reading order), per task file: each example's place in the spill, 0 when absent.
  private(set) var places: [[[UInt64]?]] = []
  /// The models' names, in reading order.
  var modelNames: [String] = []
  /// Each task file's examples' cell numbers, in file order.
  var cells: [[Int32]] = []
  /// The report's cells.
  var catalog: [ReportCell] = []
  /// The task files, in the report's order.
  var taskPaths: [String] = []

  private let path: String
  private let descriptor: Int32
  private var buffer: [UInt8] = []
  private var written = 0

  /// Creates the temporary file and unlinks it at once: it lives as long as the descriptor, so
  /// an interrupted report leaves nothing behind.
  init() throws(ReportError) {
    let directory = FileManager.default.temporaryDirectory.path
    path = directory + "/cwmbench-samples-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).tmp"
    descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
    guard descriptor >= 0 else { throw .io(path: path, reason: errnoReason()) }
    unlink(path)
  }

  deinit { close(descriptor) }

  /// Keeps `queries` as model `model`'s answers to example `ordinal` of task file `task`, with the
  /// ids of the solved examples put before its question (`shots`, when the run had `--few-shot`).
  func add(
    model: Int, name: String, task: Int, tasks: Int, count: Int, ordinal: Int, queries: [QueryResult],
    shots: [String]? = nil
  ) throws(ReportError) {
    while places.count <= model {
      places.append(Array(repeating: nil, count: tasks))
      modelNames.append(name)
    }
    if places[model][task] == nil { places[model][task] = Array(repeating: 0, count: count) }
    var record: [String: JSONValue] = ["q": .array(queries.map(Self.encode))]
    if let shots { record["s"] = .array(shots.map(JSONValue.string)) }
    let line = Array(JSONWriter.encode(.object(record)).utf8)
    places[model][task]![ordinal] = UInt64(written + buffer.count) << 24 | UInt64(min(line.count, 0xFF_FFFF))
    buffer += line
    if buffer.count >= 1 << 16 { try flush() }
  }

  /// Model `model`'s answers to example `ordinal` of task file `task` and the shots before it, nil
  /// when it has none.
  func results(model: Int, task: Int, ordinal: Int) throws(ReportError) -> SampleAnswers? {
    guard model < places.count, let column = places[model][task], ordinal < column.count, column[ordinal] != 0 else {
      return nil
    }
    if !buffer.isEmpty { try flush() }
    let place = column[ordinal]
    var bytes = [UInt8](repeating: 0, count: Int(place & 0xFF_FFFF))
    let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(place >> 24)) }
    guard read == bytes.count, let record = try? JSONParser.parse(bytes), let items = record["q"]?.arrayValue else {
      throw .io(path: path, reason: "cannot read back the answers of example \(ordinal)")
    }
    return SampleAnswers(results: items.map(Self.decode), shots: record["s"]?.arrayValue?.compactMap(\.stringValue))
  }

  private func flush() throws(ReportError) {
    let count = buffer.count
    let done = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard done == count else { throw .io(path: path, reason: errnoReason()) }
    written += count
    buffer.removeAll(keepingCapacity: true)
  }

  static func encode(_ result: QueryResult) -> JSONValue {
    var object: [String: JSONValue] = ["c": .bool(result.correct)]
    if let value = result.logprob { object["l"] = .double(value) }
    if let value = result.predicted { object["p"] = .string(value) }
    if let value = result.probs { object["x"] = .array(value.map(JSONValue.double)) }
    if let value = result.tokens { object["t"] = .int(value) }
    if let value = result.raw { object["r"] = .string(value) }
    return .object(object)
  }

  static func decode(_ value: JSONValue) -> QueryResult {
    var result = QueryResult(
      correct: value["c"]?.boolValue ?? false, logprob: value["l"]?.doubleValue, predicted: value["p"]?.stringValue,
      probs: value["x"]?.arrayValue?.compactMap(\.doubleValue), tokens: value["t"]?.intValue)
    result.raw = value["r"]?.stringValue
    return result
  }
}
