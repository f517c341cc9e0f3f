"""Free-text grading on small hand-made rubrics: one behaviour per test."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gitops_tutor.curriculum.models import Concept, Curriculum, WrongClaim
from gitops_tutor.grading import Grader, GradeResult
from tests.grading.conftest import free_text

ALIASES = {"argo cd": ("argocd", "argo"), "kubernetes": ("k8s",), "continuous integration": ("ci",)}
GRADER = Grader(ALIASES)

RECONCILE = Concept("reconcile", "Reconciles continuously", ("reconcil*",), weight=2, required=True)
DESIRED = Concept("desired", "Compares with the desired state in Git", ("desired state", "source of truth"), weight=2)
PULL = Concept("pull", "The agent pulls", ("argo cd .. pull*",), weight=1)
QUESTION = free_text(RECONCILE, DESIRED, PULL)


def status(result: GradeResult, concept_id: str) -> str:
    return next(c.status for c in result.concepts if c.id == concept_id)


def grade(answer: str, question=QUESTION) -> GradeResult:  # type: ignore[no-untyped-def]
    return GRADER.grade(question, answer)


def test_full_answer_passes_with_easy_rating() -> None:
    result = grade("ArgoCD pulls from git and reconciles the cluster to the desired state.")
    assert (result.score, result.verdict, result.rating) == (100, "pass", "easy")
    assert result.feedback == "Covers every point."


@pytest.mark.parametrize("form", ["reconciles", "reconciled", "reconciliation", "reconciling", "Reconcile"])
def test_word_forms_hit(form: str) -> None:
    assert status(grade(f"It {form} against the desired state"), "reconcile") == "hit"


@pytest.mark.parametrize("typo", ["reconsiles", "recocniles", "desried state"])
def test_typos_in_long_words_hit(typo: str) -> None:
    result = grade(f"it {typo}")
    assert "hit" in {status(result, "reconcile"), status(result, "desired")}


def test_short_words_need_an_exact_match() -> None:
    question = free_text(
        Concept("etcd", "etcd", ("etcd",)), Concept("ci", "CI", ("ci",)), Concept("pull", "pull", ("pull",))
    )
    result = grade("Reconciliation, push, etc.", question)
    assert [c.status for c in result.concepts] == ["missed", "missed", "missed"]


def test_evidence_offsets_map_to_the_original_answer() -> None:
    answer = "Our  ArgoCD instance pulls; it reconciles."
    result = grade(answer)
    pull = next(c for c in result.concepts if c.id == "pull")
    assert [answer[s:e] for s, e in pull.evidence] == ["ArgoCD instance pulls"]
    reconcile = next(c for c in result.concepts if c.id == "reconcile")
    assert [answer[s:e] for s, e in reconcile.evidence] == ["reconciles"]


def test_proximity_allows_a_few_words_in_one_clause_only() -> None:
    assert status(grade("Argo CD, the tool we run in every cluster, pulls"), "pull") == "missed"
    assert status(grade("Argo CD quietly and regularly pulls"), "pull") == "hit"
    assert status(grade("Argo CD is a tool that you install once and that eventually pulls"), "pull") == "missed"


def test_proximity_keeps_word_order() -> None:
    assert status(grade("it pulls, says Argo CD"), "pull") == "missed"


@pytest.mark.parametrize(
    "answer",
    [
        "It never reconciles anything.",
        "It does not reconcile.",
        "There is no reconciliation at all.",
        "It runs once without reconciling.",
        "Don't expect it to reconcile.",
    ],
)
def test_negation_before_a_hit_negates_it(answer: str) -> None:
    result = grade(answer)
    assert status(result, "reconcile") == "negated"
    assert result.verdict == "fail"


def test_negation_stops_at_a_clause_break() -> None:
    assert status(grade("Not a script, it reconciles"), "reconcile") == "hit"
    assert status(grade("No manual steps; it reconciles"), "reconcile") == "hit"
    assert status(grade("It is not push based but reconciles"), "reconcile") == "hit"


def test_instead_of_negates_what_follows_not_what_precedes() -> None:
    claim = WrongClaim("undo", "kubectl rollout undo", ("kubectl rollout undo",), penalty=40)
    revert = Concept("revert", "git revert", ("git revert",), required=True)
    question = free_text(revert, claims=(claim,))
    result = grade("Use git revert instead of kubectl rollout undo", question)
    assert status(result, "revert") == "hit" and result.wrong_claims == ()
    result = grade("Use kubectl rollout undo instead of git revert", question)
    assert status(result, "revert") == "negated" and [c.id for c in result.wrong_claims] == ["undo"]


def test_negation_inside_a_proximity_gap_negates() -> None:
    assert status(grade("Argo CD does not pull"), "pull") == "negated"


def test_pseudo_negation_is_not_negation() -> None:
    assert status(grade("It not only reconciles but also prunes"), "reconcile") == "hit"


def test_a_following_verdict_phrase_negates() -> None:
    claim = WrongClaim("plain", "plain secrets in git", ("secrets in git",))
    question = free_text(Concept("x", "x", ("sops",)), claims=(claim,))
    assert grade("Secrets in Git are a bad idea, use SOPS", question).wrong_claims == ()
    assert len(grade("Secrets in Git are fine, use SOPS", question).wrong_claims) == 1


def test_negated_by_marks_the_concept_negated() -> None:
    concept = Concept("pull", "pull", ("pull*",), required=True, negated_by=("push based",))
    result = grade("It is push based and pulls nothing", free_text(concept))
    assert status(result, "pull") == "negated"


def test_wrong_claim_costs_its_penalty_unless_negated() -> None:
    claim = WrongClaim("once", "Runs once", ("only once",), penalty=30)
    question = free_text(RECONCILE, DESIRED, PULL, claims=(claim,))
    base = grade("Argo CD pulls and reconciles to the desired state")
    wrong = grade("Argo CD pulls and reconciles to the desired state. It runs only once.", question)
    assert base.score - wrong.score == 30
    assert [c.id for c in wrong.wrong_claims] == ["once"]
    assert "Runs once" in wrong.feedback
    assert grade("It reconciles to the desired state, it does not run only once.", question).wrong_claims == ()


def test_swapped_roles_are_caught_by_proximity_claims() -> None:
    ui = Concept("argo-ui", "Argo CD has the UI", ("argo .. ui",), weight=2, required=True)
    fleet = Concept("flux-fleet", "Flux for fleets", ("flux .. many clusters",), weight=2, required=True)
    swapped = WrongClaim("swapped", "Swapped", ("flux .. rich ui", "argo .. many clusters"), penalty=50)
    question = free_text(ui, fleet, claims=(swapped,))
    right = GRADER.grade(question, "Argo CD for the rich UI, Flux for many clusters")
    wrong = GRADER.grade(question, "Flux for the rich UI, Argo CD for many clusters")
    assert right.verdict == "pass" and right.wrong_claims == ()
    assert wrong.verdict == "fail" and [c.id for c in wrong.wrong_claims] == ["swapped"]


def test_a_proximity_pattern_with_an_actor_does_not_jump_over_another_actor() -> None:
    claim = WrongClaim("ci-reconciles", "CI reconciles", ("ci .. reconcil*",))
    question = free_text(Concept("x", "x", ("build*",)), claims=(claim,))
    assert grade("CI builds and Argo CD reconciles", question).wrong_claims == ()
    assert len(grade("CI builds and then reconciles", question).wrong_claims) == 1


def test_missing_required_concept_caps_below_pass() -> None:
    result = grade("Argo CD pulls the desired state")
    assert status(result, "reconcile") == "missed"
    assert result.score == 60 and result.verdict == "partial"
    assert result.feedback.startswith("Missing: Reconciles continuously")


def test_negated_required_concept_caps_at_fail() -> None:
    result = grade("Argo CD pulls the desired state but never reconciles")
    assert result.verdict == "fail" and result.score <= 20


def test_thresholds_can_be_overridden_per_question() -> None:
    strict = free_text(RECONCILE, DESIRED, PULL, pass_threshold=95, partial_threshold=90)
    result = grade("It reconciles towards the desired state", strict)
    # 80% coverage misses the strict pass line; the required idea said right still earns partial
    assert result.score == 90 and result.verdict == "partial"


def test_keyword_lists_are_capped_at_fail() -> None:
    result = grade("reconcile, desired state, Argo CD, pull, drift, Git")
    assert "list-like" in result.flags
    assert result.verdict == "fail"
    assert "keyword list" in result.feedback


def test_terse_bullets_are_not_keyword_lists() -> None:
    result = grade("- Argo CD pulls from Git\n- reconciles to the desired state")
    assert "list-like" not in result.flags and result.verdict == "pass"


@pytest.mark.parametrize("answer", ["", "   \n\t", "!!!", "no idea", "I don't know", "idk, sorry", "pass"])
def test_empty_and_no_idea_answers_fail_with_a_flag(answer: str) -> None:
    result = grade(answer)
    assert (result.score, result.verdict, result.rating) == (0, "fail", "again")
    assert result.flags in (("empty",), ("no-idea",))
    assert all(c.status == "missed" for c in result.concepts)


def test_a_megabyte_answer_is_refused_quickly() -> None:
    result = grade("reconcile " * 100_000)
    assert result.flags == ("too-long",) and result.verdict == "fail"
    assert "longer than" in result.feedback


def test_control_characters_do_not_break_grading() -> None:
    result = grade("Argo\x00CD\x1b[0m pulls\r\nand reconciles\x07 the desired\tstate")
    assert result.verdict == "pass"


def test_grading_is_deterministic_and_cached() -> None:
    answer = "Argo CD pulls; it reconciles to the desired state, not only once."
    first = GRADER.grade(QUESTION, answer)
    assert all(Grader(ALIASES).grade(QUESTION, answer) == first for _ in range(3))
    assert GRADER.compiled(QUESTION) is GRADER.compiled(QUESTION)


def test_to_dict_is_json_ready() -> None:
    import json

    data = grade("Argo CD pulls and reconciles").to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["concepts"][0]["evidence"] == [[18, 28]]


def test_a_short_keyword_list_stays_below_pass() -> None:
    result = grade("reconciliation, desired state, Argo CD pulls")
    assert "list-like" in result.flags
    assert result.verdict == "partial"


def test_labelled_lines_are_an_answer_not_a_list() -> None:
    result = grade("argo cd: pulls, reconciles\ngit: desired state, history\nhow: loop, drift, repair")
    assert "list-like" not in result.flags and result.verdict == "pass"


@pytest.mark.parametrize(
    "answer",
    ["Whether or not you like it, it reconciles", "Without a doubt it reconciles", "It reconciles, no doubt"],
)
def test_more_pseudo_negations(answer: str) -> None:
    assert status(grade(answer), "reconcile") == "hit"


def test_as_opposed_to_negates_what_follows() -> None:
    assert status(grade("Use a push script as opposed to reconciling"), "reconcile") == "negated"


# Weaknesses content authors found (follow-up to issue 3): one test per report, with its answer.


def test_negation_scope_ends_where_and_starts_a_clause_of_its_own() -> None:
    answer = "CI holds no cluster credentials and the desired state is reconciled continuously."
    assert status(grade(answer), "reconcile") == "hit"
    assert status(grade("It has no drift and it reconciles"), "reconcile") == "hit"
    assert status(grade("No pull requests and reconciliation"), "reconcile") == "negated"  # a noun list stays negated


def test_negation_scope_across_and_on_the_shipped_rubric(shipped: Curriculum, shipped_grader: Grader) -> None:
    question = shipped.questions["push-vs-pull-benefits"]
    one = (
        "With pull an agent in the cluster fetches from Git, so CI holds no cluster credentials and drift is "
        "corrected continuously."
    )
    two = one.replace(" and drift", ". Drift")
    assert status(shipped_grader.grade(question, one), "drift") == "hit"
    assert shipped_grader.grade(question, one).score == shipped_grader.grade(question, two).score


@pytest.mark.parametrize(
    "answer",
    [
        "Build once, promote the artifact, same image, overlays, untested, digest",
        "build once promote artifact same image overlays untested digest",
        "reconcile desired state argo cd pull drift git",
    ],
)
def test_keyword_lists_with_content_function_words_or_no_commas_fail(answer: str) -> None:
    question = free_text(
        Concept("one", "same image", ("same image", "reconcil*"), weight=3, required=True),
        Concept("untested", "untested", ("untested", "desired state"), weight=3, required=True),
        Concept("config", "overlays", ("overlay*", "drift"), weight=1),
    )
    result = grade(answer, question)
    assert "list-like" in result.flags and result.verdict == "fail"


@pytest.mark.parametrize(
    "answer",
    ["Argo CD pulls the desired state and reconciles", "It reconciles continuously towards the desired state"],
)
def test_terse_real_sentences_are_not_lists(answer: str) -> None:
    result = grade(answer)
    assert "list-like" not in result.flags


def test_a_run_with_little_grammar_is_kept_below_pass_but_not_failed() -> None:
    result = grade("Argo CD pulls desired state reconciles drift and converges")  # one grammar word in nine
    assert "list-like" in result.flags and result.verdict == "partial"


def test_a_negative_phrasing_in_the_rubric_accepts_any_negation() -> None:
    audit = Concept("no-audit", "Nobody reviewed it", ("review*", "nobody review*"), required=True)
    lookup = Concept("no-lookup", "lookup does not help", ("lookup", "lookup doesnt help", "lookup cant"))
    question = free_text(audit, lookup)
    assert [c.status for c in grade("Nobody reviewed it and lookup doesn't help", question).concepts] == ["hit", "hit"]
    assert [c.status for c in grade("It was never reviewed; there is no lookup", question).concepts] == ["hit", "hit"]
    only_negative = free_text(Concept("no-audit", "Nobody reviewed it", ("nobody review*",)))
    assert status(grade("It was not even reviewed", only_negative), "no-audit") == "hit"
    assert status(grade("It doesn't skip the review", only_negative), "no-audit") == "missed"


def test_a_negated_positive_concept_stays_negated() -> None:
    concept = Concept("finalizer", "finalizer", ("finalizer*", "did not have .. finalizer"), required=True)
    assert status(grade("No finalizer is involved", free_text(concept)), "finalizer") == "negated"


def test_no_flags_are_names_not_negations() -> None:
    refs = Concept("refs", "cross-namespace refs", ("cross-namespace",))
    bases = Concept("bases", "remote bases", ("remote bases",))
    result = grade("--no-cross-namespace-refs + --no-remote-bases", free_text(refs, bases))
    assert [c.status for c in result.concepts] == ["hit", "hit"]
    assert status(grade("There are no remote bases", free_text(bases)), "bases") == "negated"
    reviewed = Concept("reviewed", "reviewed", ("review*",))
    assert status(grade("No-one reviewed it", free_text(reviewed)), "reviewed") == "negated"


def test_a_correct_terse_list_answers_a_list_question_partly() -> None:
    concepts = [Concept(name, name, (name,)) for name in ("sourcerepos", "destinations", "roles", "syncwindows")]
    wrong = WrongClaim("default", "default project", ("default project",), penalty=30)
    question = replace(free_text(*concepts, claims=(wrong,)), prompt="Which of its fields would you set?")
    assert (
        grade("sourceRepos, destinations, roles, syncWindows, clusterResourceWhitelist", question).verdict == "partial"
    )
    assert grade("sourceRepos, destinations, roles, default project, syncWindows", question).verdict == "fail"
    why = replace(question, prompt="Why does it matter?", content_hash="why")  # a new hash: a new compiled rubric
    assert grade("sourceRepos, destinations, roles, syncWindows, clusterResourceWhitelist", why).verdict == "fail"


def test_a_parenthesised_group_details_one_item() -> None:
    concepts = [Concept(name, name, (name,)) for name in ("source", "repourl", "destination", "namespace", "project")]
    answer = "source (repoURL, targetRevision, path), destination (server or name + namespace), project."
    assert "list-like" not in grade(answer, free_text(*concepts)).flags


def test_a_list_question_is_answered_by_a_correct_list() -> None:
    """ "Name the four principles": four items, each a principle, nothing wrong, answer it in full."""
    from gitops_tutor.grading import shape

    assert shape.asks_for_list("Name the four OpenGitOps principles and say what each asks for.")
    assert shape.asks_for_list("Name at least three places.")
    assert not shape.asks_for_list("Why did the three pods restart?")


def test_a_correct_short_list_answers_a_list_question_in_full() -> None:
    import dataclasses

    from gitops_tutor.grading import Grader

    concepts = [Concept(c, c, (c,)) for c in ("declarative", "versioned", "pulled", "reconciled")]
    question = dataclasses.replace(
        free_text(*concepts), prompt="Name the four principles and what each asks for.", content_hash="list-q"
    )
    grader = Grader()
    assert grader.grade(question, "declarative, versioned, pulled automatically, reconciled").verdict == "pass"
    assert (
        grader.grade(free_text(*concepts), "declarative, versioned, pulled automatically, reconciled").verdict != "pass"
    )
