import CWMBenchCore
import CWMBenchFormats
import Foundation

/// Draws the report's figures as hand-written SVG: small multiples with one line per model.
///
/// Each panel holds one setting (the family and every parameter but length and spacing) and one
/// value of the parameter not on the x axis, so no panel averages over cells; all panels share both scales so they compare at a glance. Every
/// line carries its 95% band; a dashed grey line marks chance (or the Bayes-optimal zero for
/// excess NLL); on the length plot a dashed vertical line in the model's colour marks its
/// training length.
public enum PlotWriter {
  /// The Okabe–Ito colour-blind-safe palette, ordered so the first colours contrast most.
  public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

  static let panelWidth = 320.0
  static let panelHeight = 220.0
  static let plotLeft = 50.0
  static let plotRight = 12.0
  static let plotTop = 28.0
  static let plotBottom = 42.0
  static let font = "Helvetica, Arial, sans-serif"

  /// Writes the SVG figure of `metric` against `axis` for every model in `data`, laid out for the
  /// page or, with `.paperColumn`, for a paper's column.
  public static func write(
    metric: ReportMetric, versus axis: PlotAxis, data: ReportData, layout: PlotLayout = .page,
    to output: inout some TextOutputStream
  ) {
    let models = modelOrder(data)
    let rows = (data.rows + data.referenceRows).filter { $0.metric == metric }
    let panels = makePanels(rows: rows, axis: axis)
    let markers: [(model: String, length: Int)] = axis == .length ? data.trainLengths : []
    // Panels of one family share their x scale (families usually sweep different ranges).
    var scales: [String: (positions: [String: Double], min: Double, max: Double)] = [:]
    for family in Set(rows.map(\.cell.familyName)).sorted() {
      let familyRows = rows.filter { $0.cell.familyName == family }
      guard !familyRows.isEmpty else { continue }
      let positions = xPositions(rows: familyRows, axis: axis)
      var xValues = Array(positions.values)
      let modelsHere = Set(familyRows.map(\.model))
      for marker in markers where modelsHere.contains(marker.model) { xValues.append(log2(Double(marker.length))) }
      scales[family] = (positions, (xValues.min() ?? 0) - 0.4, (xValues.max() ?? 1) + 0.4)
    }
    let (yMin, yMax, yTicks) = yScale(rows: rows, metric: metric)
    let tickGap = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 0
    let tickPlaces = tickGap.isFinite && tickGap > 0 ? max(0, 2 - Int(log10(tickGap).rounded(.down))) : 2

    let columns = max(1, min(layout.maximumColumns, panels.count))
    let width = Double(columns) * panelWidth + 10
    let ceilings = metric == .accuracy ? ceilingLines(data.rows, axis: axis) : [:]
    let marked = Dictionary(data.models.map { ($0.name, $0.markedName) }, uniquingKeysWith: { first, _ in first })
    let references = data.referenceModels
    var legend = legendItems(
      models: models, metric: metric, hasMarkers: !markers.isEmpty, marked: marked, references: references)
    if !ceilings.isEmpty { legend.append((.ceiling, "Bayes-optimal (task file; drawn on top)")) }
    let legendLines = layoutLegend(legend, width: width - 20)
    let legendHeight = Double(legendLines.count) * 20 + 8
    let panelRows = max(1, (panels.count + columns - 1) / columns)
    let height = legendHeight + Double(panelRows) * panelHeight + 6
    let title = "\(metric.rawValue) vs \(axis.rawValue)"

    output.write(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" \(layout.sizeAttributes(width: width, height: height)) viewBox=\"0 0 \(Markup.coordinate(width)) \(Markup.coordinate(height))\" font-family=\"\(font)\" font-size=\"\(Markup.decimal(layout.fontSize, places: 2))\">\n"
    )
    output.write("<title>\(Markup.escape(title))</title>\n")
    output.write("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
    writeLegend(legendLines, to: &output)
    if panels.isEmpty {
      output.write(
        "<text x=\"\(Markup.coordinate(width / 2))\" y=\"\(Markup.coordinate(legendHeight + 40))\" text-anchor=\"middle\" fill=\"#555555\">no \(Markup.escape(metric.rawValue)) results</text>\n"
      )
    }
    for (index, panel) in panels.enumerated() {
      let frame = (
        x: Double(index % columns) * panelWidth + 5,
        y: legendHeight + Double(index / columns) * panelHeight
      )
      guard let x = scales[panel.key.cell.familyName] else { continue }
      let scale = Scale(
        left: frame.x + plotLeft, right: frame.x + panelWidth - plotRight,
        top: frame.y + plotTop, bottom: frame.y + panelHeight - plotBottom,
        xMin: x.min, xMax: x.max, yMin: yMin, yMax: yMax)
      let modelsHere = Set(panel.rows.map(\.model))
      writePanel(
        panel, axis: axis, metric: metric, scale: scale, frame: frame, positions: x.positions,
        yTicks: yTicks, tickPlaces: tickPlaces, models: models,
        markers: markers.filter { modelsHere.contains($0.model) }, ceiling: ceilings[panel.key] ?? [],
        references: references, to: &output)
    }
    output.write("</svg>\n")
  }

  // MARK: - Data

  /// What identifies a panel (its title), ordered by its first cell.
  struct PanelKey: Hashable, Comparable {
    /// The panel's first cell in CSV order: its family, setting and chance stand for the panel's.
    var cell: ReportCell
    /// The setting and the fixed value of the other axis.
    var title: String

    static func == (lhs: PanelKey, rhs: PanelKey) -> Bool { lhs.title == rhs.title }
    func hash(into hasher: inout Hasher) { hasher.combine(title) }
    static func < (lhs: PanelKey, rhs: PanelKey) -> Bool {
      lhs.cell != rhs.cell ? lhs.cell < rhs.cell : lhs.title.utf8.lexicographicallyPrecedes(rhs.title.utf8)
    }
  }

  struct Panel {
    var key: PanelKey
    var title: String
    var rows: [SummaryRow]
  }

  struct Scale {
    var left, right, top, bottom, xMin, xMax, yMin, yMax: Double
    func x(_ value: Double) -> Double { left + (value - xMin) / (xMax - xMin) * (right - left) }
    func y(_ value: Double) -> Double {
      let clamped = min(yMax, max(yMin, value))
      return bottom - (clamped - yMin) / (yMax - yMin) * (bottom - top)
    }
  }

  static func modelOrder(_ data: ReportData) -> [String] {
    var names = data.models.map(\.name)
    for row in data.rows + data.referenceRows where !names.contains(row.model) { names.append(row.model) }
    return names
  }

  static func colour(of model: String, in models: [String]) -> String {
    palette[(models.firstIndex(of: model) ?? 0) % palette.count]
  }

  /// Dash patterns of the model lines: the palette has eight colours, so the ninth model onwards
  /// repeats a colour with another dash pattern and no two lines look alike up to 24 models.
  public static let dashPatterns = ["", "7 3", "2 2"]
  /// The dash pattern of a published series (`report --reference`).
  public static let referenceDash = "8 4"

  /// The ` stroke-dasharray` attribute of a model's line, empty for the first eight models.
  static func dashAttribute(of model: String, in models: [String], references: [String] = []) -> String {
    // Published rows (`report --reference`) are always dashed, whatever their position.
    if references.contains(model) { return " stroke-dasharray=\"\(referenceDash)\"" }
    let pattern = dashPatterns[((models.firstIndex(of: model) ?? 0) / palette.count) % dashPatterns.count]
    return pattern.isEmpty ? "" : " stroke-dasharray=\"\(pattern)\""
  }

  /// The x value of a cell: spacing or length; `final` is `nil` and placed by `xPositions`.
  static func xKey(_ cell: ReportCell, _ axis: PlotAxis) -> String {
    axis == .spacing ? cell.spacing.description : String(cell.length)
  }

  static func xPositions(rows: [SummaryRow], axis: PlotAxis) -> [String: Double] {
    var positions: [String: Double] = [:]
    var hasFinal = false
    for row in rows {
      switch axis {
      case .length: positions[String(row.cell.length)] = log2(Double(row.cell.length))
      case .spacing:
        switch row.cell.spacing {
        case .every(let k): positions[String(k)] = log2(Double(k))
        case .final: hasFinal = true
        }
      }
    }
    if hasFinal { positions["final"] = (positions.values.max() ?? -1) + 1 }
    return positions
  }

  static func makePanels(rows: [SummaryRow], axis: PlotAxis) -> [Panel] {
    var grouped: [String: (first: ReportCell, rows: [SummaryRow])] = [:]
    for row in rows {
      let suffix = axis == .spacing ? "T=\(row.cell.length)" : "k=\(row.cell.spacing.description)"
      let title = row.cell.setting + " · " + suffix
      var entry = grouped[title] ?? (row.cell, [])
      if row.cell < entry.first { entry.first = row.cell }
      entry.rows.append(row)
      grouped[title] = entry
    }
    return grouped.map { title, entry in
      Panel(key: PanelKey(cell: entry.first, title: title), title: title, rows: entry.rows)
    }
    .sorted { $0.key < $1.key }
  }

  static func yScale(rows: [SummaryRow], metric: ReportMetric) -> (Double, Double, [Double]) {
    if metric.isProportion { return (0, 1, [0, 0.25, 0.5, 0.75, 1]) }
    let values = rows.flatMap { [$0.value, $0.interval.low, $0.interval.high] }.filter(\.isFinite)
    let low = min(0, values.min() ?? 0)
    // The smallest range is relative: at -1e300, adding 1e-9 changes nothing and the range is 0.
    let high = max(low + max(1e-9, abs(low) * 1e-9), values.max() ?? 1)
    // Quarters first: the range of ±1.7e308 does not fit a double, a quarter of it does.
    let step = niceStep(high / 4 - low / 4)
    let start = (low / step).rounded(.down) * step
    let end = (high / step).rounded(.up) * step
    guard start.isFinite, end.isFinite, end - start < 64 * step else { return (low, high, [low, high]) }
    var ticks: [Double] = []
    var tick = start
    // Bounded: where `step` is below the doubles' resolution at `tick`, `tick += step` stands still.
    while tick <= end + step / 2 && ticks.count < 64 {
      ticks.append((tick / step).rounded() * step)
      tick += step
    }
    return (start, max(end, start + step), ticks)
  }

  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    for factor in [1.0, 2, 2.5, 5, 10] where factor * magnitude >= raw { return factor * magnitude }
    return 10 * magnitude
  }

