"""A cache of the loaded curriculum for the app's start-up.

Parsing and checking ~40 YAML files costs a few hundred milliseconds, which a learner
pays on every start although the content rarely changes. The app keeps the last
LoadResult in the user cache folder, keyed by the app version and every content file's
path, size and modification time; any change to a file, a new file or another version
of the app misses the cache and loads afresh. ``validate`` never uses it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from gitops_tutor import __version__
from gitops_tutor.curriculum.files import discover
from gitops_tutor.curriculum.loader import LoadResult, load

CACHE_PREFIX = "content-"


def fingerprint(roots: Sequence[Path]) -> str:
    """A digest of the app version and each content file's identity (path, size, mtime)."""
    digest = hashlib.sha256(__version__.encode())
    for root in roots:
        digest.update(f"\0root:{os.path.abspath(root)}".encode())
        if not root.is_dir():
            continue
        for path, _problem in discover(root):
            try:
                stat = path.stat()
            except OSError:
                continue
            digest.update(f"\0{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def load_cached(pack_dirs: Sequence[Path], shipped: Path, cache_dir: Path) -> LoadResult:
    """The curriculum from the cache when nothing changed, else loaded and cached."""
    key = fingerprint([shipped, *pack_dirs])
    target = cache_dir / f"{CACHE_PREFIX}{key}.pickle"
    cached = _read(target)
    if cached is not None:
        return cached
    result = load(pack_dirs, shipped=shipped)
    # The raw YAML trees are only for validate's deeper checks; the app needs the models.
    result = replace(result, raw_files=())
    _write(target, result)
    return result


def _read(target: Path) -> LoadResult | None:
    try:
        with target.open("rb") as handle:
            value = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - a damaged or foreign cache file is simply a miss
        return None
    return value if isinstance(value, LoadResult) else None


def _write(target: Path, result: LoadResult) -> None:
    """Write atomically and drop older entries; a cache that cannot be written is no error."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, delete=False, suffix=".tmp") as handle:
            pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, target)
        for old in target.parent.glob(f"{CACHE_PREFIX}*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return
