import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchReport

/// `summary.tex` against `summary.csv` (parsed here as plain comma-separated text), and compiled
/// by a real `pdflatex` (Debian's `texlive-latex-base` and `texlive-latex-recommended`; `.ci/run`
/// installs them).
@Suite(.offCooperativePool) struct SummaryTeXWriterTests {
  /// perm and pfsa rows together, with a model name full of LaTeX's special characters.
  static func data() -> ReportData {
    let perm = ReportFixtures.permData(), pfsa = ReportFixtures.pfsaData()
    let rows = (perm.rows + pfsa.rows).map { row in
      var row = row
      if row.model == "tiny-deltanet" { row.model = "tiny_delta%net & {#1} ~$^\\" }
      return row
    }
    return ReportData(title: "mixed", rows: rows, models: perm.models + pfsa.models)
  }

  /// One table line: its key (model, cell values, T, k, sorted) and its numbers in order.
  struct Line: Hashable {
    var key: [String]
    var numbers: [Double]
  }

  /// The body lines of every table: the cells between `&`, the last `metrics` of them numbers.
  static func texLines(_ tex: String) -> [String: [Line]] {
    var tables: [String: [Line]] = [:]
    var family: String?
    var inBody = false
    for line in tex.split(separator: "\n").map(String.init) {
      if line.hasPrefix("\\label{tab:cwmbench-") {
        family = String(line.dropFirst("\\label{tab:cwmbench-".count).dropLast())
      } else if line == "\\midrule" {
        inBody = true
      } else if line == "\\bottomrule" {
        inBody = false
      } else if inBody, let family {
        let cells = line.dropLast(" \\\\".count).components(separatedBy: " & ")
        let metricCells = 3
        let head = Array(cells.dropLast(metricCells + 1))  // the floor is not part of the key
        let numbers = cells.suffix(metricCells + 1).map { cell -> Double in
          // `0.812 {\scriptsize[...]}` or `\textcolor{gray}{0.812 ...}`: the first number.
          let scanned = cell.replacingOccurrences(of: "\\textcolor{gray}{", with: "")
          return Double(scanned.split(separator: " ").first.map(String.init) ?? "") ?? .nan
        }
        tables[family, default: []].append(Line(key: head.sorted(), numbers: numbers))
      }
    }
    return tables
  }

  @Test func everyNumberIsTheCSVRowsRoundedToThreeDecimals() throws {
    let data = Self.data()
    var tex = "", csv = ""
    SummaryTeXWriter.write(data, to: &tex)
    SummaryCSVWriter.write(data.rows, columns: data.cellColumns, to: &csv)
    // The CSV, read apart from the writer (`SummaryCSV`); the cell's parameters are the header's
    // columns between `family` and `length`.
    let header = csv.prefix { $0 != "\n" }.split(separator: ",").map(String.init)
    let cellColumns = Array(header[(header.firstIndex(of: "family")! + 1)..<header.firstIndex(of: "length")!])
    let records = Dictionary(grouping: SummaryCSV.rows(csv)) { $0["family"]! }
    var expected: [String: [[String]: [String: (value: Double, floor: Double)]]] = [:]
    for (family, rows) in records {
      // A parameter with one value in the whole family is in the caption, not a column.
      let varying = cellColumns.filter { column in Set(rows.map { $0[column]! }).count > 1 }
      for constant in cellColumns where !varying.contains(constant) && !rows[0][constant]!.isEmpty {
        #expect(tex.contains("\\texttt{\(SummaryTeXWriter.escaped(constant))} \(rows[0][constant]!)"))
      }
      for row in rows {
        let key =
          ([SummaryTeXWriter.escaped(row["model"]!)] + varying.map { row[$0]! } + [row["length"]!, row["spacing"]!])
          .sorted()
        expected[family, default: [:]][key, default: [:]][row["metric"]!] = (
          Double(row["value"]!)!, Double(row["floor"]!)!
        )
      }
    }
    let tables = Self.texLines(tex)
    #expect(tables.keys.sorted() == ["perm", "pfsa"])
    for (family, lines) in tables {
      let metrics =
        family == "pfsa"
        ? ["accuracy", "final_accuracy", "excess_nll"]
        : ["accuracy", "final_accuracy", "sequence_accuracy"]
      #expect(lines.count == expected[family]?.count, "\(family): one line per model and cell")
      for line in lines {
        let rows = try #require(expected[family]?[line.key], "\(family) \(line.key) is not in summary.csv")
        #expect(abs(line.numbers[0] - rows["accuracy"]!.floor) <= 0.0005 + 1e-9, "floor of \(line.key)")
        for (metric, number) in zip(metrics, line.numbers.dropFirst()) {
          let value = try #require(rows[metric]?.value, "\(metric) of \(line.key)")
          #expect(abs(number - value) <= 0.0005 + 1e-9, "\(family) \(line.key) \(metric): \(number) vs \(value)")
        }
      }
    }
  }

  @Test(
    .enabled(
      if: PDFLaTeX.path != nil,
      "pdflatex is not installed (apt-get install texlive-latex-base texlive-latex-recommended; .ci/run does)"))
  func compilesWithPDFLaTeX() throws {
    let directory = try TemporaryDirectory()
    var tex = ""
    SummaryTeXWriter.write(Self.data(), to: &tex)
    try tex.write(toFile: directory.file("summary.tex"), atomically: true, encoding: .utf8)
    let document =
      "\\documentclass{article}\n\\usepackage{booktabs}\n\\usepackage{xcolor}\n"
      + "\\usepackage[margin=0.5in]{geometry}\n\\begin{document}\n\\input{summary}\n\\end{document}\n"
    try document.write(toFile: directory.file("paper.tex"), atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: PDFLaTeX.path!)
    process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "paper.tex"]
    process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
    let log = directory.file("pdflatex.out")
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    process.standardError = process.standardOutput
    process.standardInput = FileHandle.nullDevice
    try process.run()
    if !ProcessDeadline.wait(for: process, seconds: 120) { Issue.record("pdflatex did not finish within 120 s") }
    let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    #expect(process.terminationStatus == 0, "pdflatex failed:\n\(output.suffix(2000))")
    #expect(FileManager.default.fileExists(atPath: directory.file("paper.pdf")))
    #expect(!output.contains("Overfull \\hbox"), "a table is wider than the page:\n\(output.suffix(2000))")
  }
}

/// Where `pdflatex` is, if it is installed.
enum PDFLaTeX {
  static let path: String? = ["/usr/bin/pdflatex", "/usr/local/bin/pdflatex", "/usr/local/texlive/bin/pdflatex"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }
}
