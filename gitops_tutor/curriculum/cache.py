"""A start-up cache of loaded content, as plain JSON, for the app and the reading commands.

Parsing and checking the shipped content is most of a start's CPU, and the files rarely
change between two starts. So the app, ``list``, ``grade``, ``interview``, ``stats`` and
``export`` (``Settings.load_for_app``) keep what a load made (the models and
the problems, never the raw YAML trees) in one JSON file in ``paths.cache_dir()``, keyed by
every file's path, size, mtime and a hash of its bytes, the loader's own source files, the
Python version and the current folder (problems show paths relative to it). ``validate``
never reads it: it always parses everything.

The file holds data only: a first line with the key and a hash of the rest, then JSON in
which dataclasses are written as their class name and field values, read back only into the
model classes named below; it is never unpickled or executed. A damaged, foreign or stale
file is ignored and rewritten. Anything unusual about the
content (a missing pack, a link or read problem, an oversized pack) skips the cache, so
those problems are always found afresh.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib.util
import json
import operator
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from gitops_tutor.curriculum import models
from gitops_tutor.curriculum.collected import LoadResult
from gitops_tutor.curriculum.collector import collector_paused
from gitops_tutor.curriculum.files import _read_regular as read_regular
from gitops_tutor.curriculum.files import discover, pack_budget_problem
from gitops_tutor.curriculum.problems import Problem
from gitops_tutor.curriculum.reading import YamlError

FORMAT = 2
CACHE_FILE = "content-cache.json"
_CODE = Path(__file__).resolve().parent  # the loader's sources and schemas: a change there is a new cache
_CODE_OUTSIDE = (_CODE.parent / "terminal_text.py",)  # the one module outside it that decides a problem


def _fields_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    getter = operator.attrgetter(*names)
    return getter if len(names) > 1 else lambda value: (getter(value),)


_MODEL_CLASSES = (
    *(value for value in vars(models).values() if dataclasses.is_dataclass(value) and isinstance(value, type)),
    Problem,
    LoadResult,
)
_CLASSES = {cls.__name__: (cls, tuple(f.name for f in dataclasses.fields(cls))) for cls in _MODEL_CLASSES}
# Each class's name and a C-level getter of all its fields, in the order _CLASSES names them.
_ENCODERS = {cls: (name, _fields_getter(names)) for name, (cls, names) in _CLASSES.items()}


def load_cached(pack_dirs: Sequence[Path], shipped: Path | None, cache_folder: Path) -> LoadResult:
    """``load`` without the YAML trees, from the cache when no input changed since it was written."""
    key = fingerprint(pack_dirs, shipped)
    if key is None:
        return load_fresh(pack_dirs, shipped)
    cache_file = cache_folder / CACHE_FILE
    with collector_paused():  # as for loading: a big tree of new objects that all stay alive
        cached = _read(cache_file, key)
    if cached is not None:
        return cached
    result = load_fresh(pack_dirs, shipped)
    with collector_paused():
        _write(cache_file, key, result)
    return result


def load_fresh(pack_dirs: Sequence[Path], shipped: Path | None) -> LoadResult:
    """Parse and check everything; the loader (parser, schemas, builders) is imported only here."""
    from gitops_tutor.curriculum.loader import load

    return dataclasses.replace(load(pack_dirs, shipped), raw_files=())


def fingerprint(pack_dirs: Sequence[Path], shipped: Path | None) -> str | None:
    """A digest of everything a load's result depends on, or None when the cache must be skipped."""
    digest = hashlib.blake2b(digest_size=20)
    header = [
        FORMAT,
        sys.version,
        _parser_files(),
        os.path.abspath(Path.cwd()),
        str(shipped),
        [str(p) for p in pack_dirs],
    ]
    digest.update(json.dumps(header).encode())
    for path in [*sorted(_CODE.rglob("*.py")), *sorted(_CODE.rglob("*.json")), *_CODE_OUTSIDE]:
        info = path.stat()
        digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    roots = ([shipped] if shipped is not None else []) + [Path(p) for p in pack_dirs]
    for root in roots:
        if not _add_pack(digest, root):
            return None
    return digest.hexdigest()


