"""Cross-file checks: ids, references and rules the JSON Schema cannot express.

These run on every load, so the app and ``gitops-tutor validate`` agree on what
is broken. Checks that need the grader (sample answers) live in the grading layer,
which sits above this one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gitops_tutor.curriculum.collected import Collected, LoadResult
from gitops_tutor.curriculum.files import display_path
from gitops_tutor.curriculum.misconceptions import check_misconceptions, unique_misconceptions
from gitops_tutor.curriculum.models import (
    AnyQuestion,
    ChoiceQuestion,
    Comparison,
    Curriculum,
    Dimension,
    FreeTextQuestion,
    Source,
)
from gitops_tutor.curriculum.problems import Problem
from gitops_tutor.curriculum.yamlread import YamlError, YList, YMap, build_documents
from gitops_tutor.terminal_text import first_control

TODO_MARKER = "TODO"
_C0_AND_DEL = bytes(range(0x00, 0x09)) + bytes(range(0x0B, 0x20)) + b"\x7f"  # tab and line feed are text
_FENCE = re.compile(r"^(```|~~~)\s*(\w+)?\s*$")
# A double-quoted escape that can make a control character or a letter, or join two lines (the
# line breaks PyYAML knows); any backslash before one counts, whatever the scalar's style.
_RISKY_ESCAPE = re.compile("\\\\[0abvfreNxuU\r\n\x85\u2028\u2029]")


def problem(src: Source, code: str, message: str) -> Problem:
    return Problem(src.path, src.line, src.column, code, message)


def assemble(collected: Collected) -> LoadResult:
    """Run the cross-file checks and build the Curriculum from what survives."""
    problems = list(collected.problems)
    lessons = _unique("lesson", ((les.id, les.source, les) for les in collected.lessons), problems)
    questions = _unique("question", ((q.id, q.source, q) for q in collected.questions), problems)
    domains = _unique("domain", ((d.id, src, d) for d, src in collected.domains), problems)
    comparison, dims = merge_comparisons(collected.comparisons)
    unique_dims = _unique("dimension", ((d.id, d.source, d) for d in dims), problems)
    if comparison is not None:
        comparison = Comparison(
            comparison.id,
            comparison.title,
            comparison.intro,
            tuple(unique_dims.values()),
            comparison.pack,
            comparison.source,
        )
    curriculum = Curriculum(
        lessons=lessons,
        questions=questions,
        comparison=comparison,
        aliases={k: tuple(dict.fromkeys(v)) for k, v in collected.aliases.items()},
        domains=domains,
        packs=tuple(collected.packs),
        misconceptions=unique_misconceptions(collected.misconceptions, problems),
    )
    problems.extend(check_references(curriculum))
    problems.extend(check_misconceptions(curriculum))
    problems.extend(check_questions(curriculum.questions.values()))
    problems.extend(check_lesson_examples(curriculum))
    return LoadResult(curriculum, tuple(sorted(set(problems))), tuple(collected.raw_texts))


def merge_comparisons(comparisons: list[Comparison]) -> tuple[Comparison | None, list[Dimension]]:
    """Packs may add dimensions to the shipped comparison; the first file names it."""
    if not comparisons:
        return None, []
    first = comparisons[0]
    dims = [d for c in comparisons for d in c.dimensions]
    return first, dims


def _unique(what: str, items: Iterable[tuple[str, Source, Any]], problems: list[Problem]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    first: dict[str, Source] = {}
    for item_id, src, item in items:
        if item_id in seen:
            problems.append(
                problem(src, "duplicate-id", f"{what} id '{item_id}' is already defined at {first[item_id]}")
            )
            continue
        seen[item_id] = item
        first[item_id] = src
    return seen


def check_references(cur: Curriculum) -> Iterator[Problem]:
    """Every id a file points at must exist somewhere in the loaded content."""
    for lesson in cur.lessons.values():
        if cur.domains and lesson.domain not in cur.domains:
            yield problem(lesson.source, "unknown-ref", f"lesson '{lesson.id}' names unknown domain '{lesson.domain}'")
        for qid in lesson.check_questions:
            if qid not in cur.questions:
                yield problem(
                    lesson.source, "unknown-ref", f"lesson '{lesson.id}' lists unknown check question '{qid}'"
                )
    for q in cur.questions.values():
        if q.lesson not in cur.lessons:
            yield problem(q.source, "unknown-ref", f"question '{q.id}' names unknown lesson '{q.lesson}'")
        if cur.domains and q.domain not in cur.domains:
            yield problem(q.source, "unknown-ref", f"question '{q.id}' names unknown domain '{q.domain}'")
        yield from _check_follow_ups(q, cur)


def _check_follow_ups(q: AnyQuestion, cur: Curriculum) -> Iterator[Problem]:
    concepts = {c.id for c in q.rubric.concepts} if isinstance(q, FreeTextQuestion) else set()
    for follow in q.follow_ups:
        if follow.ask not in cur.questions:
            yield problem(
                q.source, "unknown-ref", f"question '{q.id}' has a follow-up to unknown question '{follow.ask}'"
            )
        elif follow.ask == q.id:
            yield problem(q.source, "unknown-ref", f"question '{q.id}' names itself as its follow-up")
        if follow.when_missed not in concepts:
            yield problem(
                q.source, "unknown-ref", f"question '{q.id}' has a follow-up for unknown concept '{follow.when_missed}'"
            )


def check_questions(questions: Iterable[AnyQuestion]) -> Iterator[Problem]:
    for q in questions:
        if isinstance(q, ChoiceQuestion):
            yield from _check_choice(q)
        elif isinstance(q, FreeTextQuestion):
            yield from _check_rubric(q)


def _check_choice(q: ChoiceQuestion) -> Iterator[Problem]:
    correct = len(q.correct_indexes)
    if q.type == "single-choice" and correct != 1:
        yield problem(
            q.source, "choice", f"single-choice question '{q.id}' has {correct} correct options; it needs exactly one"
        )
    if q.type == "multi-choice" and correct == 0:
        yield problem(q.source, "choice", f"multi-choice question '{q.id}' has no correct option")
    texts = [o.text.casefold() for o in q.options]
    if len(set(texts)) != len(texts):
        yield problem(q.source, "choice", f"question '{q.id}' has two options with the same text")


# A wrong claim is shown to the learner as "Wrong: <label>", so its label must say what the answer
# claims. Labels that stated the truth ("Git is not required") told learners the fact was the mistake
# (QA fresh-eyes-4); every shipped label now starts with one of these verbs.
CLAIM_VERBS = frozenset(
    [
        "Adds",
        "Applies",
        "Assumes",
        "Blames",
        "Calls",
        "Claims",
        "Commits",
        "Confuses",
        "Deletes",
        "Denies",
        "Drops",
        "Edits",
        "Expects",
        "Gives",
        "Invents",
        "Keeps",
        "Leaves",
        "Lets",
        "Makes",
        "Mixes",
        "Moves",
        "Names",
        "Picks",
        "Pins",
        "Puts",
        "Recommends",
        "Relies",
        "Reverses",
        "Runs",
        "Says",
        "Sends",
        "Skips",
        "Stores",
        "Suggests",
        "Swaps",
        "Thinks",
        "Ties",
        "Treats",
        "Turns",
        "Uses",
        "Waits",
    ]
)


def _check_claim_labels(q: FreeTextQuestion) -> Iterator[Problem]:
    for claim in q.rubric.wrong_claims:
        words = claim.label.split(maxsplit=1)
        if not words or words[0] not in CLAIM_VERBS:
            message = (
                f"question '{q.id}': wrong claim '{claim.id}' is shown as \"Wrong: {claim.label}\"; start its label "
                "with what the answer does (Claims, Says, Treats, Swaps, Recommends ...), the truth in parentheses"
            )
            yield Problem(q.source.path, q.source.line, q.source.column, "claim-label", message, severity="warning")


def _check_rubric(q: FreeTextQuestion) -> Iterator[Problem]:
    yield from _check_claim_labels(q)
    ids = [c.id for c in q.rubric.concepts] + [w.id for w in q.rubric.wrong_claims]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        yield problem(q.source, "duplicate-id", f"question '{q.id}' uses rubric id '{dup}' twice")
    verdicts = {s.verdict for s in q.samples}
    if "pass" not in verdicts or not verdicts & {"partial", "fail"}:
        yield problem(
            q.source,
            "samples",
            f"question '{q.id}' needs sample answers with at least one 'pass' and one 'partial' or 'fail'",
        )
    rubric = q.rubric
    if (
        rubric.pass_threshold is not None
        and rubric.partial_threshold is not None
        and rubric.partial_threshold >= rubric.pass_threshold
    ):
        yield problem(q.source, "range", f"question '{q.id}': partial_threshold must be below pass_threshold")


@dataclass(frozen=True)
class PresetNeed:
    """What one draw of an interview preset takes from the loaded content.

    The interview layer works the numbers out (it owns the presets and the domain
    split); this layer only counts, so content checks never import the layers above.
    ``types`` empty means any question type will do.
    """

    name: str
    total: int
    per_domain: Mapping[str, int]
    types: tuple[str, ...] = ()


def check_preset_capacity(cur: Curriculum, needs: Iterable[PresetNeed]) -> Iterator[Problem]:
    """Warn when the content cannot fill a preset: a draw would come out short or out of proportion."""
    where = display_path(Path(cur.packs[-1].root)) if cur.packs else "content"
    for need in needs:
        usable = [q for q in cur.questions.values() if not need.types or q.type in need.types]
        kind = " or ".join(need.types) + " " if need.types else ""
        if len(usable) < need.total:
            message = f"preset '{need.name}' needs {need.total} {kind}questions; the content has {len(usable)}"
            yield Problem(where, 1, 1, "preset", message, severity="warning")
        for domain, wanted in sorted(need.per_domain.items()):
            have = sum(1 for q in usable if q.domain == domain)
            if have < wanted:
                message = (
                    f"preset '{need.name}' needs {wanted} {kind}questions in domain '{domain}'; the content has {have}"
                )
                yield Problem(where, 1, 1, "preset", message, severity="warning")


def code_blocks(markdown: str) -> Iterator[tuple[int, str, str]]:
    """Yield (first line number, language, text) for each fenced block of Markdown."""
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index].strip())
        if not match:
            index += 1
            continue
        fence, lang = match.group(1), (match.group(2) or "").lower()
        start = index + 1
        end = start
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        yield start + 1, lang, "\n".join(lines[start:end])
        index = end + 1


def check_lesson_examples(cur: Curriculum) -> Iterator[Problem]:
    """Every ```yaml block in a lesson must parse, and Kubernetes objects need apiVersion and kind."""
    for lesson in cur.lessons.values():
        for offset, lang, text in code_blocks(lesson.body):
            if lang not in ("yaml", "yml"):
                continue
            where = Source(lesson.source.path, lesson.source.line, 1)
            for message in example_problems(text):
                yield problem(where, "example", f"lesson '{lesson.id}', example at body line {offset}: {message}")


def example_problems(text: str) -> list[str]:
    """What is wrong with one YAML example: it does not parse, or a Kubernetes object lacks its type.

    Read by the loader's own reader, not ``yaml.load_all``: that one raised ValueError on a
    value it could not construct (a date such as 2024-13-01), which stopped every load of
    the pack, and it built every value in Python only for this check to read the top keys.
    """
    try:
        docs = [d for d in build_documents(text) if d is not None]
    except yaml.YAMLError as exc:
        return [f"does not parse as YAML ({str(exc).splitlines()[0]})"]
    except YamlError as exc:
        return [f"does not parse as YAML ({exc.message})"]
    except RecursionError:  # only without libyaml: the pure-Python composer recurses once per level
        return ["does not parse as YAML (nested too deeply)"]
    found = []
    for doc in docs:
        if isinstance(doc, dict) and ("apiVersion" in doc or "kind" in doc or "metadata" in doc):
            missing = [f for f in ("apiVersion", "kind") if f not in doc]
            if missing:
                found.append(f"Kubernetes object lacks {', '.join(missing)}")
    return found


def may_hold_flags(text: str) -> bool:
    """Whether any string read from ``text`` could hold a TODO marker or a control character.

    A value's characters are the file's own, apart from line breaks folded into spaces and
    the escapes of double-quoted text (``"\\e"``, ``"\\x54ODO"``), which all start with a
    backslash. Only some escapes can make a flag: a control (``\\0 \\a \\b \\v \\f \\r \\e \\N``),
    any letter by its number (``\\x \\u \\U``), or an escaped line break, which joins "TO" and "DO"
    across lines (``_RISKY_ESCAPE``); the backslashes of regular expressions and quoted quotes
    (``\\s``, ``\\.``, ``\\"``) never do, and they sent 14 of the 63 shipped files through the walk.
    So a file with no marker, no control character and no risky escape needs no walk: that is most
    files, and the walk visits every string. Controls are looked for in the UTF-8 bytes (a table
    lookup per byte, several times faster than the regular expression): C0 and DEL are single
    bytes, and the C1 controls (U+0080 to U+009F) all start with the byte 0xC2.
    """
    if TODO_MARKER in text or ("\\" in text and _RISKY_ESCAPE.search(text)):
        return True
    data = text.encode("utf-8", "surrogatepass")
    if len(data.translate(None, _C0_AND_DEL)) != len(data):
        return True
    return b"\xc2" in data and first_control(text) is not None


def find_todos(shown: str, value: Any) -> Iterator[Problem]:
    """Skeletons from ``gitops-tutor new`` carry TODO markers; they must all be filled in.

    The same walk warns about control characters (written as YAML escapes such as ``\\e``):
    text meant for a terminal has no use for them, and in a pack from a stranger they are how a
    screen gets cleared or a clipboard written. They are always shown escaped, never sent raw.
    """
    for node, slot, text in _strings(value):
        has_todo = TODO_MARKER in text
        control = first_control(text)
        if not (has_todo or control):
            continue  # nearly every string: no mark is made for it (a mark costs more than both tests)
        where, mark = _place(node, slot)
        if has_todo:
            yield Problem(shown, mark.line, mark.column, "todo", f"{where} still holds a TODO marker")
        if control:
            message = f"{where} holds the control character \\x{ord(control):02x} (shown escaped, never sent)"
            yield Problem(shown, mark.line, mark.column, "control-char", message, severity="warning")


def _place(node: YMap | YList, slot: Any) -> tuple[str, Any]:
    """How to name a string's slot (``'key'`` or ``list item``) and its mark."""
    if isinstance(node, YMap):
        return f"'{slot}'", node.value_where(slot)
    return "list item", node.where(slot)


def _strings(value: Any) -> Iterator[tuple[YMap | YList, Any, str]]:
    """Every string in a raw tree with its container and key or index; marks are left to the caller."""
    stack: list[Any] = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, YMap):
            for key, item in node.items():
                if isinstance(item, str):
                    yield node, key, item
                else:
                    stack.append(item)
        elif isinstance(node, YList):
            for index, item in enumerate(node):
                if isinstance(item, str):
                    yield node, index, item
                else:
                    stack.append(item)
