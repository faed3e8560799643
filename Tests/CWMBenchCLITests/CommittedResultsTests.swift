import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFamilies
@testable import CWMBenchFormats
@testable import CWMBenchGenerate
@testable import CWMBenchReport

/// The reports committed under `Results/` hold no path of the machine that made them (issue 15, item 11).
@Suite(.offCooperativePool) struct CommittedResultsTests {
  static var results: String { Binary.packageRoot + "/Results" }

  func files(named name: String) -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: Self.results)
    var found: [String] = []
    while let relative = enumerator?.nextObject() as? String {
      if (relative as NSString).lastPathComponent == name { found.append(Self.results + "/" + relative) }
    }
    return found.sorted()
  }

  @Test func runFilesRecordTheirTaskFileAndCheckpointRelativeToTheirFolder() throws {
    let runs = files(named: "run.json")
    #expect(!runs.isEmpty)
    for path in runs {
      let run = try #require(try RunFile.read(at: path))
      #expect(!run.tasks.hasPrefix("/"), "\(path): tasks '\(run.tasks)'")
      #expect(!run.modelSpec.hasPrefix("/"), "\(path): model '\(run.modelSpec)'")
    }
  }

  @Test func pagesNameTheirRunFoldersRelatively() throws {
    let pages = files(named: "index.html")
    #expect(!pages.isEmpty)
    for path in pages {
      let page = try String(contentsOfFile: path, encoding: .utf8)
      for line in page.split(separator: "\n") where line.hasPrefix("<p>runs: ") {
        #expect(!line.contains("<code>/"), "\(path): \(line)")
      }
    }
  }

  @Test func logsHoldNoPathOfTheCheckout() throws {
    // The checkout this test runs in, and the one the committed files were made in, are both
    // absolute paths that no committed file should mention.
    for path in files(named: "train.log") + files(named: "run.json") + files(named: "index.html") {
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(!text.contains(Binary.packageRoot + "/"), "\(path)")
      #expect(
        text.range(of: #"(^|[\s"'>(=])/(work|home|Users|root|tmp)/"#, options: .regularExpression) == nil, "\(path)")
    }
  }
}
