import CWMBenchCore
import CWMBenchFormats

/// The `logprobs` block of an OpenAI completion: one entry per token of the echoed text.
struct CompletionLogprobs: Sendable, Equatable {
  /// One token with where it starts and what the model thought of it.
  struct Token: Sendable, Equatable {
    /// The token's text.
    var text: String
    /// Its character offset in prompt + completion.
    var offset: Int
    /// log p(token | text before it); nil for the first token, which has no context.
    var logprob: Double?
    /// The most likely token at this position, from `top_logprobs`; nil when not given.
    var top: String?
  }

  /// The tokens, in text order.
  var tokens: [Token]

  /// Creates the block from its tokens.
  init(tokens: [Token]) {
    self.tokens = tokens
  }

  /// Reads `choices[0].logprobs` of a completion answer.
  init(completion: JSONValue) throws(AdapterError) {
    guard let block = completion["choices"]?.arrayValue?.first?["logprobs"], !block.isNull else {
      throw .protocolViolation("completion has no 'choices[0].logprobs': '\(HTTPAdapter.excerpt(completion))'")
    }
    guard let texts = block["tokens"]?.arrayValue, let logprobs = block["token_logprobs"]?.arrayValue,
      let offsets = block["text_offset"]?.arrayValue, texts.count == logprobs.count, texts.count == offsets.count
    else {
      throw .protocolViolation(
        "'logprobs' needs 'tokens', 'token_logprobs' and 'text_offset' of one length: '\(HTTPAdapter.excerpt(block))'")
    }
    let tops = block["top_logprobs"]?.arrayValue
    var tokens: [Token] = []
    tokens.reserveCapacity(texts.count)
    for index in texts.indices {
      guard let text = texts[index].stringValue, let offset = offsets[index].intValue else {
        throw .protocolViolation("token \(index) of 'logprobs' is malformed: '\(HTTPAdapter.excerpt(block))'")
      }
      // The exec protocol's check, so a server cannot store what an exec adapter may not.
      let logprob = logprobs[index].isNull ? nil : LogProbability.value(logprobs[index])
      guard logprobs[index].isNull || logprob != nil else {
        throw .protocolViolation(
          "token \(index) ('\(HTTPAdapter.excerpt(text))') has log-probability "
            + "'\(HTTPAdapter.excerpt(logprobs[index]))', which is not a number ≤ 0 (or \"-inf\")")
      }
      var top: String?
      if let tops, index < tops.count, let alternatives = tops[index].objectValue {
        // Ties go to the token itself, so an exact tie is not counted as a miss.
        var best: (String, Double)?
        for (candidate, value) in alternatives.sorted(by: { $0.key < $1.key }) {
          guard let logprob = value.doubleValue else { continue }
          if best == nil || logprob > best!.1 || (logprob == best!.1 && candidate == text) {
            best = (candidate, logprob)
          }
        }
        top = best?.0
      }
      tokens.append(Token(text: text, offset: offset, logprob: logprob, top: top))
    }
    let echoed = completion["choices"]?.arrayValue?.first?["text"]?.stringValue
    // Offsets counted in characters are converted (or refused) by `inBytes(of:)`.
    self.tokens = echoed.map { Self.droppingPrependedToken(tokens, echoed: $0) } ?? tokens
  }

  /// `tokens` without a leading special token that the server prepended to the echoed text.
  ///
  /// vLLM echoes the BOS token of tokenizers that add one (`<s>`, `<bos>`, `<|begin_of_text|>`)
  /// as the first token, with no log-probability, and counts its text in `text_offset`, so
  /// every offset after it is shifted by its length. It is not part of `choices[0].text`.
  static func droppingPrependedToken(_ tokens: [Token], echoed: String) -> [Token] {
    guard tokens.count >= 2, let first = tokens.first, first.offset == 0, first.logprob == nil,
      !first.text.isEmpty, !echoed.hasPrefix(first.text)
    else { return tokens }
    let width = tokens[1].offset - first.offset
    guard width == first.text.unicodeScalars.count || width == first.text.utf8.count else { return tokens }
    return tokens.dropFirst().map { Token(text: $0.text, offset: $0.offset - width, logprob: $0.logprob, top: $0.top) }
  }

  /// The block with every offset in UTF-8 bytes of `text` (the echoed prompt).
  ///
  /// OpenAI and vLLM count `text_offset` in bytes of the prompt; llama-cpp-python counts
  /// characters (Python string indices). For ASCII text the two agree. Otherwise the offsets
  /// are checked against the tokens: when they advance by each token's byte length they are
  /// kept, when they advance by its character count they are converted, and anything else is
  /// refused, because a span scored against the wrong offsets would be silently wrong.
  func inBytes(of text: String) throws(AdapterError) -> CompletionLogprobs {
    let bytes = text.utf8.count
    let scalars = text.unicodeScalars.count
    guard scalars != bytes else { return self }
    // The echoed tokens (those starting inside the prompt) must tile it exactly in one unit.
    func tiles(_ total: Int, by length: (String) -> Int) -> Bool {
      let echoed = tokens.filter { $0.offset < total }
      guard let first = echoed.first, let last = echoed.last, first.offset == 0 else { return false }
      return zip(echoed, echoed.dropFirst()).allSatisfy { $1.offset - $0.offset == length($0.text) }
        && last.offset + length(last.text) == total
    }
    if tiles(bytes, by: { $0.utf8.count }) { return self }
    guard tiles(scalars, by: { $0.unicodeScalars.count }) else {
      throw .protocolViolation(
        "the server's 'text_offset' values for this non-ASCII text count neither bytes nor characters; "
          + "score it with ASCII text or another server")
    }
    // Byte offset of each character index, and one past the end.
    var table: [Int] = []
    table.reserveCapacity(scalars + 1)
    var position = 0
    for scalar in text.unicodeScalars {
      table.append(position)
      position += String(scalar).utf8.count
    }
    table.append(position)
    var converted = self
    for index in converted.tokens.indices {
      let offset = converted.tokens[index].offset
      // Generated tokens lie past the prompt; they are never scored, only kept in order.
      converted.tokens[index].offset = offset <= scalars ? table[max(0, offset)] : bytes + (offset - scalars)
    }
    return converted
  }

