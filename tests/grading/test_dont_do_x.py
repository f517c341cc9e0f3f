"""A wrong claim costs points only when the answer asserts it, and a right idea earns partial at least."""

from __future__ import annotations

import dataclasses

from gitops_tutor.curriculum.models import Concept, WrongClaim
from gitops_tutor.grading import Grader
from tests.grading.conftest import free_text

GRADER = Grader({"argo cd": ("argo",)})
HOOK = free_text(
    Concept("pre", "a PreSync hook runs the migration", ("presync",), weight=3, required=True),
    Concept("fail", "a failed hook stops the sync", ("fail* .. stop*",), weight=3),
    Concept("policy", "delete policy", ("delete policy",), weight=2),
    claims=(WrongClaim("post", "a PostSync hook", ("postsync",), penalty=35),),
)
UNDO = free_text(
    Concept("revert", "git revert", ("git revert",), required=True),
    claims=(WrongClaim("undo", "kubectl rollout undo", ("rollout undo",), penalty=40),),
)


def claims(question: object, answer: str) -> list[str]:
    return [c.id for c in GRADER.grade(question, answer).wrong_claims]  # type: ignore[arg-type]


def test_naming_a_bad_consequence_rejects_the_claim() -> None:
    assert claims(HOOK, "A PreSync hook; a PostSync hook would be too late because it runs after the code") == []
    answer = "git revert it. Doing kubectl rollout undo would leave the cluster different from Git"
    assert claims(UNDO, answer) == []
    assert claims(UNDO, "A rollout undo could be reverted by Argo on the next sync, so git revert") == []


def test_asserting_the_claim_still_costs() -> None:
    assert claims(HOOK, "Use a PostSync hook to run the migration") == ["post"]
    assert claims(UNDO, "Run kubectl rollout undo, it would fix things fast") == ["undo"]
    assert claims(UNDO, "kubectl rollout undo is the quickest way back") == ["undo"]


def test_a_contrast_or_an_avoid_before_the_claim_rejects_it() -> None:
    assert claims(HOOK, "Unlike what some do, a PostSync job, use PreSync") == []
    assert claims(HOOK, "Avoid it, PostSync runs once the code is live") == []


def test_a_required_idea_said_right_earns_at_least_partial() -> None:
    result = GRADER.grade(HOOK, "Run it as a PreSync hook.")
    assert result.score == 40 and result.verdict == "partial"
    assert GRADER.grade(HOOK, "Run it as a PreSync hook, or a PostSync one.").verdict == "fail"
    assert GRADER.grade(HOOK, "Never a PreSync hook.").verdict == "fail"


def test_calibration_needs_the_answer_to_be_about_the_idea() -> None:
    """One right term brushed in passing among claims the rubric cannot see is not a partial answer."""
    answer = "Hooks are optional. Run the migration after the deploy. It uses a PreSync job. Then scale it by hand."
    assert GRADER.grade(HOOK, answer).verdict == "fail"
    assert GRADER.grade(HOOK, "It is a PreSync hook. Nothing else matters.").verdict == "partial"


def test_a_negation_in_a_purpose_clause_names_the_risk() -> None:
    risk = free_text(Concept("risk", "the next promotion overwrites it", ("overwrit*",), required=True))
    assert (
        GRADER.grade(risk, "Backport it so that the next promotion doesn't overwrite it.").concepts[0].status == "hit"
    )
    assert GRADER.grade(risk, "Backport it to avoid overwriting the fix.").concepts[0].status == "hit"
    assert GRADER.grade(risk, "The next promotion doesn't overwrite it.").concepts[0].status == "negated"


REVERT = free_text(Concept("revert", "git revert the commit", ("git revert",), required=True))


