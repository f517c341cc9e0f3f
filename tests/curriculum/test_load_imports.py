"""Loading valid content imports nothing that only a broken file or a zipped package would need."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

from gitops_tutor.curriculum.schema import FILE_KINDS, load_schema, schema_path
from gitops_tutor.paths import shipped_content_dir

ONLY_FOR_PROBLEMS = ("difflib", "importlib.readers", "importlib.resources.readers", "zipfile")


def test_a_valid_load_does_not_import_what_only_problems_need() -> None:
    code = (
        "import sys, json; from pathlib import Path\n"
        "from gitops_tutor.curriculum.loader import load\n"
        f"result = load([], shipped=Path({str(shipped_content_dir())!r}))\n"
        "assert result.curriculum.questions\n"
        f"print(json.dumps([m for m in {ONLY_FOR_PROBLEMS!r} if m in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_the_schemas_are_the_package_resources() -> None:
    for kind in FILE_KINDS:
        packaged = resources.files("gitops_tutor.curriculum").joinpath(f"schemas/{kind}.schema.json")
        assert schema_path(kind) == str(packaged)
        assert load_schema(kind) == json.loads(packaged.read_text(encoding="utf-8"))
