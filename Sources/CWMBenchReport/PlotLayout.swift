/// How a figure is laid out: on the report page, or for a paper's column.
public struct PlotLayout: Sendable, Hashable {
  /// At most this many panels side by side.
  public var maximumColumns: Int
  /// The root font size in SVG user units (every label inherits it).
  public var fontSize: Double
  /// The printed width in inches, or nil to size the figure in pixels (one user unit each).
  public var inches: Double?

  /// The report page: three panels a row, 11-unit text, sized in pixels.
  public static let page = PlotLayout(maximumColumns: 3, fontSize: 11, inches: nil)

  /// A 3.25-inch paper column: one panel a row, printed 3.25 inches wide, so that the text is
  /// `fontSize × 234 / 330` ≈ 8.2 pt (a panel is 320 units plus a 10-unit margin; 3.25 in is 234 pt).
  public static let paperColumn = PlotLayout(maximumColumns: 1, fontSize: 11.5, inches: 3.25)

  /// The root `width` and `height` attributes of a figure `width` × `height` user units.
  func sizeAttributes(width: Double, height: Double) -> String {
    guard let inches else {
      return "width=\"\(Markup.coordinate(width))\" height=\"\(Markup.coordinate(height))\""
    }
    return
      "width=\"\(Markup.decimal(inches, places: 3))in\" height=\"\(Markup.decimal(inches * height / width, places: 3))in\""
  }
}
