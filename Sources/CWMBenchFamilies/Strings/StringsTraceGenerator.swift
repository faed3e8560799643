import CWMBenchCore
import CWMBenchFormats

/// Samples `strings` traces for one cell: initial words, edits, reveals and each reveal's `since_word`.
///
/// Draw order (part of the task file's reproducibility; every draw is one `uniform(below:)` or
/// `uniform(in:)` of the example's `Xoshiro256`, each pass of a rejection loop included):
/// 1. The initial string of each variable, `a` first. For `start: word`, uniform over the list's
///    words of `width` letters, drawn again while it equals an earlier variable's word (the list
///    has at least 40 words of each width, so the words are always distinct). For `start: random`,
///    `width` letters, each uniform over a–z, all drawn again while the string is a word of the
///    list (any width's words count) or equals an earlier variable's string.
/// 2. Per edit: the kind, uniform over the kinds of `edits.kinds(variables:)` (in `EditKind`
///    order) that apply to some variable (see below): all of them but at the bounds. When none
///    applies (`delete` alone once every value has one letter, `insert` alone once every value is
///    at the cap) the edit is a `set`, which always applies, and no kind is drawn. Then the
///    variable, uniform over those the kind applies to (alphabetical), then the kind's own draws:
///    - `set`: the position, then the new letter, uniform over the 25 letters other than the current one;
///    - `insert`: the position (0…length), then the letter, uniform over all 26;
///    - `delete`: the position;
///    - `swap`: a position, then a second one among the others, again both while they hold the same letter;
///    - `reverse`: the slice's start (0…length−2), then its end (start+2…length), again both while
///      the slice reads the same backwards;
///    - `replace`: the letter replaced, uniform over the distinct letters present (alphabetical), then
///      the replacement, uniform over the 25 others;
///    - `move`: the source is the variable drawn above; the target, uniform over the other variables
///      with room; then the number of letters moved, 1…min(source length − 1, target's room).
/// 3. After edits k, 2k, … and the last one (`Spacing.revealsAfter`), the variable printed, uniform.
///
/// No edit is a no-op, and every value keeps 1…`maximumLength(width:)` letters: `insert` applies
/// below that cap, `delete` to two letters or more, `swap` and `reverse` to values with two
/// different letters, `move` to a source of two letters or more with a target below the cap.
public struct StringsTraceGenerator: Sendable {
  /// The cell; validated by the caller.
  public let params: CellParameters
  /// The longest value any variable may reach.
  public let maximumLength: Int
  private let kinds: [EditKind]
  private let hasMove: Bool
  private let words: WordTable

  /// The cap on a value's length: twice the initial width plus 8.
  public static func maximumLength(width: Int) -> Int { 2 * width + 8 }

  /// Creates a generator for validated `strings` parameters.
  public init(params: CellParameters) {
    self.params = params
    self.maximumLength = Self.maximumLength(width: params.stringsParameters.width)
    self.kinds = params.stringsParameters.edits.kinds(variables: params.stringsParameters.variables)
    self.hasMove = kinds.contains(.move)
    self.words = .shipped
  }

  /// The trace drawn from `seed`.
  public func trace(seed: UInt64) -> StringsTrace {
    var rng = Xoshiro256(seed: seed)
    return trace(using: &rng)
  }

  /// The next trace drawn from `rng` (the draws of `trace(seed:)` after the seeding).
  public func trace(using rng: inout Xoshiro256) -> StringsTrace {
    let n = params.stringsParameters.variables
    var values =
      params.stringsParameters.start == .word ? drawInitialWords(using: &rng) : drawRandomStrings(using: &rng)
    let initial = values
    var sinceWord = [Int](repeating: 0, count: n)
    var scratch = [Int](repeating: 0, count: n)
    var edits: [StringEdit] = []
    edits.reserveCapacity(params.length)
    var reveals: [StringsTrace.Reveal] = []
    var lastReveal = 0
    for step in 1...params.length {
      let edit = drawEdit(values, scratch: &scratch, using: &rng)
      let changed = edit.changedCharacters(in: values)
      edit.apply(to: &values)
      sinceWord[edit.variable] = words.contains(values[edit.variable]) ? 0 : sinceWord[edit.variable] + changed
      if edit.target != edit.variable {
        sinceWord[edit.target] = words.contains(values[edit.target]) ? 0 : sinceWord[edit.target] + changed
      }
      edits.append(edit)
      if params.spacing.revealsAfter(step: step, length: params.length) {
        let variable = rng.uniform(below: n)
        reveals.append(
          StringsTrace.Reveal(
            variable: variable, step: step, sinceReveal: step - lastReveal, sinceWord: sinceWord[variable],
            value: values[variable]))
        lastReveal = step
      }
    }
    return StringsTrace(params: params, initial: initial, edits: edits, reveals: reveals)
  }

  private func drawInitialWords(using rng: inout Xoshiro256) -> [[UInt8]] {
    let count = words.count(width: params.stringsParameters.width)
    var chosen: [Int] = []
    chosen.reserveCapacity(params.stringsParameters.variables)
    while chosen.count < params.stringsParameters.variables {
      let index = rng.uniform(below: count)
      if !chosen.contains(index) { chosen.append(index) }
    }
    return chosen.map { words.word(width: params.stringsParameters.width, index: $0) }
  }

