import CWMBenchCore
import CWMBenchFamilies
import CWMBenchFormats
import Foundation

/// `cwmbench rescore`: takes the answers out of a finished generate run's kept replies again,
/// with another `--extract`, into a new run folder; the model is not asked and the original
/// folder is not touched (inspect_ai keeps solving and scoring apart the same way).
public enum Rescorer {
  /// What a rescore wrote.
  public struct Summary: Sendable, Hashable {
    /// Result lines written.
    public var examples: Int
    /// Queries rescored, and how many of them are now right.
    public var queries: Int
    /// Queries right under the new rule.
    public var correct: Int
  }

  /// Rescores the run in `runFolder` with `extraction` into `outFolder` (which must not exist or be empty).
  ///
  /// A query whose line kept no `raw` reply (written before replies were kept) is extracted
  /// from its `predicted` text.
  /// - Complexity: O(task file + results), holding the task file's answers and stop strings.
  public static func rescore(
    runFolder: String, extraction: AnswerExtraction, outFolder: String, families: FamilyRegistry = .builtIn
  ) throws(EvalError) -> Summary {
    let runPath = (runFolder as NSString).appendingPathComponent(RunDirectory.runFileName)
    let resultsPath = (runFolder as NSString).appendingPathComponent(RunDirectory.resultsFileName)
    let run: RunFile
    do {
      guard let read = try RunFile.read(at: runPath) else {
        throw EvalError.badTasks("no \(RunDirectory.runFileName) in '\(runFolder)': not a run folder")
      }
      run = read
    } catch let error as EvalError {
      throw error
    } catch {
      throw .badTasks("'\(runPath)': \(error)")
    }
    guard run.mode == .generate else {
      throw .invalidOption(
        "'\(runFolder)' is a \(run.mode?.rawValue ?? "?")-mode run: only generate-mode replies can be extracted again")
    }
    let standardized = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
    guard standardized(outFolder) != standardized(runFolder) else {
      throw .invalidOption("'--out \(outFolder)' is the run folder itself: rescore writes a new folder")
    }
    let manager = FileManager.default
    if let existing = try? manager.contentsOfDirectory(atPath: outFolder), !existing.isEmpty {
      throw .invalidOption("'\(outFolder)' is not empty: rescore writes a new folder")
    }
    guard let tasksPath = run.resolvedTasksPath(runFolder: runFolder) else {
      throw .badTasks("the task file '\(run.tasks)' of '\(runPath)' is not there")
    }
    // Per example: each query's answer and stop strings.
    var truth: [String: [(answer: String, stops: [String])]] = [:]
    do {
      try TaskFileReader.forEachExample(inFileAt: tasksPath, families: families) { example, _ in
        let bytes = Array(example.text.utf8)
        truth[example.id] = example.queries.map { ($0.answer, EvalRunner.stopStrings(after: $0, in: bytes)) }
        return true
      }
    } catch {
      throw .badTasks("\(error)")
    }
    var output = JSONWriter()
    var summary = Summary(examples: 0, queries: 0, correct: 0)
    do {
      try LineReader.forEachLine(inFileAt: resultsPath) { line, lineNumber, _ in
        if line.isEmpty { return }
        var record: ResultRecord
        do { record = try ResultRecord.read(line) } catch {
          throw EvalError.badTasks("'\(resultsPath)' line \(lineNumber): not a result line")
        }
        guard let queries = truth[record.id] else {
          throw EvalError.badTasks(
            "'\(resultsPath)' line \(lineNumber): example '\(record.id)' is not in '\(run.tasks)'")
        }
        if record.error == nil {
          guard record.queries.count == queries.count else {
            throw EvalError.badTasks(
              "'\(resultsPath)' line \(lineNumber): \(record.queries.count) answers for \(queries.count) queries")
          }
          record.queries = zip(record.queries, queries).map { old, query in
            let reply = old.raw ?? old.predicted ?? ""
            let maxTokens = run.prompting.maxTokens ?? max(16, 2 * query.answer.utf8.count)
            var new = EvalRunner.scoredReply(
              reply, answer: query.answer, stops: query.stops, maxTokens: maxTokens, extraction: extraction)
            // The kept reply stays as it was, even when it was bounded more tightly.
            new.raw = old.raw
            return new
          }
          summary.queries += record.queries.count
          summary.correct += record.queries.filter(\.correct).count
        }
        summary.examples += 1
        record.write(to: &output)
        output.writeRaw("\n")
      }
    } catch let error as EvalError {
      throw error
    } catch {
      throw .badTasks("cannot read '\(resultsPath)': \(error)")
    }
    var record = run
    record.prompting.extract = extraction.description
    record.tasks = RunFile.recordedTasksPath(tasksPath, runFolder: outFolder)
    if let from = run.prompting.fewShotFrom {
      let absolute = from.hasPrefix("/") ? from : (runFolder as NSString).appendingPathComponent(from)
      record.prompting.fewShotFrom = relativePath(of: absolute, from: outFolder)
    }
    do {
      try manager.createDirectory(atPath: outFolder, withIntermediateDirectories: true)
      try AtomicFile.write(
        output.bytes, to: (outFolder as NSString).appendingPathComponent(RunDirectory.resultsFileName))
      try AtomicFile.write(record.bytes, to: (outFolder as NSString).appendingPathComponent(RunDirectory.runFileName))
    } catch {
      throw .io("cannot write '\(outFolder)': \(error)")
    }
    return summary
  }
}
