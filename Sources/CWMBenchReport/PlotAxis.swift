import CWMBenchCore
import CWMBenchFormats

/// The cell parameter a plot puts on its (log₂) x axis.
public enum PlotAxis: String, Sendable, Hashable {
  /// Reveal spacing `k`; `final` sits one step right of the largest numeric spacing.
  case spacing
  /// Trace length `T`.
  case length
}
