"""Lexicon classes mined from the blind tuning answers of waves 1-8 (lexicon-miner-2), each with its trap.

Each wording below is taken from an accepted tuning answer that the grader scored too low before its
class existed. The traps are the near forms that were tried and left out, because a negated answer
passed or a correct one lost its pass with them.
"""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept
from gitops_tutor.grading import Grader
from tests.grading.conftest import free_text


def status(grader: Grader, phrasing: str, answer: str) -> str:
    question = free_text(Concept("c", phrasing, (phrasing,), required=True))
    return grader.grade(question, answer).concepts[0].status


def test_the_rubric_prefix_repositor_still_meets_answers(shipped_grader: Grader) -> None:
    """Once "repository" read as git, "which repositor*" (16 phrasings) met no answer word at all."""
    assert status(shipped_grader, "which repositor*", "it limits which repositories a team can use") == "hit"
    assert status(shipped_grader, "source repositor*", "the source repository of each app") == "hit"


def test_wordings_of_the_tuning_answers(shipped_grader: Grader) -> None:
    ignore = "tell Argo to not care about that exact field"
    assert status(shipped_grader, "ignore .. field*", ignore) == "hit"
    assert status(shipped_grader, "ignore .. field*", 'tell it "those two fields, don\'t compare them"') == "hit"
    assert status(shipped_grader, "who can", "the rules about who's allowed to touch the repos") == "hit"
    assert status(shipped_grader, "loop", "then the door robot stamps it again. Endless.") == "hit"
    assert status(shipped_grader, "project", "which team box it belongs to decides the limits") == "hit"
    assert status(shipped_grader, "quick review", "still a PR with a fast review and the CI checks") == "hit"
    assert status(shipped_grader, "no inbound", "no firewall holes into the stores any more") == "hit"
    assert status(shipped_grader, "healthy", "the other asks: is the thing actually running okay?") == "hit"
    assert status(shipped_grader, "health* .. red", "the pods kept crashing, so the heart icon was red") == "hit"
    assert status(shipped_grader, "disagree", "I don't agree: CI only sees what goes through the pipeline") == "hit"
    assert status(shipped_grader, "immutab*", "what the cluster fetches can't be changed after the fact") == "hit"
    assert status(shipped_grader, "differ*", '"what should be" and "what is" are no longer the same') == "hit"
    assert status(shipped_grader, "nothing notices until", "nothing finds out until a merge happens") == "hit"
    assert status(shipped_grader, "call* out", "the stores can reach out but nothing can get in") == "hit"


def test_terse_shorthand_of_wave_8(shipped_grader: Grader) -> None:
    assert status(shipped_grader, "backward* compatib*", "schema must be backwards compat") == "hit"
    assert status(shipped_grader, "load balancer*", "data, secret values, LB IPs, the cluster itself") == "hit"


def test_forms_left_out_stay_out(shipped_grader: Grader) -> None:
    """'drop' is no delete ("the link drops"), 'don't count on' no ignore, 'sandbox' no project, 'open port' no
    inbound, 'works fine' no healthy: each was tried and let a negated answer pass or a correct one lose its pass."""
    assert status(shipped_grader, "delet* .. workload*", "when the link drops the workloads keep running") == "missed"
    assert status(shipped_grader, "ignore", "don't count on down-migrations being run") == "missed"
    assert status(shipped_grader, "project", "the first mode is convenient for a sandbox") == "missed"
    assert status(shipped_grader, "inbound", "you must open port 443 on each store") == "missed"
    assert status(shipped_grader, "healthy", "argocd app rollback works fine with auto-sync") == "missed"
