"""Finding and reading content files inside a pack folder, safely.

A pack is contributed by people we do not know, so discovery never follows a
link out of the pack, never loops on a link cycle, and reads nothing larger than
the limit; every refusal becomes a problem with the file's name rather than an
exception.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gitops_tutor.curriculum.problems import Problem
from gitops_tutor.curriculum.reading import MAX_FILE_BYTES, Mark, YamlError

YAML_SUFFIXES = (".yaml", ".yml")
# A pack-wide budget, checked from file sizes before anything is read. The shipped curriculum is about
# 1.5 MB in 60 files, and a 5,000-question team pack about 15 MB; a pack twice that size still loads.
# Past it, loading and validating take tens of seconds (36 MB: 13 s to validate, 15 s to Home), so the
# pack is refused whole with one line rather than half loaded.
MAX_PACK_BYTES = 32 << 20
MAX_PACK_FILES = 2_000
MODELINE_PREFIX = "# yaml-language-server: $schema="


def display_path(path: Path) -> str:
    """A path as people want to read it: relative to the current folder when inside it."""
    absolute = Path(os.path.abspath(path))  # not resolve(): a link loop must not raise here
    try:
        return str(absolute.relative_to(Path(os.path.abspath(Path.cwd()))))
    except ValueError:
        return str(absolute)


def discover(root: Path) -> Iterator[tuple[Path, Problem | None]]:
    """Yield the YAML files below ``root`` in a stable order.

    A symlink is followed only when its target stays inside the pack; links that
    lead out, or are broken, are reported instead. Directory links are not walked,
    which also rules out link loops.
    """
    real_root = root.resolve()
    unreadable: list[OSError] = []
    for folder, dirs, names in os.walk(root, onerror=unreadable.append, followlinks=False):
        yield from _unreadable_folders(unreadable)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in sorted(names):
            if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
                continue
            path = Path(folder) / name
            yield path, _link_problem(path, real_root)
    yield from _unreadable_folders(unreadable)


def pack_budget_problem(root: Path, paths: list[Path]) -> Problem | None:
    """One problem naming the pack when its files together are too many or too large, else None."""
    if len(paths) > MAX_PACK_FILES:
        found = f"{len(paths):,} YAML files; the limit is {MAX_PACK_FILES:,}"
    else:
        total = sum(_size(path) for path in paths)
        if total <= MAX_PACK_BYTES:
            return None
        found = f"{total / (1 << 20):,.1f} MB of YAML; the limit is {MAX_PACK_BYTES >> 20} MB"
    message = f"content pack holds {found}; nothing in it was loaded (split it into smaller packs)"
    return Problem(display_path(root), 1, 1, "pack-too-large", message)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported when the file itself is read


def _unreadable_folders(errors: list[OSError]) -> Iterator[tuple[Path, Problem]]:
    """Folders os.walk could not list: said out loud, as their questions would go missing silently."""
    while errors:
        error = errors.pop(0)
        folder = Path(error.filename or ".")
        reason = error.strerror or str(error)
        yield folder, Problem(display_path(folder), 1, 1, "unreadable", f"cannot read folder: {reason}; skipped")


def _link_problem(path: Path, real_root: Path) -> Problem | None:
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Problem(display_path(path), 1, 1, "link", "broken or looping symbolic link; skipped")
    if not target.is_relative_to(real_root):
        return Problem(display_path(path), 1, 1, "link", "symbolic link points outside the pack folder; skipped")
    return None


@dataclass
class ContentFile:
    """A file that was read: its document and where to report problems."""

    path: Path
    shown: str
    data: Any
    first_line: str
    text: str  # as decoded: lets the TODO and control-character scan skip files that cannot hold either


def read_file(path: Path) -> tuple[ContentFile | None, list[Problem]]:
    """Read one file; on failure return no file and the problems that explain why."""
    from gitops_tutor.curriculum.yamlread import decode, read_yaml  # the parser: only a load that parses needs it

    shown = display_path(path)
    try:
        text = decode(_read_regular(path))
        result = read_yaml(text)
    except YamlError as exc:
        return None, [Problem(shown, exc.mark.line, exc.mark.column, exc.code, exc.message)]
    except OSError as exc:
        return None, [Problem(shown, 1, 1, "unreadable", f"cannot read file: {exc.strerror or exc}")]
    problems = [
        Problem(
            shown,
            dup.again.line,
            dup.again.column,
            "duplicate-key",
            f"key '{dup.key}' appears twice (first at line {dup.first.line}); "
            "YAML would silently keep only the last one",
        )
        for dup in result.duplicates
    ]
    first_line = text.split("\n", 1)[0]
    return ContentFile(path, shown, result.value, first_line, text), problems


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file within the size limit; YamlError for anything else.

    Opening without blocking and checking the opened file (not the name) means a FIFO
    named ``*.yaml`` can neither hang the read nor be swapped in after a check.
    """
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise YamlError("not-a-file", "not a regular file (a pipe, device or socket); skipped", Mark(1, 1))
        if info.st_size > MAX_FILE_BYTES:
            message = f"file is {info.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
            raise YamlError("too-large", message, Mark(1, 1))
        return handle.read(MAX_FILE_BYTES + 1)
