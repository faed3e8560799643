import CWMBenchCore
import CWMBenchFormats

/// Writes `summary.tex`: one booktabs table per family, ready for `\input{summary}` in a paper.
///
/// Each table has a line per model and cell, with the cell's parameters, `T`, `k`, the
/// no-tracking floor and each metric of `metrics(hasPosteriors:)` as value and 95% interval. An
/// accuracy whose interval reaches the floor is set in grey, the rule the page's tables use.
/// The preamble needs `booktabs` and `xcolor` (docs/results.md shows a complete document).
public enum SummaryTeXWriter {
  /// The file's name in a report folder.
  public static let fileName = "summary.tex"

  /// The metrics a family's table shows: the accuracies, and for families with Bayes posteriors
  /// the excess negative log-likelihood; the rest stay in `summary.csv`, to keep a table within a
  /// page's width.
  static func metrics(hasPosteriors: Bool) -> [ReportMetric] {
    hasPosteriors ? [.accuracy, .finalAccuracy, .excessNLL] : [.accuracy, .finalAccuracy, .sequenceAccuracy]
  }

  /// Writes a table per family of `data.rows`, in the order of `summary.md`.
  public static func write(_ data: ReportData, to output: inout some TextOutputStream) {
    output.write("% \(fileName): written by cwmbench \(cwmbenchVersion) for \(escaped(data.title)).\n")
    output.write("% \\input{summary} needs \\usepackage{booktabs} and \\usepackage{xcolor}.\n")
    for family in SummaryTable.families(in: data.rows) {
      let metrics = metrics(hasPosteriors: family.hasPosteriors)
      let table = SummaryTable(rows: data.rows, family: family.name)
      let allColumns = SummaryTable.cellColumns(of: table.lines.map(\.cell))
      // A parameter with one value on every line goes to the caption, to keep the table narrow.
      let constant = allColumns.filter { column in
        Set(table.lines.map { SummaryTable.values(of: $0.cell, columns: [column]) }).count == 1
      }
      let cellColumns = allColumns.filter { !constant.contains($0) }
      let fixed = constant.map { column in
        "\\texttt{\(escaped(column))} \(escaped(table.lines.first.map { SummaryTable.values(of: $0.cell, columns: [column])[0] } ?? ""))"
      }
      let header =
        ["model"] + cellColumns.map { "\\texttt{\(escaped($0))}" } + ["$T$", "$k$", "floor"]
        + metrics.map { escaped($0.rawValue.replacingOccurrences(of: "_", with: " ")) }
      let alignment =
        String(repeating: "l", count: 1 + cellColumns.count) + String(repeating: "r", count: 3 + metrics.count)
      output.write("\n\\begin{table}[t]\n\\centering\n\\small\n")
      output.write(
        "\\caption{\\texttt{\(escaped(family.name))}"
          + (fixed.isEmpty ? "" : " (" + fixed.joined(separator: ", ") + ")")
          + ": metrics with 95\\% intervals; floor is the no-tracking floor (grey: the accuracy's interval reaches it).}\n"
      )
      output.write("\\label{tab:cwmbench-\(labelText(family.name))}\n")
      output.write("\\begin{tabular}{\(alignment)}\n\\toprule\n")
      output.write(header.joined(separator: " & ") + " \\\\\n\\midrule\n")
      for line in table.lines {
        var cells = [escaped(data.markedName(line.model))]
        cells += SummaryTable.values(of: line.cell, columns: cellColumns).map(escaped)
        let accuracy = line.metrics[.accuracy]
        cells += [
          String(line.cell.length), escaped(line.cell.spacing.description),
          accuracy.map { Markup.decimal($0.floor, places: 3) } ?? "--",
        ]
        cells += metrics.map { metric in
          guard let row = line.metrics[metric] else { return "--" }
          let text =
            Markup.decimal(row.value, places: 3) + " {\\scriptsize[" + Markup.decimal(row.interval.low, places: 3)
            + ", " + Markup.decimal(row.interval.high, places: 3) + "]}"
          return metric == .accuracy && row.reachesFloor ? "\\textcolor{gray}{\(text)}" : text
        }
        output.write(cells.joined(separator: " & ") + " \\\\\n")
      }
      output.write("\\bottomrule\n\\end{tabular}\n\\end{table}\n")
    }
  }

  /// `text` with LaTeX's special characters escaped and control characters shown as escapes, so
  /// that any model name compiles as plain text.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text.escapingControlCharacters {
      switch character {
      case "\\": result += "\\textbackslash{}"
      case "{", "}", "%", "$", "&", "#", "_": result += "\\" + String(character)
      case "~": result += "\\textasciitilde{}"
      case "^": result += "\\textasciicircum{}"
      case "<": result += "\\textless{}"
      case ">": result += "\\textgreater{}"
      case "−": result += "--"
      default: result.append(character)
      }
    }
    return result
  }

  /// A label-safe spelling of a family name: letters and digits, others as `-`.
  static func labelText(_ name: String) -> String {
    String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
  }
}
