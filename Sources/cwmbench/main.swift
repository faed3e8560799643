import CWMBenchCLI
import Foundation

exit(await CWMBenchCLI.run(arguments: Array(CommandLine.arguments.dropFirst())))