  /// Whether the tokens spell out `prompt` from offset 0 with consistent offsets and log-probabilities.
  ///
  /// A server that ignores `echo` returns only the generated token, which fails this.
  func echoes(_ prompt: String) -> Bool {
    let length = prompt.utf8.count
    var spelled = ""
    var expectedOffset = 0
    var promptTokens = 0
    for token in tokens where token.offset < length {
      guard token.offset == expectedOffset else { return false }
      if promptTokens > 0 && token.logprob == nil { return false }
      spelled += token.text
      expectedOffset += token.text.utf8.count
      promptTokens += 1
    }
    return promptTokens >= 2 && spelled == prompt
  }

  /// log p(text[span] | text before it), whether greedy decoding writes it and then the
  /// `ending` bytes after it, how many tokens it took, and the greedy text up to the first
  /// wrong token.
  ///
  /// A span covers the tokens that start inside it, and a token that starts before it but
  /// reaches into it (a BPE merge across the boundary). Tokens at or past `textLength` were
  /// generated, not echoed, and are ignored. The prediction is known only when the server gave
  /// the top token everywhere and no token straddles the span's start (its top token would
  /// spell text before the span). The ending is judged by `writesEnding`; the log-probability
  /// is the answer's alone.
  func score(_ span: Range<Int>, ending: Int = 0, textLength: Int) throws(AdapterError) -> SpanScore {
    var logprob = 0.0
    var correct = true
    var covered = 0
    var predicted: String? = ""
    var predicting = true
    for (index, token) in tokens.enumerated() where token.offset < textLength {
      let end = index + 1 < tokens.count ? tokens[index + 1].offset : token.offset + token.text.utf8.count
      let inside = token.offset >= span.lowerBound && token.offset < span.upperBound
      let straddles = token.offset < span.lowerBound && end > span.lowerBound
      guard inside || straddles else { continue }
      guard let value = token.logprob else {
        throw .protocolViolation(
          "the server gave no log-probability for token '\(token.text)' at offset \(token.offset)")
      }
      logprob += value
      covered += 1
      if straddles || token.top == nil { predicted = nil }
      if predicting, let top = token.top {
        predicted? += top
        predicting = top == token.text
      }
      if token.top != token.text { correct = false }
    }
    guard covered > 0 else {
      throw .protocolViolation("no echoed token covers offsets \(span.lowerBound)..<\(span.upperBound)")
    }
    if correct && ending > 0 {
      correct = writesEnding(after: span.upperBound, through: span.upperBound + ending, textLength: textLength)
    }
    return SpanScore(logprob: logprob, correct: correct, predicted: predicted, tokens: covered)
  }

  /// Whether greedy decoding, having written the trace up to `end`, goes on to write its bytes
  /// up to `stop` (an answer's ending), judged from the top token at each position.
  ///
  /// Decoded text is compared, not tokens: while the top token is the trace's token, greedy
  /// decoding follows the trace; at the first position where it is not, the top token must
  /// begin with the rest of the ending (a token that writes the ending and more, such as
  /// `"\n>>>"` where the trace has `"\n"`, or the trace's `"\n>>>"` where the model has `"\n"`,
  /// both end the answer). What greedy decoding writes after a top token that leaves the trace
  /// is not in one echoed completion, so a top token that writes only part of the ending, or a
  /// position without a top token, counts as not ending.
  func writesEnding(after end: Int, through stop: Int, textLength: Int) -> Bool {
    let ending = tokens.indices.filter { index in
      let token = tokens[index]
      let tokenEnd = index + 1 < tokens.count ? tokens[index + 1].offset : token.offset + token.text.utf8.count
      return token.offset < textLength && token.offset < stop && tokenEnd > end
    }
    // The trace's bytes from each ending token's start through `stop`.
    var rest = Array(ending.map { tokens[$0].text }.joined().utf8)
    guard let first = ending.first, tokens[first].offset + rest.count >= stop else { return false }
    rest.removeLast(tokens[first].offset + rest.count - stop)
    var consumed = 0
    for index in ending {
      let token = tokens[index]
      guard let top = token.top else { return false }
      // A token that began inside the span was judged there; only the part past `end` is new.
      if top == token.text {
        consumed += token.text.utf8.count
        continue
      }
      return Array(top.utf8).starts(with: rest[consumed...])
    }
    return true
  }
}
