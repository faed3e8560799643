import CWMBenchCore
import CWMBenchFormats

/// The `strings` probe plots: accuracy against `since_word` (`strings_accuracy_vs_since_word.svg`)
/// and against the answer's token count (`strings_accuracy_vs_tokens.svg`), split by spacing
/// (rows) and by changed versus copied answers (columns).
///
/// In each panel a model is one colour; `start: word` is a solid line with round markers,
/// `start: random` a dashed one with square markers, so one edit from a word and one edit from a
/// random string sit at the same x. Bars are 95% Wilson intervals over queries; the last x value
/// pools everything at or above `SinceWordAccuracy.cap`.
public enum SinceWordPlotWriter {
  /// The file of the `since_word` plot.
  public static let sinceWordFileName = "strings_accuracy_vs_since_word.svg"
  /// The file of the token plot (written when results carry `tokens`).
  public static let tokensFileName = "strings_accuracy_vs_tokens.svg"

  static let panelWidth = 330.0
  static let panelHeight = 210.0
  static let left = 46.0
  static let right = 12.0
  static let top = 26.0
  static let bottom = 40.0

  /// Whether some model has points on `axis`.
  public static func hasPoints(_ data: ReportData, axis: SinceWordAccuracy.Axis) -> Bool {
    data.models.contains { model in model.sinceWordAccuracy.contains { $0.axis == axis } }
  }

