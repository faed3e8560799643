"""Checkpoint folders: ``cwmbench-model.json`` plus parameters (and optimiser state) as npz.

A checkpoint folder holds

- ``cwmbench-model.json``: what ``cwmbench eval --model DIR`` recognises and the
  adapter reads (``architecture``, ``config``, ``train_length``, ``loss``, ``vocab``,
  ``steps_done``, ``steps``, …), written with sorted keys;
- ``params.npz``: the parameter tree, one array per ``/``-joined path;
- ``optimizer.npz``: Adam's moments, so training resumes where it stopped.

Every file is written to a temporary name and renamed, so an interrupted save
leaves the previous checkpoint intact.
"""

from __future__ import annotations

import json
import os
from typing import Dict, Tuple

import numpy as np

MODEL_FILE = "cwmbench-model.json"
PARAMS_FILE = "params.npz"
OPTIMIZER_FILE = "optimizer.npz"


class CheckpointError(Exception):
    """A checkpoint folder that cannot be read."""


def flatten(tree, prefix: str = "") -> Dict[str, np.ndarray]:
    """A nested dict of arrays as a flat dict keyed by ``/``-joined paths."""
    flat: Dict[str, np.ndarray] = {}
    for key in sorted(tree):
        value = tree[key]
        path = prefix + key
        if isinstance(value, dict):
            flat.update(flatten(value, path + "/"))
        else:
            flat[path] = np.asarray(value)
    return flat


def unflatten(flat: Dict[str, np.ndarray]) -> dict:
    """The inverse of :func:`flatten`."""
    tree: dict = {}
    for path in sorted(flat):
        node = tree
        *parents, leaf = path.split("/")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = flat[path]
    return tree


def _write_atomically(path: str, write) -> None:
    temporary = path + ".tmp"
    with open(temporary, "wb") as handle:
        write(handle)
    os.replace(temporary, path)


def save(directory: str, meta: dict, params, optimizer_state=None) -> None:
    """Write a checkpoint folder (parameters first, the model file last)."""
    os.makedirs(directory, exist_ok=True)
    _write_atomically(os.path.join(directory, PARAMS_FILE), lambda h: np.savez(h, **flatten(params)))
    if optimizer_state is not None:
        _write_atomically(os.path.join(directory, OPTIMIZER_FILE), lambda h: np.savez(h, **flatten(optimizer_state)))
    text = json.dumps(meta, indent=2, sort_keys=True) + "\n"
    _write_atomically(os.path.join(directory, MODEL_FILE), lambda h: h.write(text.encode("utf-8")))


def load_meta(directory: str) -> dict:
    """The ``cwmbench-model.json`` of a checkpoint folder."""
    path = os.path.join(directory, MODEL_FILE)
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        raise CheckpointError("cannot read '%s': %s" % (path, error)) from error


def _load_npz(path: str) -> dict:
    try:
        with np.load(path) as data:
            return unflatten({name: data[name] for name in data.files})
    except (OSError, ValueError) as error:
        raise CheckpointError("cannot read '%s': %s" % (path, error)) from error


def load(directory: str) -> Tuple[dict, dict]:
    """``(meta, params)`` of a checkpoint folder."""
    return load_meta(directory), _load_npz(os.path.join(directory, PARAMS_FILE))


def load_optimizer(directory: str):
    """Adam's saved state, or None when the folder has none."""
    path = os.path.join(directory, OPTIMIZER_FILE)
    return _load_npz(path) if os.path.exists(path) else None
