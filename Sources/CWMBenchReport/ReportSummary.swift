import CWMBenchCore
import CWMBenchFormats

/// What `ReportBuilder.write(to:)` produced.
public struct ReportSummary: Sendable {
  /// The gathered report.
  public var data: ReportData
  /// The files written, in order.
  public var files: [String]

  /// Creates a summary.
  public init(data: ReportData, files: [String]) {
    self.data = data
    self.files = files
  }

  /// The warning lines to print to stderr (chance-level models, missing and failed examples).
  public var warnings: [String] { data.warnings }

  /// Writes the markdown summary table.
  public func markdown(into output: inout some TextOutputStream) {
    MarkdownSummaryWriter.write(data, to: &output)
  }
}
