import Synchronization

/// A process-wide flag set by Ctrl-C, polled by long-running work between units.
///
/// Work stops at a clean boundary (a batch written, a result line appended) rather than
/// being killed mid-write; the caller then discards temporary output and exits 130. Work that
/// waits rather than loops (for a model to start) registers an action run on the request.
public enum Cancellation {
  private static let flag = Atomic<Bool>(false)
  private static let observers = Mutex<(next: Int, actions: [Int: @Sendable () -> Void])>((0, [:]))

  /// Whether an interrupt has been requested.
  public static var isRequested: Bool { flag.load(ordering: .relaxed) }

  /// Requests that work stop at the next boundary, and runs every registered action.
  public static func request() {
    let actions = observers.withLock { state -> [@Sendable () -> Void] in
      flag.store(true, ordering: .relaxed)
      return Array(state.actions.values)
    }
    for action in actions { action() }
  }

  /// Clears the flag (tests run several commands in one process).
  public static func reset() { flag.store(false, ordering: .relaxed) }

  /// Runs `action` when an interrupt is requested (at once if one already was); returns a
  /// token for `removeAction`.
  public static func onRequest(_ action: @escaping @Sendable () -> Void) -> Int {
    let token = observers.withLock { state -> Int? in
      // Checked under the lock `request` sets the flag under, so no request falls between.
      if flag.load(ordering: .relaxed) { return nil }
      state.next += 1
      state.actions[state.next] = action
      return state.next
    }
    guard let token else {
      action()
      return 0
    }
    return token
  }

  /// Forgets the action registered under `token`.
  public static func removeAction(_ token: Int) {
    _ = observers.withLock { $0.actions.removeValue(forKey: token) }
  }

  /// Runs `body` as a task that is cancelled when an interrupt is requested: a wait that
  /// polls nothing (a model loading for minutes) still ends on the first Ctrl-C or SIGTERM.
  public static func cancellingOnRequest<T: Sendable>(
    _ body: @escaping @Sendable () async throws -> T
  ) async throws -> T {
    let task = Task { try await body() }
    let token = onRequest { task.cancel() }
    defer { removeAction(token) }
    return try await withTaskCancellationHandler {
      try await task.value
    } onCancel: {
      task.cancel()
    }
  }
}
