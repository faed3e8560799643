import CWMBenchCore
import CWMBenchFamilies
import CWMBenchFormats
import CWMBenchTestSupport
import Foundation
import Testing

/// `show` and every reader built on `TaskFileReader` compare ids as bytes, as eval and report do.
@Suite struct TaskFileReaderIDTests {
  @Test func idsEqualOnlyAsTextAreTwoExamples() throws {
    let directory = try TemporaryDirectory()
    let template =
      #"{"family":"perm","id":"ID","params":{"actions":"swap","choices":2,"group":"S3","hidden":0,"length":1,"max_value":9,"n":3,"render":"repl","reveal":"one","spacing":1},"queries":[],"text":""}"#
    let nfc = "caf\u{E9}/0", nfd = "cafe\u{301}/0"
    #expect(nfc == nfd)  // one String to Swift, two ids to the file
    let path = directory.file("t.jsonl")
    try
      (template.replacingOccurrences(of: "ID", with: nfc) + "\n" + template.replacingOccurrences(of: "ID", with: nfd)
      + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    let examples = try TaskFileReader.readAll(inFileAt: path)
    #expect(examples.map { Array($0.id.utf8) } == [Array(nfc.utf8), Array(nfd.utf8)])
    // The same bytes twice are still a duplicate.
    try
      (template.replacingOccurrences(of: "ID", with: nfc) + "\n" + template.replacingOccurrences(of: "ID", with: nfc)
      + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    #expect(throws: TaskFileError.self) { _ = try TaskFileReader.readAll(inFileAt: path) }
  }
}
