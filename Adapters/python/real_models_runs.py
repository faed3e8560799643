#!/usr/bin/env python3
"""Keep make real-models' run folders in git, and lay them out again for `cwmbench report`.

    real_models_runs.py pack RUN DEST     RUN's run.json and results.jsonl (gzipped) into DEST
    real_models_runs.py unpack DEST RUN   the reverse: a run folder that `cwmbench report` reads

run.json names its task files (`tasks`, `few_shot_from`) and a checkpoint (`model`, when it is a path) relative to
its own folder: both directions re-aim them so that they name the same files from the new folder.
Standard library only.
"""
import gzip
import json
import os
import shutil
import sys

PATH_KEYS = ("tasks", "few_shot_from", "model")


def is_path(key, value):
    """Whether run.json's `key` holds a file path (`model` may be a name, exec:…, or a URL)."""
    if not isinstance(value, str) or not value:
        return False
    return key != "model" or value.startswith(("/", "."))


def reaim(source, dest):
    """run.json of folder `source` with its paths made relative to folder `dest`."""
    with open(os.path.join(source, "run.json"), encoding="utf-8") as f:
        record = json.load(f)
    for key in PATH_KEYS:
        value = record.get(key)
        if is_path(key, value):
            target = os.path.normpath(os.path.join(source, value))
            record[key] = os.path.relpath(target, dest)
    return json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv):
    if len(argv) != 3 or argv[0] not in ("pack", "unpack"):
        sys.stderr.write(__doc__)
        return 64
    command, source, dest = argv
    if not os.path.isfile(os.path.join(source, "run.json")):
        sys.stderr.write("real_models_runs: '%s' holds no run.json\n" % source)
        return 66
    text = reaim(source, dest)
    os.makedirs(dest, exist_ok=True)
    with open(os.path.join(dest, "run.json"), "w", encoding="utf-8") as f:
        f.write(text)
    if command == "pack":
        # mtime 0 and no file name in the header: the same results give the same bytes.
        with open(os.path.join(source, "results.jsonl"), "rb") as raw, \
                open(os.path.join(dest, "results.jsonl.gz"), "wb") as out, \
                gzip.GzipFile(filename="", mode="wb", fileobj=out, compresslevel=9, mtime=0) as packed:
            shutil.copyfileobj(raw, packed)
    else:
        with gzip.open(os.path.join(source, "results.jsonl.gz"), "rb") as packed, \
                open(os.path.join(dest, "results.jsonl"), "wb") as raw:
            shutil.copyfileobj(packed, raw)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
