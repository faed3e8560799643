import CWMBenchCore
import CWMBenchFormats

/// Decodes result lines (SPEC §5) for the report; task files go through `TaskExample(json:)`.
///
/// Kept local to the report so it only depends on the fields a report needs; failures are
/// plain messages the caller wraps with the file and line.
enum ReportDecoding {
  /// A decoding failure: what was wrong, ready for `ReportError.invalidInput`.
  struct Failure: Error {
    var reason: String
  }

  static func result(from json: JSONValue, defaultModel: String) throws(Failure) -> ResultRecord {
    let id = try string(json, "id")
    let mode = json["mode"]?.stringValue.flatMap(EvalMode.init(rawValue:)) ?? .score
    var queries: [QueryResult] = []
    if let items = json["queries"]?.arrayValue {
      queries.reserveCapacity(items.count)
      for item in items {
        guard let correct = item["correct"]?.boolValue else {
          throw Failure(reason: "result '\(id)' has a query without a boolean 'correct'")
        }
        queries.append(
          QueryResult(
            correct: correct, logprob: item["logprob"]?.doubleValue, predicted: item["predicted"]?.stringValue,
            probs: item["probs"]?.arrayValue?.compactMap(\.doubleValue)))
      }
    }
    let error: String?
    if let value = json["error"], !value.isNull { error = value.stringValue ?? JSONWriter.encode(value) } else { error = nil }
    return ResultRecord(
      id: id, model: json["model"]?.stringValue ?? defaultModel, mode: mode, queries: queries, error: error)
  }

  static func string(_ json: JSONValue, _ key: String) throws(Failure) -> String {
    guard let value = json[key]?.stringValue else { throw Failure(reason: "missing string '\(key)'") }
    return value
  }

  static func int(_ json: JSONValue, _ key: String) throws(Failure) -> Int {
    guard let value = json[key]?.intValue else { throw Failure(reason: "missing integer '\(key)'") }
    return value
  }
}
