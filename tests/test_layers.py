"""Layer boundaries, checked in fresh interpreters.

Only ``gitops_tutor.tui`` may import Textual; the grader is pure (no sqlite); and importing
any module touches no disk. A stray import would slow every command down and blur the
layers, so these run each import in a clean subprocess where ``sys.modules`` tells the truth.
"""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import gitops_tutor

PACKAGE_DIR = Path(gitops_tutor.__file__).parent


def all_modules() -> list[str]:
    names = ["gitops_tutor"]
    for info in pkgutil.walk_packages([str(PACKAGE_DIR)], prefix="gitops_tutor."):
        names.append(info.name)
    return sorted(names)


def imported_by(module: str, env: dict[str, str] | None = None) -> set[str]:
    code = f"import sys, json, importlib; importlib.import_module({module!r}); print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    return set(json.loads(out.stdout))


def test_only_the_tui_imports_textual() -> None:
    offenders = []
    for module in all_modules():
        if module.startswith("gitops_tutor.tui"):
            continue
        if "textual" in imported_by(module):
            offenders.append(module)
    assert offenders == []


def test_the_command_line_does_not_load_textual_until_the_app_starts() -> None:
    assert "textual" not in imported_by("gitops_tutor.cli.main")


def test_grading_is_pure() -> None:
    modules = {m for m in all_modules() if m.startswith("gitops_tutor.grading")}
    for module in modules:
        loaded = imported_by(module)
        assert "sqlite3" not in loaded and "textual" not in loaded, module


def test_importing_everything_touches_no_disk(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "GITOPS_TUTOR_DATA_DIR": str(tmp_path / "data"),
        "GITOPS_TUTOR_CONFIG_DIR": str(tmp_path / "config"),
        "GITOPS_TUTOR_DB": str(tmp_path / "data" / "progress.db"),
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
    }
    code = f"import importlib\nfor name in {all_modules()!r}:\n    importlib.import_module(name)\n"
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
