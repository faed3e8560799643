import CWMBenchCore

/// Why a task file, suite spec or manifest could not be read or written.
public enum TaskFileError: Error, Sendable, CustomStringConvertible {
  /// A required field is absent.
  case missing(String)
  /// A field has the wrong type or value.
  case field(String, expected: String, got: JSONValue)
  /// A field's value was rejected by the generator's own validation.
  case invalid(String, GenerationError)
  /// A file-level problem: `file` names the file, `line` the line when known.
  case inFile(path: String, line: Int?, reason: String)
  /// Reading or writing failed.
  case io(String)

  /// The same error with `prefix` prepended to its field path (`queries[3]` + `end`).
  func inside(_ prefix: String) -> TaskFileError {
    func join(_ field: String) -> String {
      field.isEmpty ? prefix : (field.hasPrefix("[") ? prefix + field : prefix + "." + field)
    }
    switch self {
    case .missing(let field): return .missing(join(field))
    case .field(let field, let expected, let got): return .field(join(field), expected: expected, got: got)
    case .invalid(let field, let error): return .invalid(join(field), error)
    case .inFile, .io: return self
    }
  }

  /// The same error located in a file (and line).
  func located(in path: String, line: Int? = nil) -> TaskFileError {
    switch self {
    case .inFile, .io: return self
    default: return .inFile(path: path, line: line, reason: description)
    }
  }

  /// The message; a field that is a flag (`--width`, from an inline grid) is named as an option.
  public var description: String {
    description { $0.hasPrefix("--") ? "option '\($0)'" : "field '\($0)'" }
  }

  /// The message with each field named by `name` rather than as `field 'grid.length'`, so a
  /// caller that took the field from somewhere else names that (the CLI says `option '--length'`).
  public func description(namingField name: (String) -> String) -> String {
    switch self {
    case .missing(let field): return "missing \(name(field))"
    case .field(let field, let expected, let got):
      return "\(name(field)): expected \(expected), got \(got.briefDescription)"
    case .invalid(let field, let error): return "\(name(field)): \(error)"
    case .inFile(let path, let line, let reason):
      return "'\(path)'" + (line.map { " line \($0)" } ?? "") + ": " + reason
    case .io(let message): return message
    }
  }
}

extension JSONValue {
  /// A short rendering for error messages: the value itself when small, else its type.
  var briefDescription: String {
    switch self {
    // Shown as written where the bare text would pass for another type: `"4"` is a string and
    // `4.0` a fraction, so "expected an integer, got '4'" never explains itself.
    case .string(let s):
      guard s.count <= 40 else { return "a long string" }
      return Double(s) != nil || ["true", "false", "null"].contains(s) ? "'\"\(s)\"'" : "'\(s)'"
    case .int(let i): return "'\(i)'"
    case .double(let d):
      let text = formatNumber(d)
      return d.isFinite && !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? "'\(text).0'" : "'\(text)'"
    case .bool(let b): return "'\(b)'"
    case .null: return "null"
    case .array:
      let text = JSONWriter.encode(self)
      return text.count <= 40 ? "'\(text)'" : "an array"
    case .object: return "an object"
    }
  }
}