  /// Writes the figure of `axis`: one panel per spacing and answer kind, one line per model and start.
  ///
  /// - Complexity: O(points × panels).
  public static func write(axis: SinceWordAccuracy.Axis, data: ReportData, to output: inout some TextOutputStream) {
    let c = Markup.coordinate
    let names = data.models.map(\.name)
    let models = data.models.filter { model in model.sinceWordAccuracy.contains { $0.axis == axis } }
    let points = models.flatMap { model in model.sinceWordAccuracy.filter { $0.axis == axis } }
    let spacings = Set(points.map(\.spacing)).sorted()
    let starts = startOrder(points)
    let legendRows = (models.count + starts.count + 3) / 4
    let legendHeight = 22.0 * Double(legendRows) + 10
    let width = 2 * panelWidth + 10
    let height = legendHeight + Double(max(1, spacings.count)) * panelHeight + 6
    let label = axis == .sinceWord ? "since_word" : "tokens in the answer"
    output.write(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" font-family=\"\(PlotWriter.font)\" font-size=\"11\">\n"
    )
    output.write(
      "<title>strings accuracy vs \(label)</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
    var slot = 0
    func legendPosition() -> (Double, Double) {
      defer { slot += 1 }
      return (14 + Double(slot % 4) * 165, 16 + Double(slot / 4) * 22)
    }
    for model in models {
      let (x, y) = legendPosition()
      output.write(
        "<line x1=\"\(c(x))\" y1=\"\(c(y))\" x2=\"\(c(x + 22))\" y2=\"\(c(y))\" stroke=\"\(PlotWriter.colour(of: model.name, in: names))\" stroke-width=\"2\"/>"
      )
      output.write(
        "<text x=\"\(c(x + 28))\" y=\"\(c(y + 4))\" fill=\"#222222\">\(Markup.escape(model.markedName))</text>\n")
    }
    for start in starts {
      let (x, y) = legendPosition()
      output.write(
        "<line x1=\"\(c(x))\" y1=\"\(c(y))\" x2=\"\(c(x + 22))\" y2=\"\(c(y))\" stroke=\"#555555\" stroke-width=\"2\"\(dash(start))/>"
      )
      output.write(marker(start, x: x + 11, y: y, colour: "#555555", title: nil))
      output.write("<text x=\"\(c(x + 28))\" y=\"\(c(y + 4))\" fill=\"#222222\">start=\(Markup.escape(start))</text>\n")
    }
    let highest = max(points.map(\.x).max() ?? 1, (points.map(\.x).min() ?? 0) + 1)
    let lowest = axis == .sinceWord ? 0 : min(1, points.map(\.x).min() ?? 1)
    for (row, spacing) in spacings.enumerated() {
      for (column, copy) in [false, true].enumerated() {
        let frameX = 5 + Double(column) * panelWidth
        let frameY = legendHeight + Double(row) * panelHeight
        let plotLeft = frameX + left, plotRight = frameX + panelWidth - right
        let plotTop = frameY + top, plotBottom = frameY + panelHeight - bottom
        func x(_ value: Int) -> Double {
          plotLeft + (Double(value - lowest) + 0.5) / (Double(highest - lowest) + 1) * (plotRight - plotLeft)
        }
        func y(_ value: Double) -> Double { plotBottom - min(1, max(0, value)) * (plotBottom - plotTop) }
        let title = "spacing \(spacing.description) · \(copy ? "copied answers" : "changed answers")"
        output.write("<g>\n")
        output.write(
          "<text x=\"\(c((plotLeft + plotRight) / 2))\" y=\"\(c(frameY + 16))\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#222222\">\(title)</text>\n"
        )
        PlotWriter.writeAccuracyTicks(left: plotLeft, right: plotRight, y: y, to: &output)
        for value in lowest...highest {
          let text = value == SinceWordAccuracy.cap ? "\(value)+" : String(value)
          output.write(
            "<text x=\"\(c(x(value)))\" y=\"\(c(plotBottom + 14))\" text-anchor=\"middle\" fill=\"#333333\">\(text)</text>\n"
          )
        }
        output.write(
          "<path d=\"M\(c(plotLeft)),\(c(plotTop))V\(c(plotBottom))H\(c(plotRight))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        )
        output.write(
          "<text x=\"\(c((plotLeft + plotRight) / 2))\" y=\"\(c(plotBottom + 30))\" text-anchor=\"middle\" fill=\"#222222\">\(label)</text>\n"
        )
        for model in models {
          let colour = PlotWriter.colour(of: model.name, in: names)
          for start in starts {
            let mine = model.sinceWordAccuracy.filter {
              $0.axis == axis && $0.spacing == spacing && $0.copy == copy && $0.start == start
            }
            guard !mine.isEmpty else { continue }
            if mine.count > 1 {
              let path = mine.map { "\(c(x($0.x))),\(c(y($0.accuracy)))" }.joined(separator: " ")
              output.write(
                "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.6\"\(dash(start))/>\n"
              )
            }
            for point in mine {
              let interval = point.interval
              output.write(
                "<line x1=\"\(c(x(point.x)))\" y1=\"\(c(y(interval.low)))\" x2=\"\(c(x(point.x)))\" y2=\"\(c(y(interval.high)))\" stroke=\"\(colour)\" stroke-opacity=\"0.4\" stroke-width=\"3\"/>"
              )
              let note =
                "\(model.name), start=\(start): \(label) \(point.x), \(point.correct)/\(point.queries) correct = \(Markup.estimate(point.accuracy, interval))"
              output.write(marker(start, x: x(point.x), y: y(point.accuracy), colour: colour, title: note))
            }
          }
        }
        output.write("</g>\n")
      }
    }
    output.write("</svg>\n")
  }

  /// `word` first, then the other starts by name.
  static func startOrder(_ points: [SinceWordAccuracy]) -> [String] {
    let all = Set(points.map(\.start))
    return (all.contains("word") ? ["word"] : []) + all.subtracting(["word"]).sorted()
  }

  static func dash(_ start: String) -> String { start == "word" ? "" : " stroke-dasharray=\"5 3\"" }

  static func marker(_ start: String, x: Double, y: Double, colour: String, title: String?) -> String {
    let c = Markup.coordinate
    let inner = title.map { "<title>\(Markup.escape($0))</title>" } ?? ""
    if start == "word" {
      return "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"2.8\" fill=\"\(colour)\">\(inner)</circle>\n"
    }
    return
      "<rect x=\"\(c(x - 2.6))\" y=\"\(c(y - 2.6))\" width=\"5.2\" height=\"5.2\" fill=\"\(colour)\">\(inner)</rect>\n"
  }
}
