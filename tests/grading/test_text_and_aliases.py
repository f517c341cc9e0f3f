"""Normalisation, word forms and aliases: the ground the matcher stands on."""

from __future__ import annotations

import pytest

from gitops_tutor.grading import Grader
from gitops_tutor.grading.aliases import AliasMap
from gitops_tutor.grading.text import stem, tokenize

ALIASES = AliasMap(
    {
        "argo cd": ["argocd", "argo"],
        "continuous delivery": ["cd"],
        "continuous integration": ["ci"],
        "kubernetes": ["k8s"],
        "argo rollouts": ["argorollouts"],
        "horizontal pod autoscaler": ["hpa"],
    }
)


def words(text: str, aliases: AliasMap = ALIASES) -> list[str]:
    return [t.raw for t in aliases.apply(tokenize(text))]


def test_lowercases_drops_apostrophes_and_possessives() -> None:
    assert [t.raw for t in tokenize("Don't use Argo CD's UI")] == ["dont", "use", "argo", "cd", "ui"]


def test_offsets_point_into_the_original_text() -> None:
    text = "  Self-Heal\treverts   drift"
    assert [text[t.start : t.end] for t in tokenize(text)] == ["Self", "Heal", "reverts", "drift"]


def test_dotted_words_stay_one_clause_but_full_stops_break() -> None:
    tokens = tokenize("set spec.replicas to 3. Then sync")
    assert tokens[1].clause == tokens[2].clause  # spec . replicas
    assert tokens[5].sentence > tokens[4].sentence  # "3. Then"


def test_comma_after_a_short_label_keeps_the_unit_but_ends_the_clause() -> None:
    flux, because = tokenize("Flux, because it is light")[:2]
    assert flux.unit == because.unit
    assert flux.clause != because.clause
    long = tokenize("Branches per environment are better: folders diverge")
    assert long[4].unit != long[5].unit


@pytest.mark.parametrize(
    "forms",
    [
        ("reconcile", "reconciles", "reconciled", "reconciling", "reconciliation", "reconciler"),
        ("deploy", "deploys", "deployed", "deployment"),
        ("apply", "applies", "applied"),
        ("sync", "syncs", "synced", "syncing"),
        ("commit", "commits", "committed"),
        ("kubernetes", "kubernets"),
    ],
)
def test_word_forms_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(form) for form in forms}) == 1


def test_short_look_alikes_keep_distinct_stems() -> None:
    assert stem("etc") != stem("etcd")
    assert stem("pull") != stem("push")


def test_aliases_expand_and_keep_the_source_span() -> None:
    text = "k8s via ArgoCD"
    tokens = ALIASES.apply(tokenize(text))
    assert [t.raw for t in tokens] == ["kubernetes", "via", "argo", "cd"]
    assert {text[t.start : t.end] for t in tokens[2:]} == {"ArgoCD"}


def test_cd_inside_argo_cd_is_not_continuous_delivery() -> None:
    assert words("Argo CD syncs; CI/CD builds") == [
        "argo", "cd", "syncs", "continuous", "integration", "continuous", "delivery", "builds",
    ]  # fmt: skip


def test_other_argo_projects_are_not_argo_cd() -> None:
    assert words("Argo Rollouts does canaries") == ["argo", "rollouts", "does", "canaries"]


def test_aliases_do_not_join_words_across_a_clause_break() -> None:
    assert words("argo, cd") == ["argo", "cd", "continuous", "delivery"]


def test_no_alias_map_leaves_tokens_alone() -> None:
    assert words("k8s", AliasMap()) == ["k8s"]


def test_control_characters_are_separators() -> None:
    assert [t.raw for t in tokenize("git\x00revert\x1b[31m now")] == ["git", "revert", "31m", "now"]


def test_shipped_aliases_keep_pull_requests_apart_from_the_pull_model(shipped_grader: Grader) -> None:
    from gitops_tutor.curriculum.models import Concept
    from tests.grading.conftest import free_text

    question = free_text(
        Concept("pull", "pull model", ("pull* .. repo",)), Concept("pr", "opens a PR", ("pull request",))
    )
    result = shipped_grader.grade(question, "CI opens a pull request to the repo; MRs work too")
    assert [c.status for c in result.concepts] == ["missed", "hit"]


def test_spoken_fillers_are_blanked_with_their_commas() -> None:
    """Transcribed speech: "um", "uh" and a ", like," or ", you know," between commas carry no word
    and must not split a clause ("Argo, um, reverts it" is one clause); offsets stay exact."""
    text = "So Argo, um, reverts it, you know, back to Git, uh, right away"
    tokens = tokenize(text)
    assert [t.raw for t in tokens] == ["so", "argo", "reverts", "it", "back", "to", "git", "right", "away"]
    assert len({t.clause for t in tokens}) == 1
    assert [text[t.start : t.end] for t in tokens][1] == "Argo"
    assert [t.raw for t in tokenize("tools, like Argo, reconcile")] == ["tools", "like", "argo", "reconcile"]
    assert len({t.clause for t in tokenize("Argo, like, reverts it")}) == 1


def test_a_hard_wrapped_line_break_is_a_space() -> None:
    """Answers typed in an editor wrap at ~100 characters; a lone line break inside a sentence is a space
    (as in Markdown), not a clause break. Short lines, bullets and blank lines still break."""
    wrapped = "Out of the box Argo CD compares the repository with the cluster and never deletes things by\nitself"
    assert len({t.clause for t in tokenize(wrapped)}) == 1
    items = "prune\nselfHeal\nautomated"
    assert len({t.clause for t in tokenize(items)}) == 3
    bullets = "Out of the box Argo CD compares the repository with the cluster and does this:\n- prune"
    assert len({t.sentence for t in tokenize(bullets)}) == 2
    paragraphs = "Out of the box Argo CD compares the repository with the cluster and waits.\n\nThen"
    assert len({t.sentence for t in tokenize(paragraphs)}) == 2
