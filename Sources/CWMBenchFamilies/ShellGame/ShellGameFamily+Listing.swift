import CWMBenchCore
import CWMBenchFormats

extension ShellGameFamily {
  /// Groups, action kinds and reveals, computed from `Group`, `ActionKind` and `RevealKind`, so
  /// the listing cannot drift from what `generate` accepts.
  public var listSections: [ListSection] {
    [
      ListSection(title: "GROUPS", entries: Self.groupEntries()),
      ListSection(title: "ACTION KINDS", entries: Self.actionEntries()),
      ListSection(title: "REVEALS", entries: Self.revealEntries()),
    ]
  }

  /// The group kinds in the order the listing shows them.
  static let groupKinds: [Group.Kind] = [.symmetric, .alternating, .cyclic]

  static func kindName(_ kind: Group.Kind) -> String {
    switch kind {
    case .symmetric: return "symmetric group"
    case .alternating: return "alternating group"
    case .cyclic: return "cyclic group"
    }
  }

  static func groups(of kind: Group.Kind) -> [Group] {
    (Group.minimumSize...Group.maximumSize).compactMap { try? Group(kind: kind, n: $0) }
  }

  static func groupEntries() -> [(name: String, text: String)] {
    groupKinds.map { kind in
      let sample = groups(of: kind)[0]
      return (
        "\(kind.rawValue)<n>",
        "\(kindName(kind)), \(Group.minimumSize) ≤ n ≤ \(Group.maximumSize), default actions "
          + sample.defaultActions.rawValue
      )
    }
  }

  static func actionSummary(_ actions: ActionKind) -> String {
    switch actions {
    case .swap: return "a transposition of two variables"
    case .cycle3: return "a 3-cycle of three variables, either direction"
    case .rotate: return "a rotation of all variables by 1…n−1"
    case .tuple: return "a uniform element of the whole group"
    }
  }

  /// Which sizes of `kind` admit `actions`, in words: `S<n>`, `A<n> (n ≥ 3)`, `A<n> (odd n)`.
  static func admission(of actions: ActionKind, in kind: Group.Kind) -> String? {
    let all = groups(of: kind)
    let sizes = all.filter { $0.admits(actions) }.map(\.n)
    let name = "\(kind.rawValue)<n>"
    if sizes.isEmpty { return nil }
    if sizes == all.map(\.n) { return name }
    if let first = sizes.first, sizes == Array(first...Group.maximumSize) { return "\(name) (n ≥ \(first))" }
    if sizes == all.map(\.n).filter({ $0 % 2 == 1 }) { return "\(name) (odd n)" }
    return "\(name) (n in \(sizes.map(String.init).joined(separator: ",")))"
  }

  /// The `choices` range of a hidden action, in words, checked against every admitting group.
  static func choicesSummary(of actions: ActionKind) -> String {
    let pairs = groupKinds.flatMap(groups(of:))
      .filter { $0.admits(actions) }
      .compactMap { group in group.choicesRange(for: actions).map { (group, $0) } }
    guard !pairs.isEmpty, pairs.allSatisfy({ $0.1.lowerBound == 2 }) else { return "none" }
    let uppers = pairs.map(\.1.upperBound)
    if let first = uppers.first, uppers.allSatisfy({ $0 == first }) {
      return first == 2 ? "exactly 2" : "2…\(first)"
    }
    if pairs.allSatisfy({ $0.1.upperBound == $0.0.n }) { return "2…n" }
    if pairs.allSatisfy({ $0.1.upperBound == min($0.0.order, 24) }) { return "2…min(group order, 24)" }
    return "2…\(uppers.max() ?? 2), depending on the group"
  }

  static func actionEntries() -> [(name: String, text: String)] {
    ActionKind.allCases.map { actions in
      let groups = groupKinds.compactMap { admission(of: actions, in: $0) }.joined(separator: ", ")
      return (
        actions.rawValue,
        "\(actionSummary(actions)); groups: \(groups); hidden choices: \(choicesSummary(of: actions))"
      )
    }
  }

  static func revealEntries() -> [(name: String, text: String)] {
    RevealKind.allCases.map { reveal in
      switch reveal {
      case .one: return (reveal.rawValue, "print one variable, chosen uniformly (default)")
      case .all:
        return (
          reveal.rawValue,
          "print every variable; candidates listed when n ≤ \(ShellGameParameters.maximumAllCandidatesSize)"
        )
      }
    }
  }
}
