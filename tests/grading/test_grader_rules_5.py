"""Grader rules the rubric authors could not fix (issue 12, self-play reports): each failed before its rule."""

from __future__ import annotations

from dataclasses import replace

from gitops_tutor.curriculum.models import Concept, WrongClaim
from gitops_tutor.grading import Grader, GradeResult, shape
from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.roles import concept_subjects
from gitops_tutor.grading.text import tokenize
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


def claims(question: object, answer: str) -> list[str]:
    return [c.id for c in grade(question, answer).wrong_claims]


AUTOSYNC = free_text(
    Concept("idea", "selfHeal reverts live edits", ("selfheal .. revert*",), required=True),
    claims=(WrongClaim("auto", "automated sync reverts live edits", ("automated sync reverts",), penalty=40),),
)


def test_a_belief_held_by_others_is_reported_not_claimed() -> None:
    for frame in ("People often expect that", "The junior said", "My colleague assumes", "Some teams think"):
        assert claims(AUTOSYNC, f"{frame} automated sync reverts it. Only selfHeal reverts it.") == [], frame
    assert claims(AUTOSYNC, "I think automated sync reverts it, and selfHeal reverts it too.") == ["auto"]
    assert claims(AUTOSYNC, "Automated sync reverts it, and selfHeal reverts it too.") == ["auto"]


def test_a_named_mistake_is_not_advice() -> None:
    assert claims(AUTOSYNC, "The classic mistake is automated sync reverts it; selfHeal reverts it.") == []


INBOUND = free_text(
    Concept("idea", "agents only connect out", ("connects out",), negated_by=("needs inbound access",), required=True)
)


def test_a_myth_is_no_opposite_of_the_concept() -> None:
    assert status(INBOUND, "It's a myth that Flux needs inbound access: the agent connects out.") == "hit"
    assert status(INBOUND, "Flux needs inbound access, though the agent connects out.") == "negated"


OUTSIDE = replace(
    free_text(
        Concept("idea", "Flux runs in the cluster", ("pulls from inside",), required=True),
        claims=(WrongClaim("outside", "Flux runs outside the cluster", ("runs outside the cluster",), penalty=40),),
    ),
    prompt="Where do Flux and Argo CD run?",
)


def test_unlike_rejects_only_its_own_clause() -> None:
    assert claims(OUTSIDE, "Flux, unlike Argo CD, runs outside the cluster and pushes to it.") == ["outside"]
    assert claims(OUTSIDE, "Unlike a tool that runs outside the cluster, Flux pulls from inside.") == []


ROLLBACK = free_text(
    Concept("idea", "revert in Git", ("git revert",), required=True),
    claims=(WrongClaim("helm", "run helm rollback", ("helm rollback",), penalty=40),),
)


def test_a_war_story_is_not_advice() -> None:
    assert claims(ROLLBACK, "We once did a helm rollback and the controller upgraded it right back. Git revert.") == []
    assert claims(ROLLBACK, "We used to do a helm rollback; now we git revert.") == []
    assert claims(ROLLBACK, "Do a helm rollback, then git revert.") == ["helm"]


SCANNING = free_text(Concept("idea", "turn on secret scanning", ("secret scanning",), required=True))


def test_so_it_doesnt_happen_again_names_a_purpose() -> None:
    assert status(SCANNING, "Rotate it and turn on secret scanning so it doesn't happen again") == "hit"
    assert status(SCANNING, "Rotate it; secret scanning doesn't help here") == "negated"


DRIFT = free_text(
    Concept("idea", "drift: live differs from desired", ("live .. differ*",), required=True),
    claims=(WrongClaim("b64", "base64 is encryption", ("base64 .. encrypt*",), penalty=40),),
)


def test_not_equal_reads_differs_from() -> None:
    assert status(DRIFT, "Drift = live != desired (manual edit).") == "hit"
    assert status(DRIFT, "Drift = live ≠ desired.") == "hit"
    assert claims(DRIFT, "Not plaintext (base64 != encryption); live != desired.") == []
    assert claims(DRIFT, "base64 is encryption enough; live != desired.") == ["b64"]


def test_not_equal_keeps_spans_and_word_order() -> None:
    tokens = tokenize("live != desired")
    assert [(t.raw, t.start, t.end, t.word) for t in tokens] == [
        ("live", 0, 4, 0),
        ("differs", 5, 7, 1),
        ("from", 5, 7, 1),
        ("desired", 8, 15, 2),
    ]
    assert len({t.sentence for t in tokens}) == 1  # "!" is no sentence end here


KYVERNO = free_text(Concept("idea", "Kyverno verifies images", ("kyverno verifyimages",), required=True))


def test_an_arrow_ends_the_reach_of_a_negation() -> None:
    assert status(KYVERNO, "Argo: no OCI verify -> Kyverno verifyImages") == "hit"
    assert status(KYVERNO, "Argo: no Kyverno verifyImages") == "negated"
    assert status(DRIFT, "drift: live -> differs") == "hit"  # the arrow still joins its two sides


