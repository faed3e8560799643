import CWMBenchTestSupport
import Testing

@testable import CWMBenchReport

@Suite(.offCooperativePool) struct MarkupTests {
  @Test(arguments: [
    (Double.infinity, "∞"), (-Double.infinity, "-∞"), (Double.nan, "NaN"), (1e300, "1e+300"), (-1e300, "-1e+300"),
    (1e-300, "0"), (-1e-300, "0"), (1e30, "1e+30"), (0.6, "0.6"), (-0.25, "-0.25"), (123456.789, "123456.789"),
  ])
  func decimalSurvivesExtremes(value: Double, expected: String) {
    #expect(Markup.decimal(value, places: 3) == expected)
  }

  /// The rounding rule of docs/summary-csv.md: the half-width's first significant digit, plus one.
  @Test(arguments: [
    (0.26875, 0.2, 0.3375, "0.269 [0.2, 0.338]"),  // half-width 0.069: 3 places
    (0.5, 0.27, 0.73, "0.5 [0.27, 0.73]"),  // 0.23: 2 places
    (12.345, 9.1, 15.5, "12.3 [9.1, 15.5]"),  // 3.2: 1 place
    (1234.5, 1100, 1400, "1235 [1100, 1400]"),  // 150: 0 places, never negative
    (0.4207920792079208, 0.4207920792079208, 0.4207920792079208, "0.421 [0.421, 0.421]"),  // no width: 3
    (0.5, 0.499999999, 0.500000001, "0.5 [0.5, 0.5]"),  // 1e-9: capped at 6 places
  ])
  func estimatesAreRoundedToWhatTheirIntervalJustifies(value: Double, low: Double, high: Double, expected: String) {
    #expect(Markup.estimate(value, ConfidenceInterval(low: low, high: high)) == expected)
  }
}
