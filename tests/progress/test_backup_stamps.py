"""A periodic copy's time is read from its name without ``datetime.strptime`` (issue 15): every open
with a copy present reads it on the way to Home, and the first strptime of a process imports
``_strptime`` and builds its locale tables (~3 ms of CPU of a ~7 ms open)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from gitops_tutor.progress import ProgressStore
from gitops_tutor.progress.opening import (
    PERIODIC_REASON,
    STAMP_FORMAT,
    backup_folder,
    newest_backup_time,
    stamp_time,
    unique_backup_path,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def test_opening_with_a_periodic_copy_present_does_not_import_strptime(tmp_path: Path) -> None:
    db_path = tmp_path / "progress.db"
    ProgressStore.open(db_path, clock=lambda: NOW).close()
    copy = unique_backup_path(backup_folder(db_path), db_path.stem, NOW, PERIODIC_REASON)
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes(b"")
    script = (
        "import sys; from gitops_tutor.progress import ProgressStore; "
        f"ProgressStore.open({str(db_path)!r}).close(); print('_strptime' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    "moment",
    [NOW, datetime(1999, 12, 31, 23, 59, 59, tzinfo=timezone.utc), datetime(2028, 2, 29, 0, 0, 7, tzinfo=timezone.utc)],
)
def test_a_stamp_reads_back_as_strptime_reads_it(moment: datetime) -> None:
    stamp = moment.strftime(STAMP_FORMAT)
    assert stamp_time(stamp) == datetime.strptime(stamp, STAMP_FORMAT).replace(tzinfo=timezone.utc) == moment


@pytest.mark.parametrize(
    "name", ["", "latest", "20260302T0900Z", "20260302T090000", "20261302T090000Z", "20260230T090000Z", "2026-03-02"]
)
def test_what_is_not_a_stamp_is_none(name: str) -> None:
    assert stamp_time(name) is None


def test_the_newest_periodic_copy_wins_and_other_files_are_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for moment in (NOW - timedelta(days=2), NOW, NOW - timedelta(hours=1)):
        unique_backup_path(folder, "progress", moment, PERIODIC_REASON).write_bytes(b"")
    (folder / "progress-garbage-periodic.db").write_bytes(b"")
    unique_backup_path(folder, "progress", NOW + timedelta(days=1), "before-import").write_bytes(b"")
    assert newest_backup_time(folder, "progress", PERIODIC_REASON) == NOW
