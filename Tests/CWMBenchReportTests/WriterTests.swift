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
    data.samples = .all
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
    #expect(csv.split(separator: "\n")[1].hasPrefix("\"m,1\",perm,S5,5,swap,one,0,,9,,,,,,,repl,16,8,accuracy,0.5,"))
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
    // Model answers live in samples/ only (the browser shows them with textContent), not in the page.
    #expect(!html.contains("alert("))
    #expect(!html.contains("<script>alert"))
    #expect(html.contains("k1/&lt;b&gt;3"))
    #expect(!html.contains("k1/<b>3"))
    // Exactly one inline script (the stepper) and no network references.
    #expect(html.components(separatedBy: "<script>").count == 2)
    #expect(
      !html.contains("http://")
        || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
    #expect(!html.contains("https://"))
    // The sample browser renders every example in the page's script, from samples/, with textContent only.
    #expect(html.contains("<div id=\"sample-browser\">"))
    #expect(html.contains("class=\"to-samples\" data-model=\"tiny-deltanet\" data-view=\"worst\""))
    #expect(
      !SampleBrowserScript.source.contains("innerHTML") && !SampleBrowserScript.source.contains("insertAdjacentHTML"))
    #expect(html.contains("1 missing (no result line)"))
    #expect(html.contains("context too long"))
    let data = try Self.htmlData(predicted: "x")
    #expect(!data.warnings.isEmpty)
    for warning in data.warnings { #expect(html.contains(Markup.escape(warning))) }
  }

  @Test func aSampleEntryKeepsTheTextSpansStopsAndEveryModelsAnswers() throws {
    var example = try Self.specExample()
    // The structure the stepper reads: the initial values, each reveal's variable and value.
    example.initialValues = [1, 2, 3]
    example.queries[0].variable = 0
    example.queries[0].values = [2]
    example.queries[1].variable = 2
    example.queries[1].values = [1]
    let right = [
      QueryResult(correct: true, logprob: nil, predicted: "a 2", probs: nil),
      QueryResult(correct: true, logprob: log(0.5), predicted: "c 1", probs: nil),
    ]
    var wrong = right
    wrong[1] = QueryResult(correct: false, logprob: nil, predicted: "<b>c 2", probs: nil)
    wrong[1].raw = "I think <b>c 2"
    let text = SampleChunkWriter.entry(example, cell: 3, rank: 7, answers: [right, nil, wrong], states: nil)
    let entry = try #require(try JSONParser.parse(text).objectValue)
    #expect(entry["text"]?.stringValue == example.text && entry["cell"] == .int(3) && entry["rank"] == .int(7))
    // Spans are offsets into the text as JavaScript indexes it (ASCII: the file's bytes).
    let queries = try #require(entry["q"]?.arrayValue)
    #expect(queries.map { $0["s"]?.intValue } == example.queries.map(\.start))
    #expect(queries.map { $0["a"]?.stringValue } == ["a 2", "c 1"])
    // Reveal stops point at the lines that show the answers.
    let lines = example.text.split(separator: "\n", omittingEmptySubsequences: false)
    let stops = try #require(entry["stops"]?.arrayValue)
    let revealLines = stops.filter { $0["label"]?.stringValue?.hasPrefix("reveal") == true }
      .compactMap { $0["line"]?.intValue }.map { String(lines[$0]) }
    #expect(revealLines == ["a 2", "c 1"])
    let models = try #require(entry["m"]?.arrayValue)
    #expect(models.count == 3 && models[1] == .null)
    #expect(models[0]["r"]?.arrayValue?[1]["pm"] == .double(0.5))
    #expect(models[2]["r"]?.arrayValue?[1]["p"]?.stringValue == "<b>c 2")
    #expect(models[2]["r"]?.arrayValue?[1]["r"]?.stringValue == "I think <b>c 2")
    // The second model carries only the stop labels where it differs: its second reveal.
    let labels = try #require(models[2]["labels"]?.objectValue)
    #expect(labels.count == 1)
    #expect(labels.values.first?.stringValue?.contains("model (wrong): <b>c 2") == true)
    // The row: id, queries, changed (no copy recorded: -1), then right and right-changed per model.
    #expect(
      SampleChunkWriter.row(example, answers: [right, nil, wrong])
        == #"["perm/S3/swap/one/T2/k1/0",2,-1,2,-1,-1,-1,1,-1]"#)
  }
}
