"""Packages whose names load on first use (PEP 562) still give every caller the same names, and the
store brings in sqlite-utils and fsrs only where they are used (issue 15: start-up imports neither)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from gitops_tutor.progress import ProgressStore

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
LAZY_PACKAGES = ("gitops_tutor.grading", "gitops_tutor.interview", "gitops_tutor.progress")


@pytest.mark.parametrize("package_name", LAZY_PACKAGES)
def test_every_public_name_resolves_to_its_modules_object(package_name: str) -> None:
    package = importlib.import_module(package_name)
    for name in package.__all__:
        home = importlib.import_module(f"{package_name}.{package._HOMES[name]}")
        assert getattr(package, name) is getattr(home, name)
        assert name in dir(package)


@pytest.mark.parametrize("package_name", LAZY_PACKAGES)
def test_an_unknown_name_is_an_attribute_error(package_name: str) -> None:
    package = importlib.import_module(package_name)
    with pytest.raises(AttributeError, match="no_such_name"):
        package.no_such_name  # noqa: B018 - the lookup itself is what is tested
    with pytest.raises(ImportError):
        exec(f"from {package_name} import no_such_name")


def test_opening_an_up_to_date_database_does_not_import_sqlite_utils(tmp_path: Path) -> None:
    db_path = tmp_path / "progress.db"
    ProgressStore.open(db_path, clock=lambda: NOW).close()
    script = (
        "import sys; from gitops_tutor.progress import ProgressStore; "
        f"store = ProgressStore.open({str(db_path)!r}); store.rows('SELECT 1'); "
        "print('sqlite_utils' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False"


def test_the_sqlite_utils_view_wraps_the_stores_own_connection(tmp_path: Path) -> None:
    with ProgressStore.open(tmp_path / "progress.db", clock=lambda: NOW) as store:
        assert store.db.conn is store.conn
        assert store.db is store.db  # made once
        assert "attempts" in store.db.table_names()


def test_the_scheduler_is_made_at_the_first_review_with_the_fuzz_asked_for(tmp_path: Path) -> None:
    for fuzz in (False, True):
        with ProgressStore.open(tmp_path / f"progress-{fuzz}.db", clock=lambda: NOW, fuzz=fuzz) as store:
            assert store._scheduler is None  # opening and counting what is due need no fsrs
            assert store.scheduler.enable_fuzzing is fuzz
            assert store.scheduler is store.scheduler