def _parser_files() -> list[str]:
    """PyYAML's installed files by name, size and mtime, found without importing it.

    Another PyYAML version, or one built with or without libyaml, has other files, so it is
    another key. Asking ``yaml.__version__`` instead imported the parser on every start,
    about 8 ms that a cache hit never needs.
    """
    spec = importlib.util.find_spec("yaml")
    found = []
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        for entry in sorted(os.scandir(folder), key=lambda entry: entry.name):
            if entry.is_file():
                info = entry.stat()
                found.append(f"{entry.name}\0{info.st_size}\0{info.st_mtime_ns}")
    return found


def _add_pack(digest: Any, root: Path) -> bool:
    """Hash a pack's files into ``digest``; False when the pack is anything but plainly readable."""
    if not root.is_dir():
        return False
    found = list(discover(root))
    if any(problem is not None for _path, problem in found):
        return False
    paths = [path for path, _problem in found]
    if pack_budget_problem(root, paths) is not None:
        return False
    digest.update(f"pack\0{root}\n".encode())
    for path in paths:
        try:
            info = path.stat()
            data = read_regular(path)
        except (OSError, YamlError):
            return False
        digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
        digest.update(hashlib.blake2b(data, digest_size=20).digest())
    return True


def _read(cache_file: Path, key: str) -> LoadResult | None:
    """The cached result, or None when the file is missing, stale, foreign or damaged.

    The first line holds the key and a hash of the rest, so a file changed on disk after it
    was written (a flipped line number still parses as JSON) is never read as content.
    """
    try:
        header, _, payload = cache_file.read_bytes().partition(b"\n")
        stored = json.loads(header)
        if stored.get("key") != key or stored.get("sum") != _checksum(payload):
            return None
        result = _decode(json.loads(payload))
    except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
        return None  # damaged or foreign: loaded afresh and written again
    if not isinstance(result, LoadResult) or not isinstance(result.curriculum, models.Curriculum):
        return None
    return result


def _write(cache_file: Path, key: str, result: LoadResult) -> None:
    """Write atomically (a reader sees the old file or the new one); a cache that cannot be written is skipped."""
    try:
        # ASCII escapes keep it one line. ``encode`` made every list and dict afresh from acyclic models, so
        # the encoder's cycle check (an id kept per container) only costs: -14% of json.dumps' CPU.
        payload = json.dumps(encode(result), separators=(",", ":"), check_circular=False).encode("ascii")
    except (TypeError, ValueError):  # a value the cache cannot hold: the next start loads afresh too
        return
    header = json.dumps({"key": key, "sum": _checksum(payload)}).encode("ascii")
    temporary = cache_file.with_name(f".{cache_file.name}.{os.getpid()}.tmp")
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(header + b"\n" + payload)
        os.replace(temporary, cache_file)
    except OSError:
        with contextlib.suppress(OSError):  # the folder itself may be unusable: then nothing was written
            temporary.unlink(missing_ok=True)


def _checksum(payload: bytes) -> str:
    return hashlib.blake2b(payload, digest_size=20).hexdigest()


def encode(value: Any) -> Any:
    """Plain JSON data for a model value: tuples become arrays, lists and dicts are tagged.

    Text is most of it, so it is passed over without a call (here and in ``_decode``).
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    if kind is tuple:
        return [item if type(item) is str else encode(item) for item in value]
    found = _ENCODERS.get(kind)
    if found is not None:
        name, fields = found
        return {"c": name, "f": [item if type(item) is str else encode(item) for item in fields(value)]}
    if isinstance(value, list):
        return {"l": [encode(item) for item in value]}
    if isinstance(value, dict):
        return {"d": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, (str, int, float)):  # a subclass of a plain type
        return value
    raise TypeError(f"cannot cache a {kind.__name__}")


def _decode(value: Any) -> Any:
    kind = type(value)
    if kind is list:
        return tuple([item if type(item) is str else _decode(item) for item in value])
    if kind is not dict:
        return value
    name = value.get("c")
    if name is not None:
        cls, names = _CLASSES[name]
        values = [item if type(item) is str else _decode(item) for item in value["f"]]
        if len(values) != len(names):
            raise ValueError("fields do not match the class")
        made: Any = object.__new__(cls)  # frozen dataclasses without __post_init__: the fields are the object
        made.__dict__.update(zip(names, values, strict=True))
        return made
    if "l" in value:
        return [_decode(item) for item in value["l"]]
    return {_decode(k): _decode(v) for k, v in value["d"]}
