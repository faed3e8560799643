import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate
@testable import CWMBenchReport

/// The stepper's stops come from the task line's structure fields, in every format.
@Suite(.offCooperativePool) struct HTMLReportWriterStepperTests {
  static func example(render: RenderKind, family: ShellGameFamily.Variant) throws -> TaskExample {
    let params = CellParameters(
      family: family, group: try Group(parsing: "S3"), length: 6, spacing: .every(2), hidden: 0.5, render: render)
    let factory = ExampleFactory(params: params)
    return factory.example(index: 0, seed: ExampleSeed.make(suiteSeed: 3, split: .test, cellKey: params.key, index: 0))
  }

  @Test(arguments: [RenderKind.repl, .cwm, .nl])
  func stopsNameEachRevealOnTheLineThatShowsIt(render: RenderKind) throws {
    let example = try Self.example(render: render, family: .pfsa)
    let results = example.queries.map { QueryResult(correct: true, logprob: -0.5, predicted: $0.answer, probs: nil) }
    let stops = try #require(HTMLReportWriter.stepperStops(ExampleRollout(example: example, results: results)))
    guard case .array(let list) = stops else { throw StepperFailure.notAnArray }
    // The start, every action (its line known, its state not replayed here), every reveal.
    #expect(list.count == 1 + example.params.length + example.queries.count)
    let initial = try #require(example.initialValues)
    #expect(list[0]["label"]?.stringValue == "before the first action: a=\(initial[0]) b=\(initial[1]) c=\(initial[2])")
    let lines = example.text.split(separator: "\n", omittingEmptySubsequences: false)
    let reveals = list.filter { $0["label"]?.stringValue?.hasPrefix("reveal ") == true }
    #expect(reveals.count == example.queries.count)
    for (query, stop) in zip(example.queries, reveals) {
      let label = try #require(stop["label"]?.stringValue)
      let variable = try #require(query.variable)
      #expect(label.contains("\(VariableName.of(variable)) holds \(query.values![0])"), "\(label)")
      #expect(label.contains("after action \(query.step)/6"))
      #expect(label.contains("model (right): \(query.answer)"))
      #expect(label.contains("Bayes: "))
      // The highlighted line is the one that holds the answer.
      let line = try #require(stop["line"]?.intValue)
      #expect(lines[line].contains(query.answer), "\(lines[line]) \(query.answer)")
    }
    // Every stop has a line, they run down the text in order, and an action's line holds no answer.
    let stopLines = list.compactMap { $0["line"]?.intValue }
    #expect(stopLines.count == list.count && stopLines.allSatisfy { $0 >= 0 && $0 < lines.count })
    #expect(zip(stopLines, stopLines.dropFirst()).allSatisfy { $0 < $1 || $0 == $1 })
    for stop in list where stop["label"]?.stringValue?.hasPrefix("after action") == true {
      let line = lines[stop["line"]!.intValue!]
      #expect(!example.queries.contains { line.contains("holds \($0.answer)") || line == Substring($0.answer) })
      #expect(stop["locals"] == nil)
    }
  }

  @Test func aStopsKeysAreSortedAndItsLocalsAreNameValueChanged() {
    let stop = HTMLReportWriter.stop(
      line: 3, label: "x", locals: [StepLocal(name: "n", value: "2", changed: true)])
    #expect(
      JSONWriter.encode(stop) == #"{"label":"x","line":3,"locals":[{"changed":true,"name":"n","value":"2"}]}"#)
    #expect(JSONWriter.encode(HTMLReportWriter.stop(line: -1, label: "y")) == #"{"label":"y","line":-1}"#)
  }

  @Test func aTaskLineWithoutStructureHasNoStepper() throws {
    var example = try Self.example(render: .repl, family: .perm)
    example.initialValues = nil
    #expect(HTMLReportWriter.stepperStops(ExampleRollout(example: example, results: [])) == nil)
  }

  enum StepperFailure: Error { case notAnArray }
}