  // MARK: - Legend

  enum LegendSwatch {
    case line(String, dash: String)
    case band
    case chance
    case marker
    case ceiling
  }

  static func legendItems(
    models: [String], metric: ReportMetric, hasMarkers: Bool, marked: [String: String] = [:],
    references: [String] = []
  ) -> [(LegendSwatch, String)] {
    var items: [(LegendSwatch, String)] = models.map {
      (
        .line(colour(of: $0, in: models), dash: dashAttribute(of: $0, in: models, references: references)),
        marked[$0] ?? $0
      )
    }
    items.append((.band, "95% interval"))
    items.append(
      (.chance, metric == .accuracy ? "no-tracking floor" : metric.isProportion ? "chance" : "Bayes-optimal"))
    if hasMarkers { items.append((.marker, "training length")) }
    return items
  }

  static func layoutLegend(_ items: [(LegendSwatch, String)], width: Double) -> [[(LegendSwatch, String, Double)]] {
    var lines: [[(LegendSwatch, String, Double)]] = [[]]
    var x = 0.0
    for (swatch, label) in items {
      let itemWidth = 30 + Double(label.count) * 6.2 + 18
      if x + itemWidth > width, !(lines.last?.isEmpty ?? true) {
        lines.append([])
        x = 0
      }
      lines[lines.count - 1].append((swatch, label, x))
      x += itemWidth
    }
    return lines
  }

