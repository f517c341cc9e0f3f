"""``gitops-tutor disputes``: table, JSON, rubric samples and withdraw, on a temporary database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gitops_tutor.cli.context import Settings
from gitops_tutor.cli.disputes import samples_yaml
from gitops_tutor.cli.main import cli
from gitops_tutor.curriculum.models import Curriculum, FreeTextQuestion
from gitops_tutor.grading import Grader
from gitops_tutor.progress import ProgressStore
from gitops_tutor.progress.disputes import Dispute, JudgedAnswer

MANIFEST = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x  # a comment"


@pytest.fixture(scope="module")
def shipped() -> Curriculum:
    return Settings.from_options((), None).load().curriculum


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "progress.db"


def run(db: Path, *args: str) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


def free_text(shipped: Curriculum, count: int) -> list[FreeTextQuestion]:
    return [q for q in shipped.questions.values() if isinstance(q, FreeTextQuestion)][:count]


def dispute_answers(db: Path, shipped: Curriculum, answers: list[str], note: str = "") -> None:
    """Grade each answer for its own question, save it, and claim the verdict the grader did not give."""
    grader = Grader(shipped.aliases)
    with ProgressStore.open(db) as store:
        for index, (question, answer) in enumerate(zip(free_text(shipped, len(answers)), answers, strict=True)):
            graded = grader.grade(question, answer)
            uid = f"attempt-{index}"
            store.record_attempt(question, answer, graded, uid=uid)
            judged = JudgedAnswer(question.id, question.content_hash, answer, graded.verdict, graded.score, uid)
            store.record_dispute(judged, "pass" if graded.verdict != "pass" else "fail", note)


def test_no_disputes_says_how_to_make_one(db: Path) -> None:
    code, out, err = run(db, "disputes")
    assert code == 0, err
    assert "No disputes" in out and "press d" in out


def test_the_table_shows_question_grader_verdict_claim_and_first_line(db: Path, shipped: Curriculum) -> None:
    dispute_answers(db, shipped, ["Git holds the truth; an agent pulls it.", MANIFEST])
    code, out, _ = run(db, "disputes")
    assert code == 0
    first, second = free_text(shipped, 2)
    rows = [line for line in out.splitlines() if line.strip().startswith(("1 ", "2 "))]
    assert len(rows) == 2
    assert first.id in rows[0] and "pass" in rows[0] and "Git holds the truth" in rows[0]
    assert second.id in rows[1] and rows[1].rstrip().endswith("apiVersion: v1")  # the first line only
    assert "withdraw ID" in out


def test_json_lists_every_stored_field(db: Path, shipped: Curriculum) -> None:
    dispute_answers(db, shipped, [MANIFEST], note="my note")
    code, out, _ = run(db, "disputes", "--json")
    assert code == 0
    [row] = json.loads(out)
    assert row["answer"] == MANIFEST and row["note"] == "my note" and row["claimed"] == "pass"
    assert row["attempt_uid"] == "attempt-0" and row["content_hash"] == free_text(shipped, 1)[0].content_hash


def test_yaml_is_samples_grouped_by_question_with_the_exact_answers(db: Path, shipped: Curriculum) -> None:
    answers = ["Git holds the truth; an agent pulls it.", MANIFEST]
    dispute_answers(db, shipped, answers, note="rubric misses 'pulls'")
    code, out, _ = run(db, "disputes", "--yaml")
    assert code == 0
    document = yaml.safe_load(out)
    questions = free_text(shipped, 2)
    assert list(document) == [q.id for q in questions]
    for question, answer in zip(questions, answers, strict=True):
        [sample] = document[question.id]["samples"]
        assert sample == {"verdict": "pass", "kind": "disputed", "answer": answer}
    assert "# note: rubric misses 'pulls'" in out
    assert f"# {questions[0].source.path}" in out
    assert "the grader said fail" in out or "the grader said partial" in out


def test_yaml_entries_are_indented_as_in_the_content_files(db: Path, shipped: Curriculum) -> None:
    """A question's entries paste under its ``samples:`` without re-indenting."""
    dispute_answers(db, shipped, ["Git holds the truth."])
    question = free_text(shipped, 1)[0]
    content = Path(question.source.path).read_text(encoding="utf-8")
    content_entry = next(line for line in content.splitlines() if line.lstrip().startswith("- verdict:"))
    _code, out, _ = run(db, "disputes", "--yaml")
    entry = next(line for line in out.splitlines() if line.lstrip().startswith("- verdict:"))
    assert len(entry) - len(entry.lstrip()) == len(content_entry) - len(content_entry.lstrip())


def test_withdraw_removes_it_and_an_unknown_id_is_one_line_on_stderr(db: Path, shipped: Curriculum) -> None:
    dispute_answers(db, shipped, ["one", "two"])
    code, out, _ = run(db, "disputes", "withdraw", "1")
    assert code == 0 and "withdrawn" in out
    _code, out, _ = run(db, "disputes", "--json")
    assert [row["id"] for row in json.loads(out)] == [2]
    code, out, err = run(db, "disputes", "withdraw", "1")
    assert code == 1 and out == ""
    assert err.strip() == "gitops-tutor: no dispute with id 1; 'gitops-tutor disputes' lists them"


def test_json_and_yaml_together_are_refused(db: Path) -> None:
    code, _out, err = run(db, "disputes", "--json", "--yaml")
    assert code == 1 and "choose one of --json and --yaml" in err


def test_a_dispute_of_a_removed_question_is_counted_not_listed(db: Path, shipped: Curriculum) -> None:
    dispute_answers(db, shipped, ["one"])
    with ProgressStore.open(db) as store:
        judged = JudgedAnswer("question-gone-since", "h", "two", "fail", 0, attempt_uid="elsewhere")
        store.record_dispute(judged, "pass")
    code, out, _ = run(db, "disputes")
    assert code == 0
    assert "question-gone-since" not in out
    assert "1 more for questions no longer in the content" in out


def test_stats_count_disputes_beside_the_graders_figures(db: Path, shipped: Curriculum) -> None:
    dispute_answers(db, shipped, ["one", "two"])
    code, out, _ = run(db, "stats")
    assert code == 0
    assert "Disputed        2 answers (figures here are the grader's" in out
    _code, out, _ = run(db, "stats", "--json")
    assert json.loads(out)["disputes_open"] == 2


ANSWER_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85\ufeff")
    | st.sampled_from("\n\t #:-|>'\""),
    max_size=80,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=ANSWER_TEXT)
def test_any_answer_comes_back_exactly_from_the_samples_yaml(shipped: Curriculum, answer: str) -> None:
    """Whatever the learner typed, the sample holds it unchanged: a rubric test of the very answer."""
    from datetime import datetime, timezone

    question = free_text(shipped, 1)[0]
    judged = JudgedAnswer(question.id, question.content_hash, answer, "fail", 10, attempt_uid="u")
    dispute = Dispute(1, judged, "pass", "", datetime(2026, 3, 2, tzinfo=timezone.utc))
    document = yaml.safe_load(samples_yaml([dispute], shipped))
    assert document[question.id]["samples"][0]["answer"] == answer
