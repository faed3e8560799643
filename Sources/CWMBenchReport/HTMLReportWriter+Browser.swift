import CWMBenchCore
import CWMBenchFormats

extension HTMLReportWriter {
  /// Writes the "Samples" section: the sample browser's frame, filled by `SampleBrowserScript`
  /// from the files under `samples/` (docs/report.md), or a note when the report wrote none.
  static func writeSampleBrowser(_ data: ReportData, to output: inout some TextOutputStream) {
    output.write("<h2 id=\"samples\">Samples</h2>\n")
    guard data.samples != .none else {
      output.write(
        "<p class=\"legend\">This report was written with <code>--samples none</code>: no sample browser.</p>\n")
      return
    }
    var note = "every example of every run"
    if case .perCell(let count) = data.samples {
      note = "the first \(count) examples of each cell (<code>--samples \(count)</code>)"
    }
    output.write(
      "<p class=\"legend\">Browse \(note): pick a family and a cell (or a model's worst examples), filter by "
        + "right/wrong answers and, where the task file records <code>copy</code>, by changed values or copies; open a "
        + "sample to see the prompt the model saw with each query marked <span class=\"swatch ok\"></span> right or "
        + "<span class=\"swatch bad\"></span> wrong, two models side by side (<span class=\"swatch differ\"></span> "
        + "where they differ), every raw reply, extracted answer, truth and, for pfsa, the Bayes belief. ◀ ▶ step "
        + "through the trace; the current line has a blue bar. The data are the files in <code>samples/</code>, "
        + "loaded a cell and 50 examples at a time.</p>\n")
    output.write(
      "<div id=\"sample-browser\"><p class=\"status\">Loading <code>samples/index.js</code>… (the page needs its "
        + "<code>samples/</code> folder and JavaScript)</p></div>\n")
  }

  /// The links from a model's section into the sample browser, pre-filtered to that model.
  static func writeSampleLinks(_ model: ModelReport, samples: SampleLimit, to output: inout some TextOutputStream) {
    guard samples != .none else { return }
    let name = Markup.escape(model.name)
    output.write(
      "<p>Samples: <a href=\"#samples\" class=\"to-samples\" data-model=\"\(name)\" data-view=\"worst\">worst examples</a>"
        + " · <a href=\"#samples\" class=\"to-samples\" data-model=\"\(name)\" data-view=\"wrong\">wrong answers</a></p>\n"
    )
  }

  static let browserStyle = """
    #sample-browser .controls label { margin-right: 0.8em; font-size: 0.85em; white-space: nowrap; }
    #sample-browser .status { font-size: 0.85em; color: #444; }
    #sample-browser table.list td.ok { color: #005c3d; } #sample-browser table.list td.bad { color: #8a2a00; font-weight: bold; }
    #sample-browser table.list tr:hover { background: #f4f8ff; cursor: pointer; }
    .sample-detail { border: 1px solid #bbb; margin: 0.8em 0; padding: 0.4em 0.8em; }
    .panes { display: grid; grid-template-columns: repeat(auto-fit, minmax(0, 1fr)); gap: 0.8em; }
    .pane h4 { margin: 0.3em 0; font-size: 0.95em; } .pane p.shots { margin: 0 0 0.3em; font-size: 0.8em; color: #555; }
    .trace { position: relative; max-height: 28em; overflow: auto; font-family: monospace; font-size: 0.85em;
      line-height: 1.35; white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #e3e3e3; padding: 0.3em 0; }
    .trace .ln { min-height: 1.35em; padding: 0 0.5em 0 0.6em; border-left: 4px solid transparent; }
    .trace .ln.cur { border-left-color: #2f5fd0; background: #eaf0ff; outline: 1px dotted #2f5fd0; }
    .q.ok { background: #d8f0e6; color: #005c3d; } .q.bad { background: #fbdcd0; color: #8a2a00; }
    .q.differ { text-decoration: underline wavy #7a3fc0; box-shadow: 0 0 0 2px #c9a9ee; }
    .swatch.differ { background: #fff; box-shadow: 0 0 0 2px #c9a9ee inset; }
    table.queries tr.differ td { background: #f5edfc; } table.queries td.raw { white-space: pre-wrap; max-width: 22em; }
    table.locals td.changed { font-weight: bold; color: #2f5fd0; }
    .stepper .state { font-family: monospace; margin-left: 0.6em; white-space: pre-wrap; }

    """
}
