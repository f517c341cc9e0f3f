"""Loading misconceptions: checked like all content, each problem one located line, packs may add their own."""

from __future__ import annotations

from pathlib import Path

from gitops_tutor.curriculum.loader import LoadResult, load
from gitops_tutor.curriculum.models import FreeTextQuestion
from gitops_tutor.curriculum.problems import format_problems
from gitops_tutor.paths import shipped_content_dir

LESSON = """\
# yaml-language-server: $schema=../schemas/lesson.schema.json
kind: lesson
id: l-sync
title: Sync
order: 1
summary: Short.
domain: tooling
objectives: [Learn]
body: |
  ## One
  Text.
check_questions: []
"""

QUESTIONS = """\
# yaml-language-server: $schema=../schemas/questions.schema.json
kind: questions
questions:
  - id: q-sync
    lesson: l-sync
    type: free-text
    prompt: What does automated sync do?
    difficulty: 1
    tags: [argocd]
    domain: tooling
    explanation: Because.
    model_answer: It applies new commits.
    rubric:
      concepts:
        - {{id: applies, label: applies commits, any: ["applies .. commit*"], required: true}}
      {ignore}
    samples:
      - {{answer: It applies new commits., verdict: pass}}
      - {{answer: No idea., verdict: fail}}
"""

MYTH = """\
  - id: {id}
    claim: Claims selfHeal is on by default
    truth: It defaults to false.
    source: https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/
    applies_to: {scope}
    any: ["selfheal .. on by default"]
    examples: ["selfHeal is on by default."]
    not_examples: ["selfHeal is not on by default."]
"""


def myths_file(*items: str) -> str:
    head = "# yaml-language-server: $schema=../schemas/misconceptions.schema.json\n"
    return head + "kind: misconceptions\nmisconceptions:\n" + "".join(items)


