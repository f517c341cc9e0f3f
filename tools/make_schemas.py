"""Writes the JSON Schemas in gitops_tutor/curriculum/schemas/ (run by hand after editing).

The schemas are the single source of truth for the shape of content files: the
validator checks files against them, and editors use them through the modeline.
"""

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "gitops_tutor" / "curriculum" / "schemas"
ID = {
    "type": "string",
    "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
    "maxLength": 80,
    "description": "Stable kebab-case id; progress is keyed by it, so never change it once shipped.",
}
TEXT = {"type": "string", "minLength": 1}
TEXTS = {"type": "array", "items": TEXT}
DOMAIN = {
    "type": "string",
    "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
    "description": "Exam domain id from domains.yaml (CGOA: terminology, principles, "
    "related-practices, patterns, tooling).",
}
HEADER = {"$schema": "https://json-schema.org/draft/2020-12/schema"}


def kind(name):
    return {"const": name, "description": f"Marks this file as a {name} file."}


def obj(props, required, **extra):
    return {"type": "object", "properties": props, "required": required, "additionalProperties": False, **extra}


# Caps keep grading bounded whatever a pack says (issue 16): the matcher's work grows with
# phrasings x words, so neither may be unbounded.
MAX_PHRASINGS = 40
MAX_PHRASING_CHARS = 120
alternatives = {
    "type": "array",
    "minItems": 1,
    "maxItems": MAX_PHRASINGS,
    "items": {"type": "string", "minLength": 1, "maxLength": MAX_PHRASING_CHARS},
    "description": "Phrasings that count. 'word*' accepts any word form; 'a .. b' allows a few words between a and "
    "b; 'a & b & c' needs every term in one sentence, in any order. At most 12 words and 5 terms.",
}
concept = obj(
    {
        "id": ID,
        "label": TEXT,
        "weight": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
        "required": {"type": "boolean"},
        "any": alternatives,
        "negated_by": {
            **alternatives,
            "minItems": 0,
            "description": "Phrasings that state the opposite of this concept.",
        },
    },
    ["id", "label", "any"],
)
wrong_claim = obj(
    {
        "id": ID,
        "label": TEXT,
        "penalty": {"type": "number", "minimum": 0, "maximum": 100},
        "any": alternatives,
    },
    ["id", "label", "any"],
)
rubric = obj(
    {
        "concepts": {"type": "array", "minItems": 1, "maxItems": 12, "items": concept},
        "wrong_claims": {"type": "array", "maxItems": 12, "items": wrong_claim},
        "pass_threshold": {"type": "number", "minimum": 0, "maximum": 100},
        "partial_threshold": {"type": "number", "minimum": 0, "maximum": 100},
        "ignore_misconceptions": {
            "type": "array",
            "items": ID,
            "description": "Ids from misconceptions.yaml this question does not check: it is about that very "
            "misconception, so its rubric states it (or its rejection) in its own words.",
        },
    },
    ["concepts"],
)
sample = obj(
    {
        "answer": {"type": "string"},
        "verdict": {"enum": ["pass", "partial", "fail"]},
        "kind": {
            "type": "string",
            "description": "What this sample tests, e.g. paraphrase, negated, swapped, keyword-list.",
        },
    },
    ["answer", "verdict"],
)
option = obj({"text": TEXT, "correct": {"type": "boolean"}, "why": TEXT}, ["text", "correct", "why"])
scalar = {"type": ["string", "number", "boolean", "null"]}
condition = obj(
    {
        "path": {"type": "string", "minLength": 1, "description": "Dot path; * matches any key or list item."},
        "equals": {},
        "one_of": {"type": "array", "minItems": 1, "items": scalar},
        "contains": {},
        "matches": {"type": "string", "minLength": 1},
    },
    ["path"],
)
check = obj(
    {
        "id": ID,
        "label": TEXT,
        "weight": {"type": "number", "exclusiveMinimum": 0},
        "any": {"type": "array", "minItems": 1, "items": condition},
    },
    ["id", "label", "any"],
)
IDS = {"type": "array", "minItems": 1, "items": ID}
misconception = obj(
    {
        "id": ID,
        "claim": {**TEXT, "description": "The false belief, as the learner is shown it after 'Wrong:'."},
        "truth": {**TEXT, "description": "What is true instead, shown after 'In fact:'."},
        "source": {"type": "string", "pattern": "^https://", "description": "Upstream page that states the truth."},
        "applies_to": obj(
            {"tags": IDS, "lessons": IDS, "domains": IDS, "questions": IDS},
            [],
            description="Questions checked for it: any question with one of these tags, lessons, domains or ids. "
            "At least one list is required; there is no 'everything'.",
        ),
        "penalty": {"type": "number", "minimum": 0, "maximum": 100},
        "any": {**alternatives, "description": "Phrasings of the false belief, written like a rubric's wrong claims."},
        "examples": {**TEXTS, "minItems": 1, "description": "Answers that state it: each must be caught."},
        "not_examples": {
            **TEXTS,
            "minItems": 1,
            "description": "Answers that mention it without stating it (denials, warnings): none may be caught.",
        },
    },
    ["id", "claim", "truth", "source", "applies_to", "any", "examples", "not_examples"],
)
follow_up = obj({"when_missed": ID, "ask": ID}, ["when_missed", "ask"])
question = obj(
    {
        "id": ID,
        "lesson": ID,
        "type": {"enum": ["free-text", "single-choice", "multi-choice", "which-tool", "manifest"]},
        "prompt": TEXT,
        "difficulty": {"type": "integer", "minimum": 1, "maximum": 3},
        "tags": {"type": "array", "items": ID},
        "domain": DOMAIN,
        "explanation": TEXT,
        "senior": {"type": "boolean", "description": "A senior scenario question."},
        "model_answer": TEXT,
        "rubric": rubric,
        "samples": {"type": "array", "items": sample},
        "options": {"type": "array", "minItems": 2, "items": option},
        "answer": {"enum": ["argo", "flux", "both", "neither"]},
        "why": TEXT,
        "starter": {"type": "string"},
        "checks": {"type": "array", "minItems": 1, "items": check},
        "follow_ups": {"type": "array", "items": follow_up},
    },
    ["id", "lesson", "type", "prompt", "difficulty", "tags", "domain", "explanation"],
)
question["allOf"] = [
    {
        "if": {"properties": {"type": {"const": "free-text"}}},
        "then": {"required": ["model_answer", "rubric", "samples"]},
    },
    {"if": {"properties": {"type": {"enum": ["single-choice", "multi-choice"]}}}, "then": {"required": ["options"]}},
    {"if": {"properties": {"type": {"const": "which-tool"}}}, "then": {"required": ["answer", "why"]}},
    {"if": {"properties": {"type": {"const": "manifest"}}}, "then": {"required": ["model_answer", "checks"]}},
]

