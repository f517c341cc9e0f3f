"""Finding and reading content files inside a pack folder, safely.

A pack is contributed by people we do not know, so discovery never follows a
link out of the pack, never loops on a link cycle, and reads nothing larger than
the limit; every refusal becomes a problem with the file's name rather than an
exception.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gitops_tutor.curriculum.problems import Problem
from gitops_tutor.curriculum.yamlread import (
    MAX_FILE_BYTES,
    ReadResult,
    YamlError,
    decode,
    read_yaml,
)

YAML_SUFFIXES = (".yaml", ".yml")
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
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in sorted(names):
            if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
                continue
            path = Path(folder) / name
            yield path, _link_problem(path, real_root)


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


def read_file(path: Path) -> tuple[ContentFile | None, list[Problem]]:
    """Read one file; on failure return no file and the problems that explain why."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
            return None, [Problem(shown, 1, 1, "too-large", message)]
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        text = decode(data)
        result: ReadResult = read_yaml(text)
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
    return ContentFile(path, shown, result.value, first_line), problems
