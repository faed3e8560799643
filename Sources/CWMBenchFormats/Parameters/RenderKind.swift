import CWMBenchCore

/// The text format a trace is written in (docs/task-file.md, "The text").
public enum RenderKind: String, Sendable, Hashable, CaseIterable {
  /// A Python REPL session: the reference format.
  case repl
  /// Meta CWM execution-trace frames.
  case cwm
  /// A natural-language shell game.
  case nl
}

extension RenderKind {
  /// How many lines a reveal's statement comes before the line holding its answer: a REPL
  /// prints the answer on the line after `print(…)`; CWM frames and stories hold it on the
  /// statement's own line.
  public var revealStatementOffset: Int { self == .repl ? 1 : 0 }

  /// Whether `line` can be one action of a trace rendered this way (each action is one line):
  /// a REPL statement that is not a `print`, a CWM line frame, or a story's non-empty sentence.
  public func mayBeActionLine(_ line: Substring) -> Bool {
    switch self {
    case .repl: line.hasPrefix(">>> ") && !line.hasPrefix(">>> print(")
    case .cwm: line.contains("<|line_sep|>") && line.contains("<|action_sep|>")
    case .nl: !line.isEmpty
    }
  }

  /// The chat instruction for a trace in this format when its family adds nothing: continue
  /// the trace, and reply with the next revealed line alone, as the trace writes it.
  public var defaultInstruction: String {
    switch self {
    case .repl:
      "Continue this Python REPL session. Reply with the next output line only, exactly as Python prints it."
    case .cwm:
      "Continue this execution trace in Meta CWM's format. Reply with the JSON object of local variables "
        + "that the next frame writes only, exactly as the trace writes it."
    case .nl:
      "Continue this story. Reply with the next answer only, written as the story writes it, without the final period."
    }
  }
}
