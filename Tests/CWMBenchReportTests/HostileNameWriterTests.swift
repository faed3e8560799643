import Foundation
import Testing

@testable import CWMBenchFormats
@testable import CWMBenchReport

/// Model names that are formulas or hold line breaks and control characters (issue 22, items 6 and 11).
@Suite struct HostileNameWriterTests {
  /// Names a spreadsheet would run as a formula, each with what the cell must hold.
  static let formulas = [
    #"=HYPERLINK("http://x","y")"#, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\r\n", "=cmd|' /C calc'!A0",
  ]
  /// Names that are plain text but need quoting, decided on Unicode scalars.
  static let awkward = ["a\r\nb", "a\nb", "a\rb", "x,y", "q\"q", "plain", "caf\u{E9}", "1.5"]

  static func rows(_ names: [String]) -> [SummaryRow] {
    let cell = ReportFixtures.cell(group: "S3", length: 8, spacing: .every(1))
    return names.map { name in
      SummaryRow(
        model: name, cell: cell, metric: .accuracy, value: 0.5, interval: ConfidenceInterval(low: 0.25, high: 0.75),
        examples: 4, queries: 8)
    }
  }

  /// Records of an RFC 4180 file, read scalar by scalar (`\r\n` is two scalars, as in the file).
  static func records(_ csv: String) -> [[String]] {
    var records: [[String]] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var quoted = false
    var scalars = Array(csv.unicodeScalars)[...]
    while let scalar = scalars.popFirst() {
      if quoted {
        if scalar == "\"" {
          if scalars.first == "\"" {
            scalars.removeFirst()
            field.append("\"")
          } else {
            quoted = false
          }
        } else {
          field.append(scalar)
        }
      } else if scalar == "\"" && field.isEmpty {
        quoted = true
      } else if scalar == "," {
        fields.append(String(field))
        field = String.UnicodeScalarView()
      } else if scalar == "\n" {
        fields.append(String(field))
        records.append(fields)
        fields = []
        field = String.UnicodeScalarView()
      } else {
        field.append(scalar)
      }
    }
    return records
  }

  @Test func formulasAreNeutralisedAndBreaksQuotedSoEveryRowStaysOneRecord() {
    var csv = ""
    SummaryCSVWriter.write(Self.rows(Self.formulas + Self.awkward), to: &csv)
    let records = Self.records(csv)
    #expect(records.count == 1 + Self.formulas.count + Self.awkward.count)
    #expect(
      records.allSatisfy { $0.count == records[0].count && $0.count == 25 }, "\(records.filter { $0.count != 25 })")
    let models = Set(records.dropFirst().map { $0[0] })
    #expect(models == Set(Self.formulas.map { "'" + $0 } + Self.awkward), "\(models)")
    // A neutralised cell is quoted too (OWASP), so no reader takes the quote for a delimiter.
    for formula in Self.formulas {
      #expect(csv.contains("\n\"'" + formula.prefix(1)), "\(formula.debugDescription)")
    }
  }

  @Test func numbersWeWriteStayNumbers() {
    let cell = ReportFixtures.cell(group: "S3", length: 8, spacing: .every(1))
    let row = SummaryRow(
      model: "m", cell: cell, metric: .excessNLL, value: -1.5, interval: ConfidenceInterval(low: -2, high: -1),
      examples: 4, queries: 8)
    var csv = ""
    SummaryCSVWriter.write([row], to: &csv)
    #expect(csv.split(separator: "\n")[1].hasSuffix(",excess_nll,-1.5,-2,-1,4,8,0.3333333333333333,0"), "\(csv)")
  }

  @Test func markdownKeepsEachRowOnOneLineAndShowsControlCharacters() {
    let names = ["a\r\nb", "a\rb", "a\nb", "bell\u{7}", "esc\u{1B}[31mred", "nel\u{85}x", "ls\u{2028}x", "pipe|x"]
    var markdown = ""
    let data = ReportData(title: "t\r\nitle", rows: Self.rows(names), models: [])
    MarkdownSummaryWriter.write(data, to: &markdown)
    let separators: Set<Unicode.Scalar> = ["\u{85}", "\u{2028}", "\u{2029}"]
    let stray = markdown.unicodeScalars.filter {
      $0 != "\n" && ($0.properties.generalCategory == .control || separators.contains($0))
    }
    #expect(stray.isEmpty, "\(stray.map { String($0.value, radix: 16) })")
    let tableRows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| model ") }
    #expect(tableRows.count == names.count, "\(markdown)")
    #expect(markdown.contains("pipe\\|x"))
  }
}
