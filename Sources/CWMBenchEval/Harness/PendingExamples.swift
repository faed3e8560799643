import CWMBenchCore
import CWMBenchFormats

/// The examples of a run's slice that still need an answer, read from the task file in order.
///
/// The file was checked whole by `TaskScan` before the run started; a decoding error here
/// means it changed under the run.
struct PendingExamples {
  private let cursor: LineCursor
  private let display: String
  private let slice: PositionFilter
  private let answered: Set<ExampleID>
  private var position = -1
  /// Examples of the slice passed over because an earlier run answered them.
  private(set) var skippedSeen = 0

  /// Opens the task file at `path`; `slice` holds ascending positions among its examples.
  init(path: String, display: String, slice: [Int], answered: Set<ExampleID>) throws(EvalError) {
    do { cursor = try LineCursor(path: path) } catch { throw .badTasks(error.description) }
    self.display = display
    self.slice = PositionFilter(positions: slice)
    self.answered = answered
  }

  /// The next example to ask about, or nil at the end of the file.
  mutating func next() throws(EvalError) -> TaskExample? {
    do {
      while let (line, _) = try cursor.next() {
        if line.isEmpty { continue }
        position += 1
        guard slice.contains(position) else { continue }
        let lineNumber = cursor.lineNumber
        let example = try line.withUnsafeBytes { raw throws(TaskFileError) in
          try TaskFileReader.decode(raw, path: display, lineNumber: lineNumber)
        }
        if answered.contains(ExampleID(example.id)) {
          skippedSeen += 1
        } else {
          return example
        }
      }
      return nil
    } catch let error as TaskFileError {
      throw .badTasks(error.description)
    } catch {
      throw .badTasks("'\(display)': \(error)")
    }
  }
}

/// Membership of sorted positions by binary search: 8 bytes per example, not a hash set.
struct PositionFilter {
  private let positions: [Int]

  init(positions: [Int]) { self.positions = positions }

  func contains(_ position: Int) -> Bool {
    var low = 0, high = positions.count
    while low < high {
      let mid = (low + high) / 2
      if positions[mid] < position { low = mid + 1 } else { high = mid }
    }
    return low < positions.count && positions[low] == position
  }
}
