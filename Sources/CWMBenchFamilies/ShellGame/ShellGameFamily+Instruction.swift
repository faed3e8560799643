import CWMBenchFormats

extension ShellGameFamily {
  /// The chat instruction: the render's, told whether a reveal shows one variable or every one
  /// (`s5-final` reveals the whole arrangement, which a model must write in the print's order).
  public func instruction(for params: CellParameters) -> String {
    guard let game = params.parameters(as: ShellGameParameters.self) else { return params.render.defaultInstruction }
    switch (params.render, game.reveal) {
    case (.repl, .one):
      return "Continue this Python REPL session. Reply with the next output line only: the variable's name and "
        + "its value, exactly as Python prints them."
    case (.repl, .all):
      return "Continue this Python REPL session. Reply with the next output line only: the value of every "
        + "variable in the order the print names them, separated by spaces, exactly as Python prints them."
    case (.nl, .one):
      return "Continue this story. Reply with the next answer only, written as the story writes it (the cup "
        + "and what it holds), without the final period."
    case (.nl, .all):
      return "Continue this story. Reply with what every cup now holds, in the order the story names the cups, "
        + "separated by commas as the story writes them, without the final period."
    case (.cwm, _):
      return params.render.defaultInstruction
    }
  }
}
