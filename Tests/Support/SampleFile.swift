import Foundation

/// Reads a file of the report's sample browser (`samples/*.js`, docs/report.md): the arguments
/// of its one `cwmSamples.…(…)` call, parsed as JSON.
public enum SampleFile {
  /// The call's arguments; throws when the file is not one call with JSON arguments.
  public static func arguments(_ path: String) throws -> [Any] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    guard text.hasPrefix("cwmSamples."), let open = text.firstIndex(of: "("),
      let close = text.lastIndex(of: ")"), open < close
    else { throw CocoaError(.fileReadCorruptFile) }
    let inner = "[" + text[text.index(after: open)..<close] + "]"
    guard let arguments = try JSONSerialization.jsonObject(with: Data(inner.utf8)) as? [Any] else {
      throw CocoaError(.fileReadCorruptFile)
    }
    return arguments
  }
}
