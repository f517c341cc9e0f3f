"""The start-up cache: plain JSON, the same result as a fresh load, and never stale."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gitops_tutor.curriculum import cache
from gitops_tutor.curriculum.cache import CACHE_FILE, encode, load_cached
from gitops_tutor.curriculum.loader import load
from gitops_tutor.paths import ENV_CACHE_DIR, shipped_content_dir

PACK = """\
kind: questions
questions:
  - id: q-cached
    lesson: {lesson}
    type: which-tool
    prompt: {prompt}
    difficulty: 1
    tags: []
    domain: tooling
    explanation: Because.
    answer: flux
    why: Flux has no UI of its own.
"""


def write_pack(folder: Path, prompt: str = "Which tool?", lesson: str = "what-is-gitops") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "questions.yaml").write_text(PACK.format(prompt=prompt, lesson=lesson))
    return folder / "questions.yaml"


def fresh(packs: list[Path]) -> object:
    return encode(load(packs).curriculum)


def test_a_cached_load_is_the_fresh_load_field_for_field(tmp_path: Path) -> None:
    """Every model, problem and source position survives the JSON round trip (Source is left out
    of dataclass equality, so the encoded forms are compared)."""
    pack = tmp_path / "pack"
    write_pack(pack, lesson="no-such-lesson")  # a problem to carry through the cache too
    first = load_cached([pack], shipped_content_dir(), tmp_path / "cache")
    second = load_cached([pack], shipped_content_dir(), tmp_path / "cache")
    expected = load([pack], shipped=shipped_content_dir())
    assert (tmp_path / "cache" / CACHE_FILE).is_file()
    for result in (first, second):
        assert encode(result.curriculum) == encode(expected.curriculum)
        assert result.problems == expected.problems
        assert any(p.code == "unknown-ref" for p in result.problems)
        assert result.raw_files == ()


def test_the_second_load_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_pack(tmp_path / "pack")
    load_cached([tmp_path / "pack"], None, tmp_path / "cache")

    def no_parsing(*_args: object) -> None:
        raise AssertionError("an unchanged tree must not be parsed again")

    monkeypatch.setattr(cache, "load_fresh", no_parsing)
    assert load_cached([tmp_path / "pack"], None, tmp_path / "cache").curriculum.questions


def test_an_edited_file_is_read_again_even_with_its_old_size_and_time(tmp_path: Path) -> None:
    path = write_pack(tmp_path / "pack", prompt="Which tool A?")
    before = path.stat()
    load_cached([tmp_path / "pack"], None, tmp_path / "cache")
    path.write_text(path.read_text().replace("tool A?", "tool B?"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same mtime: only the bytes differ
    result = load_cached([tmp_path / "pack"], None, tmp_path / "cache")
    assert result.curriculum.questions["q-cached"].prompt == "Which tool B?"


def test_a_new_file_is_seen(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    write_pack(pack)
    load_cached([pack], None, tmp_path / "cache")
    (pack / "more.yaml").write_text(PACK.format(prompt="Again?", lesson="what-is-gitops").replace("q-cached", "q-new"))
    assert "q-new" in load_cached([pack], None, tmp_path / "cache").curriculum.questions


@pytest.mark.parametrize(
    "damage",
    [
        b"\x00\xff not json",
        b'{"key": "x", "result": 1}',
        b"[]",
        b"",
    ],
)
def test_a_damaged_or_foreign_cache_is_ignored_and_rewritten(tmp_path: Path, damage: bytes) -> None:
    pack = tmp_path / "pack"
    write_pack(pack)
    cache_file = tmp_path / "cache" / CACHE_FILE
    cache_file.parent.mkdir()
    cache_file.write_bytes(damage)
    result = load_cached([pack], None, tmp_path / "cache")
    assert encode(result.curriculum) == fresh([pack])
    assert json.loads(cache_file.read_bytes().partition(b"\n")[0])["key"]


def rewrite(cache_file: Path, payload: object, *, keep_sum: bool = False) -> None:
    """Replace the cached result, keeping the key (and the old checksum when asked)."""
    header = json.loads(cache_file.read_bytes().partition(b"\n")[0])
    body = json.dumps(payload).encode()
    if not keep_sum:
        header["sum"] = cache._checksum(body)
    cache_file.write_bytes(json.dumps(header).encode() + b"\n" + body)


def test_a_cache_with_the_right_key_but_a_foreign_class_is_ignored(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    write_pack(pack)
    load_cached([pack], None, tmp_path / "cache")
    cache_file = tmp_path / "cache" / CACHE_FILE
    rewrite(cache_file, {"c": "Popen", "f": [["rm", "-rf", "/"]]})
    assert "q-cached" in load_cached([pack], None, tmp_path / "cache").curriculum.questions
    rewrite(cache_file, {"c": "Source", "f": ["a", 1, 1]})  # a model, but not a load result
    assert "q-cached" in load_cached([pack], None, tmp_path / "cache").curriculum.questions


def test_a_changed_byte_that_still_parses_is_caught_by_the_checksum(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    write_pack(pack, lesson="no-such-lesson")
    expected = load_cached([pack], None, tmp_path / "cache")
    cache_file = tmp_path / "cache" / CACHE_FILE
    damaged = cache_file.read_bytes().replace(b"Which tool?", b"Which t00l?")
    assert damaged != cache_file.read_bytes()
    cache_file.write_bytes(damaged)
    result = load_cached([pack], None, tmp_path / "cache")
    assert result.curriculum.questions["q-cached"].prompt == "Which tool?"
    assert encode(result.curriculum) == encode(expected.curriculum)
    assert result.problems == expected.problems


def test_a_missing_pack_is_never_cached(tmp_path: Path) -> None:
    result = load_cached([tmp_path / "absent"], None, tmp_path / "cache")
    assert [p.code for p in result.problems if p.severity == "error"] == ["missing-pack"]
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_folder_still_loads(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    write_pack(tmp_path / "pack")
    assert "q-cached" in load_cached([tmp_path / "pack"], None, blocker).curriculum.questions


def test_list_prints_the_same_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from gitops_tutor.cli.main import cli

    monkeypatch.setenv(ENV_CACHE_DIR, str(tmp_path / "cache"))
    cold = CliRunner().invoke(cli, ["list", "questions", "--json"], catch_exceptions=False)
    assert (tmp_path / "cache" / CACHE_FILE).is_file()
    warm = CliRunner().invoke(cli, ["list", "questions", "--json"], catch_exceptions=False)
    assert cold.exit_code == warm.exit_code == 0
    assert warm.output == cold.output and json.loads(warm.output)


def test_every_module_the_curriculum_imports_is_in_the_code_stamp() -> None:
    """A change to any code that decides a load's result must make a new cache."""
    import ast

    code = Path(cache.__file__).resolve().parent
    outside = set()
    for path in code.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            module = node.module if isinstance(node, ast.ImportFrom) else None
            if module and module.startswith("gitops_tutor.") and not module.startswith("gitops_tutor.curriculum"):
                outside.add(code.parent / (module.removeprefix("gitops_tutor.").replace(".", "/") + ".py"))
    assert outside <= set(cache._CODE_OUTSIDE)
