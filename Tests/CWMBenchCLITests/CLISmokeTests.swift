import Testing
@testable import CWMBenchCLI

@Suite struct CLISmokeTests {
  @Test func unknownInvocationFails() async {
    #expect(await CWMBenchCLI.run(arguments: ["no-such-command"]) != 0)
  }
}
