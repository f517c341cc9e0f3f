"""Settings shared by every command: which content to load and which database to use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gitops_tutor import paths
from gitops_tutor.curriculum.loader import LoadResult, load


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
        if extra:
            return load(self.content_dirs + extra, shipped=paths.shipped_content_dir())
        if self._loaded is None:
            self._loaded = load(self.content_dirs, shipped=paths.shipped_content_dir())
        return self._loaded
