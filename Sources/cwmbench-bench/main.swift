// Throughput and memory figures for `make bench`; see the README's Performance section.
import CWMBenchCore
import CWMBenchEval
import CWMBenchFamilies
import CWMBenchFormats
import CWMBenchGenerate
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

let scale = Double(ProcessInfo.processInfo.environment["BENCH_SCALE"] ?? "1") ?? 1
let binDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
  .path
// BENCH_CWMBENCH measures another build of the command (an older one, for a before/after figure).
let cwmbench = ProcessInfo.processInfo.environment["BENCH_CWMBENCH"] ?? binDirectory + "/cwmbench"
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().path
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cwmbench-bench-\(getpid())").path
try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: scratch) }

func machine() -> String {
  let cpu =
    (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("model name") }?
    .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
  let memory = ProcessInfo.processInfo.physicalMemory / (1 << 30)
  return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu), \(memory) GiB"
}

func fmt(_ value: Double, _ digits: Int = 1) -> String {
  String(format: "%.\(digits)f", locale: Locale(identifier: "en_US_POSIX"), value)
}

/// What one run of the CLI cost: wall seconds, peak resident memory, CPU seconds.
struct ChildCost {
  var seconds: Double
  var peakMiB: Double
  var user: Double
  var system: Double
  var cpu: Double { user + system }
}

/// Runs the CLI as a child process to completion (output discarded) and measures it (`wait4`).
func measure(_ arguments: [String]) -> ChildCost {
  var pid: pid_t = 0
  let argv = ([cwmbench] + arguments).map { strdup($0) } + [nil]
  defer { for argument in argv { free(argument) } }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  defer { posix_spawn_file_actions_destroy(&actions) }
  let start = Date()
  guard posix_spawn(&pid, cwmbench, &actions, nil, argv, environ) == 0 else { fatalError("cannot run \(cwmbench)") }
  var status: Int32 = 0
  var usage = rusage()
  wait4(pid, &status, 0, &usage)
  guard status == 0 else { fatalError("cwmbench \(arguments.joined(separator: " ")) failed (\(status))") }
  func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
  return ChildCost(
    seconds: Date().timeIntervalSince(start), peakMiB: Double(usage.ru_maxrss) / 1024, user: seconds(usage.ru_utime),
    system: seconds(usage.ru_stime))
}

/// Runs the CLI as a child process; returns wall seconds and peak resident memory in MiB.
func spawn(_ arguments: [String]) -> (seconds: Double, peakMiB: Double) {
  let cost = measure(arguments)
  return (cost.seconds, cost.peakMiB)
}

func specJSON(_ name: String, group: String, length: Int, spacing: Int, examples: Int) -> JSONValue {
  .object([
    "name": .string(name), "seed": .int(1), "family": .string("perm"), "examples": .int(examples),
    "grid": .object([
      "group": .array([.string(group)]), "length": .array([.int(length)]), "spacing": .array([.int(spacing)]),
    ]),
  ])
}

func writeSpec(_ json: JSONValue, _ name: String) -> String {
  let path = scratch + "/\(name).json"
  _ = FileManager.default.createFile(atPath: path, contents: Data(JSONWriter.encode(json).utf8))
  return path
}

print("cwmbench \(cwmbenchVersion) benchmarks on \(machine()); BENCH_SCALE=\(fmt(scale, 2))")
print("")
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "resume" {
  try ResumeMemoryBench.run(scratch: scratch, scale: scale, measure: spawn)
  try? FileManager.default.removeItem(atPath: scratch)
  exit(0)
}
/// A perm suite spec of `examples` one-query S3 examples, for the report section.
func reportSpec(_ examples: Int) -> String {
  writeSpec(specJSON("rep\(examples)", group: "S3", length: 4, spacing: 4, examples: examples), "rep\(examples)")
}
// BENCH_ONLY=report: the report section (4) alone.
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "report" {
  ReportBench.run(scratch: scratch, scale: scale, spec: reportSpec, spawn: spawn)
  try? FileManager.default.removeItem(atPath: scratch)
  exit(0)
}
// BENCH_ONLY=programs: the programs section (6) alone.
// BENCH_ONLY=line-length: the line-length sweep alone.
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "line-length" {
  try LineLengthBench.run(scratch: scratch, scale: scale)
  try? FileManager.default.removeItem(atPath: scratch)
  exit(0)
}
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "programs" {
  try ProgramsBench.run(packageRoot: packageRoot, scratch: scratch, scale: scale)
  try? FileManager.default.removeItem(atPath: scratch)
  exit(0)
}

// BENCH_ONLY=chunked-http: the chunked HTTP read (0b) alone.
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "chunked-http" {
  try await ChunkedReadBench.run(packageRoot: packageRoot)
  try? FileManager.default.removeItem(atPath: scratch)
  exit(0)
}

