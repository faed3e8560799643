import CWMBenchCore
import CWMBenchFormats

/// The examples of a run's slice that still need an answer, read from the task file in order.
///
/// The file was checked whole by `TaskScan` before the run started and is read through the
/// descriptor that check used; a file changed in place since is refused before its next example.
struct PendingExamples {
  private let file: CheckedTaskFile
  private let cursor: LineCursor
  private let display: String
  private let slice: PositionFilter
  private let answered: Set<ExampleID>
  private let families: FamilyRegistry
  /// The last `params` decoded: a cell's lines share theirs.
  private var cache = TaskLineCache()
  private var position = -1
  /// Examples of the slice passed over because an earlier run answered them.
  private(set) var skippedSeen = 0

  /// Reads the checked task `file` from its start; `slice` holds ascending positions among its examples.
  init(
    file: CheckedTaskFile, slice: [Int], answered: Set<ExampleID>, families: FamilyRegistry
  ) throws(EvalError) {
    self.file = file
    self.families = families
    cursor = try file.cursor()
    display = file.display
    self.slice = PositionFilter(positions: slice)
    self.answered = answered
  }

  /// The next example to ask about, or nil at the end of the file.
  mutating func next() throws(EvalError) -> TaskExample? {
    try file.checkUnchanged()
    do {
      while let (line, _) = try cursor.next() {
        if line.isEmpty { continue }
        position += 1
        guard slice.contains(position) else { continue }
        let lineNumber = cursor.lineNumber
        let example = try line.withUnsafeBytes { raw throws(TaskFileError) in
          try TaskFileReader.decode(raw, path: display, lineNumber: lineNumber, families: families, cache: &cache)
        }
        if answered.contains(ExampleID(example.id)) {
          skippedSeen += 1
        } else {
          return example
        }
      }
      return nil
    } catch let error as TaskFileError {
      // A line that no longer decodes most likely comes from a file changed under the run: say so.
      try file.checkUnchanged()
      throw .badTasks(error.description)
    } catch {
      try file.checkUnchanged()
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
