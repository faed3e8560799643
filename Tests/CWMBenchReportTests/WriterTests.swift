import CWMBenchFamilies
import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats
@testable import CWMBenchReport

@Suite(.offCooperativePool) struct WriterTests {
  /// The example of docs/task-file.md: S3, swap, spacing 1, reveal one.
  static func specExample() throws -> TaskExample {
    let text =
      ">>> a = 1\n>>> b = 2\n>>> c = 3\n>>> a, b = b, a\n>>> print('a', a)\na 2\n>>> b, c = c, b\n>>> print('c', c)\nc 1\n"
    let first = text.range(of: "a 2\n")!, second = text.range(of: "c 1\n")!
    let offset = { (index: String.Index) in text.utf8.distance(from: text.startIndex, to: index) }
    let params = CellParameters(family: .perm, group: try Group(parsing: "S3"), length: 2, spacing: .every(1))
    return TaskExample(
      id: "perm/S3/swap/one/T2/k1/0", params: params, text: text,
      queries: [
        TaskQuery(
          start: offset(first.lowerBound), end: offset(first.lowerBound) + 3, answer: "a 2", step: 1,
          sinceReveal: 1, candidates: ["a 1", "a 2", "a 3"], probs: nil),
        TaskQuery(
          start: offset(second.lowerBound), end: offset(second.lowerBound) + 3, answer: "c 1", step: 2,
          sinceReveal: 1, candidates: ["c 1", "c 2", "c 3"], probs: nil),
      ])
  }

  static func htmlData(predicted: String) throws -> ReportData {
    let rollout = ExampleRollout(
      example: try specExample(),
      results: [
        QueryResult(correct: true, logprob: nil, predicted: "a 2", probs: nil),
        QueryResult(correct: false, logprob: nil, predicted: predicted, probs: nil),
      ])
    var data = ReportFixtures.permData()
    data.models[1].worst = [rollout]
    data.models[1].missing = ["perm/S5/swap/one/T8/k1/<b>3"]
    data.models[1].failed = [(id: "perm/S5/swap/one/T8/k1/4", error: "context too long")]
    return data
  }

  @Test func csvMatchesGoldenAndHeader() throws {
    var csv = ""
    SummaryCSVWriter.write(ReportFixtures.permData().rows + ReportFixtures.pfsaData().rows, to: &csv)
    try GoldenFile.check(csv, named: "summary.csv")
    let lines = csv.split(separator: "\n")
    let header =
      "model,family,group,n,actions,reveal,hidden,choices,max_value,width,variables,edits,start,program,lines,render,length,"
      + "spacing,metric,value,ci_low,ci_high,examples,queries,floor,failed"
    #expect(lines.first.map(String.init) == header)
    #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 26 })
  }

  @Test func csvSortsNumericallyWithFinalLastAndQuotesNames() throws {
    let s5 = ReportFixtures.cell(group: "S5", length: 16, spacing: .final)
    let s10 = ReportFixtures.cell(group: "S10", length: 16, spacing: .every(2))
    let s5k8 = ReportFixtures.cell(group: "S5", length: 16, spacing: .every(8))
    let score = [ExampleScore(queries: 2, correct: 1, lastCorrect: true)]
    var rows: [SummaryRow] = []
    for cell in [s10, s5, s5k8] { rows += CellSummarizer.rows(model: "m,1", cell: cell, scores: score) }
    var csv = ""
    SummaryCSVWriter.write(rows, to: &csv)
    // The quoted name holds a comma: fields are counted from the end of the line.
    let keys = csv.split(separator: "\n").dropFirst().map { line in
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      return fields[3] + "/" + fields[fields.count - 9] + "/" + fields[fields.count - 8]
    }
    #expect(keys.first?.hasPrefix("S5/8/") == true)
    #expect(csv.split(separator: "\n")[1].hasPrefix("\"m,1\",perm,S5,5,swap,one,0,,9,,,,,,repl,16,8,accuracy,0.5,"))
    #expect(csv.split(separator: "\n")[4].contains(",16,final,accuracy,"))
    #expect(csv.split(separator: "\n")[7].contains(",S10,10,"))
  }

