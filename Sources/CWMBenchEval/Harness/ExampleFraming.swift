import CWMBenchFormats

/// What is put around one example's trace: the plain prefix (an explicit instruction and the
/// few-shot traces) and, with `--chat`, the conversation that asks each query.
struct ExampleFraming: Sendable {
  /// The train examples shown, in order.
  var shots: [TaskExample]
  /// Text put before the trace wherever there is no conversation (without `--chat`, and in
  /// score and choice modes): `--instruction` and a blank line, then each shot's whole trace
  /// followed by a blank line. Empty when neither is given.
  var prefix: String
  /// The chat turns before the question, and the instruction that opens every user turn;
  /// nil without `--chat`.
  private var chat: (turns: [ChatMessage], instruction: String)?

  /// Frames `example` as `settings` say, drawing its shots from `pool`.
  init(_ example: TaskExample, settings: PromptSettings, pool: FewShotPool?) {
    shots = pool?.shots(for: example) ?? []
    // Score and choice have no conversation, even with --chat (an exec: adapter serves them):
    // they always read the plain prefix; generate with --chat reads the messages instead.
    prefix = (settings.instruction.map { $0 + "\n\n" } ?? "") + shots.map { $0.text + "\n" }.joined()
    guard settings.chat else {
      chat = nil
      return
    }
    let instruction = settings.instruction ?? example.family.instruction(for: example.params)
    var turns: [ChatMessage] = settings.system.map { [ChatMessage(role: "system", content: $0)] } ?? []
    for shot in shots {
      // A shot is solved at its last reveal: the trace up to it, then its answer.
      guard let last = shot.queries.last else { continue }
      let question = String(decoding: Array(shot.text.utf8)[..<last.start], as: UTF8.self)
      turns.append(ChatMessage(role: "user", content: Self.userTurn(instruction, question)))
      turns.append(ChatMessage(role: "assistant", content: last.answer))
    }
    chat = (turns, instruction)
  }

  /// The conversation asking the query whose prompt (the trace before it) is `question`; nil without `--chat`.
  func messages(question: String) -> [ChatMessage]? {
    guard let chat else { return nil }
    return chat.turns + [ChatMessage(role: "user", content: Self.userTurn(chat.instruction, question))]
  }

  /// The ids of the shots, for the result line; nil when there are none.
  var shotIDs: [String]? { shots.isEmpty ? nil : shots.map(\.id) }

  /// A user turn: the instruction, a blank line, the trace.
  static func userTurn(_ instruction: String, _ trace: String) -> String { instruction + "\n\n" + trace }
}
