import CWMBenchTestSupport
import Foundation
import Testing

@testable import CWMBenchEval

/// `run.lock` is never a link: eval would truncate the file it points at and write its pid there (issue 22, item 4).
@Suite(.offCooperativePool) struct RunLockLinkTests {
  enum Planted: CaseIterable { case symbolicLink, danglingLink, hardLink, folder }

  @Test(arguments: Planted.allCases)
  func aPlantedLockIsRefusedAndItsTargetUntouched(planted: Planted) throws {
    let directory = try TemporaryDirectory()
    let folder = directory.file("run")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let victim = directory.file("victim")
    try "precious".write(toFile: victim, atomically: false, encoding: .utf8)
    let lock = folder + "/" + RunLock.fileName
    switch planted {
    case .symbolicLink: try FileManager.default.createSymbolicLink(atPath: lock, withDestinationPath: victim)
    case .danglingLink:
      try FileManager.default.createSymbolicLink(atPath: lock, withDestinationPath: directory.file("created"))
    case .hardLink: try FileManager.default.linkItem(atPath: victim, toPath: lock)
    case .folder: try FileManager.default.createDirectory(atPath: lock + "/inside", withIntermediateDirectories: true)
    }
    var message = ""
    do {
      let taken = try RunLock(folder: folder)
      taken.release()
    } catch {
      if case .failed(let text) = error { message = text }
    }
    #expect(message.contains("'\(lock)'"), "\(message)")
    #expect((try? String(contentsOfFile: victim, encoding: .utf8)) == "precious")
    #expect(!FileManager.default.fileExists(atPath: directory.file("created")))
  }

  @Test func aStaleLockFileIsTakenOver() throws {
    let directory = try TemporaryDirectory()
    // A run killed with SIGKILL leaves its lock file, unlocked.
    try "12345\n".write(toFile: directory.file(RunLock.fileName), atomically: false, encoding: .utf8)
    let lock = try RunLock(folder: directory.path)
    #expect((try? String(contentsOfFile: lock.path, encoding: .utf8)) == "\(getpid())\n")
    lock.release()
  }
}
