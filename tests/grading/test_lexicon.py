"""The lexicon: classes of meaning shared by answers and rubrics, and the checks that keep it safe."""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept, Curriculum
from gitops_tutor.grading import Grader
from gitops_tutor.grading.lexicon import lexicon_problems, ordinary_form
from tests.grading.conftest import free_text

LEXICON = {"revert": ("undo", "back out"), "ignore": ("disregard", "exclude"), "git": ("version control",)}
GRADER = Grader(LEXICON)


def test_a_class_carries_every_wording_and_word_form_to_the_rubric() -> None:
    question = free_text(Concept("r", "revert the commit", ("revert .. commit",), required=True))
    for answer in ("undo the commit", "we backed out the bad commit", "undoing that commit", "reverted the commit"):
        assert GRADER.grade(question, answer).verdict == "pass", answer


def test_a_rubric_written_with_a_member_meets_the_class_name_too() -> None:
    question = free_text(Concept("i", "exclude it", ("exclude* .. field",), required=True))
    assert GRADER.grade(question, "tell it to disregard that field").verdict == "pass"
    assert GRADER.grade(question, "tell it to ignore that field").verdict == "pass"


def test_multi_word_forms_stay_one_phrase() -> None:
    question = free_text(Concept("g", "in git", ("store* .. in git",), required=True))
    assert GRADER.grade(question, "stored in version control").verdict == "pass"
    assert GRADER.grade(question, "stored in a version of the control plane").verdict != "pass"


def test_ordinary_words_are_refused_as_forms() -> None:
    assert ordinary_form("set")
    assert ordinary_form("Runs")
    assert not ordinary_form("turn off")
    assert not ordinary_form("undo")


def test_validate_reports_an_ordinary_form_and_a_form_claimed_twice() -> None:
    files = [
        ("a.yaml", {"kind": "aliases", "aliases": {"revert": ["undo", "set"]}}),
        ("b.yaml", {"kind": "aliases", "aliases": {"rollback": ["undoing"]}}),
        ("c.yaml", {"kind": "lesson", "aliases": {"x": ["the"]}}),
    ]
    problems = list(lexicon_problems(files))
    assert [(p.path, p.code) for p in problems] == [("a.yaml", "lexicon-ordinary"), ("b.yaml", "lexicon-clash")]
    assert "'undoing' already belongs to 'revert'" in problems[1].message


def test_the_shipped_lexicon_is_clean_and_large(shipped_raw_files: list) -> None:
    assert list(lexicon_problems(shipped_raw_files)) == []
    lexicon = next(data for shown, data in shipped_raw_files if shown.endswith("lexicon.yaml"))
    assert sum(len(forms) for forms in lexicon["aliases"].values()) >= 100


def test_explain_lists_the_classes_a_rubric_leans_on() -> None:
    from gitops_tutor.cli.explain import explain

    question = free_text(Concept("r", "revert the commit", ("revert .. commit",), required=True))
    report, _ = explain(question, GRADER)
    assert "revert: undo, back out" in report
    assert "ignore:" not in report


def test_the_shipped_lexicon_reads_plain_wordings_of_states_and_differences(shipped: Curriculum) -> None:
    """Wordings found on the blind tuning half's low-overlap answers ("what Git says", "disagree")."""
    grader = Grader(shipped.aliases)
    question = free_text(Concept("d", "live differs from desired", ("live state .. differ* .. desired state",)))
    answer = "Whatever makes what's running disagree with what Git says."
    assert grader.grade(question, answer).concepts[0].status == "hit"
    assert grader.grade(question, "The running pods differ from the docs.").concepts[0].status == "missed"


def test_the_shipped_lexicon_reads_numbers_as_wave_order(shipped: Curriculum) -> None:
    grader = Grader(shipped.aliases)
    question = free_text(Concept("p", "highest wave is pruned first", ("prun* .. highest .. first",), required=True))
    assert grader.grade(question, "When it prunes, the big numbers go first.").concepts[0].status == "hit"


