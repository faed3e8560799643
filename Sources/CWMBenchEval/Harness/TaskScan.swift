import CWMBenchCore
import CWMBenchFormats
import Foundation

/// The one pass over a task file before anything is asked or written: its SHA-256, its
/// number of examples, and every line checked.
///
/// A file that is wrong anywhere is refused before the first request, so a run never pays
/// for the lines before a malformed one, and resume and `report` never meet two examples
/// with one id. Checked per line: the line decodes as an example (docs/task-file.md); each query's
/// span `text[start:end]` (UTF-8 bytes) is its `answer`; `candidates`, when present, hold
/// the answer; in `choice` mode and for the `random` baseline every query has candidates; a
/// query's `copy`, when present, is what the family's `last-reveal` answer says.
/// Across lines: ids are unique, compared as UTF-8 bytes (`ExampleID`).
///
/// The file is opened once (`CheckedTaskFile`) and every pass, the run's too, reads that
/// descriptor: the run reads the bytes that were checked and hashed.
struct TaskScan {
  /// What needs every query to list its candidates.
  enum CandidatesNeed {
    case choiceMode, randomBaseline

    /// What the refusal names.
    var name: String { self == .choiceMode ? "mode 'choice'" : "the 'random' baseline" }
    /// What the refusal suggests instead.
    var advice: String { self == .choiceMode ? "use --mode score or --mode generate" : "use another model" }
  }

  /// SHA-256 of the file's bytes, lowercase hex.
  var sha256: String
  /// Non-empty lines, i.e. examples.
  var count: Int
  /// Queries of all the examples.
  var queries = 0
  /// The file checked, still open, for the run to read.
  var file: CheckedTaskFile

  /// Reads and checks the file at `path`; errors name `display` (the path as given), the line and the field.
  /// `candidatesNeededBy` is what needs every query to list candidates, when something does.
  static func read(
    path: String, display: String, families: FamilyRegistry, candidatesNeededBy: CandidatesNeed? = nil
  ) throws(EvalError) -> TaskScan {
    let file = try CheckedTaskFile(path: path, display: display)
    // The digest is computed on a second thread, over the raw bytes, while this one decodes
    // and checks every line: on two cores the check costs little more wall time than the hash.
    let digest = DigestThread(file: file)
    var count = 0
    var queries = 0
    // 16 bytes per example rather than a set of ids: duplicates are found by sorting hashes,
    // and only lines whose hashes collide are read again to compare their ids.
    var hashes: [(hash: UInt64, line: Int)] = []
    var cache = TaskLineCache()
    do {
      try LineReader.forEachLine(descriptor: file.descriptor, path: display) { line, lineNumber, terminated in
        // A scan of gigabytes stops at the first Ctrl-C or SIGTERM, as every phase does.
        if Cancellation.isRequested { throw CancellationError() }
        if line.isEmpty { return }
        count += 1
        let example = try TaskFileReader.decode(
          line, path: display, lineNumber: lineNumber, families: families, cache: &cache)
        queries += example.queries.count
        try check(example, candidatesNeededBy: candidatesNeededBy, display: display, lineNumber: lineNumber)
        hashes.append((stableHash(example.id), lineNumber))
      }
    } catch let error as EvalError {
      throw error
    } catch is CancellationError {
      throw .interruptedBeforeStart
    } catch {
      throw .badTasks("\(error)")
    }
    guard count > 0 else { throw .badTasks("'\(display)' has no examples") }
    try refuseDuplicateIDs(hashes, file: file, display: display, families: families)
    let sha256: String
    do { sha256 = try digest.result() } catch { throw .badTasks(error.description) }
    // A file rewritten during the scan was hashed and checked as a mix of two files.
    try file.checkUnchanged()
    return TaskScan(sha256: sha256, count: count, queries: queries, file: file)
  }

  /// SHA-256 of a file, computed on its own thread.
  private final class DigestThread: @unchecked Sendable {
    // @unchecked: `outcome` is written by the thread before `done` is signalled, read after.
    private var outcome: Result<String, CoreError> = .success("")
    private let done = DispatchSemaphore(value: 0)

    init(file: CheckedTaskFile) {
      let thread = Thread { [self] in
        do throws(CoreError) {
          outcome = .success(try SHA256.hexDigest(ofDescriptor: file.descriptor, path: file.display))
        } catch {
          outcome = .failure(error)
        }
        done.signal()
      }
      thread.name = "cwmbench.tasks.sha256"
      thread.start()
    }

    /// Waits for the digest (lowercase hex).
    func result() throws(CoreError) -> String {
      done.wait()
      done.signal()
      return try outcome.get()
    }

    deinit {
      // A scan that failed early still waits, so the thread never outlives what it reads.
      done.wait()
    }
  }

