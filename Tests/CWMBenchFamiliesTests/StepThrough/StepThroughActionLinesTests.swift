import CWMBenchCore
import CWMBenchFormats
import Testing

@testable import CWMBenchFamilies
@testable import CWMBenchGenerate

/// Every action's line in the step-through is the line of the text that writes that action,
/// found here by reading the text as each rendering is documented (docs/task-file.md, "The
/// text"), not by the families' own code.
@Suite struct StepThroughActionLinesTests {
  /// The action lines of `example`'s text: every statement or sentence that is neither an
  /// initial assignment, `import random`, a reveal's statement nor its answer, in order.
  static func expectedActionLines(_ example: TaskExample, variables: Int) -> [Int] {
    let lines = example.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var answerLines = Set<Int>()
    for query in example.queries {
      answerLines.insert(example.text.utf8.prefix(query.start).filter { $0 == 0x0A }.count)
    }
    var candidates: [Int] = []
    for (index, line) in lines.enumerated() where !answerLines.contains(index) {
      switch example.params.render {
      case .repl:
        if line.hasPrefix(">>> "), !line.hasPrefix(">>> print("), line != ">>> import random" {
          candidates.append(index)
        }
      case .cwm:
        // Frames, not the source listing before them; the reveal's own frame holds its answer.
        guard line.hasPrefix("<|frame_sep|><|line_sep|>"),
          let source = line.components(separatedBy: "<|action_sep|>").last
        else { continue }
        if source != "    import random" { candidates.append(index) }
      case .nl:
        if !line.isEmpty { candidates.append(index) }
      }
    }
    return Array(candidates.dropFirst(variables))
  }

  static func check(_ example: TaskExample, variables: Int) throws {
    let steps = try #require(example.family.stepThrough(of: example))
    let expected = Self.expectedActionLines(example, variables: variables)
    #expect(expected.count == example.params.length, "\(example.id)")
    #expect(steps.actionLines == expected, "\(example.id)")
  }

  @Test(arguments: RenderKind.allCases)
  func shellGameActionsAreOnTheirLines(render: RenderKind) throws {
    for (family, reveal, spacing) in [
      (ShellGameFamily.Variant.perm, RevealKind.one, Spacing.every(3)), (.perm, .all, .every(2)),
      (.pfsa, .one, .every(4)), (.pfsa, .all, .final), (.perm, .one, .final),
    ] {
      let params = CellParameters(
        family: family, group: try Group(parsing: "S4"), length: 11, spacing: spacing, reveal: reveal,
        hidden: family == .pfsa ? 0.5 : 0, render: render)
      try params.validate()
      for index in 0..<4 {
        let example = ExampleFactory(params: params).example(index: index, seed: UInt64(index + 1))
        try Self.check(example, variables: 4)
      }
    }
  }

  @Test(arguments: RenderKind.allCases)
  func stringsEditsAreOnTheirLines(render: RenderKind) throws {
    for spacing in [Spacing.every(1), .every(3), .final] {
      let params = CellParameters.strings(length: 13, spacing: spacing, variables: 3, render: render)
      try params.validate()
      for index in 0..<4 {
        let example = StringsExampleFactory(params: params).example(index: index, seed: UInt64(index + 7))
        try Self.check(example, variables: 3)
      }
    }
  }

  @Test func aTextThatDoesNotMatchItsRenderingHasNoActionLines() throws {
    let params = CellParameters(family: .perm, group: try Group(parsing: "S3"), length: 4, spacing: .every(2))
    var example = ExampleFactory(params: params).example(index: 0, seed: 1)
    // Statements without the REPL's prompt while the cell says REPL (offsets unchanged): no
    // line is guessed.
    example.text = example.text.replacingOccurrences(of: ">>> ", with: "### ")
    #expect(example.family.stepThrough(of: example)?.actionLines == [])
  }
}
