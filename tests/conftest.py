"""Shared fixtures: every test runs with its data, config and database in a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every user path at a fresh folder so no test can touch a learner's real files."""
    home = tmp_path_factory.mktemp("gitops-tutor-home")
    monkeypatch.setenv("GITOPS_TUTOR_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("GITOPS_TUTOR_CONFIG_DIR", str(home / "config"))
    monkeypatch.setenv("GITOPS_TUTOR_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("GITOPS_TUTOR_DB", str(home / "data" / "progress.db"))
    monkeypatch.delenv("GITOPS_TUTOR_CONTENT", raising=False)
    return home


@pytest.fixture
def good_pack() -> Path:
    return FIXTURES / "good-pack"
