"""Disputes in the store: recorded with what was judged, replaced, withdrawn, exported and imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitops_tutor.curriculum.models import WhichToolQuestion
from gitops_tutor.progress import ProgressStore, StoreError
from gitops_tutor.progress.disputes import MAX_NOTE_CHARS, JudgedAnswer, answer_key, rating_for_claim
from gitops_tutor.progress.transfer import export_data, import_data
from tests.progress.helpers import FakeClock, curriculum, question, result

Q1 = question("q1", content_hash="hash-1")
Q2 = question("q2", content_hash="hash-2")


def judged_attempt(
    store: ProgressStore, q: WhichToolQuestion = Q1, score: int = 55, answer: str = "Flux pulls from Git"
) -> str:
    """Record an attempt under a uid chosen beforehand, as the study screen does; returns the uid."""
    uid = f"uid-{store.attempt_count() + 1}"
    store.record_attempt(q, answer, result(q.id, score), uid=uid)
    return uid


def of_attempt(
    uid: str, q: WhichToolQuestion = Q1, score: int = 55, answer: str = "Flux pulls from Git"
) -> JudgedAnswer:
    graded = result(q.id, score)
    return JudgedAnswer(q.id, q.content_hash, answer, graded.verdict, score, attempt_uid=uid)


def test_a_dispute_keeps_the_exact_answer_verdict_score_and_rubric_version(store: ProgressStore) -> None:
    answer = "  Flux pulls from Git\n  and reconciles.  "
    uid = judged_attempt(store, answer=answer)
    dispute = store.record_dispute(of_attempt(uid, answer=answer), "pass", "it says pull and reconcile")
    row = store.rows("SELECT * FROM disputes")[0]
    assert row["answer"] == answer == store.attempts()[0].answer
    assert (row["verdict"], row["score"], row["claimed"]) == ("partial", 55, "pass")
    assert (row["content_hash"], row["question_id"], row["attempt_uid"]) == ("hash-1", "q1", uid)
    assert row["note"] == "it says pull and reconcile"
    assert row["created_at"].startswith("2026-03-02T09:00")
    assert dispute.id == row["id"] and dispute.first_line == "Flux pulls from Git"


def test_a_second_claim_on_the_same_answer_replaces_the_first(store: ProgressStore, clock: FakeClock) -> None:
    uid = judged_attempt(store)
    first = store.record_dispute(of_attempt(uid), "pass", "first thought")
    clock.advance(minutes=5)
    second = store.record_dispute(of_attempt(uid), "fail")
    rows = store.rows("SELECT id, claimed, note, created_at FROM disputes")
    assert len(rows) == 1
    assert rows[0]["id"] == first.id == second.id  # the id a learner may have noted still withdraws it
    assert (rows[0]["claimed"], rows[0]["note"]) == ("fail", "")
    assert rows[0]["created_at"].startswith("2026-03-02T09:05")


def test_claims_on_different_answers_are_separate(store: ProgressStore) -> None:
    store.record_dispute(of_attempt(judged_attempt(store)), "pass")
    store.record_dispute(of_attempt(judged_attempt(store, Q2, 10), Q2, 10), "partial")
    interview = JudgedAnswer("q1", "hash-1", "x", "fail", 0, interview_id="iv-1", position=3)
    store.record_dispute(interview, "partial")
    assert [d.claimed for d in store.disputes()] == ["pass", "partial", "partial"]
    assert store.disputes()[2].judged.key == "interview:iv-1:3"


def test_withdraw_removes_one_and_reports_an_unknown_id(store: ProgressStore) -> None:
    kept = store.record_dispute(of_attempt(judged_attempt(store)), "pass")
    gone = store.record_dispute(of_attempt(judged_attempt(store, Q2), Q2), "fail")
    assert store.withdraw_dispute(gone.id) is True
    assert store.withdraw_dispute(gone.id) is False
    assert [d.id for d in store.disputes()] == [kept.id]


@pytest.mark.parametrize(
    ("claimed", "note", "message"),
    [
        ("partial", "", "already said partial"),
        ("great", "", "must be one of pass, partial, fail"),
        ("pass", "x" * (MAX_NOTE_CHARS + 1), f"at most {MAX_NOTE_CHARS} characters"),
    ],
)
def test_a_claim_the_app_cannot_mean_is_refused_and_nothing_is_written(
    store: ProgressStore, claimed: str, note: str, message: str
) -> None:
    uid = judged_attempt(store)
    with pytest.raises(ValueError, match=message):
        store.record_dispute(of_attempt(uid), claimed, note)
    assert store.rows("SELECT * FROM disputes") == []


def test_a_note_is_kept_on_one_line(store: ProgressStore) -> None:
    dispute = store.record_dispute(of_attempt(judged_attempt(store)), "pass", "  the rubric\nmisses\t'pulls'  ")
    assert dispute.note == "the rubric misses 'pulls'"


def test_a_judged_answer_names_an_attempt_or_an_interview_answer_not_both() -> None:
    both = JudgedAnswer("q1", "h", "a", "fail", 0, attempt_uid="u", interview_id="iv", position=0)
    with pytest.raises(ValueError, match="either an attempt uid or an interview id"):
        answer_key(both.attempt_uid, both.interview_id, both.position)
    with pytest.raises(ValueError, match="either"):
        answer_key(None, None, None)


def test_the_claim_sets_the_rating_a_verdict_would_have() -> None:
    assert [rating_for_claim(c) for c in ("pass", "partial", "fail")] == ["good", "hard", "again"]


def test_a_question_no_longer_in_the_content_keeps_its_dispute_but_is_not_shown(store: ProgressStore) -> None:
    store.record_dispute(of_attempt(judged_attempt(store)), "pass")
    store.record_dispute(of_attempt(judged_attempt(store, Q2), Q2), "pass")
    only_q1 = curriculum([Q1])
    assert [d.question_id for d in store.disputes(only_q1)] == ["q1"]
    assert len(store.disputes()) == 2
    assert store.stats(only_q1).disputes_open == 1
    assert store.stats(curriculum([Q1, Q2])).disputes_open == 2


def test_stats_keep_the_graders_scores_when_an_answer_is_disputed(store: ProgressStore) -> None:
    store.record_dispute(of_attempt(judged_attempt(store, score=55)), "pass")
    numbers = store.stats(curriculum([Q1]))
    assert numbers.totals.average_score == 55 and numbers.totals.passes == 0
    assert numbers.lessons[0].recent_score == 55


def test_reset_wipes_disputes_too(store: ProgressStore) -> None:
    store.record_dispute(of_attempt(judged_attempt(store)), "pass")
    store.reset()
    assert store.rows("SELECT * FROM disputes") == []


# -- export and import ----------------------------------------------------------------------------


def test_export_then_import_into_a_fresh_store_round_trips(store: ProgressStore, tmp_path: Path) -> None:
    store.record_dispute(of_attempt(judged_attempt(store)), "pass", "pulls = reconciles")
    store.record_dispute(JudgedAnswer("q2", "hash-2", "", "fail", 0, interview_id="iv-1", position=2), "partial")
    exported = json.loads(json.dumps(export_data(store)))
    with ProgressStore.open(tmp_path / "other.db", clock=FakeClock(), fuzz=False) as other:
        summary = import_data(other, exported, "export.json")
        assert summary.disputes_added == 2 and summary.changed
        assert [d.to_dict() for d in other.disputes()] == [d.to_dict() for d in store.disputes()]
        again = import_data(other, exported, "export.json")
        assert again.disputes_added == 0 and not again.changed
        assert len(other.disputes()) == 2


def test_importing_a_later_claim_replaces_an_earlier_one_and_not_the_reverse(
    store: ProgressStore, clock: FakeClock, tmp_path: Path
) -> None:
    uid = judged_attempt(store)
    store.record_dispute(of_attempt(uid), "pass")
    earlier = export_data(store)
    clock.advance(hours=1)
    store.record_dispute(of_attempt(uid), "fail", "changed my mind")
    later = export_data(store)
    with ProgressStore.open(tmp_path / "other.db", clock=clock, fuzz=False) as other:
        import_data(other, later, "later.json")
        assert import_data(other, earlier, "earlier.json").disputes_added == 0
        assert [d.claimed for d in other.disputes()] == ["fail"]
    with ProgressStore.open(tmp_path / "third.db", clock=clock, fuzz=False) as third:
        import_data(third, earlier, "earlier.json")
        assert import_data(third, later, "later.json").disputes_added == 1
        assert [(d.claimed, d.note) for d in third.disputes()] == [("fail", "changed my mind")]


def test_an_import_from_before_disputes_still_imports(store: ProgressStore) -> None:
    data = export_data(store)
    del data["disputes"]
    assert import_data(store, data, "old.json").disputes_added == 0


def one_dispute(**change: object) -> dict[str, object]:
    row: dict[str, object] = {
        "attempt_uid": "u1",
        "question_id": "q1",
        "content_hash": "hash-1",
        "answer": "Flux pulls",
        "verdict": "partial",
        "score": 55,
        "claimed": "pass",
        "note": "",
        "created_at": "2026-03-02T08:00:00+00:00",
    }
    row.update(change)
    return {key: value for key, value in row.items() if value is not None}


def an_export(store: ProgressStore, *disputes: dict[str, object]) -> dict[str, object]:
    return {**export_data(store), "disputes": list(disputes)}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"note": "x" * (MAX_NOTE_CHARS + 1)}, f"'note' must be a text of at most {MAX_NOTE_CHARS} characters"),
        ({"note": {"evil": 1}}, "'note' must be a text"),
        ({"claimed": "partial"}, "the grader already said partial"),
        ({"claimed": "maybe"}, "'claimed' must be one of pass, partial, fail"),
        ({"score": 101}, "'score' must be an integer 0-100"),
        ({"created_at": "2999-01-01T00:00:00+00:00"}, "'created_at' must be an ISO 8601 time"),
        ({"interview_id": "iv-1", "position": 0}, "either an attempt uid or an interview id"),
        ({"attempt_uid": None}, "either an attempt uid or an interview id"),
        ({"answer": None}, "missing 'answer'"),
    ],
)
def test_a_bad_dispute_refuses_the_whole_file_naming_its_place(
    store: ProgressStore, change: dict[str, object], message: str
) -> None:
    good = one_dispute(attempt_uid="u0")
    bad = one_dispute(**change)
    with pytest.raises(StoreError) as caught:
        import_data(store, an_export(store, good, bad), "hand-edited.json")
    assert str(caught.value).startswith("hand-edited.json: disputes[1]: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert store.rows("SELECT * FROM disputes") == []


def test_an_imported_answer_key_is_derived_from_the_fields_not_trusted(store: ProgressStore) -> None:
    import_data(store, an_export(store, one_dispute(answer_key="attempt:someone-elses")), "file.json")
    assert store.value("SELECT answer_key FROM disputes") == "attempt:u1"


def test_an_imported_dispute_for_an_unknown_question_is_kept_and_filtered(store: ProgressStore) -> None:
    import_data(store, an_export(store, one_dispute(question_id="gone-question")), "file.json")
    assert [d.question_id for d in store.disputes()] == ["gone-question"]
    assert store.disputes(curriculum([Q1])) == []


def test_recover_keeps_the_disputes(db_path: Path, clock: FakeClock) -> None:
    """A salvaged database keeps the learner's claims, as it keeps their attempts."""
    from gitops_tutor.progress.salvage import salvage

    with ProgressStore.open(db_path, clock=clock, fuzz=False) as store:
        uid = judged_attempt(store)
        store.record_dispute(of_attempt(uid), "pass", "kept through a recover")
    report = salvage(db_path, clock())
    assert report.rows_copied["disputes"] == 1 and report.total_lost == 0
    with ProgressStore.open(db_path, clock=clock, fuzz=False) as recovered:
        [dispute] = recovered.disputes()
        assert (dispute.judged.attempt_uid, dispute.note) == (uid, "kept through a recover")


