import CWMBenchCore
import CWMBenchFormats

extension HTMLReportWriter {
  /// The anchor of a family's section (`family-perm`); family names are identifiers.
  static func anchor(ofFamily family: String) -> String {
    "family-"
      + String(
        family.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) ? Character($0) : "-" })
  }

  /// Writes one family's section: its plots and heatmap, drawn from its rows alone, then its
  /// tables (the comparison, the reliability figure when it has posteriors, every metric).
  static func writeFamily(
    _ data: ReportData, family: (name: String, hasPosteriors: Bool), to output: inout some TextOutputStream
  ) {
    let part = data.restricted(toFamily: family.name)
    output.write(
      "<section class=\"family\" id=\"\(Markup.escape(anchor(ofFamily: family.name)))\">\n<h2>Family \(Markup.escape(family.name))</h2>\n"
    )
    writePlots(part, to: &output)
    writeTable(part, family: family, to: &output)
    output.write("</section>\n")
  }
}
