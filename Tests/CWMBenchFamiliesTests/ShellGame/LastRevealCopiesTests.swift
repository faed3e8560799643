import Testing

@testable import CWMBenchFamilies
@testable import CWMBenchFormats

/// `copy` from the families' own `last-reveal` answers, on traces written out here by hand.
@Suite struct LastRevealCopiesTests {
  static func reveal(_ variable: Int?, _ values: [Int], answer: String) -> TaskQuery {
    TaskQuery(
      start: 0, end: 0, answer: answer, step: 1, sinceReveal: 1, candidates: nil, probs: nil, variable: variable,
      values: values)
  }

  static func params(reveal: RevealKind = .one) throws -> CellParameters {
    CellParameters(family: .perm, group: try Group(parsing: "S3"), length: 4, spacing: .every(1), reveal: reveal)
  }

  /// a = 4, b = 9, c = 5: a shows 4 (as assigned), b shows 5 (changed), a shows 4 again (as last
  /// shown), b shows 5 again; then every variable at once, first as last shown, then changed.
  @Test func aQueryIsACopyWhenItShowsWhatItLastShowed() throws {
    var example = TaskExample(
      id: "p", params: try Self.params(), text: "",
      queries: [
        Self.reveal(0, [4], answer: "a 4"), Self.reveal(1, [5], answer: "b 5"), Self.reveal(0, [4], answer: "a 4"),
        Self.reveal(1, [5], answer: "b 5"), Self.reveal(2, [9], answer: "c 9"),
      ],
      initialValues: [4, 9, 5])
    #expect(example.lastRevealCopies() == [true, false, true, true, false])
    example.recordCopies()
    #expect(example.queries.map(\.copy) == [true, false, true, true, false])

    let all = TaskExample(
      id: "q", params: try Self.params(reveal: .all), text: "",
      queries: [
        Self.reveal(nil, [4, 9, 5], answer: "4 9 5"), Self.reveal(nil, [9, 4, 5], answer: "9 4 5"),
        Self.reveal(nil, [9, 4, 5], answer: "9 4 5"),
      ],
      initialValues: [4, 9, 5])
    #expect(all.lastRevealCopies() == [true, false, true])
  }

  /// Without the structure the baseline reads, or with one that does not fit `n`, nothing is
  /// called a copy, and nothing reaches past an array's end.
  @Test func noLastRevealAnswerMeansNoCopies() throws {
    let bare = TaskExample(
      id: "p", params: try Self.params(), text: "", queries: [Self.reveal(0, [4], answer: "a 4")])
    #expect(bare.shapedLastRevealGuesses() == nil && bare.lastRevealCopies() == [false])
    let outside = TaskExample(
      id: "p", params: try Self.params(), text: "", queries: [Self.reveal(7, [4], answer: "h 4")],
      initialValues: [4, 9, 5])
    #expect(outside.lastRevealCopies() == [false])
    let short = TaskExample(
      id: "q", params: try Self.params(reveal: .all), text: "",
      queries: [Self.reveal(nil, [4, 9], answer: "4 9"), Self.reveal(nil, [4, 9, 5], answer: "4 9 5")],
      initialValues: [4, 9, 5])
    #expect(short.lastRevealCopies() == [false, false])
  }
}