def test_the_readable_export_lists_disputes_beside_the_graders_verdict(store: ProgressStore) -> None:
    from gitops_tutor.progress.transfer import export_markdown

    assert "Disputed verdicts" not in export_markdown(store)
    answer = "pull | reconcile"
    store.record_dispute(of_attempt(judged_attempt(store, answer=answer), answer=answer), "pass", "a | b")
    text = export_markdown(store)
    assert "## Disputed verdicts" in text
    assert "| 2026-03-02 09:00 | q1 | partial (55) | pass | a \\| b | pull \\| reconcile |" in text


def test_a_database_from_before_disputes_gains_the_table(db_path: Path, clock: FakeClock) -> None:
    from sqlite_utils import Database

    from gitops_tutor.progress.migrations import migrations

    db_path.parent.mkdir(parents=True)
    older = Database(db_path)
    migrations.apply(older, stop_before="m004_disputes")
    older.execute("PRAGMA user_version = 3")
    older.conn.commit()
    older.close()
    with ProgressStore.open(db_path, clock=clock, fuzz=False) as store:
        assert "disputes" in store.db.table_names()
        uid = judged_attempt(store)
        store.record_dispute(of_attempt(uid), "pass")
        assert [d.claimed for d in store.disputes()] == ["pass"] and store.attempt_count() == 1
