import Foundation

/// `path` relative to the folder `directory`, as Python's `os.path.relpath` computes it.
///
/// Both are made absolute, standardized and symlink-free first. Files that record a path
/// (run.json's task file, the report page's run folders) use it so that they hold no path of
/// the machine that wrote them and stay valid when the tree they are in moves.
public func relativePath(of path: String, from directory: String) -> String {
  let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().pathComponents
  let base = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath().pathComponents
  var common = 0
  while common < min(target.count, base.count), target[common] == base[common] { common += 1 }
  let parts = Array(repeating: "..", count: base.count - common) + target[common...]
  return parts.isEmpty ? "." : parts.joined(separator: "/")
}