REVIEWS = free_text(
    Concept("idea", "required reviews on main", ("required review*",), required=True),
    Concept("selfheal", "selfHeal puts manual edits back", ("selfheal .. put* .. back",)),
)


def test_a_verb_of_disabling_negates_its_object() -> None:
    assert status(REVIEWS, "For speed you disable required reviews on main") == "negated"
    assert status(REVIEWS, "Keep required reviews on main") == "hit"


def test_disable_x_otherwise_x_does_y_stresses_what_x_does() -> None:
    answer = "Disable selfHeal first, otherwise Argo CD selfHeal puts it back; keep required reviews."
    assert status(REVIEWS, answer, "selfheal") == "hit"
    assert status(REVIEWS, "Disable selfHeal, it puts it back; keep required reviews.", "selfheal") == "negated"


CASES = free_text(
    Concept("idea", "look at the diff", ("diff",), required=True),
    claims=(WrongClaim("swap", "swaps the cases", ("intended, sync it away",), penalty=60),),
)


def test_a_claim_that_runs_from_a_condition_into_its_advice_counts() -> None:
    assert claims(CASES, "Check the diff. If the change was intended, sync it away.") == ["swap"]
    assert claims(CASES, "Check the diff. If it was intended, commit it; sync it away otherwise.") == []


def test_a_grammar_word_or_pronoun_opening_a_label_is_no_party() -> None:
    aliases = AliasMap({})
    prompt = "When would you still choose app-of-apps, and when is an ApplicationSet the better tool?"
    labels = ["App-of-apps for a few hand-written apps", "ApplicationSets for many similar Applications"]
    assert concept_subjects(labels, prompt, aliases) == [None, None]  # "of" was a party
    labels = ["It is still reviewed", "Skipping dev is risky", "The fix lands in staging too"]
    assert "is" not in concept_subjects(labels, "Can you skip dev? Is the fix then reviewed?", aliases)


PRACTICE = replace(
    free_text(
        Concept("ui", "Argo CD has a web UI", ("web ui",)),
        Concept("cli", "Flux is CLI-driven", ("cli",)),
        Concept("idea", "In practice: Argo CD rolls back by reverting Git", ("revert* git",), required=True),
    ),
    prompt="In practice, how do Argo CD and Flux differ?",
)


def test_a_label_opening_with_a_preposition_makes_no_swap() -> None:
    assert status(PRACTICE, "Argo CD has a web UI, Flux a CLI; Argo CD rolls back by reverting Git.") == "hit"


COMMITS = free_text(
    Concept("idea", "drift triggers reconciliation", ("manual changes",), required=True),
    claims=(WrongClaim("only", "reconciles only on commits", ("only on commit*",), penalty=40),),
)


def test_not_only_x_denies_the_claim_only_x() -> None:
    assert claims(COMMITS, "The agent reacts to manual changes too, not only on commits.") == []
    assert claims(COMMITS, "The agent reacts only on commits, not to manual changes.") == ["only"]


LEAK = free_text(
    Concept("rotate", "rotate the secrets at their source", ("rotat* .. source",), required=True),
    Concept("key", "a new sealing key", ("new sealing key",)),
    Concept("delete", "delete the leaked key", ("delete* .. key",)),
    Concept("find", "find the leak", ("find .. leak",)),
)


def test_correct_items_said_as_phrases_reach_partial() -> None:
    phrases = "rotate all real secrets at source, new sealing key, reseal, delete leaked key, find leak"
    assert shape.phrased_items(phrases, tokenize(phrases))
    assert grade(LEAK, phrases).verdict == "partial"
    names = "rotate at source, new sealing key, reseal, delete key, leak"
    assert not shape.phrased_items(names, tokenize(names))
    assert grade(LEAK, names).verdict == "fail"


LABEL = free_text(
    Concept("idea", "the project bounds what an app may do", ("project .. bound*",), required=True),
    claims=(WrongClaim("label", "the project is just a label", ("project is just a label",), penalty=40),),
)


def test_not_just_inside_a_claim_denies_it() -> None:
    assert claims(LABEL, "spec.project is not just a label: the project bounds the app.") == []
    assert claims(LABEL, "spec.project is just a label; the project bounds nothing.") == ["label"]


PRUNE = free_text(Concept("idea", "prune deletes what left Git", ("prun*",), required=True))


def test_and_with_a_verb_and_its_object_pronoun_opens_a_clause() -> None:
    assert status(PRUNE, "It finds objects that are no longer in Git and prunes them") == "hit"
    assert status(PRUNE, "It keeps objects that are not in Git and never prunes them") == "negated"
    assert status(PRUNE, "There is no pruning and no cleanup") == "negated"
