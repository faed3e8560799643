/// The cwmbench release, recorded in manifests, run files and reports.
public let cwmbenchVersion = "0.2.0"

/// The task-file format version (docs/task-file.md); bumped only when the meaning of a file changes.
public let formatVersion = "1"
