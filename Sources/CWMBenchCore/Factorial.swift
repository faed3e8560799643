/// n! as a `Double`: exact up to 18!, then the nearest double; `infinity` past 170!.
///
/// One definition for every count of arrangements: the generator lists n! candidates (n ≤ 6),
/// the harness and the report divide by it for the chance level of `reveal: all`.
public func factorial(_ n: Int) -> Double {
  var result = 1.0
  for i in stride(from: 2, through: n, by: 1) { result *= Double(i) }
  return result
}
