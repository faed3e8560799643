import CWMBenchCore
import CWMBenchFormats
import Foundation

/// The built-in baselines (docs/protocol.md): answers computed from the task file itself.
///
/// They bracket every real model: `oracle` is the ceiling (the Bayes posterior for `pfsa`),
/// `random` is chance, and `last-reveal` is the floor of a model that reads the reveals but
/// does not track the moves.
public struct BuiltinAdapter: ModelAdapter {
  /// Which baseline.
  public enum Kind: String, Sendable, CaseIterable {
    /// Answers from the task file: the ceiling.
    case oracle
    /// Uniform over candidates: chance.
    case random
    /// Assumes nothing moved since each variable was last seen.
    case lastReveal = "last-reveal"
  }

  /// Which baseline.
  public let kind: Kind

  /// Smoothing of the `last-reveal` point prediction, so its log-probabilities stay finite:
  /// p = (1 − ε)·[its guess] + ε·uniform over the candidates.
  public static let lastRevealSmoothing = 0.1

  /// Creates a baseline.
  public init(kind: Kind) { self.kind = kind }

  public func start() async throws -> ModelInfo {
    ModelInfo(name: kind.rawValue, modes: EvalMode.allCases, trainLength: nil, preferredConcurrency: 16)
  }

  public func shutdown() async {}

  public func send(_ request: ModelRequest) async throws -> ModelResponse {
    let example = request.example
    // Worked out once per request, and only for the baseline that needs them.
    let guesses = kind == .lastReveal ? try Self.lastRevealGuesses(example) : nil
    switch request.operation {
    case .score:
      return .score(
        example.queries.indices.map { index in
          let distribution = self.distribution(example: example, query: index, guesses: guesses)
          let answer = example.queries[index].answer
          return SpanScore(
            logprob: log(distribution.probability(of: answer)),
            correct: distribution.greedy == answer, predicted: distribution.greedy)
        })
    case .generate:
      return .generate(distribution(example: example, query: request.queryIndex ?? 0, guesses: guesses).greedy)
    case .choice(_, let candidates):
      let distribution = self.distribution(example: example, query: request.queryIndex ?? 0, guesses: guesses)
      return .choice(candidates.map { log(distribution.probability(of: $0)) })
    }
  }

  /// `last-reveal`'s guesses, or an error when the task line does not record the trace's structure.
  static func lastRevealGuesses(_ example: TaskExample) throws(AdapterError) -> [String] {
    guard let guesses = LastRevealGuess.answers(example: example) else {
      throw .model(
        "example '\(example.id)' does not record the trace's structure ('initial', 'values', 'variable'); "
          + "regenerate the task file with this version of cwmbench")
    }
    return guesses
  }

  /// A baseline's belief about one query: its greedy answer and a probability for any answer.
  struct Distribution {
    var greedy: String
    var probabilityOf: (String) -> Double

    init(greedy: String, _ probabilityOf: @escaping (String) -> Double) {
      self.greedy = greedy
      self.probabilityOf = probabilityOf
    }

    func probability(of text: String) -> Double { probabilityOf(text) }
  }

  /// `guesses` are `last-reveal`'s answers for every query, when the caller already has them.
  func distribution(example: TaskExample, query index: Int, guesses: [String]? = nil) -> Distribution {
    let query = example.queries[index]
    let candidates = query.candidates
    // When candidates are not listed (reveal all, n > 6) there are n! equally likely answers;
    // free-form answers (strings, programs) get no smoothing mass: the random baseline refuses them.
    let count = example.answerCount(ofQuery: index) ?? .infinity
    switch kind {
    case .oracle:
      guard let probs = query.probs, let candidates else {
        let answer = query.answer
        return Distribution(greedy: answer) { $0 == answer ? 1 : 0 }
      }
      let best = probs.indices.max { probs[$0] < probs[$1] || (probs[$0] == probs[$1] && $0 > $1) }!
      return Distribution(greedy: candidates[best]) { text in
        candidates.firstIndex(of: text).map { probs[$0] } ?? 0
      }
    case .random:
      var rng = Xoshiro256(seed: stableHash(example.id + "#" + String(index)))
      let greedy = candidates.map { $0[rng.uniform(below: $0.count)] } ?? ""
      return Distribution(greedy: greedy) { _ in 1 / count }
    case .lastReveal:
      // `send` has worked the guesses out (or refused an example that does not record its structure).
      let guess = (guesses ?? LastRevealGuess.answers(example: example))?[index] ?? ""
      let epsilon = Self.lastRevealSmoothing
      return Distribution(greedy: guess) { text in
        (text == guess ? 1 - epsilon : 0) + epsilon / count
      }
    }
  }
}
