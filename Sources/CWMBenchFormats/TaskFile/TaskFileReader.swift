import CWMBenchCore
import Foundation

/// Streams the examples of a task file (docs/task-file.md) without loading the file.
public enum TaskFileReader {
  /// Calls `body` with every example in file order; errors name the file and line.
  ///
  /// `body` may return `false` to stop early (e.g. once `show` has found its example).
  public static func forEachExample(
    inFileAt path: String, families: FamilyRegistry, _ body: (TaskExample, _ lineNumber: Int) throws -> Bool
  ) throws {
    // Ids are compared as bytes, as everywhere (ExampleID).
    var seen = Set<ExampleID>()
    var cache = TaskLineCache()
    do {
      try LineReader.forEachLine(inFileAt: path) { line, lineNumber, _ in
        if line.isEmpty { return }
        let example = try decode(line, path: path, lineNumber: lineNumber, families: families, cache: &cache)
        guard seen.insert(ExampleID(example.id)).inserted else {
          throw TaskFileError.inFile(path: path, line: lineNumber, reason: "duplicate example id '\(example.id)'")
        }
        if try !body(example, lineNumber) { throw StopReading() }
      }
    } catch is StopReading {
      return
    } catch let error as CoreError {
      throw TaskFileError.io(error.description)
    }
  }

  /// Every example, in order (tests and small files only: it holds them all).
  public static func readAll(inFileAt path: String, families: FamilyRegistry) throws -> [TaskExample] {
    var examples: [TaskExample] = []
    try forEachExample(inFileAt: path, families: families) { example, _ in
      examples.append(example)
      return true
    }
    return examples
  }

  /// Decodes one line: through `TaskLineReader` when it can, else `JSONParser` and `TaskExample(json:)`.
  public static func decode(
    _ line: UnsafeRawBufferPointer, path: String, lineNumber: Int, families: FamilyRegistry
  ) throws(TaskFileError) -> TaskExample {
    var cache = TaskLineCache()
    return try decode(line, path: path, lineNumber: lineNumber, families: families, cache: &cache)
  }

  /// Decodes one line as `decode(_:path:lineNumber:families:)` does, decoding its `params` only
  /// when they differ from the previous line's (`cache`, kept by the caller from line to line).
  public static func decode(
    _ line: UnsafeRawBufferPointer, path: String, lineNumber: Int, families: FamilyRegistry,
    cache: inout TaskLineCache
  ) throws(TaskFileError) -> TaskExample {
    // The fast path reads what the codec writes; anything else goes through the decoder.
    if let example = TaskLineReader.read(line, families: families, cache: &cache) { return example }
    let json: JSONValue
    do { json = try JSONParser.parse(line) } catch {
      throw .inFile(path: path, line: lineNumber, reason: "not valid JSON: \(error)")
    }
    do { return try TaskExample(json: json, families: families) } catch {
      throw error.located(in: path, line: lineNumber)
    }
  }

  private struct StopReading: Error {}
}
