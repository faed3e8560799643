import CWMBenchCore
import CWMBenchFormats
import Foundation

/// Writes `index.html`: one self-contained page (no network) with the plots, the tables, each
/// model's bookkeeping and worst examples as rollouts.
///
/// Every piece of text that comes from a model or a file goes through `Markup.escape`. The rollout
/// stepper is a small inline script that walks through stops the report writes from the task
/// line's structure fields (see `HTMLReportWriter+Stepper.swift`); it reads nothing out of the text.
public enum HTMLReportWriter {
  /// Writes the page for `data`.
  public static func write(_ data: ReportData, to output: inout some TextOutputStream) {
    let title = Markup.escape(data.title)
    output.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    output.write("<title>cwmbench report: \(title)</title>\n<style>\n\(style)</style>\n</head>\n<body>\n")
    output.write("<h1>cwmbench report: \(title)</h1>\n")
    let warnings = data.warnings
    if !warnings.isEmpty {
      output.write("<ul class=\"warnings\">\n")
      for warning in warnings { output.write("<li>\(Markup.escape(warning))</li>\n") }
      output.write("</ul>\n")
    }
    writeHeadline(data, to: &output)
    for family in SummaryTable.families(in: data.rows) { writeFamily(data, family: family, to: &output) }
    writePairs(data, to: &output)
    output.write("<h2>Models</h2>\n")
    for model in data.models { writeModel(model, to: &output) }
    output.write("<script>\n\(script)</script>\n</body>\n</html>\n")
  }

  /// Writes the plots of `data` (one family's part of the report, in its section).
  static func writePlots(_ data: ReportData, to output: inout some TextOutputStream) {
    guard !data.rows.isEmpty else { return }
    output.write("<h3>Accuracy</h3>\n<figure>\n")
    PlotWriter.write(metric: .accuracy, versus: .spacing, data: data, to: &output)
    output.write(
      "<figcaption>Accuracy against reveal spacing; bands are 95% bootstrap intervals over examples.</figcaption>\n</figure>\n<figure>\n"
    )
    PlotWriter.write(metric: .accuracy, versus: .length, data: data, to: &output)
    output.write(
      "<figcaption>Accuracy against trace length; dashed verticals mark training lengths.</figcaption>\n</figure>\n")
    output.write("<figure>\n")
    HeatmapWriter.write(data: data, to: &output)
    output.write(
      "<figcaption>Accuracy over reveal spacing (columns) and trace length (rows), per model and setting: the extrapolation view. A dot marks a cell whose 95% interval reaches chance; the dashed red rule lies below the longest training length.</figcaption>\n</figure>\n"
    )
    if data.rows.contains(where: { $0.metric == .accuracyChanged }) {
      output.write("<h3>Accuracy on changed values</h3>\n<figure>\n")
      PlotWriter.write(metric: .accuracyChanged, versus: .spacing, data: data, to: &output)
      output.write(
        "<figcaption>Accuracy on the queries whose answer is not a copy of what was last shown (<code>copy: false</code>), against reveal spacing; bands are 95% Wilson intervals over those queries; the dashed line is chance, as a model that tracks nothing gets none of them right by repeating.</figcaption>\n</figure>\n"
      )
    }
    if data.rows.contains(where: { $0.metric == .excessNLL }) {
      output.write("<h3>Excess NLL</h3>\n<figure>\n")
      PlotWriter.write(metric: .excessNLL, versus: .spacing, data: data, to: &output)
      output.write("<figcaption>NLL above the Bayes-optimal predictor, in nats per query.</figcaption>\n</figure>\n")
    }
    if data.hasTokenCounts {
      output.write("<h3>Accuracy against answer tokens</h3>\n<figure>\n")
      TokenPlotWriter.write(data: data, to: &output)
      output.write(
        "<figcaption>Accuracy of the queries whose answer the model's tokenizer split into that many tokens (the results' <code>tokens</code>); bars are 95% Wilson intervals over queries, which treat the queries of one trace as independent.</figcaption>\n</figure>\n"
      )
    }
    for axis in SinceWordAccuracy.Axis.allCases where SinceWordPlotWriter.hasPoints(data, axis: axis) {
      let what = axis == .sinceWord ? "<code>since_word</code>" : "answer tokens"
      output.write("<h3>Accuracy against \(what)</h3>\n<figure>\n")
      SinceWordPlotWriter.write(axis: axis, data: data, to: &output)
      output.write(
        "<figcaption>The tokenization contrast: rows are spacings, columns changed answers and copies (the answer repeats what the variable last showed); solid lines and dots start from words, dashed lines and squares from random strings. Bars are 95% Wilson intervals over queries; the last x value pools the rest.</figcaption>\n</figure>\n"
      )
    }
  }