/// Runs the CLI to completion; returns wall seconds and the CPU seconds (user + system) it used.
func spawnCPU(_ arguments: [String]) -> (seconds: Double, cpu: Double, user: Double, system: Double) {
  let cost = measure(arguments)
  return (cost.seconds, cost.cpu, cost.user, cost.system)
}

// 0. Waiting on a slow HTTP server: the harness's CPU seconds per second of waiting (target < 0.05).
// The fake server answers every POST after a delay, so nearly all of the run's wall time is waiting.
do {
  let delay = 1.0
  print(
    "http wait  (loopback fake server answering every request after \(fmt(delay)) s, then closing the connection; generate mode, concurrency 1)"
  )
  let server = try LoopbackServer(
    packageRoot: packageRoot, script: "fake_openai_server.py",
    arguments: ["--delay", fmt(delay), "--close", "--time-limit", "300"])
  defer { server.stop() }
  let port = server.port
  let spec = writeSpec(specJSON("wait", group: "S3", length: 8, spacing: 4, examples: 4), "wait")
  _ = spawn(["generate", spec, "--out", scratch + "/wait", "--quiet"])
  let run = spawnCPU([
    "eval", scratch + "/wait/wait.jsonl", "--model", "http://127.0.0.1:\(port)/v1", "--mode", "generate", "--limit",
    "3",
    "--concurrency", "1", "--out", scratch + "/wait/run", "--quiet",
  ])
  print(
    "  \(fmt(run.seconds, 1)) s wall, \(fmt(run.cpu, 2)) s CPU (\(fmt(run.user, 2)) user, \(fmt(run.system, 2)) system): \(fmt(run.cpu / run.seconds, 3)) CPU s per waiting s (target < 0.05)"
  )
  try? FileManager.default.removeItem(atPath: scratch + "/wait")
  print("")
}
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "http-wait" { exit(0) }

// 0b. Reading a chunked HTTP answer in small chunks: MB/s at two sizes (equal rates: linear time).
try await ChunkedReadBench.run(packageRoot: packageRoot)

let families = FamilyRegistry.builtIn

// 1. Generation: S5 perm, T = 128, k = 8; single thread, then two jobs; then 1x/4x/16x sizes.
print("generate  (S5 perm traces, length 128, spacing 8)")
let base = max(200, Int(5000 * scale))
let genSpec = try SuiteSpec(
  json: specJSON("gen", group: "S5", length: 128, spacing: 8, examples: base * 4), origin: "bench", families: families)
var genTimes: [Int: Double] = [:]
var genBytes = 0
for jobs in [1, 2] {
  var best = Double.infinity
  for _ in 0..<2 {
    let started = Date()
    let summary = try SuiteGenerator(spec: genSpec, split: .test, jobs: jobs).write(toDirectory: scratch + "/gen")
    best = min(best, Date().timeIntervalSince(started))
    genBytes = summary.bytes
  }
  genTimes[jobs] = best
  print(
    "  --jobs \(jobs): \(fmt(Double(genBytes) / best / 1e6)) MB/s, \(fmt(Double(base * 4) / best, 0)) examples/s (\(base * 4) examples, \(fmt(Double(genBytes) / 1e6)) MB, best of 2)"
  )
}
print("  --jobs 2 speed-up over --jobs 1: \(fmt(genTimes[1]! / genTimes[2]!, 2))x")
for factor in [1, 4, 16] {
  let spec = writeSpec(
    specJSON("size\(factor)", group: "S5", length: 128, spacing: 8, examples: base * factor), "size\(factor)")
  let run = spawn(["generate", spec, "--out", scratch + "/sizes", "--jobs", "1", "--quiet"])
  let bytes =
    (try? FileManager.default.attributesOfItem(atPath: scratch + "/sizes/size\(factor).jsonl")[.size] as? Int) ?? 0
  print(
    "  \(factor)x suite (\(base * factor) examples, \(fmt(Double(bytes) / 1e6)) MB): \(fmt(run.seconds, 2)) s, \(fmt(Double(bytes) / run.seconds / 1e6)) MB/s, peak memory \(fmt(run.peakMiB)) MiB"
  )
  try? FileManager.default.removeItem(atPath: scratch + "/sizes/size\(factor).jsonl")
}
try? FileManager.default.removeItem(atPath: scratch + "/gen")
print("")

