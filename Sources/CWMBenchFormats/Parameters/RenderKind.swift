import CWMBenchCore

/// The text format a trace is written in (SPEC §2).
public enum RenderKind: String, Sendable, Hashable, CaseIterable {
  /// A Python REPL session: the reference format.
  case repl
  /// Meta CWM execution-trace frames.
  case cwm
  /// A natural-language shell game.
  case nl
}
