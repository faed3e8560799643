import CWMBenchCore

/// Writes `headline.csv` (docs/summary-csv.md, "The headline"): one line per family and model,
/// in the leaderboard's order, numbers at full precision as in `summary.csv`.
public enum HeadlineCSVWriter {
  /// The file's name in the report folder.
  public static let fileName = "headline.csv"

  /// The header line.
  public static let header = "family,model,rank,cells,headline,ci_low,ci_high,accuracy,floor"

  /// Writes the header and one line per headline; `rank` counts from 1 within each family.
  public static func write(_ headlines: [Headline], to output: inout some TextOutputStream) {
    output.write(header + "\n")
    var rank = 0
    var family: String?
    for headline in headlines {
      rank = headline.family == family ? rank + 1 : 1
      family = headline.family
      let fields = [
        CSVField.text(headline.family), CSVField.text(headline.model), String(rank), String(headline.cells),
        formatNumber(headline.value), formatNumber(headline.interval.low), formatNumber(headline.interval.high),
        formatNumber(headline.accuracy), formatNumber(headline.floor),
      ]
      output.write(fields.joined(separator: ",") + "\n")
    }
  }
}
