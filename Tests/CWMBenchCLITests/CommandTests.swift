import CWMBenchTestSupport
import Testing

@testable import CWMBenchCLI

@Suite(.offCooperativePool) struct CommandTests {
  /// Every stored property of a command is declared exactly once, so none is left at its
  /// default because its flag was forgotten, and no flag sets two properties.
  func checkDeclarations<C: Command>(_: C.Type) {
    let properties = Mirror(reflecting: C()).children.compactMap(\.label)
    let declarations = C.declarations
    // Keyed lists (one flag per family parameter) share one dictionary property.
    let keyPaths = Set(declarations.map(\.keyPath))
    #expect(keyPaths.count == properties.count, "\(C.name): \(properties.count) properties, \(keyPaths.count) declared")
    let spellings = C.optionDescriptions.flatMap(\.names)
    #expect(Set(spellings).count == spellings.count, "\(C.name): a flag is declared twice")
    #expect(!spellings.contains { CommandDescription.helpNames.contains($0) }, "\(C.name): -h/--help are built in")
  }

  @Test func everyPropertyIsDeclaredOnce() {
    for command in CWMBenchCLI.commands { checkDeclarations(command) }
  }

  @Test func commandNamesAreUniqueAndLowercase() {
    let names = CWMBenchCLI.commands.map { $0.name }
    #expect(names == ["generate", "show", "list", "eval", "rescore", "report"])
    for name in names { #expect(CWMBenchCLI.command(named: name)?.name == name) }
    #expect(CWMBenchCLI.command(named: "Generate") == nil)
  }
}
