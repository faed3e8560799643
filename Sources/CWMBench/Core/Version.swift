/// The cwmbench release, recorded in manifests and run files so results can be traced to a build.
public let cwmbenchVersion = "0.1.0"

/// The version of the task-file format (SPEC §3); bumped only when a reader would need to change.
public let formatVersion = "1"
