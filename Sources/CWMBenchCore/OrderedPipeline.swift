import Foundation

/// Runs `produce` for indices 0..<count on `jobs` threads and hands the results to `consume`
/// strictly in index order, on the calling thread.
///
/// Output order never depends on scheduling, which is what keeps generated files
/// byte-identical whatever `--jobs` is. At most `window` results wait in memory at once, so
/// memory stays flat however large `count` is.
public enum OrderedPipeline {
  /// Produces and consumes every index; stops early (returning false) if `shouldStop` turns true.
  public static func run<Output: Sendable>(
    count: Int, jobs: Int, window: Int? = nil,
    produce: @escaping @Sendable (Int) -> Output,
    consume: (Int, Output) throws -> Void,
    shouldStop: @escaping @Sendable () -> Bool = { false }
  ) rethrows -> Bool {
    if jobs <= 1 || count <= 1 {
      for index in 0..<count {
        if shouldStop() { return false }
        try consume(index, produce(index))
      }
      return true
    }
    let state = PipelineState<Output>(window: window ?? jobs * 4)
    // jobs − 1 helper threads: the calling thread is the jobs-th worker. It produces whatever
    // is unclaimed while the output it needs next is not ready, so `jobs` threads share `jobs`
    // cores instead of `jobs + 1` threads contending for them.
    let helpers = jobs - 1
    let threads = (0..<helpers).map { _ in
      Thread {
        while true {
          guard let index = state.claim(limit: count), !shouldStop() else { break }
          state.deliver(index, produce(index))
        }
        state.workerFinished()
      }
    }
    for thread in threads {
      thread.stackSize = 1 << 22
      thread.start()
    }
    defer {
      state.stop()
      state.waitForWorkers(helpers)
    }
    for index in 0..<count {
      while true {
        if shouldStop() { return false }
        switch state.takeOrClaim(index, limit: count) {
        case .ready(let output):
          try consume(index, output)
        case .produce(let claimed):
          state.deliver(claimed, produce(claimed))
          continue
        case .stopped:
          return false
        }
        break
      }
    }
    return true
  }
}

/// Shared state of one pipeline run, guarded by a condition variable.
private final class PipelineState<Output>: @unchecked Sendable {
  private let condition = NSCondition()
  private var next = 0
  private var consumed = 0
  private var finished = 0
  private var stopped = false
  private var ready: [Int: Output] = [:]
  private let window: Int

  init(window: Int) { self.window = max(1, window) }

  /// The next index to produce, waiting while the window is full; nil when done or stopped.
  func claim(limit: Int) -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while !stopped && next < limit && next >= consumed + window { condition.wait() }
    guard !stopped, next < limit else { return nil }
    next += 1
    return next - 1
  }

  func deliver(_ index: Int, _ output: Output) {
    condition.lock()
    ready[index] = output
    condition.broadcast()
    condition.unlock()
  }

  /// What the consuming thread should do next.
  enum Next {
    /// The output it needs is ready.
    case ready(Output)
    /// It should produce this index itself while it waits.
    case produce(Int)
    /// The run was stopped.
    case stopped
  }

  /// Takes `index` if ready; otherwise claims unclaimed work for the caller, or waits.
  func takeOrClaim(_ index: Int, limit: Int) -> Next {
    condition.lock()
    defer { condition.unlock() }
    while true {
      if stopped { return .stopped }
      if let output = ready.removeValue(forKey: index) {
        consumed = index + 1
        condition.broadcast()
        return .ready(output)
      }
      if next < limit && next < consumed + window {
        next += 1
        return .produce(next - 1)
      }
      // Wake now and then even without a signal, to notice an interrupt promptly.
      _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
    }
  }

  func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    condition.unlock()
  }

  func workerFinished() {
    condition.lock()
    finished += 1
    condition.broadcast()
    condition.unlock()
  }

  func waitForWorkers(_ count: Int) {
    condition.lock()
    while finished < count { condition.wait() }
    condition.unlock()
  }
}
