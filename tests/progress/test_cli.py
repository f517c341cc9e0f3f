"""stats, export, import and reset as a learner would type them (database from GITOPS_TUTOR_DB, a temp file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from gitops_tutor import paths
from gitops_tutor.cli.context import Settings
from gitops_tutor.cli.main import cli
from gitops_tutor.curriculum.models import Curriculum
from gitops_tutor.grading import Grader
from gitops_tutor.progress import ProgressStore


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


@pytest.fixture(scope="module")
def shipped() -> Curriculum:
    return Settings.from_options((), None).load().curriculum


def seed(shipped: Curriculum, answers: int = 3) -> None:
    """Real answers graded by the real grader, recorded through the store."""
    grader = Grader(shipped.aliases)
    questions = [q for q in shipped.questions.values() if q.type == "free-text"][:answers]
    answer = "Git is the single source of truth and an agent pulls and reconciles."
    with ProgressStore.open(paths.default_db_path()) as store:
        for q in questions:
            store.record_attempt(q, answer, grader.grade(q, answer), mode="practice")
        store.mark_section_read(shipped.lessons_in_order()[0].id, "Why")


def test_stats_on_a_fresh_install_explains_where_to_start() -> None:
    code, out, err = run("stats")
    assert code == 0, err
    assert "Attempts        0" in out and "No answers yet" in out


def test_stats_text_and_json_after_some_answers(shipped: Curriculum) -> None:
    seed(shipped)
    code, out, _ = run("stats")
    assert code == 0
    assert "Attempts        3" in out and "Lessons (mastery)" in out and "Exam domains" in out
    assert "█" in out or "·" in out
    code, out, _ = run("stats", "--json")
    data = json.loads(out)
    assert data["totals"]["attempts"] == 3 and data["streak"] == 1
    assert {m["id"] for m in data["lessons"]} == set(shipped.lessons)


def test_export_json_to_a_file_and_import_it_twice(shipped: Curriculum, tmp_path: Path) -> None:
    seed(shipped)
    target = tmp_path / "out" / "history.json"
    code, _out, err = run("export", "--out", str(target))
    assert code == 0 and f"Exported 3 attempts to {target}" in err
    assert json.loads(target.read_text())["format"] == "gitops-tutor-progress"

    other_db = tmp_path / "laptop.db"
    code, out, err = run("--db", str(other_db), "import", str(target))
    assert code == 0, err
    assert "Imported 3 new attempts (0 already present)" in out
    code, out, _ = run("--db", str(other_db), "import", str(target))
    assert "Imported 0 new attempts (3 already present)" in out
    assert "before the import is in" in out
    with ProgressStore.open(other_db) as store:
        assert len(store.attempts()) == 3


def test_export_markdown_to_stdout(shipped: Curriculum) -> None:
    seed(shipped, answers=1)
    code, out, _ = run("export", "--format", "md")
    assert code == 0
    assert out.startswith("# gitops-tutor progress") and "| practice |" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "history.json:1:2: not valid JSON"),
        ('{"format": "x"}', "not a gitops-tutor progress export"),
        (None, "no such file"),
    ],
)
def test_import_of_a_bad_file_is_one_line_and_exit_1(tmp_path: Path, content: str | None, message: str) -> None:
    source = tmp_path / "history.json"
    if content is not None:
        source.write_text(content)
    code, out, err = run("import", str(source))
    assert code == 1 and out == ""
    assert message in err and err.count("\n") == 1 and err.startswith("gitops-tutor: ")


def test_reset_asks_first_and_keeps_a_backup(shipped: Curriculum) -> None:
    seed(shipped)
    code, _out, _ = run("reset", stdin="n\n")
    assert code == 1
    with ProgressStore.open(paths.default_db_path()) as store:
        assert len(store.attempts()) == 3
    code, out, _ = run("reset", stdin="y\n")
    assert code == 0 and "Progress wiped" in out
    backup = Path(out.split("saved as ")[1].strip())
    assert backup.is_file()
    with ProgressStore.open(paths.default_db_path()) as store:
        assert store.attempts() == []


def test_reset_yes_skips_the_question(shipped: Curriculum) -> None:
    seed(shipped, answers=1)
    code, out, _ = run("reset", "--yes")
    assert code == 0 and "Continue?" not in out and "Progress wiped" in out


def test_reset_of_an_empty_store_says_so_and_makes_no_backup() -> None:
    code, out, _ = run("reset", "--yes")
    assert code == 0 and "no progress to wipe" in out
    assert not (paths.default_db_path().parent / "backups").exists()


def test_a_store_error_is_one_line_and_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_text("not a database")
    for command in (["stats"], ["export"], ["reset", "--yes"]):
        code, out, err = run("--db", str(broken), *command)
        assert code == 1 and out == ""
        assert err.startswith(f"gitops-tutor: {broken}") and err.count("\n") == 1
    assert broken.read_text() == "not a database"


def test_stats_lists_leeches_with_their_prompt(shipped: Curriculum) -> None:
    question = next(q for q in shipped.questions.values() if q.type == "free-text")
    grader = Grader(shipped.aliases)
    with ProgressStore.open(paths.default_db_path()) as store:
        for _ in range(4):
            store.record_attempt(question, "no idea", grader.grade(question, "no idea"), mode="review")
    code, out, _ = run("stats")
    assert code == 0
    leeches = out.split("Leeches (failed 4 times or more)")[1]
    assert f"{question.id} (4 failures): {question.prompt.split()[0]}" in leeches


def test_a_refused_import_leaves_no_new_database_behind(tmp_path: Path) -> None:
    """fresh-eyes QA: 'Nothing was changed' while a new empty database was left at the --db path."""
    source = tmp_path / "history.json"
    source.write_text('{"format": "x"}')
    fresh = tmp_path / "fresh.db"
    code, _, err = run("--db", str(fresh), "import", str(source))
    assert code == 1 and "Nothing was changed" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.json"]


def test_a_refused_import_into_an_existing_database_keeps_it(shipped: Curriculum, tmp_path: Path) -> None:
    source = tmp_path / "history.json"
    source.write_text('{"format": "x"}')
    existing = tmp_path / "mine.db"
    ProgressStore.open(existing).close()
    code, _, _ = run("--db", str(existing), "import", str(source))
    assert code == 1 and existing.is_file()
