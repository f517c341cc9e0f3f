"""Loading packs of content into one Curriculum, collecting every problem on the way.

Loading never raises on bad content: a file or item that is broken is left out
and explained, and everything else still loads, so one typo in a team's pack
cannot stop a learner from studying the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gitops_tutor.curriculum import build
from gitops_tutor.curriculum.collected import Collected, LoadResult
from gitops_tutor.curriculum.collector import collector_paused
from gitops_tutor.curriculum.files import (
    MODELINE_PREFIX,
    ContentFile,
    discover,
    display_path,
    pack_budget_problem,
    read_file,
)
from gitops_tutor.curriculum.models import (
    SHIPPED_PACK,
    Pack,
)
from gitops_tutor.curriculum.problems import Problem
from gitops_tutor.curriculum.schema import FILE_KINDS, SchemaError, check, schema_for, validator
from gitops_tutor.curriculum.validate import assemble, find_todos, may_hold_flags
from gitops_tutor.curriculum.yamlread import YList, YMap


def load(pack_dirs: Sequence[Path], shipped: Path | None = None) -> LoadResult:
    """Load the shipped content (if given) and each pack folder, in that order."""
    collected = Collected()
    roots: list[tuple[Path, str | None]] = []
    if shipped is not None:
        roots.append((shipped, SHIPPED_PACK))
    roots.extend((Path(p), None) for p in pack_dirs)
    with collector_paused():
        for root, name in roots:
            _load_pack(root, name, collected)
        return assemble(collected)


def _load_pack(root: Path, name: str | None, collected: Collected) -> None:
    shown = display_path(root)
    if not root.is_dir():
        what = "is not a folder" if root.exists() else "does not exist"
        collected.problems.append(Problem(shown, 1, 1, "missing-pack", f"content pack folder {what}"))
        return
    found = list(discover(root))
    too_large = pack_budget_problem(root, [path for path, link_problem in found if link_problem is None])
    if too_large is not None:
        collected.problems.append(too_large)
        return
    files: list[ContentFile] = []
    for path, link_problem in found:
        if link_problem:
            collected.problems.append(link_problem)
            continue
        content, problems = read_file(path)
        collected.problems.extend(problems)
        if content is not None:
            files.append(content)
    pack = _pack_meta(files, root, name, collected)
    collected.packs.append(pack)
    files.reverse()
    while files:  # each file's tree is let go once it is loaded: the models keep what they need
        _load_file(files.pop(), pack.name, collected)


def _pack_meta(files: list[ContentFile], root: Path, name: str | None, collected: Collected) -> Pack:
    for content in files:
        data = content.data
        if isinstance(data, YMap) and data.get("kind") == "pack" and not _schema_errors(content, "pack", collected):
            return Pack(name or data["name"], data["title"].strip(), str(root), data.get("description", "").strip())
    fallback = name or root.resolve().name or "pack"
    return Pack(fallback, fallback, str(root))


def _file_kind(content: ContentFile, collected: Collected) -> str | None:
    data = content.data
    if data is None:
        return None  # An empty file holds nothing to load; that is not an error.
    if not isinstance(data, YMap):
        collected.problems.append(
            Problem(content.shown, 1, 1, "kind", "a content file must be a mapping with a 'kind' field")
        )
        return None
    kind = data.get("kind")
    if kind not in FILE_KINDS:
        where = data.value_where("kind")
        message = (
            f"'kind' is {kind!r}; expected one of: {', '.join(FILE_KINDS)}"
            if "kind" in data
            else f"missing 'kind' (one of: {', '.join(FILE_KINDS)})"
        )
        collected.problems.append(Problem(content.shown, where.line, where.column, "kind", message))
        return None
    return str(kind)


def _load_file(content: ContentFile, pack: str, collected: Collected) -> None:
    kind = _file_kind(content, collected)
    if kind is None:
        return
    _check_modeline(content, kind, collected)
    if may_hold_flags(content.text):
        collected.problems.extend(find_todos(content.shown, content.data))
    if kind == "aliases":  # validate's lexicon check reads its forms' lines; no other tree is kept
        collected.raw_texts.append((content.shown, content.data))
    if kind == "questions":
        _load_questions(content, pack, collected)
        return
    if kind == "pack" or _schema_errors(content, kind, collected):
        return
    data: YMap = content.data
    if kind == "lesson":
        collected.lessons.append(build.build_lesson(data, content.shown, pack))
    elif kind == "comparison":
        collected.comparisons.append(build.build_comparison(data, content.shown, pack))
    elif kind == "domains":
        items = data["domains"]
        for index, domain in enumerate(build.build_domains(data)):
            collected.domains.append((domain, build.source(content.shown, items.where(index))))
    elif kind == "misconceptions":
        collected.misconceptions.extend(build.build_misconceptions(data, content.shown, pack))
    elif kind == "aliases":
        for canonical, forms in data["aliases"].items():
            collected.aliases.setdefault(str(canonical), []).extend(str(f) for f in forms)


def _load_questions(content: ContentFile, pack: str, collected: Collected) -> None:
    """Check each question on its own, so one broken question does not hide the rest."""
    data: YMap = content.data
    if _schema_errors(content, "questions", collected):
        return
    item_valid, item_schema = validator("questions", "question"), schema_for("questions", "question")
    items: YList = data["questions"]
    for index, raw in enumerate(items):
        if not item_valid(raw):
            label = f"question {raw.get('id', index + 1)!s}" if isinstance(raw, dict) else f"question {index + 1}"
            if _report(content, check(raw, item_schema, items.where(index), label), collected):
                continue
        if _report(content, _misplaced_fields(raw), collected):
            continue
        collected.questions.append(build.build_question(raw, content.shown, pack))


_TYPE_FIELDS = {
    "free-text": {"model_answer", "rubric", "samples"},
    "single-choice": {"options"},
    "multi-choice": {"options"},
    "which-tool": {"answer", "why"},
    "manifest": {"model_answer", "checks", "starter"},
}
_ALL_TYPE_FIELDS = set().union(*_TYPE_FIELDS.values())


def _misplaced_fields(raw: YMap) -> list[SchemaError]:
    """Fields of another question type: a sign of a copy-paste mistake worth flagging."""
    allowed = _TYPE_FIELDS[raw["type"]]
    return [
        SchemaError(
            "unknown-field",
            f"field '{key}' does not apply to {raw['type']} questions",
            raw.where(key),
        )
        for key in raw
        if key in _ALL_TYPE_FIELDS and key not in allowed
    ]


def _schema_errors(content: ContentFile, kind: str, collected: Collected) -> bool:
    """Whether the file breaks its schema; the position-aware walk runs only when it does."""
    data = content.data
    if validator(kind)(data):
        return False
    return _report(content, check(data, schema_for(kind), data.mark, "file"), collected)


def _report(content: ContentFile, errors: Any, collected: Collected) -> bool:
    found = False
    for error in errors:
        found = True
        collected.problems.append(Problem(content.shown, error.mark.line, error.mark.column, error.code, error.message))
    return found


def _check_modeline(content: ContentFile, kind: str, collected: Collected) -> None:
    expected = f"{kind}.schema.json"
    line = content.first_line.strip()
    if line.startswith(MODELINE_PREFIX) and line.endswith(expected):
        return
    collected.problems.append(
        Problem(
            content.shown,
            1,
            1,
            "modeline",
            f"first line should be '{MODELINE_PREFIX}<path to>/{expected}' so editors check the file",
            "warning",
        )
    )
