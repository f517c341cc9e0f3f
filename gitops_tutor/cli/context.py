"""Settings shared by every command: which content to load and which database to use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from gitops_tutor import paths

if TYPE_CHECKING:
    from gitops_tutor.curriculum.loader import LoadResult


@dataclass
class Settings:
    """What the global options resolved to; content is loaded once, on first use."""

    content_dirs: tuple[Path, ...]
    db_path: Path
    _loaded: LoadResult | None = field(default=None, repr=False)

    @classmethod
    def from_options(cls, content_dirs: tuple[Path, ...], db_path: Path | None) -> Settings:
        dirs = tuple(paths.extra_content_dirs()) + tuple(content_dirs)
        return cls(dirs, db_path or paths.default_db_path())

    def load(self, extra: tuple[Path, ...] = ()) -> LoadResult:
        """Load content afresh (once per command); the loader is imported here, as commands
        that never need content should not pay for YAML and the schemas."""
        from gitops_tutor.curriculum.loader import load

        if extra:
            return load(self.content_dirs + extra, shipped=paths.shipped_content_dir())
        if self._loaded is None:
            self._loaded = load(self.content_dirs, shipped=paths.shipped_content_dir())
        return self._loaded

    def load_for_app(self) -> LoadResult:
        """Content for the study app and every command but ``validate`` and ``new``, from the
        start-up cache when no file changed (``validate`` always parses afresh); without the raw
        YAML trees, which only validate needs."""
        if self._loaded is None:
            from gitops_tutor.curriculum.cache import load_cached

            self._loaded = load_cached(self.content_dirs, paths.shipped_content_dir(), paths.cache_dir())
            warn_about_problems(self._loaded)
        return self._loaded


def warn_about_problems(result: LoadResult) -> None:
    """Say on stderr, in one line, that content failed to load, so a pack file with a YAML error is not
    silently missing from ``list``, ``grade`` or ``stats`` (QA 2026-11-30: rc 0, nothing on stderr, four
    questions gone). A missing pack is refused instead: the command would answer for content the user
    did not get. Warnings (TODO markers, presets) are validate's business and stay quiet here."""
    from gitops_tutor.curriculum.problems import summary_line

    missing = [p for p in result.problems if p.code == "missing-pack"]
    for problem in missing:
        click.echo(f"gitops-tutor: {problem}", err=True)
    if missing:
        raise SystemExit(1)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors:
        click.echo(f"gitops-tutor: warning: {summary_line(errors)}", err=True)
