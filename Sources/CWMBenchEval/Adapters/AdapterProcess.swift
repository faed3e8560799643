import CWMBenchCore
import CWMBenchFormats
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One life of an adapter child process: its pipes, its reader threads and its buffered writer.
///
/// Stdout and stderr are read on dedicated threads with plain `read(2)`, so a slow or stuck
/// adapter never blocks Swift's cooperative pool; writes go through a serial queue that
/// drains everything queued since the last write in one `write(2)`, which is what makes a
/// pipelined harness fast.
final class AdapterProcess: @unchecked Sendable {
  // @unchecked: `Process` is not Sendable; it is only touched by `launch`, `pid` and the
  // termination handler, and every mutable field of our own lives in a Mutex.

  /// How the process ended.
  enum Exit: Sendable, Equatable, CustomStringConvertible {
    /// It exited with this status.
    case status(Int32)
    /// A signal killed it.
    case signal(Int32)

    var description: String {
      switch self {
      case .status(let code): return "exited with status \(code)"
      case .signal(let number): return "was killed by signal \(number)"
      }
    }
  }

  /// What the process's owner is told about.
  struct Callbacks: Sendable {
    /// A complete stdout line, without its newline.
    var line: @Sendable (ArraySlice<UInt8>) -> Void
    /// A stdout line longer than `LineSplitter.maximumLineBytes`, dropped unread; its length.
    var overlong: @Sendable (Int) -> Void = { _ in }
    /// A complete stderr line, decoded leniently.
    var stderrLine: @Sendable (String) -> Void
    /// The process has exited and both of its output streams are drained; with its last stderr lines.
    var exit: @Sendable (Exit, [String]) -> Void
  }

  private struct WriteState {
    var buffer: [UInt8] = []
    var flushing = false
    var closed = false
  }

  private let process = Process()
  private let stdinFD: Int32
  private let stdoutFD: Int32
  private let stderrFD: Int32
  private let writeState = Mutex(WriteState())
  private let writeQueue = DispatchQueue(label: "cwmbench.adapter.stdin")
  private let shared = Shared()

  /// What the termination handler and reader threads share; a class so closures can hold it before `init` ends.
  private final class Shared: Sendable {
    let terminated = DispatchSemaphore(value: 0)
    let stdoutDrained = DispatchSemaphore(value: 0)
    let stderrDrained = DispatchSemaphore(value: 0)
    let exitValue = Mutex<Exit?>(nil)
    let stderrTail = Mutex<[String]>([])
  }

  /// How many stderr lines are kept for error messages.
  static let stderrTailLength = 8

  /// Starts `command` through `sh -c` with `environment` added to ours.
  ///
  /// A simple command is run as `exec COMMAND`, so the child is the adapter itself and
  /// signals reach it; a command with shell operators (`cd dir && python a.py`) runs as
  /// written, since `exec` would only replace the shell with its first part.
  ///
  /// On Linux the child is started through `setpriv --pdeathsig KILL` (util-linux), so it is
  /// killed when the harness dies, even by SIGKILL: an adapter stalled in a computation, which
  /// never reads the EOF on its stdin, would otherwise live on. The script first checks that
  /// its parent is still the harness, which closes the gap between the fork and the `prctl`.
  /// A command with shell operators keeps its shell as the child; that shell gets the signal,
  /// the processes it started get EOF on stdin.
  init(command: String, environment: [String: String], callbacks: Callbacks) throws {
    let script = Self.shellScript(for: command)
    if let setpriv = ProcessSpawner.parentDeathShim {
      process.executableURL = URL(fileURLWithPath: setpriv)
      let guardParent = "[ \"$PPID\" = \(getpid()) ] || exit 70\n"
      process.arguments = ["--pdeathsig", "KILL", "--", "/usr/bin/env", "sh", "-c", guardParent + script]
    } else {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["sh", "-c", script]
    }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let shared = self.shared
    process.terminationHandler = { finished in
      let exit: Exit =
        finished.terminationReason == .uncaughtSignal
        ? .signal(finished.terminationStatus) : .status(finished.terminationStatus)
      shared.exitValue.withLock { $0 = exit }
      shared.terminated.signal()
    }
    let pipes = try ProcessSpawner.launch(process)
    stdinFD = pipes.stdin
    stdoutFD = pipes.stdout
    stderrFD = pipes.stderr
    startReaders(callbacks)
  }

  /// The `sh -c` script for `command`: `exec COMMAND` unless it uses shell operators.
  static func shellScript(for command: String) -> String {
    let operators: Set<Character> = [";", "&", "|", "\n", "(", ")", "`"]
    return command.contains(where: operators.contains) ? command : "exec " + command
  }

  deinit {
    close(stdoutFD)
    close(stderrFD)
    writeState.withLock { state in
      if !state.closed { close(stdinFD) }
    }
  }

  /// The child's process id.
  var pid: Int32 { process.processIdentifier }

