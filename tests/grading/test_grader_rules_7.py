"""No wrong or reversed answer passes (issue 12, grader-7). Each test failed before its rule."""

from __future__ import annotations

from dataclasses import replace

from gitops_tutor.curriculum.models import Concept, WrongClaim
from gitops_tutor.grading import Grader, GradeResult
from tests.grading.conftest import free_text

GRADER = Grader({})


def grade(question: object, answer: str) -> GradeResult:
    return GRADER.grade(question, answer)  # type: ignore[arg-type]


def statuses(question: object, answer: str) -> dict[str, str]:
    return {c.id: c.status for c in grade(question, answer).concepts}


# --- rule 1: "doesn't cause X" denies X: "cause" after a negation is the verb, not "because" --------

DOWNTIME = free_text(Concept("downtime", "Recreate has downtime", ("downtime",), required=True))


def test_a_negation_reaches_past_cause_the_verb() -> None:
    """Wave 9's swapped Recreate answer ("... and it doesn't cause any downtime") passed: "cause" was read
    as the spoken "because", which ends the reach of the "doesn't" before it."""
    assert statuses(DOWNTIME, "Recreate is cheap, and it doesn't cause any downtime.")["downtime"] == "negated"
    assert statuses(DOWNTIME, "Recreate won't cause downtime for users.")["downtime"] == "negated"


def test_cause_as_because_still_ends_a_denial() -> None:
    """ "we don't use it, cause downtime" keeps its reason asserted, as "because" does."""
    assert statuses(DOWNTIME, "We don't pick recreate cause downtime hurts users.")["downtime"] == "hit"
    assert statuses(DOWNTIME, "Recreate stops every pod first and that is the cause of downtime.")["downtime"] == "hit"


# --- rule 2: a clause that places the idea at another party gives it to that party ------------------

DEV = Concept("dev-auto", "Dev updates automatically", ("dev* .. automatic*", "automatic* .. dev*"))
PROD = Concept("prod-human", "Prod needs a human approval", ("prod* .. approv*", "human .. approv*"), required=True)
FLOW = replace(
    free_text(DEV, PROD),
    prompt="Describe a promotion flow across dev and prod, saying what is automated and where a human decides.",
)


def test_an_idea_placed_at_the_other_party_is_swapped() -> None:
    """Wave 9: "the human approval belongs at dev" gave prod's concept to dev and passed at 100."""
    answer = "Production is fully automatic. The human approval belongs at dev, where new code arrives first."
    assert statuses(FLOW, answer)["prod-human"] == "negated"
    assert grade(FLOW, answer).verdict == "fail"


def test_an_idea_placed_at_its_own_party_or_denied_elsewhere_is_no_swap() -> None:
    assert statuses(FLOW, "Dev deploys automatically. A human approval happens in prod.")["prod-human"] == "hit"
    assert statuses(FLOW, "Dev is automatic; the human approval is needed, but not in dev.")["prod-human"] == "hit"
    assert statuses(FLOW, "Dev is automatic; human approval comes only after dev.")["prod-human"] == "hit"


# --- rule 3: plain-words credit never comes from a sentence about another party ---------------------

BUILD = Concept(
    "dev-every-build", "Dev gets every new build", ("dev* .. every .. build", "newest build .. lands"), weight=2.0
)
HUMAN = Concept("prod-gate", "Prod is gated by a person", ("prod* .. gate*", "prod* .. person"), required=True)
BUILDS = replace(
    free_text(BUILD, HUMAN),
    prompt="Describe a promotion flow across dev and prod, saying what is automated and where a human decides.",
)


def test_plain_words_about_the_other_party_credit_nothing() -> None:
    """The words of "dev gets every new build" said of prod ("prod gets a fresh build that lands") are no
    plain-words statement of the dev concept; said of dev they are."""
    about_prod = "Prod is gated by a person who signs off. Prod also gets a fresh build that lands there."
    about_dev = "Prod is gated by a person who signs off. Dev gets a fresh build that lands there."
    assert statuses(BUILDS, about_prod)["dev-every-build"] == "missed"
    assert statuses(BUILDS, about_dev)["dev-every-build"] == "hit"


# --- rule 4: a claim that holds its own modal is asserted, whatever consequence follows it ----------

INBOUND = WrongClaim("inbound", "Claims pull agents need inbound access", ("agent* .. need* inbound",), 40)
HAND = WrongClaim("by-hand", "Recommends kubectl apply by hand", ("kubectl apply by hand",), 40)
EDGE = free_text(Concept("outbound", "Agents only connect out", ("outbound",)), claims=(INBOUND, HAND))


def claims(answer: str) -> list[str]:
    return [claim.id for claim in grade(EDGE, answer).wrong_claims]


def test_a_modal_inside_the_claim_makes_it_the_claim_not_a_warning() -> None:
    """Wave 9: "An agent in each store would need inbound connections and would break on flaky links" was read
    as a warning ("X would break ..."), so the myth it asserts was never charged."""
    assert claims("An agent in each store would need inbound connections and would break on flaky links.") == [
        "inbound"
    ]


def test_a_consequence_after_the_claim_still_warns_against_it() -> None:
    assert claims("Doing kubectl apply by hand would leave the cluster different from Git.") == []
