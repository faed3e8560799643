import CWMBenchCore
import CWMBenchFormats
import Foundation

/// An eval output folder: `results.jsonl` and `run.json`, and the rules for resuming into it.
struct RunDirectory {
  let path: String
  var resultsPath: String { (path as NSString).appendingPathComponent("results.jsonl") }
  var runPath: String { (path as NSString).appendingPathComponent("run.json") }

  init(path: String) throws(EvalError) {
    self.path = path
    do {
      try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
      throw .io("cannot create output folder '\(path)'")
    }
    guard FileManager.default.isWritableFile(atPath: path) else { throw .io("output folder '\(path)' is not writable") }
  }

  /// Readies the folder and returns the ids an earlier run answered.
  ///
  /// An earlier run over a different task file, model or mode is refused rather than mixed
  /// in. Failed examples and an unterminated last line (a run killed mid-write) are dropped,
  /// by rewriting the file atomically, so they are asked again and never appear twice.
  func prepare(fresh: Bool, expecting run: RunFile) throws(EvalError) -> Set<String> {
    let manager = FileManager.default
    if fresh {
      try? manager.removeItem(atPath: resultsPath)
      try? manager.removeItem(atPath: runPath)
      return []
    }
    if let data = manager.contents(atPath: runPath) {
      guard let previous = try? JSONParser.parse([UInt8](data)) else {
        throw .resumeMismatch("'\(runPath)' is not valid JSON; use --fresh to start over")
      }
      for (key, expected) in [
        ("tasks_sha256", run.tasksSHA256), ("mode", run.mode.rawValue), ("model", run.modelSpec),
        ("shard", run.shard ?? ""),
      ] {
        let found = previous[key]?.stringValue ?? ""
        if found != expected {
          throw .resumeMismatch(
            "'\(path)' holds a run with a different \(key.replacingOccurrences(of: "_", with: " ")) "
              + "('\(found.prefix(16))' there, '\(expected.prefix(16))' now); use --fresh to start over or another --out")
        }
      }
    }
    guard manager.fileExists(atPath: resultsPath) else { return [] }

    var answered = Set<String>()
    var kept: [UInt8] = []
    var needsRewrite = false
    do {
      try LineReader.forEachLine(inFileAt: resultsPath) { line, lineNumber, terminated in
        guard terminated else {
          needsRewrite = true
          return
        }
        guard let json = try? JSONParser.parse(line), let record = try? ResultRecord(json: json) else {
          throw EvalError.badTasks("'\(resultsPath)' line \(lineNumber) is not a result line; use --fresh to start over")
        }
        if record.error != nil || answered.contains(record.id) {
          needsRewrite = true
          return
        }
        answered.insert(record.id)
        kept.append(contentsOf: line)
        kept.append(0x0A)
      }
    } catch let error as EvalError {
      throw error
    } catch {
      throw .io("cannot read '\(resultsPath)': \(error)")
    }
    if needsRewrite {
      do { try AtomicFile.write(kept, to: resultsPath) } catch { throw .io(error.description) }
    }
    return answered
  }

  func openResults() throws(EvalError) -> AppendFile {
    do { return try AppendFile(path: resultsPath) } catch { throw .io(error.description) }
  }

  func writeRun(_ run: RunFile) throws(EvalError) {
    do {
      try AtomicFile.write(Array(JSONWriter.encode(run.json, pretty: true).utf8), to: runPath)
    } catch {
      throw .io(error.description)
    }
  }
}
