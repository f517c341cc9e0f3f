"""Turning checked YAML values into the typed models.

Every function here runs only on data that already passed the JSON Schema, so it
can index fields without defensive checks; anything the schema cannot express
(cross-field rules) lives in ``validate.py``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from gitops_tutor.curriculum.models import (
    DEFAULT_MISCONCEPTION_PENALTY,
    AnyQuestion,
    ChoiceQuestion,
    Comparison,
    Concept,
    Condition,
    Dimension,
    Domain,
    FollowUp,
    FreeTextQuestion,
    KeyTerm,
    Lesson,
    ManifestCheck,
    ManifestQuestion,
    Misconception,
    Option,
    Rubric,
    Sample,
    Scope,
    Source,
    WhichToolQuestion,
    WrongClaim,
)
from gitops_tutor.curriculum.yamlread import Mark, YList, YMap


def source(path: str, mark: Mark) -> Source:
    return Source(path, mark.line, mark.column)


# ``json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str)``, made once: the hashes progress
# stores depend on this exact text. The read trees have no cycles (yamlread refuses an alias inside its
# own value), so the encoder's cycle check, an id kept per container, only costs (-6% of hashing).
_HASH_TEXT = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str, check_circular=False)


def content_hash(raw: Any) -> str:
    """A short, stable hash of a question's content, so progress can tell an edit happened."""
    return hashlib.sha256(_HASH_TEXT.encode(raw).encode("utf-8")).hexdigest()[:16]


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(item) for item in (value or ()))


def build_lesson(raw: YMap, path: str, pack: str) -> Lesson:
    return Lesson(
        id=raw["id"],
        title=raw["title"].strip(),
        order=raw["order"],
        summary=raw["summary"].strip(),
        objectives=_strings(raw["objectives"]),
        key_terms=tuple(KeyTerm(t["term"], t["definition"].strip()) for t in raw.get("key_terms", [])),
        body=raw["body"],
        domain=raw["domain"],
        check_questions=_strings(raw["check_questions"]),
        pack=pack,
        source=source(path, raw.mark),
    )


def build_comparison(raw: YMap, path: str, pack: str) -> Comparison:
    dims = raw["dimensions"]
    return Comparison(
        id=raw["id"],
        title=raw["title"].strip(),
        intro=raw.get("intro", "").strip(),
        dimensions=tuple(
            Dimension(
                id=d["id"],
                name=d["name"].strip(),
                argo=d["argo"].strip(),
                flux=d["flux"].strip(),
                notes=d.get("notes", "").strip(),
                matters_when=d["matters_when"].strip(),
                source=source(path, dims.where(i)),
            )
            for i, d in enumerate(dims)
        ),
        pack=pack,
        source=source(path, raw.mark),
    )


def build_domains(raw: YMap) -> list[Domain]:
    return [
        Domain(d["id"], d["name"].strip(), float(d["weight"]), d.get("description", "").strip()) for d in raw["domains"]
    ]


def build_question(raw: YMap, path: str, pack: str) -> AnyQuestion:
    common: dict[str, Any] = {
        "id": raw["id"],
        "lesson": raw["lesson"],
        "type": raw["type"],
        "prompt": raw["prompt"].strip(),
        "difficulty": raw["difficulty"],
        "tags": _strings(raw["tags"]),
        "domain": raw["domain"],
        "explanation": raw["explanation"].strip(),
        "content_hash": content_hash(raw),
        "senior": bool(raw.get("senior", False)),
        "follow_ups": tuple(FollowUp(f["when_missed"], f["ask"]) for f in raw.get("follow_ups", [])),
        "pack": pack,
        "source": source(path, raw.mark),
    }
    kind = raw["type"]
    if kind == "free-text":
        return FreeTextQuestion(
            **common,
            model_answer=raw["model_answer"].strip(),
            rubric=_rubric(raw["rubric"]),
            samples=_samples(raw.get("samples", YList()), path),
        )
    if kind in ("single-choice", "multi-choice"):
        options = tuple(Option(o["text"].strip(), o["correct"], o["why"].strip()) for o in raw["options"])
        return ChoiceQuestion(**common, options=options)
    if kind == "which-tool":
        return WhichToolQuestion(**common, answer=raw["answer"], why=raw["why"].strip())
    return ManifestQuestion(
        **common,
        model_answer=raw["model_answer"],
        checks=tuple(_check(c) for c in raw["checks"]),
        starter=raw.get("starter", ""),
    )


def _rubric(raw: dict[str, Any]) -> Rubric:
    concepts = tuple(
        Concept(
            id=c["id"],
            label=c["label"].strip(),
            any=_strings(c["any"]),
            weight=float(c.get("weight", 1.0)),
            required=bool(c.get("required", False)),
            negated_by=_strings(c.get("negated_by")),
        )
        for c in raw["concepts"]
    )
    claims = tuple(
        WrongClaim(w["id"], w["label"].strip(), _strings(w["any"]), float(w.get("penalty", 25.0)))
        for w in raw.get("wrong_claims", [])
    )
    return Rubric(
        concepts,
        claims,
        raw.get("pass_threshold"),
        raw.get("partial_threshold"),
        _strings(raw.get("ignore_misconceptions")),
    )


def build_misconceptions(raw: YMap, path: str, pack: str) -> list[Misconception]:
    items: YList = raw["misconceptions"]
    return [_misconception(m, path, pack, items.where(index)) for index, m in enumerate(items)]


def _misconception(raw: YMap, path: str, pack: str, mark: Mark) -> Misconception:
    scope = raw["applies_to"]
    return Misconception(
        id=raw["id"],
        claim=raw["claim"].strip(),
        truth=raw["truth"].strip(),
        url=raw["source"].strip(),
        applies_to=Scope(*(_strings(scope.get(name)) for name in ("tags", "lessons", "domains", "questions"))),
        any=_strings(raw["any"]),
        examples=_strings(raw["examples"]),
        not_examples=_strings(raw["not_examples"]),
        penalty=float(raw.get("penalty", DEFAULT_MISCONCEPTION_PENALTY)),
        pack=pack,
        source=source(path, mark),
    )


def _samples(raw: Any, path: str) -> tuple[Sample, ...]:
    marks = raw.where if isinstance(raw, YList) else (lambda _i: Mark(1, 1))
    return tuple(
        Sample(s["answer"], s["verdict"], s.get("kind", ""), source(path, marks(i))) for i, s in enumerate(raw)
    )


def _check(raw: dict[str, Any]) -> ManifestCheck:
    conditions = tuple(
        Condition(
            path=c["path"],
            equals=c.get("equals"),
            one_of=tuple(c.get("one_of", ())),
            contains=c.get("contains"),
            matches=c.get("matches"),
            has_equals="equals" in c,
            has_contains="contains" in c,
        )
        for c in raw["any"]
    )
    return ManifestCheck(raw["id"], raw["label"].strip(), conditions, float(raw.get("weight", 1.0)))
