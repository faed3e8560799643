import CWMBenchFormats

extension StringsFamily {
  /// The chat instruction: the render's, told that the revealed value is a string printed bare.
  public func instruction(for params: CellParameters) -> String {
    switch params.render {
    case .repl:
      "Continue this Python REPL session. Reply with the next output line only: the string's current value, "
        + "exactly as print writes it (without quotes)."
    case .cwm, .nl: params.render.defaultInstruction
    }
  }
}