  static func writeTable(
    _ data: ReportData, family: (name: String, hasPosteriors: Bool), to output: inout some TextOutputStream
  ) {
    output.write("<h3>Tables</h3>\n")
    writeComparison(data, family: family, to: &output)
    if family.hasPosteriors { writeReliability(data, to: &output) }
    let columns = SummaryTable.columns(of: family, in: data.rows)
    let table = SummaryTable(rows: data.rows, family: family.name)
    let cellColumns = SummaryTable.cellColumns(of: table.lines.map(\.cell))
    output.write(
      "<details><summary>Every metric, one row per model and cell (as in <code>summary.csv</code>)</summary>\n<div class=\"table\"><table>\n<thead><tr><th>model</th>"
    )
    for column in cellColumns { output.write("<th>\(Markup.escape(column))</th>") }
    output.write("<th>T</th><th>k</th><th>examples</th>")
    for metric in columns { output.write("<th>\(metric.rawValue)</th>") }
    output.write("</tr></thead>\n<tbody>\n")
    for line in table.lines {
      let cell = line.cell
      output.write("<tr><td>\(Markup.escape(data.markedName(line.model)))</td>")
      for value in SummaryTable.values(of: cell, columns: cellColumns) {
        output.write("<td>\(Markup.escape(value))</td>")
      }
      output.write(
        "<td class=\"num\">\(cell.length)</td><td class=\"num\">\(cell.spacing.description)</td><td class=\"num\">\(line.metrics[.accuracy]?.examples ?? 0)</td>"
      )
      for metric in columns {
        let row = line.metrics[metric]
        let atFloor = metric == .accuracy && row?.reachesFloor == true
        output.write(
          "<td class=\"num\(atFloor ? " chance" : "")\"\(metric == .accuracy ? floorTitle(row) : "")>\(cellHTML(row))</td>"
        )
      }
      output.write("</tr>\n")
    }
    output.write("</tbody>\n</table></div>\n</details>\n")
  }

  /// A value over its 95% interval, rounded to what the interval justifies (`Markup.places(for:)`).
  static func cellHTML(_ row: SummaryRow?) -> String {
    guard let row else { return "–" }
    let places = Markup.places(for: row.interval)
    return Markup.decimal(row.value, places: places) + "<br><small>[" + Markup.decimal(row.interval.low, places: places)
      + ", " + Markup.decimal(row.interval.high, places: places) + "]</small>" + (row.mostlyFailed ? " <b>!</b>" : "")
  }

  static func writeModel(_ model: ModelReport, to output: inout some TextOutputStream) {
    output.write("<section class=\"model\">\n<h3>\(Markup.escape(model.markedName))</h3>\n<p>")
    let status = Dictionary(model.unfinishedRuns.map { ($0.run, $0.status) }, uniquingKeysWith: { first, _ in first })
    let runs = model.runs.map { run in
      "<code>\(Markup.escape(run))</code>" + (status[run].map { " (ended <b>\(Markup.escape($0))</b>)" } ?? "")
    }
    output.write("runs: \(runs.joined(separator: ", "))")
    output.write(" · scored examples: \(model.scored)")
    if let trainLength = model.trainLength { output.write(" · training length: \(trainLength)") }
    output.write("</p>\n")
    writeIDList("missing (no result line)", model.missing.map { ($0, nil) }, to: &output)
    writeIDList("failed", model.failed.map { ($0.id, $0.error) }, to: &output)
    if !model.worst.isEmpty {
      output.write("<h4>Worst examples</h4>\n")
      output.write(
        "<p class=\"legend\"><span class=\"swatch ok\"></span> a reveal the model got right, <span class=\"swatch bad\"></span> one it got wrong; "
          + "beside each: ✓/✗, what the model wrote (or that score mode does not know it), the true answer, p_model of the true answer "
          + "and, where the task file has posteriors, p_bayes. ◀ ▶ step through the trace: the true state after every action, and each reveal "
          + "with its true value, the model's answer and the Bayes belief (the highlighted line).</p>\n")
      for rollout in model.worst { writeRollout(rollout, to: &output) }
    }
    output.write("</section>\n")
  }

