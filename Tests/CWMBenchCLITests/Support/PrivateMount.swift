import Foundation

/// A small tmpfs in a private mount namespace: a real full disk, seen only by one shell script.
enum PrivateMount {
  /// Whether this process may mount one (root on Linux, with `unshare`); tests that fill a disk need it.
  static let isAvailable: Bool = {
    let probe = try? Binary.run(
      [
        "-m", "sh", "-c",
        #"d=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d"; s=$?; umount "$d" 2>/dev/null; rmdir "$d"; exit $s"#,
      ], in: NSTemporaryDirectory(), executable: "/usr/bin/unshare")
    return probe?.status == 0
  }()

  /// Runs `script` with `sh` in `directory`, in a mount namespace of its own where `disk` is a
  /// 256 KiB tmpfs with `freePages` pages of 4 KiB left; `$BIN` is the cwmbench binary.
  /// The mount ends with the script: copy out what the test reads.
  static func run(
    _ script: String, freePages: Int, in directory: String
  ) throws -> (status: Int32, stdout: String, stderr: String) {
    let setup = """
      mount -t tmpfs -o size=256k tmpfs disk || exit 99
      dd if=/dev/zero of=disk/.fill bs=4096 2>/dev/null
      truncate -s -\(freePages * 4096) disk/.fill

      """
    try FileManager.default.createDirectory(
      atPath: (directory as NSString).appendingPathComponent("disk"), withIntermediateDirectories: true)
    return try Binary.run(
      ["-m", "sh", "-c", setup + script], in: directory, environment: ["BIN": Binary.path],
      executable: "/usr/bin/unshare")
  }
}
