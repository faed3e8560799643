import CWMBenchCore

extension RunFile {
  /// `run.json`'s `mode_probe`: what `--mode auto` measured of a server before choosing a mode
  /// (docs/results.md), kept so that a resumed run takes the same mode without asking again.
  public struct ModeProbe: Sendable, Hashable {
    /// Seconds one score request (the first example, every query) took; the time waited when it timed out.
    public var scoreRequestSeconds: Double
    /// Whether that request ran past its timeout (`scoreRequestSeconds` is then a lower bound).
    public var scoreTimedOut: Bool
    /// Seconds one generate request (the first example's first query) took.
    public var generateRequestSeconds: Double
    /// The run's estimated time in score mode: one request per example.
    public var scoreRunSeconds: Double
    /// The run's estimated time in generate mode: one request per query.
    public var generateRunSeconds: Double
    /// How many times generate's estimate score's must exceed for `auto` to pick generate.
    public var factor: Double
    /// The sentence that says what was chosen and why.
    public var reason: String

    /// Creates a record; seconds are kept to the millisecond, as the file writes them.
    public init(
      scoreRequestSeconds: Double, scoreTimedOut: Bool, generateRequestSeconds: Double, scoreRunSeconds: Double,
      generateRunSeconds: Double, factor: Double, reason: String
    ) {
      self.scoreRequestSeconds = Self.milliseconds(scoreRequestSeconds)
      self.scoreTimedOut = scoreTimedOut
      self.generateRequestSeconds = Self.milliseconds(generateRequestSeconds)
      self.scoreRunSeconds = Self.milliseconds(scoreRunSeconds)
      self.generateRunSeconds = Self.milliseconds(generateRunSeconds)
      self.factor = factor
      self.reason = reason
    }

    /// The keys of the object, each spelled once.
    enum Key: String, CaseIterable {
      case scoreRequestSeconds = "score_request_seconds"
      case scoreTimedOut = "score_timed_out"
      case generateRequestSeconds = "generate_request_seconds"
      case scoreRunSeconds = "score_run_seconds"
      case generateRunSeconds = "generate_run_seconds"
      case factor
      case reason
    }

    /// `seconds` rounded to the millisecond: a timing is not more precise than that.
    static func milliseconds(_ seconds: Double) -> Double { (seconds * 1000).rounded() / 1000 }

    /// The object as `run.json` holds it.
    public var json: JSONValue {
      func seconds(_ value: Double) -> JSONValue { .double(value) }
      return .object([
        Key.scoreRequestSeconds.rawValue: seconds(scoreRequestSeconds),
        Key.scoreTimedOut.rawValue: .bool(scoreTimedOut),
        Key.generateRequestSeconds.rawValue: seconds(generateRequestSeconds),
        Key.scoreRunSeconds.rawValue: seconds(scoreRunSeconds),
        Key.generateRunSeconds.rawValue: seconds(generateRunSeconds),
        Key.factor.rawValue: .double(factor),
        Key.reason.rawValue: .string(reason),
      ])
    }

    /// Reads the object; every key is required, with its type.
    public init(json: JSONValue) throws(DecodingError) {
      func fail(_ key: Key, _ expected: String) -> DecodingError {
        DecodingError(description: "'mode_probe.\(key.rawValue)': expected \(expected)")
      }
      func number(_ key: Key) throws(DecodingError) -> Double {
        guard let value = json[key.rawValue]?.doubleValue, value.isFinite, value >= 0 else {
          throw fail(key, "a number ≥ 0")
        }
        return value
      }
      guard json.objectValue != nil else {
        throw DecodingError(description: "'mode_probe': expected an object, got \(json.briefDescription)")
      }
      guard let timedOut = json[Key.scoreTimedOut.rawValue]?.boolValue else { throw fail(.scoreTimedOut, "a boolean") }
      guard let reason = json[Key.reason.rawValue]?.stringValue else { throw fail(.reason, "a string") }
      self.init(
        scoreRequestSeconds: try number(.scoreRequestSeconds), scoreTimedOut: timedOut,
        generateRequestSeconds: try number(.generateRequestSeconds), scoreRunSeconds: try number(.scoreRunSeconds),
        generateRunSeconds: try number(.generateRunSeconds), factor: try number(.factor), reason: reason)
    }
  }
}
