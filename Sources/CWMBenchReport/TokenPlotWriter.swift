import CWMBenchCore
import CWMBenchFormats

/// `accuracy_vs_tokens.svg`: accuracy against the number of tokens the answer took, per family.
///
/// The probe of the `strings` family: a word the tokenizer keeps whole is one or two tokens, an
/// edited one many more, and a model whose state update is word-level falls off as the count
/// grows. Written only when some model's results carry `tokens` (score answers of the bundled
/// hf and gguf adapters, and OpenAI-compatible servers that return offsets).
public enum TokenPlotWriter {
  /// The file's name in the report folder.
  public static let fileName = "accuracy_vs_tokens.svg"

  static let panelWidth = 420.0
  static let panelHeight = 240.0
  static let left = 50.0
  static let right = 14.0
  static let top = 28.0
  static let bottom = 42.0

  /// Writes the figure: one panel per family with token counts, one line per model.
  ///
  /// - Complexity: O(points).
  public static func write(data: ReportData, to output: inout some TextOutputStream) {
    let c = Markup.coordinate
    let models = data.models.filter { !$0.tokenAccuracy.isEmpty }
    let families = Set(models.flatMap { $0.tokenAccuracy.map(\.family) }).sorted()
    let legendHeight = 24.0 * Double((models.count + 2) / 3) + 8
    let width = panelWidth + 10
    let height = legendHeight + Double(max(1, families.count)) * panelHeight + 6
    output.write(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(c(width))\" height=\"\(c(height))\" viewBox=\"0 0 \(c(width)) \(c(height))\" font-family=\"\(PlotWriter.font)\" font-size=\"11\">\n"
    )
    output.write("<title>accuracy vs answer tokens</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
    let names = data.models.map(\.name)
    for (index, model) in models.enumerated() {
      let x = 14 + Double(index % 3) * 140
      let y = 18 + Double(index / 3) * 24
      output.write(
        "<line x1=\"\(c(x))\" y1=\"\(c(y))\" x2=\"\(c(x + 22))\" y2=\"\(c(y))\" stroke=\"\(PlotWriter.colour(of: model.name, in: names))\" stroke-width=\"2\"\(PlotWriter.dashAttribute(of: model.name, in: names))/>"
      )
      output.write(
        "<text x=\"\(c(x + 28))\" y=\"\(c(y + 4))\" fill=\"#222222\">\(Markup.escape(model.markedName))</text>\n")
    }
    for (row, family) in families.enumerated() {
      let frameY = legendHeight + Double(row) * panelHeight
      let points = models.flatMap { model in model.tokenAccuracy.filter { $0.family == family } }
      let lowest = points.map(\.tokens).min() ?? 0
      let highest = max(points.map(\.tokens).max() ?? 1, lowest + 1)
      let plotLeft = 5 + left, plotRight = 5 + panelWidth - right
      let plotTop = frameY + top, plotBottom = frameY + panelHeight - bottom
      func x(_ tokens: Int) -> Double {
        let span = Double(highest - lowest) + 1
        return plotLeft + (Double(tokens - lowest) + 0.5) / span * (plotRight - plotLeft)
      }
      func y(_ value: Double) -> Double { plotBottom - min(1, max(0, value)) * (plotBottom - plotTop) }
      output.write("<g>\n")
      output.write(
        "<text x=\"\(c((plotLeft + plotRight) / 2))\" y=\"\(c(frameY + 16))\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#222222\">\(family)</text>\n"
      )
      PlotWriter.writeAccuracyTicks(left: plotLeft, right: plotRight, y: y, to: &output)
      let step = max(1, (highest - lowest + 1 + 9) / 10)
      for tokens in stride(from: lowest, through: highest, by: step) {
        output.write(
          "<line x1=\"\(c(x(tokens)))\" y1=\"\(c(plotBottom))\" x2=\"\(c(x(tokens)))\" y2=\"\(c(plotBottom + 4))\" stroke=\"#333333\" stroke-width=\"1\"/>"
        )
        output.write(
          "<text x=\"\(c(x(tokens)))\" y=\"\(c(plotBottom + 15))\" text-anchor=\"middle\" fill=\"#333333\">\(tokens)</text>\n"
        )
      }
      output.write(
        "<path d=\"M\(c(plotLeft)),\(c(plotTop))V\(c(plotBottom))H\(c(plotRight))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
      )
      output.write(
        "<text x=\"\(c((plotLeft + plotRight) / 2))\" y=\"\(c(plotBottom + 32))\" text-anchor=\"middle\" fill=\"#222222\">tokens in the answer (the model's tokenizer)</text>\n"
      )
      let yMid = (plotTop + plotBottom) / 2
      output.write(
        "<text x=\"\(c(17))\" y=\"\(c(yMid))\" text-anchor=\"middle\" transform=\"rotate(-90 17 \(c(yMid)))\" fill=\"#222222\">accuracy</text>\n"
      )
      for model in models {
        let mine = model.tokenAccuracy.filter { $0.family == family }
        guard !mine.isEmpty else { continue }
        let colour = PlotWriter.colour(of: model.name, in: names)
        if mine.count > 1 {
          let path = mine.map { "\(c(x($0.tokens))),\(c(y($0.accuracy)))" }.joined(separator: " ")
          output.write(
            "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\"\(PlotWriter.dashAttribute(of: model.name, in: names))/>\n"
          )
        }
        for point in mine {
          let interval = point.interval
          output.write(
            "<line x1=\"\(c(x(point.tokens)))\" y1=\"\(c(y(interval.low)))\" x2=\"\(c(x(point.tokens)))\" y2=\"\(c(y(interval.high)))\" stroke=\"\(colour)\" stroke-opacity=\"0.45\" stroke-width=\"3\"/>"
          )
          output.write(
            "<circle cx=\"\(c(x(point.tokens)))\" cy=\"\(c(y(point.accuracy)))\" r=\"2.8\" fill=\"\(colour)\"><title>\(Markup.escape(model.name)): \(point.tokens) tokens, \(point.correct)/\(point.queries) correct = \(Markup.estimate(point.accuracy, interval))</title></circle>\n"
          )
        }
      }
      output.write("</g>\n")
    }
    output.write("</svg>\n")
  }
}