  /// The last stderr lines, oldest first.
  var lastStderrLines: [String] { shared.stderrTail.withLock { $0 } }

  /// Queues `bytes` for the child's stdin; a dead child's writes are dropped (its exit is reported separately).
  func enqueue(_ bytes: [UInt8]) {
    let startFlush = writeState.withLock { state -> Bool in
      guard !state.closed else { return false }
      state.buffer.append(contentsOf: bytes)
      if state.flushing { return false }
      state.flushing = true
      return true
    }
    if startFlush { writeQueue.async { self.flush() } }
  }

  /// Closes stdin once everything queued has been written, which asks a well-behaved adapter to exit.
  func closeStdin() {
    writeQueue.async {
      self.writeState.withLock { state in
        guard !state.closed else { return }
        state.closed = true
        state.buffer = []
        close(self.stdinFD)
      }
    }
  }

  /// Sends `signal` to the child if it is still running.
  func send(signal: Int32) {
    guard shared.exitValue.withLock({ $0 == nil }) else { return }
    _ = kill(pid, signal)
  }

  /// Waits up to `seconds` for the child to exit; true when it has.
  func waitForExit(seconds: Double) -> Bool {
    if shared.exitValue.withLock({ $0 != nil }) { return true }
    guard shared.terminated.wait(timeout: .now() + seconds) == .success else { return false }
    shared.terminated.signal()  // leave the semaphore signalled for any later waiter
    return true
  }

  private func flush() {
    while true {
      let chunk = writeState.withLock { state -> [UInt8]? in
        if state.buffer.isEmpty || state.closed {
          state.flushing = false
          return nil
        }
        defer { state.buffer = [] }
        return state.buffer
      }
      guard let chunk else { return }
      // A failed write means the child is gone; its exit handler re-sends what is unanswered.
      chunk.withUnsafeBytes { raw in _ = writeToChild(stdinFD, raw) }
    }
  }

  private func startReaders(_ callbacks: Callbacks) {
    let stderrFD = self.stderrFD, stdoutFD = self.stdoutFD, shared = self.shared
    // The threads hold `self` so the descriptors they read stay open (deinit closes them).
    let stderrThread = Thread { [self] in
      var splitter = LineSplitter()
      let deliver: (ArraySlice<UInt8>) -> Void = { bytes in
        let line = String(decoding: bytes, as: UTF8.self)
        shared.stderrTail.withLock { tail in
          tail.append(line)
          if tail.count > AdapterProcess.stderrTailLength { tail.removeFirst() }
        }
        callbacks.stderrLine(line)
      }
      AdapterProcess.readAll(stderrFD) { splitter.feed($0, deliver) }
      splitter.finish(deliver)
      shared.stderrDrained.signal()
      withExtendedLifetime(self) {}
    }
    stderrThread.name = "cwmbench.adapter.stderr"
    stderrThread.start()

    let stdoutThread = Thread { [self] in
      defer { withExtendedLifetime(self) {} }
      var splitter = LineSplitter()
      AdapterProcess.readAll(stdoutFD) { splitter.feed($0, callbacks.line, overlong: callbacks.overlong) }
      splitter.finish(callbacks.line)
      shared.stdoutDrained.signal()
    }
    stdoutThread.name = "cwmbench.adapter.stdout"
    stdoutThread.start()

    // The exit is noticed from the process itself (Process reaps its pid), not from EOF on its
    // pipes: a helper it started (a model server) inherits stdout and keeps the pipe open after
    // the adapter is gone, and waiting for EOF then left every request to wait out its timeout.
    let exitThread = Thread {
      shared.terminated.wait()
      shared.terminated.signal()
      // What the child wrote before it exited is already in the pipes; the readers get a
      // moment to deliver it, so the exit is reported after every answer and log line it
      // wrote. Lines a helper writes later belong to no live generation and are ignored.
      let deadline = DispatchTime.now() + AdapterProcess.drainGrace
      _ = shared.stdoutDrained.wait(timeout: deadline)
      _ = shared.stderrDrained.wait(timeout: deadline)
      callbacks.exit(shared.exitValue.withLock { $0 } ?? .status(-1), shared.stderrTail.withLock { $0 })
    }
    exitThread.name = "cwmbench.adapter.exit"
    exitThread.stackSize = 256 << 10
    exitThread.start()
  }

  /// How long after the child's exit its pipes may take to reach EOF before the exit is reported anyway.
  static let drainGrace = 2.0

  /// Reads `fd` until EOF or an error, handing each chunk to `body`.
  private static func readAll(_ fd: Int32, _ body: (UnsafeRawBufferPointer) -> Void) {
    let size = 1 << 16
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 1)
    defer { buffer.deallocate() }
    while true {
      let count = read(fd, buffer, size)
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { return }
      body(UnsafeRawBufferPointer(start: buffer, count: count))
    }
  }
}
