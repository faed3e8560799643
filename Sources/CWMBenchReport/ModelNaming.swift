/// Which model each result line counts for, and the name the report shows it under.
///
/// A model is its display name *and* the model its run recorded (`RunFolder.modelIdentity`):
/// shards of one run, and one model's runs over several task files, share both and are merged.
/// Two different models reporting one name (the builtin `oracle` and an adapter calling itself
/// `oracle`) stay apart: the later one in argument order is shown as `oracle (2)`, with a warning,
/// instead of being folded into the first, where "first line wins" would keep either's answers.
struct ModelNaming {
  private struct Key: Hashable {
    var identity: String
    var name: String
  }

  private var numbers: [Key: Int] = [:]
  /// The first run that used each shown name: which model it was, in which folder.
  private var owners: [String: (identity: String, folder: String)] = [:]
  /// Warnings about renamed models, in argument order.
  private(set) var warnings: [String] = []

  /// The model number of lines named `name` in a run of `identity` in `folder`; a model met for
  /// the first time is created by `add`, which gets the shown name and returns the new number.
  mutating func number(name: String, identity: String, folder: String, add: (String) -> Int) -> Int {
    let key = Key(identity: identity, name: name)
    if let known = numbers[key] { return known }
    var shown = name
    if let owner = owners[name] {
      var suffix = 2
      while owners["\(name) (\(suffix))"] != nil { suffix += 1 }
      shown = "\(name) (\(suffix))"
      warnings.append(
        "warning: runs '\(owner.folder)' and '\(folder)' hold different models both named '\(name)' "
          + "(model '\(owner.identity.prefix(80))' and '\(identity.prefix(80))'); "
          + "the second is reported as '\(shown)'")
    }
    owners[shown] = (identity, folder)
    let number = add(shown)
    numbers[key] = number
    return number
  }
}
