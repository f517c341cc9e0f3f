"""Loading packs: every class of bad input becomes one located problem, never an exception."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from gitops_tutor.curriculum.loader import LoadResult, load
from gitops_tutor.curriculum.models import ChoiceQuestion, FreeTextQuestion, ManifestQuestion, WhichToolQuestion
from gitops_tutor.paths import shipped_content_dir

MODELINE = "# yaml-language-server: $schema=../schemas/{}.schema.json\n"

LESSON = """\
kind: lesson
id: {id}
title: A lesson
order: 1
summary: Short.
domain: principles
objectives: [Learn]
body: |
  ## One
  Text.
check_questions: [{questions}]
"""

QUESTION = """\
  - id: {id}
    lesson: {lesson}
    type: which-tool
    prompt: {prompt}
    difficulty: 1
    tags: []
    domain: tooling
    explanation: Because.
    answer: flux
    why: It is Flux.
"""


def write(folder: Path, name: str, body: str, kind: str | None = None) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    head = MODELINE.format(kind) if kind else ""
    path.write_text(head + textwrap.dedent(body), encoding="utf-8")
    return path


def questions_file(*items: str) -> str:
    return "kind: questions\nquestions:\n" + "".join(items)


def make_pack(tmp_path: Path, name: str = "pack") -> Path:
    pack = tmp_path / name
    write(pack, "lesson.yaml", LESSON.format(id="l-one", questions="q-one"), "lesson")
    write(
        pack,
        "questions.yaml",
        questions_file(QUESTION.format(id="q-one", lesson="l-one", prompt="Which?")),
        "questions",
    )
    return pack


def load_pack(*packs: Path) -> LoadResult:
    return load(list(packs), shipped=None)


def codes(result: LoadResult) -> list[str]:
    return [p.code for p in result.problems]


def only_error(result: LoadResult, code: str):  # type: ignore[no-untyped-def]
    matching = [p for p in result.errors if p.code == code]
    assert matching, f"no {code} in {[str(p) for p in result.problems]}"
    return matching[0]


def test_a_clean_pack_loads_without_problems(tmp_path: Path) -> None:
    result = load_pack(make_pack(tmp_path))
    assert result.problems == ()
    assert set(result.curriculum.lessons) == {"l-one"}
    assert isinstance(result.curriculum.questions["q-one"], WhichToolQuestion)


def test_fixture_pack_builds_every_question_type(good_pack: Path) -> None:
    result = load_pack(good_pack)
    assert result.errors == []
    questions = result.curriculum.questions
    assert isinstance(questions["team-what-does-reconcile-do"], FreeTextQuestion)
    assert isinstance(questions["team-pick-flux-objects"], ChoiceQuestion)
    assert isinstance(questions["team-enable-self-heal"], ManifestQuestion)
    free = questions["team-what-does-reconcile-do"]
    assert isinstance(free, FreeTextQuestion)
    assert free.rubric.concepts[0].required is True
    assert free.samples[0].source.line > 1
    assert free.follow_ups[0].ask == "team-which-tool-kustomization"
    assert result.curriculum.packs[0].name == "sample-team"
    assert free.pack == "sample-team"
    lesson = result.curriculum.lessons["team-reconcile-basics"]
    assert lesson.sections() == ("The loop", "Why it matters")


def test_shipped_content_is_clean() -> None:
    result = load([], shipped=shipped_content_dir())
    assert [str(p) for p in result.errors] == []


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    write(pack, "broken.yaml", "kind: lesson\nid: [oops\ntitle: x\n")
    problem = only_error(load_pack(pack), "syntax")
    assert problem.path.endswith("broken.yaml") and problem.line >= 2


def test_duplicate_mapping_key_is_caught(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    write(
        pack,
        "questions.yaml",
        questions_file(QUESTION.format(id="q-one", lesson="l-one", prompt="Which?") + "    prompt: Again?\n"),
        "questions",
    )
    problem = only_error(load_pack(pack), "duplicate-key")
    assert problem.line == 14 and "prompt" in problem.message


@pytest.mark.parametrize(
    ("replace", "by", "code", "text"),
    [
        ("difficulty: 1", "difficulty: high", "type", "difficulty should be a whole number"),
        ("difficulty: 1", "difficulty: 7", "range", "the most allowed is 3"),
        ("    prompt: Which?\n", "    promt: Which?\n", "unknown-field", "did you mean 'prompt'"),
        ("    why: It is Flux.\n", "", "required", "missing the required field 'why'"),
        ("prompt: Which?", "prompt: '  '", "empty", "prompt is empty"),
        ("answer: flux", "answer: jenkins", "enum", "expected one of"),
        ("id: q-one", "id: Q_One", "format", "wrong form"),
    ],
)
def test_field_problems_point_at_the_field(tmp_path: Path, replace: str, by: str, code: str, text: str) -> None:
    pack = make_pack(tmp_path)
    body = QUESTION.format(id="q-one", lesson="l-one", prompt="Which?").replace(replace, by)
    write(pack, "questions.yaml", questions_file(body), "questions")
    problem = only_error(load_pack(pack), code)
    assert text in problem.message
    assert problem.line > 1


def test_one_bad_question_does_not_hide_the_others(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    good = QUESTION.format(id="q-one", lesson="l-one", prompt="Which?")
    bad = QUESTION.format(id="q-two", lesson="l-one", prompt="Which two?").replace("difficulty: 1", "difficulty: 9")
    write(pack, "questions.yaml", questions_file(good, bad), "questions")
    result = load_pack(pack)
    assert "q-one" in result.curriculum.questions and "q-two" not in result.curriculum.questions


def test_duplicate_ids_across_packs_name_both_places(tmp_path: Path) -> None:
    first, second = make_pack(tmp_path, "first"), make_pack(tmp_path, "second")
    result = load_pack(first, second)
    problem = only_error(result, "duplicate-id")
    assert "second" in problem.path and "first" in problem.message


def test_dangling_references_are_reported(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    write(pack, "lesson.yaml", LESSON.format(id="l-one", questions="q-missing"), "lesson")
    write(
        pack,
        "questions.yaml",
        questions_file(QUESTION.format(id="q-one", lesson="l-gone", prompt="Which?")),
        "questions",
    )
    messages = [p.message for p in load_pack(pack).errors if p.code == "unknown-ref"]
    assert any("unknown check question 'q-missing'" in m for m in messages)
    assert any("unknown lesson 'l-gone'" in m for m in messages)


def test_follow_up_must_name_a_question_and_a_concept(good_pack: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    text = (good_pack / "questions" / "reconcile-basics.yaml").read_text()
    text = text.replace("when_missed: converge", "when_missed: nothing").replace(
        "ask: team-which-tool-kustomization", "ask: no-such-question"
    )
    write(pack, "questions/reconcile-basics.yaml", text)
    write(pack, "lessons/reconcile-basics.yaml", (good_pack / "lessons" / "reconcile-basics.yaml").read_text())
    messages = " ".join(p.message for p in load_pack(pack).errors)
    assert "unknown question 'no-such-question'" in messages and "unknown concept 'nothing'" in messages


def test_alias_bomb_fails_within_a_second(tmp_path: Path) -> None:
    from tests.curriculum.test_yamlread import billion_laughs

    pack = make_pack(tmp_path)
    write(pack, "bomb.yaml", billion_laughs())
    assert only_error(load_pack(pack), "alias-expansion").path.endswith("bomb.yaml")


def test_non_utf8_and_oversized_files(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    (pack / "latin1.yaml").write_bytes(b"kind: lesson\ntitle: caf\xe9\n")
    (pack / "huge.yaml").write_bytes(b"# " + b"x" * 1_100_000)
    result = load_pack(pack)
    assert only_error(result, "encoding").line == 2
    assert only_error(result, "too-large").path.endswith("huge.yaml")


def test_missing_pack_folder_is_an_error(tmp_path: Path) -> None:
    problem = only_error(load_pack(tmp_path / "nowhere"), "missing-pack")
    assert "does not exist" in problem.message


def test_files_that_are_not_yaml_are_skipped(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    (pack / "README.md").write_text("# not content\n")
    (pack / "notes.txt").write_bytes(b"\xff\xfe")
    assert load_pack(pack).problems == ()


def test_wrong_kind_and_missing_modeline(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    write(pack, "odd.yaml", "kind: recipe\n")
    write(pack, "plain.yaml", LESSON.format(id="l-two", questions="q-one"))
    result = load_pack(pack)
    assert "expected one of" in only_error(result, "kind").message
    warnings = [p for p in result.problems if p.code == "modeline"]
    assert warnings and warnings[0].severity == "warning" and warnings[0].path.endswith("plain.yaml")


def test_todo_markers_and_bad_examples(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    lesson = LESSON.format(id="l-two", questions="q-one").replace("summary: Short.", "summary: TODO write me")
    lesson = lesson.replace("  Text.\n", "  ```yaml\n  kind: Deployment\n  metadata: {name: x\n  ```\n")
    write(pack, "lesson2.yaml", lesson, "lesson")
    result = load_pack(pack)
    assert only_error(result, "todo").line == 6
    assert "does not parse" in only_error(result, "example").message


def test_single_choice_needs_exactly_one_correct(good_pack: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    text = (good_pack / "questions" / "reconcile-basics.yaml").read_text()
    write(
        pack,
        "questions/q.yaml",
        text.replace("        correct: false\n        why: CI still", "        correct: true\n        why: CI still"),
    )
    write(pack, "lessons/l.yaml", (good_pack / "lessons" / "reconcile-basics.yaml").read_text())
    assert "needs exactly one" in only_error(load_pack(pack), "choice").message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
def test_links_out_of_the_pack_are_not_followed(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    outside = write(tmp_path, "outside.yaml", LESSON.format(id="l-out", questions="q-one"), "lesson")
    (pack / "link.yaml").symlink_to(outside)
    (pack / "loop.yaml").symlink_to(pack / "loop.yaml")
    result = load_pack(pack)
    assert "l-out" not in result.curriculum.lessons
    assert len([p for p in result.errors if p.code == "link"]) == 2


def test_only_the_lexicon_files_trees_outlive_a_load() -> None:
    """The read trees hold every position and string of a file; the lexicon check needs only
    the ``kind: aliases`` ones, so keeping the rest held over 100 MB at 10x content."""
    result = load([], shipped=shipped_content_dir())
    kinds = {data.get("kind") for _shown, data in result.raw_files}
    assert kinds == {"aliases"}
    assert any(shown.endswith("lexicon.yaml") for shown, _data in result.raw_files)