  static func writeLegend(_ lines: [[(LegendSwatch, String, Double)]], to output: inout some TextOutputStream) {
    for (lineIndex, line) in lines.enumerated() {
      let y = 16 + Double(lineIndex) * 20
      for (swatch, label, offset) in line {
        let x = 15 + offset
        let c = Markup.coordinate
        switch swatch {
        case .line(let colour, let dash):
          output.write(
            "<line x1=\"\(c(x))\" y1=\"\(c(y))\" x2=\"\(c(x + 24))\" y2=\"\(c(y))\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/><circle cx=\"\(c(x + 12))\" cy=\"\(c(y))\" r=\"3\" fill=\"\(colour)\"/>"
          )
        case .band:
          output.write(
            "<rect x=\"\(c(x))\" y=\"\(c(y - 6))\" width=\"24\" height=\"12\" fill=\"#777777\" fill-opacity=\"0.2\"/>")
        case .chance:
          output.write(
            "<line x1=\"\(c(x))\" y1=\"\(c(y))\" x2=\"\(c(x + 24))\" y2=\"\(c(y))\" stroke=\"#666666\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>"
          )
        case .ceiling:
          output.write(
            "<line x1=\"\(c(x))\" y1=\"\(c(y))\" x2=\"\(c(x + 24))\" y2=\"\(c(y))\" stroke=\"#222222\" stroke-width=\"1.6\" stroke-dasharray=\"1.5 2.5\"/>"
          )
        case .marker:
          output.write(
            "<line x1=\"\(c(x + 12))\" y1=\"\(c(y - 7))\" x2=\"\(c(x + 12))\" y2=\"\(c(y + 7))\" stroke=\"#333333\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\"/>"
          )
        }
        output.write(
          "<text x=\"\(c(x + 30))\" y=\"\(c(y + 4))\" fill=\"#222222\">\(Markup.escape(label))</text>\n")
      }
    }
  }

