import CWMBenchCore
import CWMBenchFormats
import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One long-lived `python3 tracer.py` child: one request line out, one answer line back.
///
/// Used by one thread at a time (the pool hands it out), so it reads its pipes itself with
/// `poll(2)` and a deadline instead of keeping reader threads: a request that gets no answer
/// in time kills the child. Stderr is drained in the same loop and its tail kept for messages.
final class TracerProcess: @unchecked Sendable {
  // @unchecked: one thread at a time (TracerPool's check-out); `Process` is not Sendable.

  /// Why a request got no answer: the process is unusable afterwards.
  enum Failure: Error {
    /// No answer within the timeout; the child was killed.
    case timedOut(seconds: Double)
    /// The child closed its stdout (exited); with its last stderr text.
    case exited(status: String, stderr: String)
  }

  private let process = Process()
  private var stdinFD: Int32
  private let stdoutFD: Int32
  private let stderrFD: Int32
  private var pending: [UInt8] = []
  private var stderrTail: [UInt8] = []
  private let exited = DispatchSemaphore(value: 0)

  /// The child's process id.
  var pid: Int32 { process.processIdentifier }

  /// Starts `python3 SCRIPT [--corpus DIR]` through `/usr/bin/env` with `PYTHONHASHSEED=0`.
  ///
  /// On Linux it goes through `setpriv --pdeathsig KILL`: killed if cwmbench dies, even by
  /// SIGKILL. Foundation starts each child in a process group of its own, so the terminal's
  /// Ctrl-C reaches only cwmbench, which stops generation cleanly and then ends its children.
  init(script: String, configuration: TracerConfiguration) throws {
    signal(SIGPIPE, SIG_IGN)  // a dead child's pipe must give EPIPE, not end cwmbench
    var command = ["/usr/bin/env", "python3", script]
    if let corpus = configuration.corpus { command += ["--corpus", corpus] }
    if let setpriv = ProcessSpawner.parentDeathShim { command = [setpriv, "--pdeathsig", "KILL", "--"] + command }
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    var environment = ProcessInfo.processInfo.environment
    environment["PYTHONHASHSEED"] = "0"
    environment["PATH"] = configuration.path
    process.environment = environment
    let exited = self.exited
    process.terminationHandler = { _ in exited.signal() }
    let pipes = try ProcessSpawner.launch(process)
    stdinFD = pipes.stdin
    stdoutFD = pipes.stdout
    stderrFD = pipes.stderr
  }

  deinit {
    terminate()
    close(stdoutFD)
    close(stderrFD)
  }

  /// Writes `line` (with its newline) and returns the next stdout line, within `timeout` seconds.
  func request(_ line: [UInt8], timeout: Double) throws(Failure) -> [UInt8] {
    // A failed write means the child is gone; reading shows how it ended.
    line.withUnsafeBytes { raw in _ = writeToChild(stdinFD, raw) }
    return try readLine(timeout: timeout)
  }

  /// The next stdout line without its newline, within `timeout` seconds.
  func readLine(timeout: Double) throws(Failure) -> [UInt8] {
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
    var scanned = 0
    var stderrOpen = true
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      if let newline = pending[scanned...].firstIndex(of: 0x0A) {
        let line = Array(pending[..<newline])
        pending.removeSubrange(...newline)
        return line
      }
      scanned = pending.count
      let now = DispatchTime.now().uptimeNanoseconds
      guard now < deadline else {
        kill(pid, SIGKILL)
        throw .timedOut(seconds: timeout)
      }
      var fds = [pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)]
      if stderrOpen { fds.append(pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)) }
      let waitMilliseconds = Int32(min(1_000, (deadline - now) / 1_000_000 + 1))
      let ready = poll(&fds, nfds_t(fds.count), waitMilliseconds)
      if ready < 0 && errno == EINTR { continue }
      if stderrOpen && fds.count > 1 && fds[1].revents != 0 {
        let count = chunk.withUnsafeMutableBytes { read(stderrFD, $0.baseAddress!, $0.count) }
        if count > 0 {
          stderrTail += chunk[..<count]
          if stderrTail.count > 4096 { stderrTail.removeFirst(stderrTail.count - 4096) }
        } else if count == 0 || errno != EINTR {
          stderrOpen = false
        }
      }
      if fds[0].revents != 0 {
        let count = chunk.withUnsafeMutableBytes { read(stdoutFD, $0.baseAddress!, $0.count) }
        if count > 0 {
          pending += chunk[..<count]
        } else if count == 0 || errno != EINTR {
          throw .exited(status: waitForStatus(), stderr: drainStderr(open: stderrOpen))
        }
      }
    }
  }

  /// Closes stdin (the tracer exits at EOF), waits up to `seconds`, then kills what is left.
  func terminate(seconds: Double = 2) {
    if stdinFD >= 0 {
      close(stdinFD)
      stdinFD = -1
    }
    guard process.isRunning else { return }
    if exited.wait(timeout: .now() + seconds) == .timedOut {
      kill(pid, SIGKILL)
      _ = exited.wait(timeout: .now() + 5)
    }
    exited.signal()  // later waiters return at once
  }

  /// How the child ended, once it has (it closed stdout, so it is about to).
  private func waitForStatus() -> String {
    if exited.wait(timeout: .now() + 5) == .timedOut { return "closed its output" }
    exited.signal()
    if process.terminationReason == .uncaughtSignal { return "was killed by signal \(process.terminationStatus)" }
    return "exited with status \(process.terminationStatus)"
  }

  /// The rest of stderr (the child has exited, so this ends), with the kept tail, as text.
  private func drainStderr(open: Bool) -> String {
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while open {
      var fds = [pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)]
      guard poll(&fds, 1, 1_000) > 0 else { break }
      let count = chunk.withUnsafeMutableBytes { read(stderrFD, $0.baseAddress!, $0.count) }
      guard count > 0 else { break }
      stderrTail += chunk[..<count]
      if stderrTail.count > 4096 { stderrTail.removeFirst(stderrTail.count - 4096) }
    }
    return String(decoding: stderrTail, as: UTF8.self).split(whereSeparator: \.isNewline).suffix(3)
      .joined(separator: " ")
  }
}
