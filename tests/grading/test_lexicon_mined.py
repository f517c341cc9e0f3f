"""Classes of the shipped lexicon mined from the blind tuning answers (waves 1-7), each with its trap.

Every wording below comes from an accepted answer that the grader failed before its class existed;
the second half of each test is the sentence the class must not swallow (why a near form was left out).
"""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept
from gitops_tutor.grading import Grader
from tests.grading.conftest import free_text


def status(grader: Grader, phrasing: str, answer: str) -> str:
    question = free_text(Concept("c", phrasing, (phrasing,), required=True))
    return grader.grade(question, answer).concepts[0].status


def test_the_repo_is_git(shipped_grader: Grader) -> None:
    """Rubrics write "into git", answers "into the repo"; GitRepository stays a name of its own."""
    assert status(shipped_grader, "commit* .. into git", "commit the hotfix into the repo") == "hit"
    assert status(shipped_grader, "put .. in git", "put the incident fix in the repository") == "hit"
    assert status(shipped_grader, "git .. branch", "the GitRepository points at a branch") == "missed"


def test_everyday_wordings_of_the_tuning_answers(shipped_grader: Grader) -> None:
    assert status(shipped_grader, "disable* automated sync", "disable the autopilot for that app") == "hit"
    assert status(shipped_grader, "desired state", "what's written down in the repo") == "hit"
    assert status(shipped_grader, "pin* .. digest*", "pin the exact image fingerprint") == "hit"
    assert status(shipped_grader, "service account", "it runs as a restricted team account") == "hit"
    assert status(shipped_grader, "new key pair", "get the controller a fresh key pair") == "hit"
    assert status(shipped_grader, "manifest*", "the YAML in the deploy folder") == "hit"
    assert status(shipped_grader, "renam* & folder", "someone renames a directory in a PR") == "hit"


def test_terse_shorthand(shipped_grader: Grader) -> None:
    assert status(shipped_grader, "blue green .. switch*", "BG = instant switch of all traffic") == "hit"
    assert status(shipped_grader, "garbage collect*", "closed PR -> input gone -> GC") == "hit"
    assert status(shipped_grader, "network polic*", "quotas, netpol, no prod secrets") == "hit"


def test_forms_left_out_stay_out(shipped_grader: Grader) -> None:
    """'admin rights' would split 'cluster-admin rights'; 're-sync' as one word would hide 'sync'."""
    assert status(shipped_grader, "cluster admin", "the operator's cluster-admin rights") == "hit"
    assert status(shipped_grader, "sync* .. back", "Argo re-syncs and the count goes back") == "hit"
