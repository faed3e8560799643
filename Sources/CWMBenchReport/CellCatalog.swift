import CWMBenchCore
import CWMBenchFormats
import Foundation

/// The report's distinct cells, numbered in order of first appearance, found from raw `params` bytes.
///
/// A task file repeats one `params` object for every example of a cell, so the fast path looks a
/// line's `params` bytes up here (the previous line's first, then a small dictionary) and decodes
/// them only the first time they are seen.
struct CellCatalog {
  /// The cells, by number.
  private(set) var cells: [ReportCell] = []
  private var numbers: [ReportCell: Int] = [:]
  /// Family byte followed by the `params` bytes, for the last lookup and for every distinct one.
  private var lastKey: [UInt8] = []
  private var lastNumber = -1
  private var byKey: [[UInt8]: Int] = [:]

  /// The number of `cell`, adding it when new.
  mutating func number(of cell: ReportCell) -> Int {
    if let known = numbers[cell] { return known }
    numbers[cell] = cells.count
    cells.append(cell)
    return cells.count - 1
  }

  /// The number of the cell that a `params` object (its raw bytes) describes, or nil when it does not decode.
  mutating func number(params: UnsafeRawBufferPointer, family: any TaskFamily, tag: UInt8) -> Int? {
    if lastNumber >= 0, lastKey.count == params.count + 1, lastKey[0] == tag,
      lastKey.withUnsafeBytes({ memcmp($0.baseAddress! + 1, params.baseAddress!, params.count) }) == 0
    {
      return lastNumber
    }
    var key = [tag]
    key.append(contentsOf: params)
    let number: Int
    if let known = byKey[key] {
      number = known
    } else {
      guard let json = try? JSONParser.parse(params),
        let decoded = try? CellParameters(json: json, family: family)
      else { return nil }
      number = self.number(of: ReportCell(decoded))
      byKey[key] = number
    }
    lastKey = key
    lastNumber = number
    return number
  }
}