  @Test func chanceWarningNamesModelsWhoseIntervalContainsChanceEverywhere() {
    let cells = [8, 16].map { ReportFixtures.cell(group: "S4", length: $0, spacing: .every(1)) }
    func row(_ model: String, _ cell: ReportCell, _ low: Double, _ high: Double) -> SummaryRow {
      SummaryRow(
        model: model, cell: cell, metric: .accuracy, value: (low + high) / 2,
        interval: ConfidenceInterval(low: low, high: high), examples: 10, queries: 80)
    }
    let rows = [
      row("guesser", cells[0], 0.2, 0.3), row("guesser", cells[1], 0.1, 0.25),
      row("tracker", cells[0], 0.2, 0.3), row("tracker", cells[1], 0.26, 0.4),
      row("below", cells[0], 0.0, 0.1), row("below", cells[1], 0.1, 0.24),
    ]
    let data = ReportData(title: "t", rows: rows, models: [])
    // Two cells: luck explains no cell above the floor (chance here), so one above (tracker) is real skill.
    #expect(data.modelsAtFloor.map(\.model) == ["below", "guesser"])
    #expect(data.warnings.count == 2)
    #expect(
      data.warnings.last?.hasPrefix("warning: model 'guesser' scores at or below the no-tracking floor on every cell")
        == true)
  }

  // 95th percentiles of Binomial(n, 0.025), computed with python3 (math.comb, cumulative ≥ 0.95).
  @Test(arguments: [(1, 0), (2, 0), (3, 1), (20, 2), (123, 6), (1000, 33)])
  func luckyCellsIsTheBinomialQuantile(cells: Int, expected: Int) {
    #expect(ReportData.luckyCells(outOf: cells) == expected)
  }

  @Test func markdownMatchesGolden() throws {
    var markdown = ""
    var data = ReportFixtures.pfsaData()
    data.rows += ReportFixtures.permData().rows.filter { $0.cell.params.n == 3 && $0.cell.length == 8 }
    MarkdownSummaryWriter.write(data, to: &markdown)
    try GoldenFile.check(markdown, named: "summary.md")
    #expect(
      markdown.contains(
        "| model | group | n | actions | reveal | hidden | choices | max_value | render | T | k | floor | accuracy (95% CI) |"
      ))
  }

  @Test func htmlEscapesModelTextAndMarksReveals() throws {
    var html = ""
    HTMLReportWriter.write(try Self.htmlData(predicted: "<script>alert('x')</script>"), to: &html)
    #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
    #expect(!html.contains("<script>alert"))
    #expect(html.contains("k1/&lt;b&gt;3"))
    #expect(!html.contains("k1/<b>3"))
    // Exactly one inline script (the stepper) and no network references.
    #expect(html.components(separatedBy: "<script>").count == 2)
    #expect(
      !html.contains("http://")
        || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
    #expect(!html.contains("https://"))
    #expect(html.contains("<span class=\"q ok\">a 2</span>"))
    #expect(html.contains("<span class=\"q bad\">c 1</span>"))
    #expect(html.contains("1 missing (no result line)"))
    #expect(html.contains("context too long"))
    let data = try Self.htmlData(predicted: "x")
    #expect(!data.warnings.isEmpty)
    for warning in data.warnings { #expect(html.contains(Markup.escape(warning))) }
  }

  @Test func htmlStepperReplaysTheTraceInPython() throws {
    // The stepper's parse is checked against CPython: the final line state the page derives must be
    // what Python prints. Here we only check the page keeps every statement line intact for it.
    var html = ""
    HTMLReportWriter.write(try Self.htmlData(predicted: "c 2"), to: &html)
    for line in [">>> a, b = b, a", ">>> b, c = c, b", ">>> a = 1"] {
      #expect(html.contains("<span class=\"ln\">\(Markup.escape(line))</span>"))
    }
  }
}
