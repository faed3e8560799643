import Foundation

extension ProcessSpawner {
  /// The parent's ends of a launched child's three pipes, as file descriptors the caller owns
  /// (and closes).
  public struct Pipes: Sendable {
    /// Writes to the child's standard input.
    public let stdin: Int32
    /// Reads the child's standard output.
    public let stdout: Int32
    /// Reads the child's standard error.
    public let stderr: Int32
  }

  /// `setpriv`, which sets the parent-death signal before it execs the child; nil where there
  /// is none (macOS has no parent-death signal). Adapters and tracers both start through it.
  public static let parentDeathShim: String? = {
    #if os(Linux)
      for path in ["/usr/bin/setpriv", "/bin/setpriv"] where FileManager.default.isExecutableFile(atPath: path) {
        return path
      }
    #endif
    return nil
  }()

  /// Starts `process` with three fresh pipes, on the spawner thread, with no signal blocked.
  ///
  /// Swift's worker threads block most signals and a child inherits its forking thread's mask,
  /// which would leave an adapter or tracer deaf to SIGTERM and Ctrl-C; the mask is cleared on
  /// the thread that forks, for the fork alone. The child's ends of the pipes are closed here,
  /// or EOF would never arrive when the child exits.
  public static func launch(_ process: Process) throws -> Pipes {
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try run {
      var unblocked = sigset_t(), previous = sigset_t()
      sigemptyset(&unblocked)
      pthread_sigmask(SIG_SETMASK, &unblocked, &previous)
      defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
      try process.run()
    }
    try? stdin.fileHandleForReading.close()
    try? stdout.fileHandleForWriting.close()
    try? stderr.fileHandleForWriting.close()
    let pipes = Pipes(
      stdin: dup(stdin.fileHandleForWriting.fileDescriptor), stdout: dup(stdout.fileHandleForReading.fileDescriptor),
      stderr: dup(stderr.fileHandleForReading.fileDescriptor))
    try? stdin.fileHandleForWriting.close()
    try? stdout.fileHandleForReading.close()
    try? stderr.fileHandleForReading.close()
    return pipes
  }
}
