"""Grader agreement and speed, next to two naive baselines. Run by hand:

    .venv/bin/python bench/grading.py

Agreement: share of the regression answers (tests/grading/regression.yaml, written before
the rubrics were tuned) whose verdict matches the human one, per answer kind. Baselines:
rapidfuzz ``token_set_ratio`` against the model answer, and keyword counting (a concept
counts when all words of one of its phrasings occur anywhere in the answer). All three use
the same thresholds (pass >= 70, partial >= 40, or the question's own). "Worst errors" are
negated, swapped or keyword-list answers that pass. Speed: grading time per 2,000-character
answer on the largest rubric in the shipped content (compiled once, as the app does).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz, utils

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gitops_tutor import paths  # noqa: E402
from gitops_tutor.curriculum.loader import load  # noqa: E402
from gitops_tutor.curriculum.models import FreeTextQuestion  # noqa: E402
from gitops_tutor.grading import Grader  # noqa: E402
from gitops_tutor.grading.result import DEFAULT_PARTIAL, DEFAULT_PASS, verdict_for  # noqa: E402
from gitops_tutor.grading.text import tokenize  # noqa: E402
from tests.grading.regression import Case, load_cases  # noqa: E402

HOLDOUT_FILE = Path(__file__).resolve().parents[1] / "tests" / "grading" / "holdout.yaml"

WORST_KINDS = ("negated", "swapped", "keyword-list")
KIND_ORDER = ("paraphrase", "terse", "typos", "rambling", "partial", "wrong", "negated", "swapped", "keyword-list",
              "off-topic", "empty")  # fmt: skip
Verdicter = Callable[[FreeTextQuestion, str], str]


def thresholds(question: FreeTextQuestion) -> tuple[float, float]:
    rubric = question.rubric
    pass_at = DEFAULT_PASS if rubric.pass_threshold is None else rubric.pass_threshold
    partial_at = DEFAULT_PARTIAL if rubric.partial_threshold is None else rubric.partial_threshold
    return pass_at, partial_at


def token_set_baseline(question: FreeTextQuestion, answer: str) -> str:
    score = fuzz.token_set_ratio(question.model_answer, answer, processor=utils.default_process)
    return verdict_for(score, *thresholds(question))


def keyword_baseline(question: FreeTextQuestion, answer: str) -> str:
    words = [t.raw for t in tokenize(answer)]
    present = set(words)

    def has(word: str) -> bool:
        return any(w.startswith(word[:-1]) for w in words) if word.endswith("*") else word in present

    def concept_hit(phrasings: tuple[str, ...]) -> bool:
        for phrasing in phrasings:
            parts = [p for p in phrasing.lower().replace("..", " ").replace("-", " ").split() if p]
            if parts and all(has(p.strip(".,'\"")) for p in parts):
                return True
        return False

    concepts = question.rubric.concepts
    total = sum(c.weight for c in concepts)
    score = 100 * sum(c.weight for c in concepts if concept_hit(c.any)) / total
    return verdict_for(score, *thresholds(question))


def agreement(cases: list[Case], verdicter: Verdicter, questions: dict[str, FreeTextQuestion]) -> dict[str, float]:
    right: dict[str, list[bool]] = defaultdict(list)
    for case in cases:
        ok = verdicter(questions[case.question_id], case.answer) == case.verdict
        right[case.kind].append(ok)
        right["all"].append(ok)
    return {kind: 100 * sum(oks) / len(oks) for kind, oks in right.items()}


def worst_errors(cases: list[Case], verdicter: Verdicter, questions: dict[str, FreeTextQuestion]) -> int:
    worst = [c for c in cases if c.kind in WORST_KINDS]
    return sum(verdicter(questions[c.question_id], c.answer) == "pass" for c in worst)


def timing(
    grader: Grader, questions: list[FreeTextQuestion], cases: list[Case]
) -> tuple[str, int, tuple[float, float], tuple[float, float]]:
    """(p50, p99) in ms, wall clock and thread CPU time, for 2,000-character answers on the largest rubric.

    CPU time is reported too because wall time on a shared, loaded machine mostly measures the neighbours.
    """

    def size(q: FreeTextQuestion) -> int:
        return sum(len(c.any) + len(c.negated_by) for c in q.rubric.concepts) + sum(
            len(w.any) for w in q.rubric.wrong_claims
        )

    largest = max(questions, key=size)
    rng = random.Random(7)
    pool = [c.answer for c in cases if c.answer] + [q.model_answer for q in questions]
    answers = []
    for _ in range(2000):
        text = ""
        while len(text) < 2000:
            text += rng.choice(pool) + " "
        answers.append(text[:2000])
    grader.grade(largest, answers[0])  # compile once, as a session would
    wall, cpu = [], []
    for answer in answers:
        start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
        grader.grade(largest, answer)
        cpu.append((time.thread_time_ns() - start_cpu) / 1e6)
        wall.append((time.perf_counter_ns() - start) / 1e6)
    return largest.id, size(largest), percentiles(wall), percentiles(cpu)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.99) - 1]


def main() -> None:
    curriculum = load((), shipped=paths.shipped_content_dir()).curriculum
    grader = Grader(curriculum.aliases)
    free = {q.id: q for q in curriculum.questions.values() if isinstance(q, FreeTextQuestion)}
    cases = load_cases()
    holdout = load_cases(HOLDOUT_FILE)

    def ours(question: FreeTextQuestion, answer: str) -> str:
        return grader.grade(question, answer).verdict

    graders: dict[str, Verdicter] = {"gitops-tutor": ours, "token_set_ratio": token_set_baseline,
                                     "keyword count": keyword_baseline}  # fmt: skip
    print_table("Regression set (tests/grading/regression.yaml)", cases, graders, free)
    print_table("Held-out set, never tuned on (tests/grading/holdout.yaml)", holdout, graders, free)
    question_id, phrasings, wall, cpu = timing(grader, list(free.values()), cases)
    load_average = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Speed: 2,000 answers of 2,000 characters on the largest rubric ({question_id}, {phrasings} phrasings), "
        f"{os.cpu_count()} CPUs, load average {load_average:.1f}:\n"
        f"  wall p50 {wall[0]:.2f} ms, p99 {wall[1]:.2f} ms; CPU p50 {cpu[0]:.2f} ms, p99 {cpu[1]:.2f} ms"
    )


def print_table(
    title: str, cases: list[Case], graders: dict[str, Verdicter], free: dict[str, FreeTextQuestion]
) -> None:
    results = {name: agreement(cases, g, free) for name, g in graders.items()}
    counts: dict[str, int] = defaultdict(int)
    for case in cases:
        counts[case.kind] += 1
    print(f"{title}: agreement with human verdicts, % of {len(cases)} answers\n")
    print("| kind | n | " + " | ".join(graders) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in graders) + " |")
    for kind in [k for k in KIND_ORDER if k in counts] + ["all"]:
        n = len(cases) if kind == "all" else counts[kind]
        cells = " | ".join(f"{results[name][kind]:.0f}" for name in graders)
        label = f"**{kind}**" if kind == "all" else kind
        print(f"| {label} | {n} | {cells} |")
    worst = {name: worst_errors(cases, g, free) for name, g in graders.items()}
    n_worst = sum(c.kind in WORST_KINDS for c in cases)
    print(f"| worst errors (negated/swapped/keyword-list that pass, of {n_worst}) | | "
          + " | ".join(str(worst[name]) for name in graders) + " |")  # fmt: skip
    print()


if __name__ == "__main__":
    main()
