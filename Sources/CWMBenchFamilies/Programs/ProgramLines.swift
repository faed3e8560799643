import CWMBenchCore
import CWMBenchFormats

/// Which executed lines a `programs` trace shows (the `lines` parameter).
public enum ProgramLines: String, Sendable, Hashable, CaseIterable {
  /// Every executed line is a frame: CWM's own teacher-forced actions.
  case all
  /// Only the frames that reveal something: between reveals the model runs the code in its head.
  case reveals
}
