"""A start-up cache hit never imports PyYAML, and another PyYAML is still another key."""

from __future__ import annotations

import importlib.machinery
import json
import subprocess
import sys
from pathlib import Path

import pytest

from gitops_tutor.curriculum import cache
from tests.curriculum.test_cache import write_pack

READ_TWICE = """
import json, sys
from pathlib import Path
from gitops_tutor.curriculum.cache import load_cached
result = load_cached([Path(sys.argv[1])], None, Path(sys.argv[2]))
print(json.dumps([sorted(result.curriculum.questions), "yaml" in sys.modules]))
"""


def test_a_cache_hit_does_not_import_the_parser(tmp_path: Path) -> None:
    write_pack(tmp_path / "pack")
    runs = [
        subprocess.run(
            [sys.executable, "-c", READ_TWICE, str(tmp_path / "pack"), str(tmp_path / "cache")],
            capture_output=True,
            text=True,
            check=True,
        )
        for _ in range(2)
    ]
    cold, warm = (json.loads(run.stdout) for run in runs)
    assert cold == [["q-cached"], True]  # the first load parses
    assert warm == [["q-cached"], False]


def test_another_pyyaml_install_is_another_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pack(tmp_path / "pack")
    installed = tmp_path / "site" / "yaml"
    installed.mkdir(parents=True)
    (installed / "__init__.py").write_text("__version__ = '6.0.2'\n")
    spec = importlib.machinery.ModuleSpec("yaml", None, is_package=True)
    spec.submodule_search_locations = [str(installed)]
    monkeypatch.setattr(cache.importlib.util, "find_spec", lambda name: spec if name == "yaml" else None)
    keys = [cache.fingerprint([tmp_path / "pack"], None)]
    (installed / "__init__.py").write_text("__version__ = '6.0.10'\n")  # an upgrade
    keys.append(cache.fingerprint([tmp_path / "pack"], None))
    (installed / "_yaml.cpython-311-x86_64-linux-gnu.so").write_bytes(b"\0")  # now built with libyaml
    keys.append(cache.fingerprint([tmp_path / "pack"], None))
    assert None not in keys
    assert len(set(keys)) == 3


def test_the_real_parser_files_are_found() -> None:
    import yaml

    names = [line.split("\0")[0] for line in cache._parser_files()]
    assert "__init__.py" in names
    assert any(name.startswith("_yaml") for name in names) == bool(yaml.__with_libyaml__)
