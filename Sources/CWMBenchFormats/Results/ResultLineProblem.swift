import CWMBenchCore

/// Why a line of `results.jsonl` cannot be read, naming the field, for messages that point the
/// user at the one line to fix rather than at `--fresh`, which would delete every answer.
public enum ResultLineProblem {
  /// The problem with `line`, or nil when it reads as a result line.
  ///
  /// A syntax error names the key whose value holds it (`field 'logprob': invalid number at
  /// offset 57`); a decoding error already names its field.
  public static func describe(_ line: UnsafeRawBufferPointer) -> String? {
    do throws(ResultRecord.ReadError) {
      _ = try ResultRecord.read(line)
      return nil
    } catch {
      switch error {
      case .json(let error):
        let key = enclosingKey(in: line, before: error.offset).map { "field '\($0)': " } ?? ""
        return key + "not valid JSON: \(error)"
      case .decoding(let error):
        return error.description
      }
    }
  }

  /// The last object key that starts before `offset`: the field whose value holds a syntax error.
  ///
  /// A key is a string followed (after blanks) by `:`; strings are skipped whole so a quote or
  /// colon inside a value is not mistaken for one.
  ///
  /// - Complexity: O(offset).
  static func enclosingKey(in line: UnsafeRawBufferPointer, before offset: Int) -> String? {
    var key: String?
    var index = 0
    let end = min(offset, line.count)
    while index < end {
      guard line[index] == UInt8(ascii: "\"") else {
        index += 1
        continue
      }
      let start = index + 1
      index = start
      while index < line.count, line[index] != UInt8(ascii: "\"") { index += line[index] == 0x5C ? 2 : 1 }
      let text = String(decoding: line[start..<min(index, line.count)], as: UTF8.self)
      index += 1
      var after = index
      while after < line.count, line[after] == 0x20 || line[after] == 0x09 { after += 1 }
      if after < end, line[after] == UInt8(ascii: ":") { key = text }
    }
    return key
  }
}