schemas = {
    "lesson": obj(
        {
            "kind": kind("lesson"),
            "id": ID,
            "title": TEXT,
            "order": {"type": "integer", "minimum": 0},
            "summary": TEXT,
            "domain": DOMAIN,
            "objectives": {"type": "array", "minItems": 1, "items": TEXT},
            "key_terms": {"type": "array", "items": obj({"term": TEXT, "definition": TEXT}, ["term", "definition"])},
            "body": {**TEXT, "description": "Markdown; level-2 headings (##) are the sections a learner marks read."},
            "check_questions": {"type": "array", "items": ID},
        },
        ["kind", "id", "title", "order", "summary", "domain", "objectives", "body", "check_questions"],
    ),
    "questions": obj(
        {"kind": kind("questions"), "questions": {"type": "array", "items": question}}, ["kind", "questions"]
    ),
    "comparison": obj(
        {
            "kind": kind("comparison"),
            "id": ID,
            "title": TEXT,
            "intro": {"type": "string"},
            "dimensions": {
                "type": "array",
                "minItems": 1,
                "items": obj(
                    {
                        "id": ID,
                        "name": TEXT,
                        "argo": TEXT,
                        "flux": TEXT,
                        "notes": {"type": "string"},
                        "matters_when": TEXT,
                    },
                    ["id", "name", "argo", "flux", "matters_when"],
                ),
            },
        },
        ["kind", "id", "title", "dimensions"],
    ),
    "aliases": obj(
        {
            "kind": kind("aliases"),
            "aliases": {
                "type": "object",
                "description": "canonical term -> other ways people write it",
                "additionalProperties": {"type": "array", "minItems": 1, "items": TEXT},
            },
        },
        ["kind", "aliases"],
    ),
    "domains": obj(
        {
            "kind": kind("domains"),
            "domains": {
                "type": "array",
                "minItems": 1,
                "items": obj(
                    {
                        "id": DOMAIN,
                        "name": TEXT,
                        "weight": {"type": "number", "minimum": 0, "maximum": 100},
                        "description": {"type": "string"},
                    },
                    ["id", "name", "weight"],
                ),
            },
        },
        ["kind", "domains"],
    ),
    "misconceptions": obj(
        {"kind": kind("misconceptions"), "misconceptions": {"type": "array", "minItems": 1, "items": misconception}},
        ["kind", "misconceptions"],
    ),
    "pack": obj(
        {"kind": kind("pack"), "name": ID, "title": TEXT, "description": {"type": "string"}}, ["kind", "name", "title"]
    ),
}

for name, schema in schemas.items():
    doc = {**HEADER, "$id": f"gitops-tutor/{name}.schema.json", "title": f"gitops-tutor {name} file", **schema}
    (OUT / f"{name}.schema.json").write_text(json.dumps(doc, indent=2) + "\n")
    print("wrote", name)
