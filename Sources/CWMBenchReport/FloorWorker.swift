import CWMBenchCore
import CWMBenchFormats
import Dispatch
import Synchronization

/// Scores the no-tracking baseline (`FloorTally`) on a second thread while a task file is read.
///
/// The reading thread hands over batches of structure-only examples; at most a few batches are in
/// flight (the reader waits for a free slot), so memory stays flat whatever the file's size.
final class FloorWorker: Sendable {
  /// Examples per batch.
  static let batchSize = 2048
  private let tally = Mutex(FloorTally())
  private let queue = DispatchQueue(label: "cwmbench.report.floors")
  private let slots = DispatchSemaphore(value: 4)

  /// Queues `batch` for scoring, waiting while four batches are already queued.
  func submit(_ batch: [(cell: Int, example: TaskExample)]) {
    guard !batch.isEmpty else { return }
    slots.wait()
    queue.async { [self] in
      tally.withLock { tally in
        for item in batch { tally.add(item.example, cell: item.cell) }
      }
      slots.signal()
    }
  }

  /// Waits for every queued batch and returns the counts.
  func finish() -> FloorTally {
    queue.sync {}
    return tally.withLock { $0 }
  }
}
