/// Formats a number locale-free and as short as round-tripping allows: `0.25`, `1`, `0.1`.
public func formatNumber(_ value: Double) -> String {
  if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
    return String(Int64(value))
  }
  return value.description
}