  // MARK: - Panels

  static func writePanel(
    _ panel: Panel, axis: PlotAxis, metric: ReportMetric, scale: Scale, frame: (x: Double, y: Double),
    positions: [String: Double], yTicks: [Double], tickPlaces: Int, models: [String],
    markers: [(model: String, length: Int)], ceiling: [(x: String, value: Double)] = [], references: [String] = [],
    to output: inout some TextOutputStream
  ) {
    let c = Markup.coordinate
    output.write("<g>\n")
    output.write(
      "<text x=\"\(c((scale.left + scale.right) / 2))\" y=\"\(c(frame.y + 16))\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#222222\">\(Markup.escape(panel.title))</text>\n"
    )
    for tick in yTicks {
      let y = scale.y(tick)
      output.write(
        "<line x1=\"\(c(scale.left))\" y1=\"\(c(y))\" x2=\"\(c(scale.right))\" y2=\"\(c(y))\" stroke=\"#e5e5e5\" stroke-width=\"1\"/>"
      )
      output.write(
        "<text x=\"\(c(scale.left - 5))\" y=\"\(c(y + 3.5))\" text-anchor=\"end\" fill=\"#333333\">\(Markup.decimal(tick, places: tickPlaces))</text>\n"
      )
    }
    let ticks = positions.sorted { $0.value < $1.value }
    for (label, position) in ticks {
      let x = scale.x(position)
      output.write(
        "<line x1=\"\(c(x))\" y1=\"\(c(scale.bottom))\" x2=\"\(c(x))\" y2=\"\(c(scale.bottom + 4))\" stroke=\"#333333\" stroke-width=\"1\"/>"
      )
      output.write(
        "<text x=\"\(c(x))\" y=\"\(c(scale.bottom + 15))\" text-anchor=\"middle\" fill=\"#333333\">\(Markup.escape(label))</text>\n"
      )
    }
    output.write(
      "<path d=\"M\(c(scale.left)),\(c(scale.top))V\(c(scale.bottom))H\(c(scale.right))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
    )
    let xLabel = axis == .spacing ? "reveal spacing k (log₂ scale)" : "trace length T (log₂ scale)"
    output.write(
      "<text x=\"\(c((scale.left + scale.right) / 2))\" y=\"\(c(scale.bottom + 32))\" text-anchor=\"middle\" fill=\"#222222\">\(xLabel)</text>\n"
    )
    let yLabel = metric == .excessNLL ? "excess NLL (nats)" : metric.rawValue.replacingOccurrences(of: "_", with: " ")
    let yMid = (scale.top + scale.bottom) / 2
    output.write(
      "<text x=\"\(c(frame.x + 12))\" y=\"\(c(yMid))\" text-anchor=\"middle\" transform=\"rotate(-90 \(c(frame.x + 12)) \(c(yMid)))\" fill=\"#222222\">\(Markup.escape(yLabel))</text>\n"
    )

    // Reference level: the no-tracking floor for accuracy (it varies along the axis), chance for
    // final accuracy (constant within a panel: n and reveal are shared), 0 for excess NLL.
    if metric == .accuracy { writeFloor(panel, axis: axis, scale: scale, positions: positions, to: &output) }
    let reference =
      metric.isProportion ? ([.sequenceAccuracy, .accuracy].contains(metric) ? nil : panel.key.cell.chance) : 0.0
    if let reference, reference >= scale.yMin, reference <= scale.yMax {
      let y = scale.y(reference)
      output.write(
        "<line x1=\"\(c(scale.left))\" y1=\"\(c(y))\" x2=\"\(c(scale.right))\" y2=\"\(c(y))\" stroke=\"#666666\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\"/>\n"
      )
    }
    for marker in markers {
      let x = scale.x(log2(Double(marker.length)))
      output.write(
        "<line x1=\"\(c(x))\" y1=\"\(c(scale.top))\" x2=\"\(c(x))\" y2=\"\(c(scale.bottom))\" stroke=\"\(colour(of: marker.model, in: models))\" stroke-width=\"1.2\" stroke-dasharray=\"3 2\"><title>\(Markup.escape(marker.model)) training length \(marker.length)</title></line>\n"
      )
    }
    for model in models {
      let points = panel.rows.filter { $0.model == model }
        .compactMap { row -> (x: Double, row: SummaryRow)? in
          positions[xKey(row.cell, axis)].map { (scale.x($0), row) }
        }
        .sorted { $0.x < $1.x }
      guard !points.isEmpty else { continue }
      let colour = colour(of: model, in: models)
      let dash = dashAttribute(of: model, in: models, references: references)
      if points.count > 1 {
        let upper = points.map { "\(c($0.x)),\(c(scale.y($0.row.interval.high)))" }
        let lower = points.reversed().map { "\(c($0.x)),\(c(scale.y($0.row.interval.low)))" }
        output.write(
          "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.18\" stroke=\"none\"/>\n"
        )
        output.write(
          "<polyline points=\"\(points.map { "\(c($0.x)),\(c(scale.y($0.row.value)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\"\(dash)/>\n"
        )
      } else if let point = points.first {
        output.write(
          "<line x1=\"\(c(point.x))\" y1=\"\(c(scale.y(point.row.interval.low)))\" x2=\"\(c(point.x))\" y2=\"\(c(scale.y(point.row.interval.high)))\" stroke=\"\(colour)\" stroke-opacity=\"0.5\" stroke-width=\"4\"/>\n"
        )
      }
      for point in points {
        let row = point.row
        // NaN has no place on the axis; an infinite (or off-scale) value is clipped to the
        // panel's edge and marked with a triangle pointing off the scale.
        if row.value.isNaN { continue }
        if row.value > scale.yMax || row.value < scale.yMin {
          let up = row.value > scale.yMax
          let edge = up ? scale.top : scale.bottom
          let tip = up ? edge - 6 : edge + 6
          output.write(
            "<path d=\"M\(c(point.x - 5)),\(c(edge))L\(c(point.x)),\(c(tip))L\(c(point.x + 5)),\(c(edge))Z\" fill=\"\(colour)\"><title>\(Markup.escape(model)): \(Markup.decimal(row.value, places: 3)) (off the scale), \(row.examples) examples</title></path>\n"
          )
          continue
        }
        output.write(
          "<circle cx=\"\(c(point.x))\" cy=\"\(c(scale.y(row.value)))\" r=\"2.8\" fill=\"\(colour)\"><title>\(Markup.escape(model)): \(Markup.estimate(row.value, row.interval)), \(row.examples) examples</title></circle>\n"
        )
      }
    }
    // Last, so that it stays visible on a model that reaches it (an oracle's line is the same).
    writeCeiling(ceiling, scale: scale, positions: positions, to: &output)
    output.write("</g>\n")
  }
}