def write_pack(folder: Path, myths: str, ignore: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lesson.yaml").write_text(LESSON, encoding="utf-8")
    questions = QUESTIONS.format(ignore=f"ignore_misconceptions: [{ignore}]" if ignore else "")
    (folder / "questions.yaml").write_text(questions, encoding="utf-8")
    (folder / "misconceptions.yaml").write_text(myths, encoding="utf-8")
    return folder


def load_pack(*packs: Path) -> LoadResult:
    return load(list(packs), shipped=None)


def messages(result: LoadResult) -> list[str]:
    return [f"{Path(p.path).name}:{p.line}: {p.code}: {p.message}" for p in result.problems]


def test_a_valid_file_loads_into_typed_models(tmp_path: Path) -> None:
    result = load_pack(write_pack(tmp_path / "p", myths_file(MYTH.format(id="m-one", scope="{tags: [argocd]}"))))
    assert result.problems == ()
    (myth,) = result.curriculum.misconceptions
    assert (myth.id, myth.truth, myth.penalty, myth.applies_to.tags) == (
        "m-one",
        "It defaults to false.",
        35.0,
        ("argocd",),
    )
    assert myth.source.line == 4  # the item's own line, for every later problem about it
    question = result.curriculum.questions["q-sync"]
    assert isinstance(question, FreeTextQuestion) and myth.applies_to.covers(question)


def test_a_missing_field_is_one_located_schema_error(tmp_path: Path) -> None:
    broken = MYTH.format(id="m-one", scope="{tags: [argocd]}").replace("    truth: It defaults to false.\n", "")
    result = load_pack(write_pack(tmp_path / "p", myths_file(broken)))
    assert messages(result) == [
        "misconceptions.yaml:4: required: 'misconceptions'[1] is missing the required field 'truth'"
    ]
    assert result.curriculum.misconceptions == ()
    line = format_problems(result.problems, "text")
    assert line.count("\n") == 0 and "misconceptions.yaml:4:" in line and "error[required]" in line


def test_a_scope_that_names_nothing_is_refused(tmp_path: Path) -> None:
    result = load_pack(write_pack(tmp_path / "p", myths_file(MYTH.format(id="m-one", scope="{}"))))
    assert messages(result) == [
        "misconceptions.yaml:4: scope: misconception 'm-one': applies_to names no tags, lessons, domains or questions"
    ]


def test_a_scope_naming_unknown_content_is_an_unknown_ref(tmp_path: Path) -> None:
    scope = "{tags: [argocd, no-such-tag], lessons: [nope]}"
    result = load_pack(write_pack(tmp_path / "p", myths_file(MYTH.format(id="m-one", scope=scope))))
    assert messages(result) == [
        "misconceptions.yaml:4: unknown-ref: misconception 'm-one' applies to unknown lesson 'nope'",
        "misconceptions.yaml:4: unknown-ref: misconception 'm-one' applies to unknown tag 'no-such-tag'",
    ]


def test_a_scope_without_free_text_questions_checks_nothing_and_says_so(tmp_path: Path) -> None:
    result = load_pack(write_pack(tmp_path / "p", myths_file(MYTH.format(id="m-one", scope="{domains: [principles]}"))))
    assert messages(result) == ["misconceptions.yaml:4: scope: misconception 'm-one' applies to no free-text question"]
    by_id = MYTH.format(id="m-one", scope="{questions: [q-sync]}")
    assert load_pack(write_pack(tmp_path / "q", myths_file(by_id))).problems == ()


def test_a_duplicate_id_keeps_the_first_and_names_it(tmp_path: Path) -> None:
    items = MYTH.format(id="m-one", scope="{tags: [argocd]}") + MYTH.format(id="m-one", scope="{tags: [argocd]}")
    result = load_pack(write_pack(tmp_path / "p", myths_file(items)))
    assert [m.id for m in result.curriculum.misconceptions] == ["m-one"]
    (problem,) = result.problems
    assert (problem.code, problem.line) == ("duplicate-id", 12)
    assert "already defined at" in problem.message and "misconceptions.yaml:4" in problem.message


def test_a_rubric_may_opt_out_only_of_a_known_misconception(tmp_path: Path) -> None:
    good = load_pack(write_pack(tmp_path / "p", myths_file(MYTH.format(id="m-one", scope="{tags: [argocd]}")), "m-one"))
    question = good.curriculum.questions["q-sync"]
    assert isinstance(question, FreeTextQuestion) and question.rubric.ignore_misconceptions == ("m-one",)
    assert good.problems == ()
    bad = load_pack(write_pack(tmp_path / "q", myths_file(MYTH.format(id="m-one", scope="{tags: [argocd]}")), "m-two"))
    assert messages(bad) == ["questions.yaml:4: unknown-ref: question 'q-sync' ignores unknown misconception 'm-two'"]


def test_a_pack_adds_its_own_misconceptions_to_the_shipped_ones(tmp_path: Path) -> None:
    pack = tmp_path / "team"
    pack.mkdir()
    myth = MYTH.format(id="team-selfheal", scope="{tags: [argocd]}")
    (pack / "misconceptions.yaml").write_text(myths_file(myth), encoding="utf-8")
    result = load([pack], shipped=shipped_content_dir())
    ids = [m.id for m in result.curriculum.misconceptions]
    assert "team-selfheal" in ids and len(ids) > 40
    assert not [p for p in result.problems if "misconceptions" in p.path]


def test_the_shipped_misconceptions_load_clean_with_stable_ids_and_sources() -> None:
    result = load((), shipped=shipped_content_dir())
    myths = result.curriculum.misconceptions
    assert len(myths) >= 40
    assert not [p for p in result.problems if p.path.endswith("misconceptions.yaml")]
    for myth in myths:
        assert myth.url.startswith("https://") and myth.examples and myth.not_examples
        scope = myth.applies_to
        assert scope.tags or scope.lessons or scope.domains or scope.questions
