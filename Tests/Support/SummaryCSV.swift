import Foundation

/// Reads a `summary.csv` by its header's names, written apart from the report's own writer (RFC
/// 4180 quoting), so tests check the file without the code under test.
public enum SummaryCSV {
  /// Every data row as column name → field.
  public static func rows(atPath path: String) throws -> [[String: String]] {
    try rows(String(contentsOfFile: path, encoding: .utf8))
  }

  /// Every data row of `text` as column name → field.
  public static func rows(_ text: String) -> [[String: String]] {
    let records = parse(text)
    guard let header = records.first else { return [] }
    return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
  }

  /// Records of fields; quoted fields may hold commas, quotes (doubled) and line breaks.
  static func parse(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    while let scalar = pending ?? scalars.next() {
      pending = nil
      if quoted {
        if scalar == "\"" {
          let next = scalars.next()
          if next == "\"" {
            field.unicodeScalars.append("\"")
          } else {
            quoted = false
            pending = next
          }
        } else {
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"": quoted = true
      case ",":
        record.append(field)
        field = ""
      case "\n":
        record.append(field)
        records.append(record)
        record = []
        field = ""
      case "\r": continue
      default: field.unicodeScalars.append(scalar)
      }
    }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    return records
  }
}
