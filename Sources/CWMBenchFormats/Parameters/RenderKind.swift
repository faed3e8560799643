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
