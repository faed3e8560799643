import CWMBenchTestSupport
import Foundation
import Testing

/// The report page in a real browser: headless Chromium (Debian's `chromium`) loads the page the
/// binary wrote, its script must run without an error, and stepping must change what is shown.
///
/// The page is loaded unchanged but for two scripts put around it: one first in `<head>` that
/// records every error, one last in `<body>` that presses the steppers and writes what it saw
/// into the DOM, which `--dump-dom` prints.
@Suite(
  .offCooperativePool,
  .enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install chromium; .ci/run does)"))
struct ReportPageBrowserTests {
  static let recorder = """
    <script>window.__errors = []; window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });</script>
    """

  static let driver = """
    <script>
    (function () {
      var report = { errors: window.__errors, steppers: [] };
      document.querySelectorAll('.rollout.steppable').forEach(function (box) {
        var view = box.querySelector('.state');
        function current() { var c = box.querySelector('.ln.cur'); return [view.textContent, c ? c.textContent : null]; }
        var seen = [current()];
        for (var k = 0; k < 200; k++) { box.querySelector('.next').click(); seen.push(current()); }
        box.querySelector('.prev').click(); seen.push(current());
        report.steppers.push(seen);
      });
      var out = document.createElement('pre');
      out.id = 'browser-test-report';
      out.textContent = JSON.stringify(report);
      document.body.appendChild(out);
    })();
    </script>
    """

  @Test func thePageRunsAndSteppingChangesTheStateShown() throws {
    let directory = try TemporaryDirectory()
    let spec =
      #"{"name": "b", "seed": 2, "grid": {"family": ["perm", "pfsa"], "group": ["S3"], "length": [8], "spacing": [2]}, "fixed": {"hidden": 0.5}, "examples": 6}"#
    try spec.write(toFile: directory.file("b.json"), atomically: true, encoding: .utf8)
    for arguments in [
      ["generate", "b.json", "--out", "tasks"], ["eval", "tasks/b.jsonl", "--model", "last-reveal", "--out", "run"],
      ["report", "run", "--out", "report"],
    ] {
      let result = try Binary.run(arguments, in: directory.path)
      try #require(result.status == 0, "\(arguments): \(result.stderr)")
    }
    let page = try String(contentsOfFile: directory.file("report/index.html"), encoding: .utf8)
    let harness = page.replacingOccurrences(of: "<head>\n", with: "<head>\n" + Self.recorder + "\n")
      .replacingOccurrences(of: "</body>", with: Self.driver + "</body>")
    try #require(harness.count == page.count + Self.recorder.count + 1 + Self.driver.count)
    try harness.write(toFile: directory.file("report/harness.html"), atomically: true, encoding: .utf8)

    let dom = try Self.dumpDOM(directory.file("report/harness.html"), in: directory.path)
    let marker = "<pre id=\"browser-test-report\">"
    let start = try #require(dom.range(of: marker), "the driver did not run: \(dom.prefix(300))")
    let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
    let json = String(dom[start.upperBound..<end.lowerBound])
      .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
      .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect((report["errors"] as? [String]) == [], "script errors: \(report["errors"] ?? "")")
    let steppers = try #require(report["steppers"] as? [[[Any]]])
    #expect(!steppers.isEmpty, "no stepper on the page")
    for seen in steppers {
      let labels = seen.map { $0[0] as? String ?? "" }
      let lines = seen.map { $0[1] as? String }
      #expect(labels[0].hasPrefix("1/") && labels[0].contains("before the first action"), "\(labels[0])")
      // Every press shows the next stop until the last: the true state after each action, then
      // each reveal with its line highlighted; the last press goes back one.
      let count = Int(labels[0].split(separator: "/")[1].split(separator: " ")[0]) ?? 0
      let forward = Array(labels[0..<count])
      #expect(Set(forward).count == count, "a press did not change what is shown: \(forward)")
      #expect(forward.enumerated().allSatisfy { $0.element.hasPrefix("\($0.offset + 1)/\(count) ") })
      #expect(forward.contains { $0.contains("after action 1/") }, "\(forward)")
      let reveals = forward.indices.filter { forward[$0].contains("reveal 1/") }
      #expect(reveals.count == 1 && lines[reveals[0]] != nil, "a reveal stop highlights its line")
      #expect(labels.last == labels[count - 2], "prev did not go back")
    }
  }

  /// The DOM after the page's scripts ran, from headless Chromium.
  static func dumpDOM(_ file: String, in directory: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Chromium.path!)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--virtual-time-budget=3000",
      "--user-data-dir=" + directory + "/chromium-profile", "--dump-dom", "file://" + file,
    ]
    let output = directory + "/dom.html"
    _ = FileManager.default.createFile(atPath: output, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
    process.standardError = FileHandle.nullDevice
    try process.run()
    // A hung browser must not hang the suite: it gets a minute, then it is killed.
    if !ProcessDeadline.wait(for: process, seconds: 60) { Issue.record("chromium did not finish within 60 s") }
    return try String(contentsOfFile: output, encoding: .utf8)
  }
}

/// Where headless Chromium is, if it is installed.
enum Chromium {
  static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }
}
