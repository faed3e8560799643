import CWMBenchCore
import CWMBenchEval
import CWMBenchFamilies
import CWMBenchFormats
import CWMBenchReport
import Foundation

extension ShowCommand {
  func show(_ context: CommandContext) throws {
    let path = resolve(file, in: context)
    try InputCheck.taskFile(file, at: path, in: context.currentDirectory) { "cwmbench show \($0)" }

    var found: TaskExample?
    var position = 0
    do {
      try TaskFileReader.forEachExample(inFileAt: path, families: .builtIn) { example, _ in
        if let id { if example.id == id { found = example } } else if position == index { found = example }
        position += 1
        return found == nil
      }
    } catch let error as TaskFileError {
      throw CLIError.badData(error.description)
    }
    guard let example = found else {
      if let id { throw CLIError.usage("no example with id '\(id)' in '\(file)'") }
      throw CLIError.usage("'\(file)' has \(position) examples; --index \(index) is out of range")
    }
    var output = context.standardOutput
    Self.write(example, to: &output)
  }

  /// Writes the example: a header, then the text with every answer span marked `[[…]]` and
  /// annotated on the right, so the queries can be read in place.
  static func write(_ example: TaskExample, to output: inout some TextOutputStream) {
    let p = example.params
    output.write("id       \(example.id)\n")
    let (leading, trailing) = p.family.showHeader(of: example)
    let fields =
      leading + [("length", String(p.length)), ("spacing", p.spacing.description), ("render", p.render.rawValue)]
      + trailing
    let header = "family   \(p.family.name)   " + fields.map { "\($0.0) \($0.1)" }.joined(separator: "   ")
    output.write(header + "\n")
    output.write("queries  \(example.queries.count) (answers marked [[…]])\n\n")

    let bytes = Array(example.text.utf8)
    var cursor = 0
    var line = ""
    var notes: [String] = []
    func flushLine() {
      if notes.isEmpty {
        output.write(line + "\n")
      } else {
        let padding = max(2, 28 - line.count)
        output.write(line + String(repeating: " ", count: padding) + "<- " + notes.joined(separator: "; ") + "\n")
      }
      line = ""
      notes = []
    }
    func append(_ range: Range<Int>) {
      for byte in bytes[range] {
        if byte == 0x0A { flushLine() } else { line.append(Character(UnicodeScalar(byte))) }
      }
    }
    for (number, query) in example.queries.enumerated() {
      append(cursor..<query.start)
      line += "[[" + query.answer + "]]"
      var note = "q\(number + 1) step \(query.step), since reveal \(query.sinceReveal)"
      if let edited = query.sinceWord {
        // A `start: random` value counts from its start until it first becomes a word.
        let since = example.params.parameters.reportValues["start"] == "random" ? "a word or the start" : "a word"
        note += edited == 0 ? ", \(since)" : ", \(edited) edited since \(since)"
      }
      if let candidates = query.candidates { note += ", \(candidates.count) candidates" }
      if let probs = query.probs, let candidates = query.candidates,
        let answerIndex = candidates.firstIndex(of: query.answer)
      {
        note +=
          ", Bayes P(answer) = \(String(format: "%.3f", locale: Locale(identifier: "en_US_POSIX"), probs[answerIndex]))"
        let top = zip(candidates, probs).filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(4)
        note +=
          " ["
          + top.map { "\($0.0): \(String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"), $0.1))" }.joined(
            separator: ", ") + "]"
      }
      notes.append(note)
      cursor = query.end
    }
    append(cursor..<bytes.count)
    if !line.isEmpty { flushLine() }
  }
}
