extension SuiteSpec {
  /// The most cells one grid may cross. The shipped specs have at most a few hundred; a grid
  /// of a million cells is a typo (a length list where a range was meant), and expanding one
  /// of twenty million took over a gigabyte before any other check could refuse it.
  public static let maximumCells = 100_000

  /// The number of cells a grid with axes of these lengths crosses, before cells are skipped
  /// or merged; nil when it exceeds `Int.max`.
  ///
  /// - Complexity: O(axes).
  static func cellCount(ofAxisLengths lengths: [Int]) -> Int? {
    var product = 1
    for length in lengths {
      let (next, overflow) = product.multipliedReportingOverflow(by: length)
      if overflow { return nil }
      product = next
    }
    return product
  }

  /// Refuses a grid crossing more than `maximumCells` cells, before any of them is built.
  static func refuseTooManyCells(axisLengths lengths: [Int], section: String) throws(TaskFileError) {
    let count = cellCount(ofAxisLengths: lengths)
    if let count, count <= maximumCells { return }
    let crossed = count.map { "\($0) cells" } ?? "more than \(Int.max) cells"
    throw .field(
      section,
      expected: "at most \(maximumCells) cells (the product of its axes' lengths; split the grid into several specs)",
      got: .string(crossed))
  }
}
