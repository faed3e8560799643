import CWMBenchFamilies
import CWMBenchTestSupport
import Testing

@testable import CWMBenchCore
@testable import CWMBenchFormats

@Suite(.offCooperativePool) struct GroupTests {
  @Test(arguments: [
    ("S5", Group.Kind.symmetric, 5), ("A4", .alternating, 4), ("Z26", .cyclic, 26), ("S2", .symmetric, 2),
  ])
  func parsesValidNames(name: String, kind: Group.Kind, n: Int) throws {
    let group = try Group(parsing: name)
    #expect(group.kind == kind)
    #expect(group.n == n)
    #expect(group.name == name)
  }

  @Test(arguments: ["Q5", "S", "S1", "S27", "s5", "S05", "S5x", ""])
  func rejectsInvalidNames(name: String) {
    #expect(throws: GenerationError.self) { try Group(parsing: name) }
  }

  @Test func ordersAreRight() throws {
    #expect(try Group(parsing: "S5").order == 120)
    #expect(try Group(parsing: "A5").order == 60)
    #expect(try Group(parsing: "Z7").order == 7)
    #expect(try Group(parsing: "S26").order == .max)
  }

  @Test func admitsFollowTheContract() throws {
    let s5 = try Group(parsing: "S5"), a5 = try Group(parsing: "A5"), a4 = try Group(parsing: "A4")
    let z5 = try Group(parsing: "Z5"), s2 = try Group(parsing: "S2")
    #expect(s5.admits(.swap) && s5.admits(.cycle3) && s5.admits(.rotate) && s5.admits(.tuple))
    #expect(!a5.admits(.swap) && a5.admits(.cycle3) && a5.admits(.rotate))
    #expect(!a4.admits(.rotate))
    #expect(!z5.admits(.swap) && !z5.admits(.cycle3) && z5.admits(.rotate))
    #expect(!s2.admits(.cycle3))
  }
}
