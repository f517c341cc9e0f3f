"""Property tests: no bytes and no YAML document can make the loader raise.

Whatever a pack holds, loading returns problems that each name a file and a line >= 1,
so ``validate`` always prints one readable line per problem instead of a traceback.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gitops_tutor.curriculum.loader import load

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40))
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.text(max_size=12), children, max_size=6),
    ),
    max_leaves=30,
)
kinds = st.sampled_from(["lesson", "questions", "comparison", "aliases", "domains", "pack", "other"])


def load_one(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pack = Path(tmp) / "pack"
        pack.mkdir()
        (pack / "file.yaml").write_bytes(data)
        result = load([pack], shipped=None)
    for problem in result.problems:
        assert problem.path.endswith("file.yaml")
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message and "\n" not in problem.message


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_load_without_raising(data: bytes) -> None:
    load_one(data)


@SETTINGS
@given(documents, kinds)
def test_any_document_with_any_kind_loads_without_raising(doc: object, kind: str) -> None:
    if isinstance(doc, dict):
        doc = {"kind": kind, **doc}
    load_one(yaml.safe_dump(doc, allow_unicode=True).encode("utf-8"))


@SETTINGS
@given(st.text(max_size=1500))
def test_any_text_loads_without_raising(text: str) -> None:
    load_one(text.encode("utf-8", errors="surrogatepass"))


question_fields = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=10), st.integers()),
        "lesson": st.text(max_size=10),
        "type": st.sampled_from(["free-text", "single-choice", "multi-choice", "which-tool", "manifest", "x"]),
        "prompt": scalars,
        "difficulty": scalars,
        "tags": documents,
        "domain": scalars,
        "explanation": scalars,
        "model_answer": scalars,
        "rubric": documents,
        "samples": documents,
        "options": documents,
        "answer": scalars,
        "why": scalars,
        "checks": documents,
        "follow_ups": documents,
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(question_fields, max_size=4))
def test_questions_with_any_field_values_load_without_raising(items: list[dict[str, object]]) -> None:
    load_one(yaml.safe_dump({"kind": "questions", "questions": items}).encode("utf-8"))
