"""Every place on disk the app reads or writes, in one module.

Tests and power users redirect them with environment variables, so nothing ever
touches a learner's real data by accident. Nothing here runs at import time.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "gitops-tutor"
ENV_DB = "GITOPS_TUTOR_DB"
ENV_CONTENT = "GITOPS_TUTOR_CONTENT"
ENV_DATA_DIR = "GITOPS_TUTOR_DATA_DIR"
ENV_CONFIG_DIR = "GITOPS_TUTOR_CONFIG_DIR"
ENV_CACHE_DIR = "GITOPS_TUTOR_CACHE_DIR"


def shipped_content_dir() -> Path:
    """The content that ships with the app.

    In a wheel it sits inside the package as ``_content``; in a source checkout
    (editable install or tests) it is the top-level ``content/`` folder.
    """
    package = Path(__file__).resolve().parent
    bundled = package / "_content"
    if bundled.is_dir():
        return bundled
    return package.parent / "content"


def data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    override = os.environ.get(ENV_CONFIG_DIR)
    if override:
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    """Throw-away data (the parsed content); deleting it only costs a slower next start."""
    override = os.environ.get(ENV_CACHE_DIR)
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    override = os.environ.get(ENV_DB)
    if override:
        return Path(override)
    return data_dir() / "progress.db"


def extra_content_dirs() -> list[Path]:
    """Content packs named in GITOPS_TUTOR_CONTENT, separated by the OS path separator."""
    raw = os.environ.get(ENV_CONTENT, "")
    return [Path(part) for part in raw.split(os.pathsep) if part.strip()]
