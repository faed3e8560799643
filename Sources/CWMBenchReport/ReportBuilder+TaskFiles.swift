import CWMBenchCore
import CWMBenchFormats
import Dispatch
import Synchronization

/// The digests a hashing thread hands back.
private final class DigestBox: Sendable {
  let digests = Mutex<[String: Result<String, CoreError>]>([:])
}

extension ReportBuilder {
  /// Starts hashing `paths` (SHA-256, in order) on another thread; the returned function waits for the digests.
  static func startHashing(_ paths: [String]) -> () -> [String: Result<String, CoreError>] {
    let box = DigestBox()
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      for path in paths {
        let digest = Result<String, CoreError> { () throws(CoreError) in try SHA256.hexDigest(ofFileAt: path) }
        box.digests.withLock { $0[path] = digest }
      }
      done.signal()
    }
    return {
      done.wait()
      done.signal()  // a second wait returns at once
      return box.digests.withLock { $0 }
    }
  }

  /// Indexes the task file at `path`: the fast scanner for ordinary lines, `TaskExample(json:)` for the rest.
  ///
  /// Two ids with one hash (a real duplicate, or a collision) restart the file with exact `String`
  /// keys, which tells the two apart and names a duplicate exactly as before.
  func indexTasks(_ path: String, catalog: inout CellCatalog, exact: Bool = false) throws(ReportError) -> TaskIndex {
    var index = TaskIndex(path: path, exact: exact)
    let familyTable = TaskLineScanner.FamilyTable(families)
    var truth = TaskLineTruth()
    var collided = false
    var floorParams: (cell: Int, params: CellParameters)?
    // The no-tracking floor is scored on a second thread, in batches.
    let floors = FloorWorker()
    // Lines whose queries record `copy` are counted here, without the family (`FloorTally.add(copies:cell:)`).
    var copyFloors = FloorTally()
    var batch: [(cell: Int, example: TaskExample)] = []
    batch.reserveCapacity(FloorWorker.batchSize)
    try readLines(path) { bytes, line, terminated throws(ReportError) in
      let added: Bool
      let id: () -> String
      if let fields = try? TaskLineScanner.scan(bytes, into: &truth, families: familyTable),
        let cell = catalog.number(
          params: UnsafeRawBufferPointer(rebasing: bytes[fields.params]), family: fields.family, tag: fields.familyTag)
      {
        added = index.append(id: UnsafeRawBufferPointer(rebasing: bytes[fields.id]), cell: cell, truth: truth)
        if added {
          if !truth.copiesMissing {
            copyFloors.add(copies: truth.copies, cell: cell)
          } else {
            if floorParams?.cell != cell { floorParams = (cell, catalog.cells[cell].params) }
            batch.append((cell, truth.takeStructureExample(params: floorParams!.params)))
          }
        }
        id = { String(decoding: bytes[fields.id], as: UTF8.self) }
      } else {
        guard let example = try decodeExample(bytes, path: path, line: line, terminated: terminated) else {
          return true
        }
        let cell = catalog.number(of: ReportCell(example.params))
        truth.load(ExampleTruth(example: example), of: example, hasPosteriors: example.family.hasPosteriors)
        var text = example.id
        added = text.withUTF8 { index.append(id: UnsafeRawBufferPointer($0), cell: cell, truth: truth) }
        if added { batch.append((cell, example)) }
        id = { example.id }
      }
      if batch.count == FloorWorker.batchSize {
        floors.submit(batch)
        batch = []
        batch.reserveCapacity(FloorWorker.batchSize)
      }
      guard !added else { return true }
      if index.isExact { throw .invalidInput(path: path, line: line, reason: "duplicate example id '\(id())'") }
      collided = true
      return false
    }
    floors.submit(batch)
    index.floors = floors.finish()
    index.floors.merge(copyFloors)
    if collided { return try indexTasks(path, catalog: &catalog, exact: true) }
    return index
  }

  /// Decodes a task line generically; nil for an interrupted (unterminated, unparsable) last line.
  func decodeExample(
    _ bytes: UnsafeRawBufferPointer, path: String, line: Int, terminated: Bool
  ) throws(ReportError) -> TaskExample? {
    let json: JSONValue
    do throws(JSONError) { json = try JSONParser.parse(bytes) } catch {
      if !terminated { return nil }
      throw .invalidInput(path: path, line: line, reason: error.description)
    }
    do throws(TaskFileError) { return try TaskExample(json: json, families: families) } catch {
      throw .invalidInput(path: path, line: line, reason: error.description)
    }
  }

  /// Reads the ids of the examples whose bit is set in `wanted`, and the whole example for those in `full`.
  func readNamedExamples(
    _ path: String, wanted: [UInt64], full: Set<Int>, ids: inout [Int: String], examples: inout [Int: TaskExample]
  ) throws(ReportError) {
    guard let lastWord = wanted.lastIndex(where: { $0 != 0 }) else { return }
    let last = lastWord * 64 + 63 - wanted[lastWord].leadingZeroBitCount
    var ordinal = -1
    var truth = TaskLineTruth()
    let familyTable = TaskLineScanner.FamilyTable(families)
    try readLines(path) { bytes, line, terminated throws(ReportError) in
      ordinal += 1
      // Stop after the last example wanted: the worst are often near the start.
      guard ordinal <= last else { return false }
      guard wanted[ordinal / 64] & (1 << UInt64(ordinal % 64)) != 0 else { return true }
      if !full.contains(ordinal), let fields = try? TaskLineScanner.scan(bytes, into: &truth, families: familyTable) {
        ids[ordinal] = String(decoding: bytes[fields.id], as: UTF8.self)
      } else if let example = try decodeExample(bytes, path: path, line: line, terminated: terminated) {
        ids[ordinal] = example.id
        if full.contains(ordinal) { examples[ordinal] = example }
      }
      return true
    }
  }

  /// Calls `body` with each line of `path` that is not blank; `body` returns false to stop.
  func readLines(
    _ path: String, _ body: (UnsafeRawBufferPointer, Int, Bool) throws(ReportError) -> Bool
  ) throws(ReportError) {
    struct Stop: Error {}
    do {
      try LineReader.forEachLine(inFileAt: path) { bytes, line, terminated in
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return }
        guard try body(bytes, line, terminated) else { throw Stop() }
      }
    } catch is Stop {
      return
    } catch let error as ReportError {
      throw error
    } catch {
      throw .io(path: path, reason: String(describing: error))
    }
  }
}
