"""Content packs written to hurt: each gets a clear, located error and nothing worse."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gitops_tutor.curriculum import files, loader
from gitops_tutor.curriculum.loader import load
from gitops_tutor.curriculum.problems import format_problems


def errors_for(pack: Path) -> dict[str, str]:
    result = load([pack], shipped=None)
    return {Path(p.path).name: p.code for p in result.errors}


def test_alias_bomb_in_a_mapping(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    (tmp_path / "bomb.yaml").write_text("kind: questions\n" + "\n".join(lines) + "\n")
    assert errors_for(tmp_path) == {"bomb.yaml": "alias-expansion"}


def test_deep_nesting_block_style(tmp_path: Path) -> None:
    text = "kind: lesson\nbody:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(300)) + "  " * 301 + "x\n"
    (tmp_path / "deep.yaml").write_text(text)
    assert errors_for(tmp_path)["deep.yaml"] in ("too-deep", "syntax")


def test_ten_megabyte_file_is_not_read(tmp_path: Path) -> None:
    with (tmp_path / "big.yaml").open("wb") as handle:
        handle.truncate(10 * 1024 * 1024)
    assert errors_for(tmp_path) == {"big.yaml": "too-large"}


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_directory_link_loops_and_links_out(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "sub").mkdir(parents=True)
    (pack / "sub" / "again").symlink_to(pack, target_is_directory=True)
    secret = tmp_path / "secret.yaml"
    secret.write_text("kind: pack\nname: stolen\ntitle: x\n")
    (pack / "peek.yaml").symlink_to(secret)
    result = load([pack], shipped=None)
    assert [p.code for p in result.errors] == ["link"]
    assert all(p.name != "stolen" for p in result.curriculum.packs)


def test_names_with_odd_characters_are_reported_safely(tmp_path: Path) -> None:
    odd = tmp_path / "we\x1b[31mird name ✓.yaml"
    odd.write_text("kind: nothing\n")
    output = format_problems(load([tmp_path], shipped=None).problems, "text")
    assert "\x1b" not in output and "\\x1b" in output


def test_escape_codes_in_content_never_reach_the_output(tmp_path: Path) -> None:
    (tmp_path / "esc.yaml").write_text('kind: questions\nquestions:\n  - {"\\e[2J\\e]0;pwned\\a": 1}\n')
    output = format_problems(load([tmp_path], shipped=None).problems, "text")
    assert "\x1b" not in output and "\x07" not in output
    assert "unknown field" in output


def test_not_utf8_and_utf16(tmp_path: Path) -> None:
    (tmp_path / "latin.yaml").write_bytes("kind: lesson\ntitle: Café\n".encode("latin-1"))
    (tmp_path / "wide.yaml").write_bytes("kind: lesson\n".encode("utf-16"))
    codes = errors_for(tmp_path)
    assert codes == {"latin.yaml": "encoding", "wide.yaml": "encoding"}


def pack_with_questions(folder: Path, files: int, filler_bytes: int = 0) -> Path:
    """A valid pack of ``files`` small question files, each padded by a YAML comment."""
    folder.mkdir()
    (folder / "pack.yaml").write_text("kind: pack\nname: team\ntitle: Team pack\n")
    for n in range(files):
        (folder / f"q{n:04}.yaml").write_text("kind: questions\nquestions: []\n# " + "x" * filler_bytes + "\n")
    return folder


def test_a_pack_with_too_many_files_is_refused_whole_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_PACK_FILES", 20)
    pack = pack_with_questions(tmp_path / "many", 25)
    read: list[Path] = []
    monkeypatch.setattr(loader, "read_file", lambda path: read.append(path))
    result = load([pack], shipped=None)
    assert [(Path(p.path).name, p.code) for p in result.errors] == [("many", "pack-too-large")]
    assert "26 YAML files; the limit is 20" in result.errors[0].message
    assert read == [] and all(p.name != "team" for p in result.curriculum.packs)


def test_a_pack_too_large_in_bytes_is_refused_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_PACK_BYTES", 1 << 20)
    pack = pack_with_questions(tmp_path / "heavy", 3, filler_bytes=400_000)
    result = load([pack], shipped=None)
    [problem] = result.problems
    assert problem.code == "pack-too-large" and "1.1 MB of YAML; the limit is 1 MB" in problem.message
    assert "\n" not in format_problems(result.problems, "text")


def test_a_pack_just_inside_the_budget_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "MAX_PACK_FILES", 26)
    pack = pack_with_questions(tmp_path / "fits", 25)
    result = load([pack], shipped=None)
    assert result.errors == [] and [p.name for p in result.curriculum.packs] == ["team"]
