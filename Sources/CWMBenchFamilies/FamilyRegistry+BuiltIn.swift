import CWMBenchFormats

extension FamilyRegistry {
  /// The families cwmbench ships, one line each: a new family is its folder plus a line here.
  public static let builtIn = FamilyRegistry([
    ShellGameFamily.perm,
    ShellGameFamily.pfsa,
    StringsFamily(),
    ProgramsFamily(),
  ])
}
