import CWMBenchCore
import CWMBenchFormats

/// `reliability.svg`: per model, its `pfsa` confidence against how likely its prediction was.
///
/// One panel per model with calibration points (choice-mode `pfsa` results). Each of the ten
/// equal-width bins of the model's top probability is a point at its mean confidence (x): filled
/// and joined, the mean Bayes posterior of the predicted candidate (what `ece` compares); hollow
/// and dashed, the fraction of those predictions that were the realised answer. A calibrated
/// model lies on the diagonal; the oracle's filled points lie on it exactly.
public enum ReliabilityPlotWriter {
  /// The file's name in the report folder.
  public static let fileName = "reliability.svg"

  static let panel = 240.0
  static let left = 46.0
  static let right = 12.0
  static let top = 26.0
  static let bottom = 38.0
  static let columns = 3

  /// Writes the figure (empty panels are never drawn: models without points are not in `data.reliability`).
  ///
  /// - Complexity: O(models × bins).
  public static func write(data: ReportData, to output: inout some TextOutputStream) {
    let c = Markup.coordinate
    let entries = data.reliability
    let columnCount = max(1, min(columns, entries.count))
    let rowCount = max(1, (entries.count + columns - 1) / columns)
    let legend = 26.0
    let width = Double(columnCount) * panel + 10
    let height = legend + Double(rowCount) * panel + 6
    output.write(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" font-family=\"\(PlotWriter.font)\" font-size=\"11\">\n"
    )
    output.write("<title>reliability (pfsa)</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
    output.write(
      "<circle cx=\"20\" cy=\"14\" r=\"3.5\" fill=\"#333333\"/><text x=\"28\" y=\"18\" fill=\"#222222\">mean Bayes posterior of the prediction</text>"
    )
    output.write(
      "<circle cx=\"258\" cy=\"14\" r=\"3.5\" fill=\"#ffffff\" stroke=\"#333333\"/><text x=\"266\" y=\"18\" fill=\"#222222\">observed accuracy</text>\n"
    )
    let names = data.models.map(\.name)
    for (index, entry) in entries.enumerated() {
      let frameX = 5 + Double(index % columns) * panel
      let frameY = legend + Double(index / columns) * panel
      let plotLeft = frameX + left, plotRight = frameX + panel - right
      let plotTop = frameY + top, plotBottom = frameY + panel - bottom
      func x(_ value: Double) -> Double { plotLeft + min(1, max(0, value)) * (plotRight - plotLeft) }
      func y(_ value: Double) -> Double { plotBottom - min(1, max(0, value)) * (plotBottom - plotTop) }
      let colour = PlotWriter.colour(of: entry.model, in: names)
      output.write("<g>\n")
      output.write(
        "<text x=\"\(c((plotLeft + plotRight) / 2))\" y=\"\(c(frameY + 16))\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#222222\">\(Markup.escape(data.markedName(entry.model)))</text>\n"
      )
      for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
        output.write(
          "<line x1=\"\(c(plotLeft))\" y1=\"\(c(y(tick)))\" x2=\"\(c(plotRight))\" y2=\"\(c(y(tick)))\" stroke=\"#e5e5e5\" stroke-width=\"1\"/>"
        )
        output.write(
          "<text x=\"\(c(plotLeft - 5))\" y=\"\(c(y(tick) + 3.5))\" text-anchor=\"end\" fill=\"#333333\">\(Markup.decimal(tick, places: 2))</text>"
        )
        output.write(
          "<text x=\"\(c(x(tick)))\" y=\"\(c(plotBottom + 14))\" text-anchor=\"middle\" fill=\"#333333\">\(Markup.decimal(tick, places: 2))</text>\n"
        )
      }
      output.write(
        "<text x=\"\(c((plotLeft + plotRight) / 2))\" y=\"\(c(plotBottom + 30))\" text-anchor=\"middle\" fill=\"#333333\">model confidence (top probability)</text>\n"
      )
      output.write(
        "<path d=\"M\(c(x(0))),\(c(y(0)))L\(c(x(1))),\(c(y(1)))\" fill=\"none\" stroke=\"#999999\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>\n"
      )
      output.write(
        "<path d=\"M\(c(plotLeft)),\(c(plotTop))V\(c(plotBottom))H\(c(plotRight))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
      )
      let bins = entry.bins
      let filled = (0..<CalibrationPoint.bins).filter { bins.counts[$0] > 0 }
      func mean(_ sum: Double, _ bin: Int) -> Double { sum / Double(bins.counts[bin]) }
      var posteriorPath = ""
      var accuracyPath = ""
      for bin in filled {
        let px = x(mean(bins.confidence[bin], bin))
        posteriorPath += (posteriorPath.isEmpty ? "M" : "L") + "\(c(px)),\(c(y(mean(bins.posterior[bin], bin))))"
        accuracyPath += (accuracyPath.isEmpty ? "M" : "L") + "\(c(px)),\(c(y(mean(Double(bins.hits[bin]), bin))))"
      }
      output.write(
        "<path d=\"\(accuracyPath)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>\n"
      )
      output.write("<path d=\"\(posteriorPath)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>\n")
      for bin in filled {
        let px = x(mean(bins.confidence[bin], bin))
        let note =
          "confidence \(Markup.decimal(mean(bins.confidence[bin], bin), places: 3)), posterior \(Markup.decimal(mean(bins.posterior[bin], bin), places: 3)), accuracy \(Markup.decimal(mean(Double(bins.hits[bin]), bin), places: 3)), \(bins.counts[bin]) queries"
        output.write(
          "<circle cx=\"\(c(px))\" cy=\"\(c(y(mean(Double(bins.hits[bin]), bin))))\" r=\"3\" fill=\"#ffffff\" stroke=\"\(colour)\"><title>\(note)</title></circle>"
        )
        output.write(
          "<circle cx=\"\(c(px))\" cy=\"\(c(y(mean(bins.posterior[bin], bin))))\" r=\"3.5\" fill=\"\(colour)\"><title>\(note)</title></circle>\n"
        )
      }
      output.write("</g>\n")
    }
    output.write("</svg>\n")
  }
}
