"""Answers as people write them: bullets, code blocks, links and pointer-only replies."""

from __future__ import annotations

from gitops_tutor.curriculum.models import Concept
from gitops_tutor.grading import Grader
from gitops_tutor.grading.text import tokenize
from tests.grading.conftest import free_text

GRADER = Grader({"argo cd": ("argocd", "argo")})
PRUNE = free_text(Concept("prune", "prune deletes what left Git", ("prun* .. delet*",), required=True))


def test_each_bullet_is_a_sentence_of_its_own() -> None:
    tokens = tokenize("- sync status\n- git\n* live state\n1. done")
    assert len({t.sentence for t in tokens}) == 4
    wrapped = tokenize("a sentence that wraps\nonto the next line")
    assert len({t.sentence for t in wrapped}) == 1


def test_a_negation_inside_code_negates_nothing() -> None:
    assert GRADER.grade(PRUNE, "with `kubectl apply --prune=false` no pruning deletes anything").verdict == "fail"
    assert GRADER.grade(PRUNE, "set `when: never` pruning deletes stale objects").verdict == "pass"
    assert GRADER.grade(PRUNE, "set when: never pruning deletes stale objects").verdict == "fail"


def test_links_are_not_read_as_words() -> None:
    answer = "Pruning deletes them, see https://argo-cd.readthedocs.io/en/stable/user-guide/auto_sync/#no-prune"
    tokens = tokenize(answer)
    assert "readthedocs" not in [t.raw for t in tokens]
    assert GRADER.grade(PRUNE, answer).verdict == "pass"


def test_a_pointer_only_reply_scores_nothing() -> None:
    for answer in ("Please see #643", "https://fluxcd.io/flux/faq/", "Check the docs.", "see issue 12 for details"):
        result = GRADER.grade(PRUNE, answer)
        assert (result.score, result.flags) == (0, ("pointer",)), answer
    assert GRADER.grade(PRUNE, "Pruning deletes them, see #643").verdict == "pass"


def test_terse_shorthand_that_relates_its_items_is_not_a_keyword_list() -> None:
    question = free_text(
        Concept("fetch", "source fetches", ("source .. fetch*",), required=True),
        Concept("apply", "kustomization applies", ("kustomization .. appl*",), required=True),
        Concept("reuse", "reuse", ("reuse",)),
    )
    shorthand = "source = fetch + artifact; kustomization = build path + apply/prune. separate -> reuse"
    assert GRADER.grade(question, shorthand).verdict == "pass"
    keywords = "source, fetch, kustomization, apply, reuse, artifact, prune"
    assert GRADER.grade(question, keywords).verdict == "fail"
