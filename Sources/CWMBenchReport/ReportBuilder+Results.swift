import CWMBenchCore
import CWMBenchFormats

extension ReportBuilder {
  /// Reads each result line of `path`, through the fast scanner when it can (an interrupted last line is skipped).
  func forEachResult(
    _ path: String, _ body: (ResultRecord, Int) throws(ReportError) -> Void
  ) throws(ReportError) {
    do {
      try LineReader.forEachLine(inFileAt: path) { bytes, line, terminated in
        guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return }
        let record: ResultRecord
        do throws(ResultRecord.ReadError) {
          record = try ResultRecord.read(bytes)
        } catch .json(let error) {
          if !terminated { return }
          throw ReportError.invalidInput(
            path: path, line: line, reason: ResultLineProblem.describe(bytes) ?? error.description)
        } catch .decoding(let error) {
          throw ReportError.invalidInput(path: path, line: line, reason: error.description)
        }
        try body(record, line)
      }
    } catch let error as ReportError {
      throw error
    } catch {
      throw .io(path: path, reason: String(describing: error))
    }
  }
}