  /// The per-line checks that decoding alone does not make.
  static func check(
    _ example: TaskExample, candidatesNeededBy: CandidatesNeed?, display: String, lineNumber: Int
  ) throws(EvalError) {
    let location = "'\(display)' line \(lineNumber)"
    // The text's bytes in place (decoded strings are contiguous); a copy only if they are not.
    let mismatch: Int? =
      example.text.utf8.withContiguousStorageIfAvailable { text in Self.firstMismatch(example.queries, in: text) }
      ?? Array(example.text.utf8).withUnsafeBufferPointer { Self.firstMismatch(example.queries, in: $0) }
    if let index = mismatch {
      let query = example.queries[index]
      let span = Array(example.text.utf8)[query.start..<query.end]
      throw .badTasks(
        "\(location): field 'queries[\(index)].answer': expected the text at \(query.start)..<\(query.end) "
          + "('\(String(decoding: span.prefix(40), as: UTF8.self))'), got '\(query.answer.prefix(40))'")
    }
    for (index, query) in example.queries.enumerated() {
      if let problem = query.probabilityProblem {
        throw .badTasks("\(location): field 'queries[\(index)].probs': \(problem)")
      }
      if let candidates = query.candidates, !candidates.contains(query.answer) {
        throw .badTasks(
          "\(location): field 'queries[\(index)].candidates': the answer '\(query.answer.prefix(40))' is not among them"
        )
      }
      if let needer = candidatesNeededBy, query.candidates == nil {
        let why = example.family.missingCandidatesReason(example.params)
        throw .unsupportedMode(
          "\(location): \(needer.name) needs candidates, and this example has none (\(why)); \(needer.advice)")
      }
    }
    try checkCopies(example, location: location)
  }

  /// Refuses a query whose `copy` contradicts the family's `last-reveal` answer, recomputed from
  /// the line's own structure (files of cwmbench 0.1.0 have no `copy` and pass).
  static func checkCopies(_ example: TaskExample, location: String) throws(EvalError) {
    guard example.queries.contains(where: { $0.copy != nil }) else { return }
    let guesses = example.shapedLastRevealGuesses()
    for (index, query) in example.queries.enumerated() {
      guard let copy = query.copy else { continue }
      let field = "\(location): field 'queries[\(index)].copy'"
      guard let guess = guesses?[index] else {
        if copy {
          throw .badTasks("\(field): is true but the line does not record what the last reveal needs")
        }
        continue
      }
      if copy, guess != query.answer {
        throw .badTasks(
          "\(field): is true but its answer '\(query.answer.prefix(40))' differs from the last reveal "
            + "'\(guess.prefix(40))'")
      }
      if !copy, guess == query.answer {
        throw .badTasks(
          "\(field): is false but its answer '\(query.answer.prefix(40))' is what the last reveal gives")
      }
    }
  }

  /// The first query whose span of `text` is not its answer.
  static func firstMismatch(_ queries: [TaskQuery], in text: UnsafeBufferPointer<UInt8>) -> Int? {
    queries.indices.first { index in
      let query = queries[index]
      return !UnsafeBufferPointer(rebasing: text[query.start..<query.end]).elementsEqual(query.answer.utf8)
    }
  }

  /// Refuses the first line (in file order) whose id an earlier line already has.
  static func refuseDuplicateIDs(
    _ hashes: [(hash: UInt64, line: Int)], file: CheckedTaskFile, display: String, families: FamilyRegistry
  ) throws(EvalError) {
    let sorted = hashes.sorted { ($0.hash, $0.line) < ($1.hash, $1.line) }
    var suspects = Set<Int>()
    for index in sorted.indices.dropFirst() where sorted[index].hash == sorted[index - 1].hash {
      suspects.insert(sorted[index].line)
      suspects.insert(sorted[index - 1].line)
    }
    guard !suspects.isEmpty else { return }
    // Equal hashes: compare the ids themselves, in file order.
    var firstLine: [ExampleID: Int] = [:]
    var duplicate: (id: String, line: Int, first: Int)?
    do {
      try LineReader.forEachLine(descriptor: file.descriptor, path: display) { line, lineNumber, _ in
        guard duplicate == nil, suspects.contains(lineNumber) else { return }
        let id = try TaskFileReader.decode(line, path: display, lineNumber: lineNumber, families: families).id
        if let first = firstLine[ExampleID(id)] {
          duplicate = (id, lineNumber, first)
        } else {
          firstLine[ExampleID(id)] = lineNumber
        }
      }
    } catch {
      throw .badTasks("\(error)")
    }
    if let duplicate {
      throw .badTasks(
        "'\(display)' line \(duplicate.line): field 'id': duplicate id '\(duplicate.id)' "
          + "(first on line \(duplicate.first))")
    }
  }
}