def test_the_shipped_lexicon_reads_fetching_as_pulling(shipped: Curriculum) -> None:
    """An agent that "fetches the files itself" describes the pull model in other words."""
    grader = Grader(shipped.aliases)
    question = free_text(Concept("p", "agents pull", ("controller .. pull* .. desired state",), required=True))
    assert grader.grade(question, "An agent fetches what Git says on its own.").concepts[0].status == "hit"


def test_a_starred_word_the_lexicon_rewrites_keeps_its_prefix() -> None:
    """Reported by rubric-author: "instant*" became "immediately", and "instantaneous" stopped matching."""
    grader = Grader({"immediately": ("instant", "right away")})
    question = free_text(Concept("c", "not instant", ("not .. instant*",), required=True))
    for answer in ("It is not instantaneous.", "It is not instant.", "It does not happen right away."):
        assert grader.grade(question, answer).concepts[0].status == "hit", answer


def test_a_phrasal_verb_keeps_its_meaning_around_an_object_pronoun() -> None:
    """Speech splits "back out" round its object ("back it out", "put them back"): the class still holds."""
    question = free_text(Concept("r", "revert the change", ("revert",), required=True))
    for answer in ("back it out", "we backed them out quickly", "back everything out"):
        assert GRADER.grade(question, answer).concepts[0].status == "hit", answer
    assert GRADER.grade(question, "back the truck out").concepts[0].status == "missed"


def test_the_shipped_lexicon_reads_wave_four_everyday_words(shipped: Curriculum) -> None:
    """Wordings of blind wave 4's low-overlap answers: "the deploy bot snaps it back", "robot account"."""
    grader = Grader(shipped.aliases)
    revert = free_text(Concept("r", "the controller reverts it", ("controller .. revert*",), required=True))
    assert grader.grade(revert, "the deploy bot snaps it back within minutes").concepts[0].status == "hit"
    account = free_text(Concept("s", "a service account per tenant", ("service account",), required=True))
    assert grader.grade(account, "each tenant gets its own robot account").concepts[0].status == "hit"
    pull = free_text(Concept("p", "the source pulls the repo", ("pull* .. repository",), required=True))
    assert grader.grade(pull, "the Git object grabs the repo every minute").concepts[0].status == "hit"
    outbound = free_text(Concept("o", "the agent connects outbound", ("controller .. outbound",), required=True))
    assert grader.grade(outbound, "the agent in each cluster phones home to the hub").concepts[0].status == "hit"
    replicas = free_text(Concept("r", "drop replicas from Git", ("remov* .. replica*",), required=True))
    assert grader.grade(replicas, "remove the pod count from the Deployment").concepts[0].status == "hit"


def test_the_shipped_aliases_read_terse_shorthand(shipped: Curriculum) -> None:
    """Terse answers write "w/o review", "ns", "ks", "b/g": "w/o" must negate like "without"."""
    grader = Grader(shipped.aliases)
    review = free_text(Concept("r", "changes are reviewed", ("review*",), required=True))
    assert grader.grade(review, "pushes straight to prod w/o review").concepts[0].status == "negated"
    ns = free_text(Concept("n", "one namespace per tenant", ("namespace .. per tenant",), required=True))
    assert grader.grade(ns, "own ns per tenant + ks per tenant").concepts[0].status == "hit"
    bg = free_text(Concept("b", "blue-green switches at once", ("blue green .. switch*",), required=True))
    assert grader.grade(bg, "b/g: switch 100% at once").concepts[0].status == "hit"
    ignore = free_text(Concept("i", "ignore the field", ("ignore* .. field",), required=True))
    assert grader.grade(ignore, "tell Argo to stop comparing that field").concepts[0].status == "hit"
    assert grader.grade(ignore, "the webhook mutates that field").concepts[0].status == "missed"  # "mute" left out


def test_a_failed_sync_is_no_health_state(shipped: Curriculum) -> None:
    """ "failing" shares its stem with "fail"/"failed": in `unhealthy` it read "the sync failed" as a health
    state, and gave a swapped sync/health answer the health concept."""
    grader = Grader(shipped.aliases)
    health = free_text(Concept("h", "health says it is unhealthy", ("health* .. unhealthy",), required=True))
    assert grader.grade(health, "health status is set when the sync failed").concepts[0].status == "missed"
    assert grader.grade(health, "health status shows the pods are degraded").concepts[0].status == "hit"
