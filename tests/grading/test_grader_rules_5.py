"""Grader rules the rubric authors could not fix (issue 12, self-play reports): each failed before its rule."""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept
from gitops_tutor.grading import Grader, GradeResult, shape
from tests.grading.conftest import free_text

GRADER = Grader({})


def grade(question: object, answer: str) -> GradeResult:
    return GRADER.grade(question, answer)  # type: ignore[arg-type]


def status(question: object, answer: str, concept_id: str = "idea") -> str:
    return next(c.status for c in grade(question, answer).concepts if c.id == concept_id)


HUB = free_text(
    Concept("hub", "the hub holds every cluster's credentials", ("creds central", "all creds"), required=True),
    Concept("pane", "one UI for the fleet", ("single pane",)),
    Concept("agent", "agents are isolated and outbound-only", ("isolated", "outbound")),
    Concept("cost", "agents lose the overview", ("no overview",)),
)


def test_labelled_groups_relate_their_items() -> None:
    """ "Hub - a, b. Agent - c, d." says which side each item belongs to, as "=" and "->" do."""
    shorthand = "Hub - single pane, all creds central. Agent - isolated, outbound-only, no overview."
    assert shape.relates(shorthand)
    assert grade(HUB, shorthand).verdict == "pass"
    keywords = "hub, single pane, all creds, isolated, outbound, no overview"
    assert grade(HUB, keywords).verdict == "fail"


def test_not_equal_and_via_relate_items() -> None:
    assert shape.relates("Job before app; revert != schema rollback")
    assert shape.relates("commit via PR, then sync")
    assert not shape.relates("Job, app, revert, schema rollback")


GLASS = free_text(
    Concept("suspend", "pause reconciliation first", ("suspend",), required=True),
    Concept("commit", "commit the same change, then resume", ("commit same", "resume")),
    Concept("audit", "audited access, revoked after", ("audited", "revoke")),
    Concept("review", "review afterwards", ("review",)),
)


def test_correct_items_said_in_clauses_reach_partial() -> None:
    """A terse answer that splits correct items into clauses is shorthand, not a dump: partial."""
    steps = "Audited temp creds; suspend reconciler; minimal fix; commit same to Git; resume; revoke; review."
    assert shape.grouped(steps)
    assert grade(GLASS, steps).verdict == "partial"
    dump = "audited, suspend, minimal fix, commit same, resume, revoke, review"
    assert not shape.grouped(dump)
    assert grade(GLASS, dump).verdict == "fail"


def test_which_changes_asks_for_a_list_but_what_changes_does_not() -> None:
    assert shape.asks_for_list("Which 3.0 default changes do you check for before the upgrade?")
    assert not shape.asks_for_list("What changes in practice because Argo CD renders charts with helm template?")


def test_a_dotted_name_is_no_clause_break() -> None:
    assert not shape.grouped("upgrade.crds, CreateReplace, helm template, 6.5.x")
    assert shape.grouped("upgrade.crds Skip. CreateReplace, helm template")
