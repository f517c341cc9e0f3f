"""One reader for YAML from strangers: manifest answers, imports and packs stay within budget."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gitops_tutor.curriculum.models import Condition, ManifestCheck, ManifestQuestion
from gitops_tutor.curriculum.yamlread import UntrustedYamlError, load_untrusted_documents
from gitops_tutor.grading import grade


def manifest_bomb(levels: int = 9) -> str:
    """The 593-byte answer from the reliability report (F1): nine levels of nine aliases."""
    lines = ["apiVersion: argoproj.io/v1alpha1", "kind: Application"]
    lines.append("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]")
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    lines.append(f"spec: {{source: {{repoURL: *a{levels}}}}}")
    return "\n".join(lines) + "\n"


def test_the_reported_alias_bomb_is_refused_at_once() -> None:
    started = time.perf_counter()
    with pytest.raises(UntrustedYamlError) as info:
        load_untrusted_documents(manifest_bomb(), source="answer")
    assert time.perf_counter() - started < 1.0
    assert info.value.error.code == "alias-expansion"
    assert str(info.value).startswith("answer:")
    assert "\n" not in str(info.value)


def test_every_document_is_read_and_aliases_within_budget_work() -> None:
    text = "a: &x {k: v}\nb: *x\n---\nkind: Service\n"
    assert load_untrusted_documents(text, source="answer") == [{"a": {"k": "v"}, "b": {"k": "v"}}, {"kind": "Service"}]


def test_documents_of_the_same_shape_keep_their_own_values() -> None:
    text = "metadata: {name: a}\nspec: {x: 1}\n---\nmetadata: {name: b}\nspec: {x: 2}\n"
    first, second = load_untrusted_documents(text, source="answer")
    assert (first["metadata"]["name"], second["metadata"]["name"], second["spec"]["x"]) == ("a", "b", 2)


@pytest.mark.parametrize("text", ["[" * 1000 + "]" * 1000, "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 200))])
def test_deep_nesting_is_a_one_line_error(text: str) -> None:
    with pytest.raises(UntrustedYamlError) as info:
        load_untrusted_documents(text, source="answer")
    assert info.value.error.code == "too-deep"


def test_a_huge_number_stays_text_instead_of_crashing() -> None:
    digits = "9" * 5000
    assert load_untrusted_documents(f"replicas: {digits}\n", source="answer") == [{"replicas": digits}]


def test_text_over_the_size_budget_is_refused_before_parsing() -> None:
    with pytest.raises(UntrustedYamlError) as info:
        load_untrusted_documents("a: b\n" * 100, source="answer", max_chars=100)
    assert info.value.error.code == "too-large"


def test_a_recursive_alias_is_refused() -> None:
    with pytest.raises(UntrustedYamlError):
        load_untrusted_documents("a: &a [*a]\n", source="answer")


@pytest.mark.parametrize("text", ["? !!str [a, b]\n: v\n", "!!str [a]: v\n", "? !!str {a: 1}\n: v\n"])
def test_a_list_or_mapping_tagged_as_text_is_no_key(text: str) -> None:
    """``!!str`` on a list or mapping key made an unhashable key and a TypeError traceback."""
    with pytest.raises(UntrustedYamlError) as info:
        load_untrusted_documents(text, source="answer")
    assert str(info.value).endswith(": a mapping key must be a plain value")


_WORDS = st.sampled_from(
    ["a", "b", "lol", "1", "true", "~", "&x", "*x", "&y", "*y", "<<:", "- ", ": ", "[", "]", "{", "}", ", "]
    + ["\n", "  ", "---\n", "? ", "'q'", '"d"', "|\n  t", "!!str", "%YAML 1.1\n"]
)


def _aliases_bomb(levels: int, fan: int) -> str:
    lines = ["a0: &a0 [" + ", ".join(["x"] * fan) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * fan) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=400), st.lists(_WORDS, max_size=120).map("".join),
                 st.builds(_aliases_bomb, st.integers(1, 12), st.integers(1, 12))))  # fmt: skip
def test_any_yaml_answer_is_parsed_within_budget(text: str) -> None:
    started = time.perf_counter()
    try:
        documents = load_untrusted_documents(text, source="answer")
    except UntrustedYamlError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(documents, list)
    assert time.perf_counter() - started < 2.0


def _manifest_question() -> ManifestQuestion:
    check = ManifestCheck("kind", "an Application", (Condition("kind", equals="Application"),))
    return ManifestQuestion(id="m", type="manifest", lesson="l", prompt="?", difficulty=1, tags=(), domain="tooling",
                            explanation="", content_hash="h", model_answer="", checks=(check,))  # fmt: skip


def test_a_manifest_answer_bomb_fails_grading_quickly_instead_of_eating_memory() -> None:
    started = time.perf_counter()
    result = grade(_manifest_question(), manifest_bomb())
    assert time.perf_counter() - started < 1.0
    assert result.verdict == "fail" and result.flags == ("invalid-yaml",)
    assert "aliases expand" in result.details[0]


def test_a_manifest_answer_nested_a_thousand_deep_is_a_failed_grade_not_a_crash() -> None:
    result = grade(_manifest_question(), "kind: Application\nspec: " + "[" * 1000 + "]" * 1000 + "\n")
    assert result.flags == ("invalid-yaml",)
