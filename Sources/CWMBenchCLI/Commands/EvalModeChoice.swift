import CWMBenchFormats

/// What `eval --mode` takes: `auto` (the harness picks) or one of the harness's modes.
enum EvalModeChoice: ArgumentValue, Hashable {
  /// `score` when the adapter can, else `generate`.
  case auto
  /// A mode the user chose.
  case mode(EvalMode)

  init?(argument: String) {
    if argument == "auto" {
      self = .auto
    } else if let mode = EvalMode(rawValue: argument) {
      self = .mode(mode)
    } else {
      return nil
    }
  }

  var argumentDescription: String {
    switch self {
    case .auto: return "auto"
    case .mode(let mode): return mode.rawValue
    }
  }

  /// `auto`, then every case of `EvalMode`.
  static var allValueStrings: [String] { ["auto"] + EvalMode.allCases.map(\.rawValue) }

  /// The mode to ask the harness for; nil lets it choose.
  var mode: EvalMode? {
    switch self {
    case .auto: return nil
    case .mode(let mode): return mode
    }
  }
}
