import CWMBenchTestSupport
import Foundation
import Testing

/// `report --reference`: the shipped published S5 rows are drawn dashed on the cells of an
/// `s5-final` run, named with their source, and stay out of `summary.csv`.
@Suite(.serialized, .offCooperativePool) struct ReportReferenceTests {
  /// The checkout, from this file's path.
  static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  @Test func publishedRowsAreDashedSeriesNamedWithTheirSource() throws {
    let directory = try TemporaryDirectory()
    let published = Self.checkout + "/Results/published/2602.07672-s5.csv"
    for arguments in [
      ["generate", Self.checkout + "/Tasks/s5-final.json", "--examples", "2", "--out", "out"],
      ["eval", "out/s5-final.jsonl", "--model", "oracle", "--out", "run"],
    ] {
      let result = try Binary.run(arguments, in: directory.path)
      #expect(result.status == 0, "\(result.stderr)")
    }
    // One more row on a cell the run does not have: left out, with a warning.
    var csv = try String(contentsOfFile: published, encoding: .utf8)
    csv += "Other,perm,S3,3,swap,one,0,,,,,,,,8,1,accuracy,0.5,,,,,,,somewhere\n"
    try csv.write(toFile: directory.file("ref.csv"), atomically: true, encoding: .utf8)
    let report = try Binary.run(["report", "run", "--reference", "ref.csv", "--out", "report"], in: directory.path)
    #expect(report.status == 0, "\(report.stderr)")
    #expect(report.stderr.contains("reference row 12 of"), "\(report.stderr)")

    let svg = try String(contentsOfFile: directory.file("report/accuracy_vs_length.svg"), encoding: .utf8)
    // The values as the issue quotes the paper: GPT-5 100/100/80/70/10%, CWM 100/80/40/0/0%.
    let expected = [("GPT-5", ["1", "1", "0.8", "0.7", "0.1"]), ("CWM", ["1", "0.8", "0.4", "0", "0"])]
    for (model, values) in expected {
      let name = "\(model) (arXiv 2602.07672)"
      #expect(svg.contains("stroke-dasharray=\"8 4\"/><circle cx=\"27\"") && svg.contains(">\(name)</text>"))
      let titles = svg.components(separatedBy: "<title>\(name): ").dropFirst().map { $0.prefix { $0 != " " } }
      #expect(titles.map(String.init) == values, "\(model)")
    }
    #expect(!svg.contains("Other (somewhere)"))
    let summary = try String(contentsOfFile: directory.file("report/summary.csv"), encoding: .utf8)
    #expect(!summary.contains("arXiv"))

    let missing = try Binary.run(["report", "run", "--reference", "nope.csv", "--out", "r2"], in: directory.path)
    #expect(missing.status == 66, "\(missing.stderr)")
  }
}