  /// Strings of `width` random letters, none a word of the list, all different.
  private func drawRandomStrings(using rng: inout Xoshiro256) -> [[UInt8]] {
    let width = params.stringsParameters.width
    var chosen: [[UInt8]] = []
    chosen.reserveCapacity(params.stringsParameters.variables)
    var letters = [UInt8](repeating: 0, count: width)
    while chosen.count < params.stringsParameters.variables {
      for index in 0..<width { letters[index] = 0x61 + UInt8(rng.uniform(below: 26)) }
      if !words.contains(letters) && !chosen.contains(letters) { chosen.append(letters) }
    }
    return chosen
  }

  /// Whether an edit of `kind` can change `values[variable]` without breaking the bounds.
  private func applies(_ kind: EditKind, to variable: Int, in values: [[UInt8]], roomy: Int) -> Bool {
    let value = values[variable]
    switch kind {
    case .set, .replace: return true
    case .insert: return value.count < maximumLength
    case .delete: return value.count >= 2
    case .swap, .reverse: return value.contains { $0 != value[0] }
    case .move: return value.count >= 2 && roomy - (value.count < maximumLength ? 1 : 0) > 0
    }
  }

  /// Draws the next edit (see the type's draw order); `scratch` holds n variable indices.
  private func drawEdit(_ values: [[UInt8]], scratch: inout [Int], using rng: inout Xoshiro256) -> StringEdit {
    let n = values.count
    var roomy = 0
    if hasMove { for value in values where value.count < maximumLength { roomy += 1 } }
    // The selected kinds that some variable admits; nearly always all of them.
    var admitted = 0
    var admittedMask: UInt8 = 0
    for (index, kind) in kinds.enumerated()
    where (0..<n).contains(where: { applies(kind, to: $0, in: values, roomy: roomy) }) {
      admitted += 1
      admittedMask |= 1 << UInt8(index)
    }
    var kind = EditKind.set
    if admitted > 0 {
      var pick = rng.uniform(below: admitted)
      for (index, selected) in kinds.enumerated() where admittedMask & (1 << UInt8(index)) != 0 {
        if pick == 0 {
          kind = selected
          break
        }
        pick -= 1
      }
    }
    var candidates = 0
    for variable in 0..<n where applies(kind, to: variable, in: values, roomy: roomy) {
      scratch[candidates] = variable
      candidates += 1
    }
    let variable = scratch[rng.uniform(below: candidates)]
    let value = values[variable]
    let length = value.count
    switch kind {
    case .set:
      let position = rng.uniform(below: length)
      return StringEdit(
        kind: .set, variable: variable, first: position, letter: Self.letter(other: value[position], using: &rng))
    case .insert:
      let position = rng.uniform(below: length + 1)
      return StringEdit(
        kind: .insert, variable: variable, first: position, letter: 0x61 + UInt8(rng.uniform(below: 26)))
    case .delete:
      return StringEdit(kind: .delete, variable: variable, first: rng.uniform(below: length))
    case .swap:
      while true {
        let i = rng.uniform(below: length)
        var j = rng.uniform(below: length - 1)
        if j >= i { j += 1 }
        if value[i] != value[j] {
          return StringEdit(kind: .swap, variable: variable, first: min(i, j), second: max(i, j))
        }
      }
    case .reverse:
      while true {
        let start = rng.uniform(below: length - 1)
        let end = rng.uniform(in: (start + 2)...length)
        var palindrome = true
        for offset in 0..<(end - start) / 2 where value[start + offset] != value[end - 1 - offset] {
          palindrome = false
          break
        }
        if !palindrome { return StringEdit(kind: .reverse, variable: variable, first: start, second: end) }
      }
    case .replace:
      var present: UInt32 = 0
      for byte in value { present |= 1 << UInt32(byte - 0x61) }
      var pick = rng.uniform(below: present.nonzeroBitCount)
      var old: UInt8 = 0
      for letter in 0..<26 where present & (1 << UInt32(letter)) != 0 {
        if pick == 0 {
          old = 0x61 + UInt8(letter)
          break
        }
        pick -= 1
      }
      return StringEdit(
        kind: .replace, variable: variable, letter: old, replacement: Self.letter(other: old, using: &rng))
    case .move:
      var targets = 0
      for other in 0..<n where other != variable && values[other].count < maximumLength {
        scratch[targets] = other
        targets += 1
      }
      let target = scratch[rng.uniform(below: targets)]
      let most = min(length - 1, maximumLength - values[target].count)
      let moved = 1 + rng.uniform(below: most)
      return StringEdit(kind: .move, variable: variable, target: target, first: length - moved)
    }
  }

  /// A letter uniform over the 25 lowercase letters other than `current`.
  private static func letter(other current: UInt8, using rng: inout Xoshiro256) -> UInt8 {
    let drawn = 0x61 + UInt8(rng.uniform(below: 25))
    return drawn >= current ? drawn + 1 : drawn
  }
}