def test_a_hedge_negates_nothing() -> None:
    """ "I'm not sure", "if I'm not mistaken", "I don't remember exactly" are about the speaker, they
    do not deny what follows (transcribed speech has no comma to end the cue's scope). A doubt ("I'm
    not sure you ...") does not assert it either; a discourse marker ("if I'm not mistaken") does."""
    for hedge in (
        "if I'm not mistaken you git revert the bad commit",
        "not gonna lie I would git revert the bad commit",
        "I'm not 100% sure but you git revert the bad commit",
    ):
        assert GRADER.grade(REVERT, hedge).concepts[0].status == "hit", hedge
    for doubt in (
        "I'm not sure you git revert the bad commit",
        "I don't remember exactly whether you git revert the bad commit",
        "I'm not really sure you need to git revert the bad commit",
    ):
        assert GRADER.grade(REVERT, doubt).concepts[0].status == "missed", doubt
    assert GRADER.grade(REVERT, "I'm sure you don't git revert the bad commit").concepts[0].status == "negated"
    assert GRADER.grade(REVERT, "you never git revert a bad commit").concepts[0].status == "negated"


DATED = free_text(Concept("dated", "the claim is out of date", ("out of date", "outdated"), required=True))


def test_a_cue_inside_a_quotation_negates_only_the_quotation() -> None:
    """Quoting the claim one rebuts ('"No UI" is out of date') denies nothing outside the quotes."""
    assert GRADER.grade(DATED, '"No UI" is out of date').concepts[0].status == "hit"
    assert GRADER.grade(DATED, "The claim “Flux has no UI” is outdated").concepts[0].status == "hit"
    assert GRADER.grade(DATED, 'It is "not out of date" at all').concepts[0].status == "negated"
    assert GRADER.grade(DATED, "No UI is out of date").concepts[0].status == "negated"


STAYS = free_text(Concept("stays", "the change stays", ("change stays", "sits there"), required=True))


def test_without_negates_its_own_phrase_not_the_clause_after_it() -> None:
    """Spoken answers drop the comma after a "without" phrase: "without selfHeal the change stays"
    says the change stays; "without the change staying" still denies it."""
    for answer in (
        "Without selfHeal the change stays until the next sync",
        "without it the change stays",
        "Without selfHeal it sits there",
        "without protection anyone's change stays",
    ):
        assert GRADER.grade(STAYS, answer).concepts[0].status == "hit", answer
    denied = ("it syncs without the change staying", "it ships without any change staying")
    for answer in denied:
        assert GRADER.grade(STAYS, answer).concepts[0].status == "negated", answer


def test_an_admitted_gap_does_not_count_against_the_idea_said() -> None:
    """A junior's partial answer says one thing right and admits the rest ("I'm not sure about the
    failure case"): the admission is no claim, so it does not make the answer look unfocused."""
    answer = (
        "Run it as a PreSync hook so it goes first. I'm not totally sure what happens when it fails, honestly. "
        "I don't really remember the rest of the options there."
    )
    assert GRADER.grade(HOOK, answer).verdict == "partial"
    # the same shape with two sentences of unknown claims instead: one sentence in three is credited
    wrong = (
        "Run it as a PreSync hook so it goes first. Then scale the Deployment down by hand before each release. "
        "Afterwards restart every pod manually so the new schema gets picked up."
    )
    assert GRADER.grade(HOOK, wrong).verdict == "fail"


PUSH = free_text(Concept("push", "it is push-based", ("push* based", "push model"), required=True))


def test_a_negation_does_not_reach_past_because() -> None:
    """ "It's not GitOps because it's push-based": the reason after "because" is asserted, not denied."""
    assert GRADER.grade(PUSH, "It's not real GitOps because it's push-based").concepts[0].status == "hit"
    assert GRADER.grade(PUSH, "It isn't GitOps since it is push-based").concepts[0].status == "hit"
    assert GRADER.grade(PUSH, "It is not push-based").concepts[0].status == "negated"


PRUNE = free_text(
    Concept("prune", "prune deletes what was removed from Git", ("delet* .. removed",), required=True),
    Concept("auto", "automated syncs on its own", ("sync* .. itself",), required=True),
)


def test_a_negation_in_a_condition_or_a_default_denies_nothing() -> None:
    """ "By default it won't delete what you removed", "if you don't enable prune, nothing is deleted",
    "Without wait: true, Ready only means applied" describe a condition, they deny no idea: such a match
    counts neither way."""
    for answer in (
        "It syncs by itself. By default it won't delete things you removed from Git",
        "It syncs by itself. If you don't turn prune on it won't delete what you removed",
        "It syncs by itself. Without prune it never deletes what you removed",
    ):
        assert GRADER.grade(PRUNE, answer).concepts[0].status != "negated", answer
    assert GRADER.grade(PRUNE, "It syncs by itself. It won't delete what you removed").concepts[0].status == "negated"


