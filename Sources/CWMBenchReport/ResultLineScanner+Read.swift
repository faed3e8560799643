import CWMBenchCore
import CWMBenchFormats
extension ResultLineScanner {
  /// Why a result line could not be read.
  enum ReadError: Error {
    /// The line is not JSON.
    case json(JSONError)
    /// The line is JSON but not a result line.
    case decoding(ReportDecoding.Failure)
  }

  /// A result line through the fast scanner, or through `JSONParser` when the scanner declines it
  /// (escapes, unexpected fields, malformed input — the parser then names the exact problem).
  static func read(_ bytes: UnsafeRawBufferPointer, defaultModel: String) throws(ReadError) -> ResultRecord {
    do throws(Unsupported) {
      return try scan(bytes, defaultModel: defaultModel)
    } catch {
      let json: JSONValue
      do throws(JSONError) { json = try JSONParser.parse(bytes) } catch { throw .json(error) }
      do throws(ReportDecoding.Failure) {
        return try ReportDecoding.result(from: json, defaultModel: defaultModel)
      } catch {
        throw .decoding(error)
      }
    }
  }
}
