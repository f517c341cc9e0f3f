"""A question's content hash is stored with every attempt and dispute, so its value must never drift."""

from __future__ import annotations

import hashlib
import json

from gitops_tutor.curriculum.build import content_hash
from gitops_tutor.curriculum.yamlread import read_yaml

# Shared alias subtrees, text beyond ASCII, keys out of order, a timestamp kept as text.
QUESTION = (
    'id: q\ntags: &t [a, b]\nmore: *t\nprompt: "caf\u00e9 \u2014 ok"\nn: 3\nx: 2024-01-01\n'
    "nested: {b: 1, a: [true, null, 1.5]}\n"
)


def test_the_hash_is_the_sorted_json_text_s_sha256_as_progress_stored_it() -> None:
    raw = read_yaml(QUESTION).value
    text = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str)
    assert content_hash(raw) == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    assert content_hash(raw) == "4040d4f8c7b97942"
