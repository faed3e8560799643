import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchCore

/// Output files never follow a link planted where cwmbench writes (issue 22, item 4).
@Suite(.offCooperativePool) struct OutputLinkTests {
  static func contents(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

  @Test func temporaryNamesAreUnpredictableAndCarryThePid() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("summary.csv")
    var names: Set<String> = []
    for _ in 0..<8 {
      let file = try AtomicFile(path: path)
      let name = URL(fileURLWithPath: file.temporaryPath).lastPathComponent
      // `.NAME.tmp-PID-RANDOM`: the pid for the cleanup of killed runs, then a random part.
      #expect(name.hasPrefix(".summary.csv.tmp-\(getpid())-"), "\(name)")
      #expect(name.count >= ".summary.csv.tmp-\(getpid())-".count + 16, "\(name)")
      names.insert(name)
      file.discard()
    }
    #expect(names.count == 8)
  }

  @Test(arguments: ["summary.csv", "run.json", "x.manifest.json"])
  func aLinkAtThePidTemporaryNameIsNeverWrittenThrough(name: String) throws {
    let directory = try TemporaryDirectory()
    let victim = directory.file("victim")
    try "precious".write(toFile: victim, atomically: false, encoding: .utf8)
    // Every name the old scheme could pick for this process: links to the victim, and a dangling one.
    try FileManager.default.createSymbolicLink(
      atPath: directory.file(".\(name).tmp-\(getpid())"), withDestinationPath: victim)
    try FileManager.default.createSymbolicLink(
      atPath: directory.file(".\(name).tmp-\(getpid())-0"), withDestinationPath: directory.file("created-by-link"))
    try AtomicFile.write(Array("new".utf8), to: directory.file(name))
    #expect(Self.contents(victim) == "precious")
    #expect(Self.contents(directory.file(name)) == "new")
    #expect(!FileManager.default.fileExists(atPath: directory.file("created-by-link")))
  }

  @Test func staleTemporaryFilesAreFoundUnderBothNamings() throws {
    let directory = try TemporaryDirectory()
    let gone = Process()
    gone.executableURL = URL(fileURLWithPath: "/bin/true")
    try gone.run()
    gone.waitUntilExit()
    let pid = gone.processIdentifier
    let stale = [".x.jsonl.tmp-\(pid)", ".x.jsonl.tmp-\(pid)-0123456789abcdef"]
    let kept = [".x.jsonl.tmp-\(getpid())-0123456789abcdef", ".x.jsonl.tmp-notapid-1", "x.jsonl"]
    for name in stale + kept { _ = FileManager.default.createFile(atPath: directory.file(name), contents: Data()) }
    AtomicFile.removeStale(in: directory.path, names: ["x.jsonl"])
    #expect(directory.contents() == kept.sorted())
  }

  @Test func appendingRefusesALinkedResultsFile() throws {
    let directory = try TemporaryDirectory()
    let victim = directory.file("victim")
    try "precious".write(toFile: victim, atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: directory.file("results.jsonl"), withDestinationPath: victim)
    #expect(throws: CoreError.self) { try AppendFile(path: directory.file("results.jsonl")) }
    do {
      _ = try AppendFile(path: directory.file("results.jsonl"))
    } catch {
      #expect(error.description.contains("symbolic link"), "\(error)")
    }
    #expect(Self.contents(victim) == "precious")
  }
}
