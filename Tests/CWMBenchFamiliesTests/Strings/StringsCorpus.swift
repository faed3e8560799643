import CWMBenchCore
import CWMBenchFormats

@testable import CWMBenchFamilies
@testable import CWMBenchGenerate

/// The traces the CPython tests check: every edit kind alone and mixed, one and three variables,
/// widths 4 and 12, spacings 1, 3 and final, lengths 13 and 200; `set` and the mix also from
/// `start: random`.
///
/// `insert+delete` and `swap+move` add cells where a kind that no value admits gives way to the other.
enum StringsCorpus {
  /// The cells; none with `move` and one variable (validation refuses it).
  static let cells: [CellParameters] = {
    var cells: [CellParameters] = []
    // Each kind alone, two pairs (the one at a bound draws the other), and the default mix.
    let selections =
      (EditKind.allCases.map(\.rawValue) + ["insert+delete", "swap+move"]).map { try! EditSelection(parsing: $0) }
      + [.mixed]
    for edits in selections {
      let starts: [StartKind] = edits == .mixed || edits.named == [.set] ? [.word, .random] : [.word]
      for start in starts {
        for variables in [1, 3] where variables > 1 || !edits.named.contains(.move) {
          for width in [4, 12] {
            for spacing in [Spacing.every(1), .every(3), .final] {
              for length in [13, 200] {
                let cell = CellParameters.strings(
                  length: length, spacing: spacing, width: width, variables: variables, edits: edits, start: start)
                try! cell.validate()
                cells.append(cell)
              }
            }
          }
        }
      }
    }
    return cells
  }()

  /// The word list as a JSON array on the first line, then one line per trace holding its
  /// example in each format: `{"cwm": …, "nl": …, "repl": …}`.
  static func lines(examplesPerCell: Int) -> String {
    var writer = JSONWriter()
    writer.writeRaw("[")
    let words = WordList.text.split(whereSeparator: { $0 == " " || $0 == "\n" })
    for (index, word) in words.enumerated() {
      if index > 0 { writer.writeRaw(",") }
      writer.writeString(String(word))
    }
    writer.writeRaw("]\n")
    for cell in cells {
      let generator = StringsTraceGenerator(params: cell)
      let factories = [RenderKind.cwm, .nl, .repl].map { render in
        var own = cell.stringsParameters
        own.render = render
        let params = CellParameters(family: cell.family, parameters: own)
        return (render, StringsExampleFactory(params: params))
      }
      for index in 0..<examplesPerCell {
        let seed = ExampleSeed.make(suiteSeed: 5, split: .test, cellKey: cell.key, index: index)
        let trace = generator.trace(seed: seed)
        for (position, (render, factory)) in factories.enumerated() {
          writer.writeRaw(position == 0 ? "{\"" : ",\"")
          writer.writeRaw(render.rawValue)
          writer.writeRaw("\":")
          factory.example(from: trace, id: cell.key + "/" + String(index)).write(to: &writer)
        }
        writer.writeRaw("}\n")
      }
    }
    return String(decoding: writer.bytes, as: UTF8.self)
  }
}
