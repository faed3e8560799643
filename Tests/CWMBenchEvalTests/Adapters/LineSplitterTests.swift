import CWMBenchFamilies
import CWMBenchTestSupport
import Testing

@testable import CWMBenchCore
@testable import CWMBenchEval
@testable import CWMBenchFormats

@Suite struct LineSplitterTests {
  private func split(_ text: String, chunkSize: Int) -> [String] {
    var splitter = LineSplitter()
    var lines: [String] = []
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let end = min(offset + chunkSize, bytes.count)
      bytes[offset..<end].withUnsafeBytes { chunk in
        splitter.feed(chunk) { lines.append(String(decoding: $0, as: UTF8.self)) }
      }
      offset = end
    }
    splitter.finish { lines.append(String(decoding: $0, as: UTF8.self)) }
    return lines
  }

  @Test(arguments: [1, 2, 3, 7, 64, 4096])
  func linesSurviveAnyChunking(chunkSize: Int) {
    let text = "{\"id\": \"1\"}\n\nsecond line\r\nthird — with unicode\nunterminated"
    #expect(
      split(text, chunkSize: chunkSize)
        == ["{\"id\": \"1\"}", "", "second line", "third — with unicode", "unterminated"])
  }

  @Test func emptyInputHasNoLines() {
    #expect(split("", chunkSize: 8).isEmpty)
    #expect(split("\n", chunkSize: 8) == [""])
  }

  @Test(arguments: [1, 3, 5, 64])
  func linesOverTheLimitAreDroppedAndReportedWhateverTheChunking(chunkSize: Int) {
    var splitter = LineSplitter(limit: 5)
    var lines: [String] = []
    var overlong: [Int] = []
    let bytes = Array("ok\n0123456789\nfine!\n123456\nlast".utf8)
    var offset = 0
    while offset < bytes.count {
      let end = min(bytes.count, offset + chunkSize)
      bytes[offset..<end].withUnsafeBytes { chunk in
        splitter.feed(chunk, { lines.append(String(decoding: $0, as: UTF8.self)) }, overlong: { overlong.append($0) })
      }
      offset = end
    }
    splitter.finish { lines.append(String(decoding: $0, as: UTF8.self)) }
    #expect(lines == ["ok", "fine!", "last"])
    #expect(overlong == [10, 6])
  }
}