// 2. Harness overhead: the oracle over 100,000 examples (S5, T = 64, k = 4: 16 queries each).
print("eval  (oracle, score mode, S5 perm, length 64, spacing 4: 16 queries per example)")
for examples in [Int(25_000 * scale), Int(100_000 * scale)] {
  let spec = writeSpec(
    specJSON("oracle\(examples)", group: "S5", length: 64, spacing: 4, examples: examples), "oracle\(examples)")
  _ = spawn(["generate", spec, "--out", scratch + "/oracle", "--quiet"])
  let run = spawn([
    "eval", scratch + "/oracle/oracle\(examples).jsonl", "--model", "oracle", "--out",
    scratch + "/oracle/run\(examples)", "--quiet",
  ])
  let queries = Double(examples * 16)
  print(
    "  \(examples) examples: \(fmt(run.seconds, 2)) s, \(fmt(queries / run.seconds, 0)) queries/s, \(fmt(Double(examples) / run.seconds, 0)) examples/s, peak memory \(fmt(run.peakMiB)) MiB"
  )
}
print("")

// 2b. Resuming over a large results file costs what a fresh run costs (BENCH_ONLY=resume: this alone).
try ResumeMemoryBench.run(scratch: scratch, scale: scale, measure: spawn)

// 3. The exec: protocol with a trivial adapter, pipelined.
print("exec protocol  (trivial Python adapter, score requests, 256 in flight)")
let adapterScript = scratch + "/trivial.py"
try """
import json, sys
out = sys.stdout
for raw in sys.stdin:
    r = json.loads(raw)
    if r["op"] == "hello":
        out.write(json.dumps({"ok": True, "name": "trivial", "modes": ["score"]}) + "\\n"); out.flush(); continue
    out.write('{"id": "%s", "spans": [{"logprob": 0.0, "correct": true}]}\\n' % r["id"])
""".write(toFile: adapterScript, atomically: true, encoding: .utf8)
let sample = ExampleFactory(
  params: CellParameters(
    family: ShellGameFamily.perm,
    parameters: ShellGameParameters(.perm, group: try Group(parsing: "S3"), length: 4, spacing: .final))
).example(index: 0, seed: 1)
let adapter = ExecAdapter(command: "python3 -u \(adapterScript)", log: { _ in })
_ = try await adapter.start()
let requests = max(2000, Int(50_000 * scale))
let execStart = Date()
try await withThrowingTaskGroup(of: Void.self) { group in
  var sent = 0
  while sent < requests {
    if sent >= 256 { try await group.next() }
    let id = String(sent)
    group.addTask {
      _ = try await adapter.send(
        ModelRequest(
          id: id, operation: .score(text: sample.text, spans: [sample.queries[0].start..<sample.queries[0].end]),
          example: sample, queryIndex: nil))
    }
    sent += 1
  }
  try await group.waitForAll()
}
let execSeconds = Date().timeIntervalSince(execStart)
await adapter.shutdown()
print("  \(requests) requests: \(fmt(Double(requests) / execSeconds, 0)) requests/s")
print("")

// 4. Report: reading result lines (BENCH_ONLY=report: this alone, above).
ReportBench.run(scratch: scratch, scale: scale, spec: reportSpec, spawn: spawn)

// 5. Strings generation: width 6, two variables, the default edit mix, T = 128, k = 8 (target ≥ 50 MB/s single-threaded).
print("generate strings  (width 6, 2 variables, mixed edits, length 128, spacing 8)")
let stringsExamples = max(200, Int(20_000 * scale))
let stringsSpec = try SuiteSpec(
  json: .object([
    "name": .string("strings"), "seed": .int(1), "family": .string("strings"), "examples": .int(stringsExamples),
    "grid": .object(["length": .array([.int(128)]), "spacing": .array([.int(8)])]),
  ]), origin: "bench", families: families)
for jobs in [1, 2] {
  var best = Double.infinity
  var bytes = 0
  for _ in 0..<2 {
    let started = Date()
    let summary = try SuiteGenerator(spec: stringsSpec, split: .test, jobs: jobs).write(
      toDirectory: scratch + "/strings")
    best = min(best, Date().timeIntervalSince(started))
    bytes = summary.bytes
  }
  print(
    "  --jobs \(jobs): \(fmt(Double(bytes) / best / 1e6)) MB/s, \(fmt(Double(stringsExamples) / best, 0)) examples/s (\(stringsExamples) examples, \(fmt(Double(bytes) / 1e6)) MB, best of 2)"
  )
}
try? FileManager.default.removeItem(atPath: scratch + "/strings")
print("")

// 6. Programs: traces per second through the generator, tracer processes included.
try ProgramsBench.run(packageRoot: packageRoot, scratch: scratch, scale: scale)

// Last: the sweep holds lines of up to 128 MiB in this process, and a child forked after it
// would start with that resident set, so every peak-memory figure above would read ~200 MiB.
print("")
try LineLengthBench.run(scratch: scratch, scale: scale)