  static let listLimit = 50

  static func writeIDList(_ label: String, _ items: [(String, String?)], to output: inout some TextOutputStream) {
    guard !items.isEmpty else { return }
    output.write("<details><summary>\(items.count) \(label)</summary>\n<ul class=\"ids\">\n")
    for (id, error) in items.prefix(listLimit) {
      output.write("<li><code>\(Markup.escape(id))</code>\(error.map { ": " + Markup.escape($0) } ?? "")</li>\n")
    }
    if items.count > listLimit { output.write("<li>… and \(items.count - listLimit) more</li>\n") }
    output.write("</ul>\n</details>\n")
  }

  /// Writes the trace line by line, wrapping each query span and noting the model's answer after its line.
  static func writeRollout(_ rollout: ExampleRollout, to output: inout some TextOutputStream) {
    let example = rollout.example
    let score = rollout.score
    let stops = stepperStops(rollout)
    let steppable = stops != nil
    let data = stops.map { " data-stops=\"" + Markup.escape(JSONWriter.encode($0)) + "\"" } ?? ""
    output.write(
      "<div class=\"rollout\(steppable ? " steppable" : "")\"\(data)>\n<p class=\"head\"><code>\(Markup.escape(example.id))</code> · \(score.correct)/\(score.queries) reveals right</p>\n"
    )
    if steppable {
      output.write(
        "<p class=\"stepper\"><button type=\"button\" class=\"prev\">◀</button> <button type=\"button\" class=\"next\">▶</button> <span class=\"state\"></span></p>\n"
      )
    }
    output.write("<pre>")
    let bytes = Array(example.text.utf8)
    var lineStart = 0
    var queryIndex = 0
    while lineStart < bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
      output.write("<span class=\"ln\">")
      var cursor = lineStart
      var notes: [String] = []
      while queryIndex < example.queries.count, example.queries[queryIndex].start <= lineEnd {
        let query = example.queries[queryIndex]
        let start = max(cursor, min(query.start, lineEnd))
        let end = max(start, min(query.end, bytes.count))
        output.write(Markup.escape(text(bytes, cursor, start)))
        let result = queryIndex < rollout.results.count ? rollout.results[queryIndex] : nil
        let mark = result.map { $0.correct ? "ok" : "bad" } ?? "none"
        output.write("<span class=\"q \(mark)\">\(Markup.escape(text(bytes, start, end)))</span>")
        notes.append(note(query: query, result: result))
        cursor = end
        queryIndex += 1
      }
      output.write(Markup.escape(text(bytes, cursor, max(cursor, lineEnd))))
      output.write("</span>")
      for note in notes { output.write("<span class=\"note\">\(note)</span>") }
      output.write("\n")
      lineStart = lineEnd + 1
    }
    output.write("</pre>\n</div>\n")
  }

  static func text(_ bytes: [UInt8], _ start: Int, _ end: Int) -> String {
    guard start < end, end <= bytes.count else { return "" }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }

  /// The note beside a reveal: right or wrong, the model's answer, the true one, probabilities.
  static func note(query: TaskQuery, result: QueryResult?) -> String {
    guard let result else { return "  ∅ no answer" }
    var note = result.correct ? "  ✓ " : "  ✗ "
    if let predicted = result.predicted {
      note += "model: <b>\(Markup.escape(predicted))</b> · "
    } else {
      // Score mode knows only p(answer) and whether greedy decoding matches it.
      note += "model: <i>prediction unknown</i> · "
    }
    note += "true: <b>\(Markup.escape(query.answer))</b>"
    let index = query.candidates?.firstIndex(of: query.answer)
    var modelProbability: Double?
    if let logprob = result.logprob {
      modelProbability = exp(logprob)
    } else if let probs = result.probs, let index, index < probs.count {
      modelProbability = probs[index]
    }
    if let modelProbability { note += " · p_model = \(Markup.decimal(modelProbability, places: 3))" }
    if let bayes = query.probs, let index, index < bayes.count {
      note += " · p_bayes = \(Markup.decimal(bayes[index], places: 3))"
    }
    if let tokens = result.tokens { note += " · \(tokens) tokens" }
    return note
  }

  static let style = """
    body { font-family: Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
    h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05em; }
    nav.families { font-size: 0.9em; } table.headline td.rank { color: #666; }
    figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; } figcaption { font-size: 0.85em; color: #555; }
    table { border-collapse: collapse; font-size: 0.8em; margin: 0.5em 0; }
    th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 6px; text-align: left; white-space: nowrap; }
    th { background: #f4f4f4; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.chance { background: #fff3cd; } td small { color: #666; } div.table { overflow-x: auto; }
    .warnings { background: #fff3cd; border: 1px solid #e0c36a; padding: 0.6em 1.6em; }
    .rollout { border: 1px solid #ddd; margin: 0.8em 0; padding: 0 0.8em; }
    .rollout pre { max-height: 28em; overflow: auto; font-size: 0.85em; line-height: 1.35; white-space: pre-wrap; overflow-wrap: anywhere; }
    .q.ok { background: #d8f0e6; color: #005c3d; } .q.bad { background: #fbdcd0; color: #8a2a00; }
    .note { color: #555; } .ln.cur { outline: 2px solid #3b5bdb; background: #e8edff; }
    .stepper .state { font-family: monospace; margin-left: 0.6em; }
    table.locals { font-family: monospace; margin: 0.3em 0; } table.locals td.changed { font-weight: bold; }
    .legend { font-size: 0.85em; color: #444; } .swatch { display: inline-block; width: 1.4em; height: 0.9em; vertical-align: middle; border: 1px solid #ccc; }
    .swatch.chance { background: #fff3cd; } .swatch.ok { background: #d8f0e6; } .swatch.bad { background: #fbdcd0; }
    td.bayes { color: #555; font-style: italic; }

    """

  /// Steps through the stops in each rollout's `data-stops`: highlights the line, shows the label.
  static let script = """
    document.querySelectorAll('.rollout.steppable').forEach(function (box) {
      var lines = Array.prototype.slice.call(box.querySelectorAll('.ln'));
      var stops = JSON.parse(box.getAttribute('data-stops'));
      if (!stops.length) return;
      var at = 0, view = box.querySelector('.state');
      function show(scroll) {
        lines.forEach(function (l) { l.classList.remove('cur'); });
        var line = lines[stops[at].line];
        if (line) {
          line.classList.add('cur');
          // Keep the highlighted line in view inside its box (only when stepping, not on load).
          if (scroll) line.scrollIntoView({ block: 'nearest' });
        }
        view.textContent = (at + 1) + '/' + stops.length + ' · ' + stops[at].label;
        // A programs frame's locals: name, value and whether it changed, as text only.
        var old = box.querySelector('table.locals');
        if (old) old.remove();
        if (stops[at].locals) {
          var table = document.createElement('table');
          table.className = 'locals';
          stops[at].locals.forEach(function (local) {
            var row = table.insertRow();
            [local.name, local.value, local.changed ? 'changed' : 'unchanged'].forEach(function (text, column) {
              var cell = row.insertCell();
              cell.textContent = text;
              if (column === 2 && local.changed) cell.className = 'changed';
            });
          });
          box.querySelector('.stepper').after(table);
        }
      }
      box.querySelector('.prev').onclick = function () { if (at > 0) { at--; show(true); } };
      box.querySelector('.next').onclick = function () { if (at < stops.length - 1) { at++; show(true); } };
      show(false);
    });

    """
}
