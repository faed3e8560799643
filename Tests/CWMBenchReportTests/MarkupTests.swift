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
}
