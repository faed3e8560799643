import CWMBenchCore
import CWMBenchFormats

extension HTMLReportWriter {
  /// Writes the reliability figure into the `pfsa` section, when some model gave distributions.
  static func writeReliability(_ data: ReportData, to output: inout some TextOutputStream) {
    guard !data.reliability.isEmpty else { return }
    output.write("<figure>\n")
    ReliabilityPlotWriter.write(data: data, to: &output)
    output.write(
      "<figcaption>Reliability on <code>pfsa</code>: the model's top probability in ten equal-width bins (x, the bin's mean) against the Bayes posterior's probability of the predicted candidate (filled; <code>ece</code> is their weighted mean distance) and the fraction of predictions that were the realised answer (hollow, dashed). A calibrated belief lies on the diagonal.</figcaption>\n</figure>\n"
    )
  }
}
