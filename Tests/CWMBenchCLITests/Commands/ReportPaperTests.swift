import CWMBenchTestSupport
import Foundation
import Testing

/// `report --paper`: the line plots again, one panel a row, printed 3.25 inches wide with text of at
/// least 8 pt, read back from the SVG files as text.
@Suite(.offCooperativePool) struct ReportPaperTests {
  /// The value of `name="…"` in `tag`, if present.
  static func attribute(_ name: String, in tag: Substring) -> String? {
    guard let start = tag.range(of: " \(name)=\"") else { return nil }
    let rest = tag[start.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
  }

  @Test func paperPlotsFitAColumnWithTextOfAtLeastEightPoints() throws {
    let directory = try TemporaryDirectory()
    for (family, grid) in [
      ("perm", ["--family", "perm", "--group", "S3", "--length", "8,16", "--spacing", "1,4"]),
      ("pfsa", ["--family", "pfsa", "--group", "S3", "--length", "8,16", "--spacing", "1,4", "--hidden", "0.5"]),
    ] {
      let generated = try Binary.run(
        ["generate"] + grid + ["--examples", "4", "--name", family, "--out", "tasks"], in: directory.path)
      try #require(generated.status == 0, "\(generated.stderr)")
      let run = try Binary.run(
        ["eval", "tasks/\(family).jsonl", "--model", "oracle", "--out", "runs/\(family)"], in: directory.path)
      try #require(run.status == 0, "\(run.stderr)")
    }
    let report = try Binary.run(["report", "runs/perm", "runs/pfsa", "--out", "report", "--paper"], in: directory.path)
    try #require(report.status == 0, "\(report.stderr)")
    #expect(report.stdout.contains("report/paper/accuracy_vs_spacing.svg"))
    let names = ["accuracy_vs_spacing.svg", "accuracy_vs_length.svg", "excess_nll_vs_spacing.svg"]
    for name in names {
      let svg = try String(contentsOfFile: directory.file("report/paper/" + name), encoding: .utf8)
      let root = try #require(svg.split(separator: "\n").first { $0.hasPrefix("<svg ") })
      #expect(Self.attribute("width", in: root) == "3.25in", "\(name)")
      let viewBox = try #require(Self.attribute("viewBox", in: root)).split(separator: " ").compactMap { Double($0) }
      let rootFont = try #require(Self.attribute("font-size", in: root).flatMap(Double.init))
      // Every font size in the file, the root's and any element's, printed at 3.25 in.
      var sizes = [rootFont]
      var rest = svg[...]
      while let found = rest.range(of: "font-size=\"") {
        rest = rest[found.upperBound...]
        if let end = rest.firstIndex(of: "\""), let size = Double(rest[..<end]) { sizes.append(size) }
      }
      let points = sizes.map { $0 * 3.25 * 72 / viewBox[2] }
      #expect(points.allSatisfy { $0 >= 8 }, "\(name): text at \(points.min()!) pt")
      // One panel a row: every panel's plot area starts at the same x.
      let page = try String(contentsOfFile: directory.file("report/" + name), encoding: .utf8)
      let pageRoot = try #require(page.split(separator: "\n").first { $0.hasPrefix("<svg ") })
      let pageWidth = try #require(Self.attribute("viewBox", in: pageRoot)).split(separator: " ").compactMap {
        Double($0)
      }[2]
      #expect(viewBox[2] < pageWidth, "\(name): the page's figure has several panels a row, the paper's one")
      #expect(
        Self.attribute("width", in: pageRoot) == Self.pixels(pageWidth), "\(name): the page figure is sized in pixels")
    }
  }

  /// A coordinate as the SVG writer prints a whole number of pixels.
  static func pixels(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}
