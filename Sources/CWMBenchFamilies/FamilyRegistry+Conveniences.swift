import CWMBenchCore
import CWMBenchFormats

extension SuiteSpec {
  /// Parses a spec of the built-in families read from `path`.
  public init(json: JSONValue, origin path: String) throws(TaskFileError) {
    try self.init(json: json, origin: path, families: .builtIn)
  }
}

extension TaskExample {
  /// Decodes an example of a built-in family from a parsed task-file line.
  public init(json: JSONValue) throws(TaskFileError) { try self.init(json: json, families: .builtIn) }
}

extension TaskFileReader {
  /// Every example of a task file of the built-in families, in order (tests and small files only).
  public static func readAll(inFileAt path: String) throws -> [TaskExample] {
    try readAll(inFileAt: path, families: .builtIn)
  }

  /// Calls `body` with every example of a task file of the built-in families, in file order.
  public static func forEachExample(
    inFileAt path: String, _ body: (TaskExample, _ lineNumber: Int) throws -> Bool
  ) throws {
    try forEachExample(inFileAt: path, families: .builtIn, body)
  }
}
