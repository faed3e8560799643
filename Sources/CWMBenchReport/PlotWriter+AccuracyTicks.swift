extension PlotWriter {
  /// Writes an accuracy panel's horizontal grid and labels at 0, 0.25, …, 1 between `left` and
  /// `right`, placed by `y` (the token and `since_word` plots share it).
  static func writeAccuracyTicks(
    left: Double, right: Double, y: (Double) -> Double, to output: inout some TextOutputStream
  ) {
    let c = Markup.coordinate
    for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
      output.write(
        "<line x1=\"\(c(left))\" y1=\"\(c(y(tick)))\" x2=\"\(c(right))\" y2=\"\(c(y(tick)))\" stroke=\"#e5e5e5\" stroke-width=\"1\"/>"
      )
      output.write(
        "<text x=\"\(c(left - 5))\" y=\"\(c(y(tick) + 3.5))\" text-anchor=\"end\" fill=\"#333333\">\(Markup.decimal(tick, places: 2))</text>\n"
      )
    }
  }
}