def test_a_stated_opposite_inside_a_condition_is_no_opposite() -> None:
    wait = free_text(Concept("wait", "wait for health", ("wait",), required=True, negated_by=("without wait",)))
    answer = "Set wait: true. Without wait: true, Ready only means the apply succeeded."
    assert GRADER.grade(wait, answer).concepts[0].status == "hit"
    assert GRADER.grade(wait, "It works fine without wait.").concepts[0].status == "negated"


LOCAL = free_text(
    Concept("sso", "SSO", ("sso",), required=True),
    claims=(WrongClaim("local", "a local account per person", ("local account per person",), penalty=40),),
)


def test_a_prohibition_governs_its_whole_sentence() -> None:
    answer = "Use SSO. Don't hand out the admin password or create one local account per person, because they linger."
    assert claims(LOCAL, answer) == []
    assert claims(LOCAL, "Use SSO and create one local account per person.") == ["local"]


def test_a_claim_inside_a_condition_is_not_asserted() -> None:
    forbids = free_text(
        Concept("fast", "an expedited path", ("expedited",), required=True),
        claims=(WrongClaim("no", "it is impossible", ("isnt possible",), penalty=30),),
    )
    assert claims(forbids, "Roll forward only if revert isn't possible. Use the expedited path.") == []
    assert claims(forbids, "A hotfix isn't possible in GitOps.") == ["no"]


def test_a_claim_said_of_the_tool_the_question_is_not_about_is_a_comparison() -> None:
    flux = dataclasses.replace(
        free_text(
            Concept("dep", "dependsOn", ("dependson",), required=True),
            claims=(WrongClaim("waves", "sync waves", ("sync waves",), penalty=35),),
        ),
        prompt="In Flux, how do you make the apps wait for cert-manager?",
        content_hash="flux-q",
    )
    assert claims(flux, "Use dependsOn. In Argo CD you'd solve the same with sync waves; in Flux it's dependsOn.") == []
    assert claims(flux, "Use sync waves on the Kustomizations.") == ["waves"]


def test_nothing_stops_x_from_y_asserts_y() -> None:
    """ "Nothing stops one team from editing another team's objects" says they can: a risk, not a denial."""
    edit = free_text(Concept("x", "teams edit each other's objects", ("another team*",), required=True))
    for answer in (
        "nothing stopped one team from editing another team's ConfigMap",
        "Nothing prevents a developer from touching another team's namespace",
    ):
        assert GRADER.grade(edit, answer).concepts[0].status == "hit", answer
    assert GRADER.grade(edit, "nobody can edit another team's ConfigMap").concepts[0].status == "negated"


def test_a_prohibition_or_a_condition_does_not_excuse_the_advice_after_it() -> None:
    """ "Don't bother with Git, just X" and "if it breaks just X" still advise X."""
    assert claims(UNDO, "Don't bother with Git, just run kubectl rollout undo.") == ["undo"]
    assert claims(UNDO, "Don't worry about history; kubectl rollout undo is fastest.") == ["undo"]
    assert claims(UNDO, "If it breaks just do a kubectl rollout undo") == ["undo"]
    assert claims(UNDO, "if it breaks you run kubectl rollout undo") == ["undo"]
    revert = free_text(Concept("r", "git revert", ("git revert",), required=True))
    assert GRADER.grade(revert, "if it breaks you don't git revert, you roll back").concepts[0].status == "negated"
    assert claims(UNDO, "if you are in a hurry you run kubectl rollout undo") == ["undo"]


def test_an_evaluation_after_the_idea_negates_it() -> None:
    """ "Two repos is not supported", "a revert isn't possible": said after the idea, they deny it."""
    two = free_text(Concept("two", "two repositories", ("two repo*",), required=True))
    for answer in ("Two repos is not supported.", "Two repos are unsupported by Flux.", "Two repos isn't possible."):
        assert GRADER.grade(two, answer).concepts[0].status == "negated", answer
    assert GRADER.grade(two, "Two repos are supported by both tools.").concepts[0].status == "hit"
