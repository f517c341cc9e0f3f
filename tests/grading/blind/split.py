"""Split the blind answer set into a tuning half and a test half, by question, before anyone looks.

Run once by the lead when the writers finished, never again for the same answers:

    python tests/grading/blind/split.py /work/blind-raw/writer-*.yaml
    python tests/grading/blind/split.py --wave 2 /work/blind-raw/writer-4.yaml   # questions added later

A later wave covers free-text questions added after the first split, with the same rule and seed,
into ``tuning-N.yaml`` and ``test-N.yaml``; earlier files are never rewritten.

Why by question: answers to one question share its rubric, so a rubric tuned on some answers to a
question would leak into the test half if answers were split one by one. The rule is fixed here so
anyone can check it: sort the question ids, shuffle them with ``random.Random(SEED)``, and the first
half (rounded up) is the tuning half. The writers saw only the prompts (``gitops-tutor list
questions --json``), never ``content/questions/`` or ``tests/grading/``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

SEED = 20261130
HERE = Path(__file__).resolve().parent
KINDS = ("paraphrase", "low-overlap", "terse", "partial", "wrong", "negated", "long")
VERDICTS = {"pass", "partial", "fail"}


def read_writers(paths: list[str]) -> dict[str, list[dict[str, object]]]:
    """Every writer's cases merged by question id, checked for shape; a bad entry stops the split."""
    merged: dict[str, list[dict[str, object]]] = {}
    for path in paths:
        writer = Path(path).stem
        cases = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["cases"]
        for question_id, answers in cases.items():
            for answer in answers:
                assert answer["kind"] in KINDS, (path, question_id, answer["kind"])
                assert set(answer["accept"]) <= VERDICTS and answer["accept"], (path, question_id)
                assert str(answer["answer"]).strip(), (path, question_id)
                merged.setdefault(question_id, []).append(
                    {
                        "kind": answer["kind"],
                        "accept": list(answer["accept"]),
                        "writer": writer,
                        "answer": str(answer["answer"]),
                    }
                )
    return merged


def split_ids(question_ids: list[str]) -> tuple[list[str], list[str]]:
    ordered = sorted(question_ids)
    random.Random(SEED).shuffle(ordered)
    half = (len(ordered) + 1) // 2
    return sorted(ordered[:half]), sorted(ordered[half:])


def write_half(
    name: str, ids: list[str], merged: dict[str, list[dict[str, object]]], note: str, suffix: str = ""
) -> None:
    header = (
        f"# Blind answers, {name} half. Written by helpers who saw only the prompts.\n"
        f"# Split by question with tests/grading/blind/split.py (seed {SEED}: sorted ids, shuffled,\n"
        f"# first half rounded up = tuning). {note}\n"
    )
    body = yaml.safe_dump(
        {"seed": SEED, "half": name, "cases": {qid: merged[qid] for qid in ids}},
        sort_keys=False,
        allow_unicode=True,
        width=110,
    )
    (HERE / f"{name}{suffix}.yaml").write_text(header + body, encoding="utf-8")


def main(args: list[str]) -> None:
    suffix = ""
    if args[:1] == ["--wave"]:
        suffix, args = f"-{int(args[1])}", args[2:]
    merged = read_writers(args)
    tuning, test = split_ids(list(merged))
    write_half("tuning", tuning, merged, "Tune rubrics, lexicon and rules on this half only.", suffix)
    write_half("test", test, merged, "Never edited after its grades are seen; never tuned on.", suffix)
    count = {name: sum(len(merged[q]) for q in ids) for name, ids in (("tuning", tuning), ("test", test))}
    print(
        f"{len(merged)} questions: tuning {len(tuning)} ({count['tuning']} answers), "
        f"test {len(test)} ({count['test']} answers)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
