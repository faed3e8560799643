import CWMBenchCore
import Foundation

/// Published numbers drawn beside measured ones (`report --reference FILE.csv`).
///
/// The file has `summary.csv`'s columns plus `source` (a citation such as `arXiv 2602.07672`);
/// only `model`, `family`, `length`, `spacing`, `metric`, `value` and `source` are required,
/// and every cell column that is given must match. A row is drawn on the measured cell it
/// matches, as a dashed line named `model (source)`; a row that matches none is left out with
/// a warning, since a published number has no cell of its own to stand in.
public enum ReferenceRows {
  /// The columns a reference file must have.
  public static let requiredColumns = ["model", "family", "length", "spacing", "metric", "value", "source"]
  /// Columns that are not part of a cell.
  static let valueColumns: Set = [
    "model", "metric", "value", "ci_low", "ci_high", "examples", "queries", "floor", "failed", "source",
  ]

  /// Adds the rows of each file in `paths` to `data`, and their warnings to its run warnings.
  public static func add(_ paths: [String], to data: inout ReportData) throws(ReportError) {
    for path in paths {
      let (rows, warnings) = try load(path, measured: data.rows, columns: data.cellColumns)
      data.referenceRows += rows
      data.runWarnings += warnings
    }
  }

  /// Reads `path` and places its rows on the cells of `measured`; returns the rows and warnings.
  ///
  /// - Complexity: O(reference rows × measured cells × columns).
  public static func load(_ path: String, measured: [SummaryRow], columns: [String]) throws(ReportError)
    -> (rows: [SummaryRow], warnings: [String])
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .io(path: path, reason: "cannot read the reference file")
    }
    let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
    guard let headerLine = lines.first else { throw .invalidInput(path: path, line: 1, reason: "empty file") }
    let header = fields(of: headerLine)
    if let missing = requiredColumns.first(where: { !header.contains($0) }) {
      throw .invalidInput(
        path: path, line: 1, reason: "no column '\(missing)' (needs \(requiredColumns.joined(separator: ", ")))")
    }
    // Each measured cell once, as summary.csv spells its columns.
    var cells: [(cell: ReportCell, values: [String: String])] = []
    var seen = Set<String>()
    for row in measured where seen.insert(row.cell.key).inserted {
      var csv = ""
      SummaryCSVWriter.write([row], columns: columns, to: &csv)
      let parts = csv.split(separator: "\n").map(String.init)
      guard parts.count == 2 else { continue }
      cells.append(
        (row.cell, Dictionary(zip(fields(of: parts[0]), fields(of: parts[1])), uniquingKeysWith: { a, _ in a })))
    }
    var rows: [SummaryRow] = []
    var warnings: [String] = []
    for (offset, line) in lines.dropFirst().enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
      let number = offset + 2
      let values = Dictionary(zip(header, fields(of: line)), uniquingKeysWith: { a, _ in a })
      guard let metric = ReportMetric(rawValue: values["metric"] ?? "") else {
        throw .invalidInput(path: path, line: number, reason: "unknown metric '\(values["metric"] ?? "")'")
      }
      guard let value = Double(values["value"] ?? ""), value.isFinite else {
        throw .invalidInput(path: path, line: number, reason: "'value' is not a number: '\(values["value"] ?? "")'")
      }
      let given = values.filter { !valueColumns.contains($0.key) && !$0.value.isEmpty }
      guard let match = cells.first(where: { cell in given.allSatisfy { cell.values[$0.key] == $0.value } }) else {
        warnings.append(
          "warning: reference row \(number) of '\(path)' (\(values["model"] ?? "?")) matches no measured cell; left out"
        )
        continue
      }
      let low = Double(values["ci_low"] ?? "") ?? value
      let high = Double(values["ci_high"] ?? "") ?? value
      var row = SummaryRow(
        model: "\(values["model"] ?? "?") (\(values["source"] ?? "?"))", cell: match.cell, metric: metric,
        value: value, interval: ConfidenceInterval(low: low, high: high),
        examples: Int(values["examples"] ?? "") ?? 0, queries: Int(values["queries"] ?? "") ?? 0)
      row.floor = match.cell.chance
      rows.append(row)
    }
    return (rows, warnings)
  }

  /// The fields of one CSV line: commas separate, double quotes enclose, `""` is a quote.
  static func fields(of line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var iterator = line.makeIterator()
    while let character = iterator.next() {
      if quoted {
        if character == "\"" {
          if let next = iterator.next() {
            if next == "\"" {
              current.append("\"")
            } else {
              quoted = false
              if next == "," {
                fields.append(current)
                current = ""
              } else {
                current.append(next)
              }
            }
          } else {
            quoted = false
          }
        } else {
          current.append(character)
        }
      } else if character == "\"" {
        quoted = true
      } else if character == "," {
        fields.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    fields.append(current)
    return fields
  }
}
