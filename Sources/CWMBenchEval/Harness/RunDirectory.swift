import CWMBenchCore
import CWMBenchFormats
import Foundation

/// An eval output folder: `results.jsonl`, `run.json` and `run.lock`, and the rules for resuming into it.
///
/// Opening one takes the folder's lock (see `RunLock`); the run releases it when it ends.
struct RunDirectory {
  let path: String
  private let lock: RunLock
  var resultsPath: String { (path as NSString).appendingPathComponent(Self.resultsFileName) }
  var runPath: String { (path as NSString).appendingPathComponent(Self.runFileName) }
  /// The name of the run's record.
  static let runFileName = "run.json"
  /// The name of the run's answers.
  static let resultsFileName = "results.jsonl"

  /// Creates the folder if needed and locks it; refuses a folder another process is using.
  init(path: String) throws(EvalError) {
    self.path = path
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw .io("cannot create output folder '\(path)'")
    }
    guard FileManager.default.isWritableFile(atPath: path) else { throw .io("output folder '\(path)' is not writable") }
    do { lock = try RunLock(folder: path) } catch {
      switch error {
      case .held(let pid):
        let holder = pid.map { "process \($0)" } ?? "another process"
        throw .folderInUse(
          "output folder '\(path)' is in use by \(holder) (lock '\(RunLock.fileName)'); "
            + "wait for that run to end or choose another --out")
      case .failed(let message): throw .io(message)
      }
    }
  }

  /// Releases the folder's lock.
  func release() { lock.release() }

  /// Refuses results whose run is unknown: `results.jsonl` with lines but no `run.json`
  /// says nothing of the model, mode or task file the answers came from, and adopting it
  /// would report another model's answers as this one's.
  func refuseResultsWithoutRun(fresh: Bool) throws(EvalError) {
    let manager = FileManager.default
    guard !fresh, !manager.fileExists(atPath: runPath),
      let size = (try? manager.attributesOfItem(atPath: resultsPath))?[.size] as? NSNumber, size.intValue > 0
    else { return }
    throw .resumeMismatch(
      "'\(path)' holds results.jsonl but no run.json, so nothing says which model, mode or task file "
        + "its answers are for; use --fresh to start over or another --out")
  }

  /// Readies the folder and returns the ids an earlier run answered (compared as bytes, see `ExampleID`).
  ///
  /// An earlier run over a different task file, model, mode or shard is refused rather than
  /// mixed in. Failed examples and an unterminated last line (a run killed mid-write) are
  /// dropped, by rewriting the file atomically, so they are asked again and never appear twice.
  ///
  /// `sameModel` lists other spellings of the model spec an earlier run may have recorded.
  func prepare(fresh: Bool, expecting run: RunFile, sameModel: [String] = []) throws(EvalError) -> Set<ExampleID> {
    let manager = FileManager.default
    if fresh {
      try? manager.removeItem(atPath: resultsPath)
      try? manager.removeItem(atPath: runPath)
      return []
    }
    let previous: RunFile?
    do { previous = try RunFile.read(at: runPath) } catch {
      throw .resumeMismatch(
        "'\(runPath)' cannot be read (\(error)); fix it (see docs/run-folder.md) or choose another --out "
          + "(--fresh would delete the answers in results.jsonl too)")
    }
    if let previous {
      let checks: [(RunFile.Key, found: String, expected: String)] = [
        (.tasksSHA256, previous.tasksSHA256 ?? "", run.tasksSHA256 ?? ""),
        (.mode, previous.mode?.rawValue ?? "", run.mode?.rawValue ?? ""),
        (.model, sameModel.contains(previous.modelSpec) ? run.modelSpec : previous.modelSpec, run.modelSpec),
        (.shard, previous.shard ?? "", run.shard ?? ""),
      ]
      // A different prompt is a different model: its answers must not be mixed with these.
      let prompts = zip(previous.prompting.comparable, run.prompting.comparable).map {
        ($0.0, found: $0.1, expected: $1.1)
      }
      for (key, found, expected) in checks + prompts where found != expected {
        throw .resumeMismatch(
          "'\(path)' holds a run with a different \(key.spoken) "
            + "('\(found.prefix(16))' there, '\(expected.prefix(16))' now); use --fresh to start over or another --out")
      }
    }
    guard manager.fileExists(atPath: resultsPath) else { return [] }
    // One pass reads the ids; only when a line must go does a second pass copy the kept lines,
    // straight into the new file: memory follows the number of examples, not the file's size.
    let (answered, needsRewrite) = try readResults(keepingInto: nil)
    if needsRewrite {
      do {
        let output = try AtomicFile(path: resultsPath)
        _ = try readResults(keepingInto: output)
        try output.commit()
      } catch let error as EvalError {
        throw error
      } catch {
        throw .io("\(error)")
      }
    }
    return answered
  }

  /// Reads `results.jsonl`: the ids answered, and whether a line must go (a failure, a repeated
  /// id, an unterminated last line); with `output`, writes every kept line to it.
  private func readResults(keepingInto output: AtomicFile?) throws(EvalError) -> (Set<ExampleID>, needsRewrite: Bool) {
    var answered = Set<ExampleID>()
    var needsRewrite = false
    do {
      try LineReader.forEachLine(inFileAt: resultsPath) { line, lineNumber, terminated in
        guard terminated else {
          needsRewrite = true
          return
        }
        guard let json = try? JSONParser.parse(line), let record = try? ResultRecord(json: json) else {
          // One bad line costs one answer, not all of them: point at it rather than at --fresh.
          throw EvalError.badTasks(
            "'\(resultsPath)' line \(lineNumber) is not a result line ("
              + (ResultLineProblem.describe(line) ?? "unreadable")
              + "); fix or delete that line (its example is then asked again), then run the same command")
        }
        let id = ExampleID(record.id)
        if record.error != nil || answered.contains(id) {
          needsRewrite = true
          return
        }
        answered.insert(id)
        if let output {
          try output.write(line)
          try output.write([0x0A])
        }
      }
    } catch let error as EvalError {
      throw error
    } catch let error as CoreError where output != nil {
      throw .io(error.description)
    } catch {
      throw .io("cannot read '\(resultsPath)': \(error)")
    }
    return (answered, needsRewrite)
  }

  func openResults() throws(EvalError) -> AppendFile {
    do { return try AppendFile(path: resultsPath) } catch { throw .io(error.description) }
  }

  /// Writes `run.json` atomically; when that fails (a full disk: the temporary file needs a new
  /// block), overwrites the existing file in place, which needs none, so a run stopped by a full
  /// disk still records `aborted` and why. The atomic write's error is thrown if both fail.
  func writeRun(_ run: RunFile) throws(EvalError) {
    let bytes = run.bytes
    do { try AtomicFile.write(bytes, to: runPath) } catch {
      guard Self.overwrite(runPath, with: bytes) else { throw .io(error.description) }
    }
  }

  /// Overwrites the regular file at `path` in place (never through a link); false when it
  /// cannot be opened or written whole.
  private static func overwrite(_ path: String, with bytes: [UInt8]) -> Bool {
    let fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    return written == bytes.count && ftruncate(fd, off_t(bytes.count)) == 0 && fsync(fd) == 0
  }
}
