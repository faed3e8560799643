import CWMBenchCore
import CWMBenchFormats

extension HTMLReportWriter {
  /// Writes the leaderboard at the top of the page: per family, each model's headline (its mean
  /// accuracy above the no-tracking floor over the family's cells, `Headline`) best first, with
  /// links to the families' sections. Nothing when there are no accuracy rows.
  static func writeHeadline(_ data: ReportData, to output: inout some TextOutputStream) {
    let headlines = Headline.headlines(of: data.rows)
    guard !headlines.isEmpty else { return }
    output.write("<h2>Headline</h2>\n<p class=\"legend\">")
    output.write("<b>headline</b>: the model's accuracy minus the cell's no-tracking floor (the better of ")
    output.write("<code>last-reveal</code> and chance), averaged over the family's cells, each cell once; ")
    output.write("0 is no sign of tracking, 1 − floor a perfect tracker. The 95% interval combines the cells' ")
    output.write("own intervals as independent errors. Also in <code>headline.csv</code>.</p>\n")
    output.write("<div class=\"table\"><table class=\"headline\">\n<thead><tr><th>family</th><th>#</th>")
    output.write("<th>model</th><th>headline [95% interval]</th><th>mean accuracy</th><th>mean floor</th>")
    output.write("<th>cells</th></tr></thead>\n<tbody>\n")
    var rank = 0
    var family: String?
    for headline in headlines {
      rank = headline.family == family ? rank + 1 : 1
      let first = headline.family != family
      family = headline.family
      let places = Markup.places(for: headline.interval)
      let link =
        "<a href=\"#\(Markup.escape(anchor(ofFamily: headline.family)))\">\(Markup.escape(headline.family))</a>"
      output.write("<tr><td>\(first ? link : "")</td><td class=\"num rank\">\(rank)</td>")
      output.write("<td>\(Markup.escape(data.markedName(headline.model)))</td>")
      output.write(
        "<td class=\"num\(headline.interval.low <= 0 ? " chance" : "")\">\(Markup.estimate(headline.value, headline.interval))</td>"
      )
      output.write(
        "<td class=\"num\">\(Markup.decimal(headline.accuracy, places: places))</td><td class=\"num\">\(Markup.decimal(headline.floor, places: places))</td><td class=\"num\">\(headline.cells)</td></tr>\n"
      )
    }
    output.write("</tbody>\n</table></div>\n")
  }
}
