import CWMBenchFamilies
import CWMBenchFormats
import CWMBenchTestSupport
import Foundation
import Testing

/// The registry and the family folders agree, as swift-format's rule registry and its rule files
/// do: every folder under Sources/CWMBenchFamilies holds a registered family named after it, and
/// every registered family lives in such a folder.
@Suite struct FamilyRegistryTests {
  /// Folders of shared support code, not families.
  static let supportFolders: Set<String> = ["CWMFormat"]

  static var familiesFolder: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources/CWMBenchFamilies")
  }

  @Test func everyFolderIsARegisteredFamilyAndEveryFamilyAFolder() throws {
    let entries = try FileManager.default.contentsOfDirectory(atPath: Self.familiesFolder.path)
    let folders = Set(
      entries.filter { entry in
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(
          atPath: Self.familiesFolder.appendingPathComponent(entry).path, isDirectory: &isFolder) && isFolder.boolValue
      }
    ).subtracting(Self.supportFolders)
    // A family's type is `<Folder>Family`, declared in `<Folder>/<Folder>Family.swift`.
    let typeFolders = Set(
      FamilyRegistry.builtIn.families.map { String(describing: type(of: $0)).dropLast(6) }.map(String.init))
    #expect(folders == typeFolders)
    for folder in folders {
      let file = Self.familiesFolder.appendingPathComponent("\(folder)/\(folder)Family.swift").path
      #expect(FileManager.default.fileExists(atPath: file), "\(file)")
    }
  }

  @Test func namesAreUniqueAndEveryFamilyDecodesItsOwnKeys() throws {
    let names = FamilyRegistry.builtIn.families.map(\.name)
    #expect(Set(names).count == names.count)
    for family in FamilyRegistry.builtIn.families {
      // Every grid key is a parameter the task line writes; length, render and spacing are everyone's.
      #expect(Set(family.gridKeys).isSubset(of: Set(family.parameterKeys)), "\(family.name)")
      for common in CommonParameter.allCases { #expect(family.parameterKeys.contains(common.rawValue)) }
      #expect(Set(family.reportColumns).isSubset(of: Set(family.parameterKeys)), "\(family.name)")
    }
  }

  @Test func registeringReplacesAFamilyOfTheSameNameAndAppendsANewOne() {
    let replaced = FamilyRegistry.builtIn.registering(
      ProgramsFamily(tracers: TracerConfiguration(folder: "/elsewhere")))
    #expect(replaced.families.count == FamilyRegistry.builtIn.families.count)
    #expect((replaced.family(named: "programs") as? ProgramsFamily)?.tracers.folder == "/elsewhere")
  }

  /// The crossing order keeps each family's own order, so the cell order of every shipped suite
  /// (and so its bytes) is what it was when each family had its own list.
  @Test func gridOrderKeepsEachFamilysOrder() {
    let order = FamilyRegistry.builtIn.gridOrder
    for family in FamilyRegistry.builtIn.families {
      let positions = family.gridKeys.map { order.firstIndex(of: $0)! }
      #expect(positions == positions.sorted(), "\(family.name)")
    }
  }
}
