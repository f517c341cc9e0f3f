"""Safe YAML reading that remembers where every key and item came from.

PyYAML's own loaders lose line numbers, silently keep the last of two duplicate
keys and expand aliases without limit. Contributors write content by hand, so the
nodes are composed by libyaml (in C, with their marks; the pure-Python composer where
libyaml is absent) and values are built from them here: every mapping and list keeps
the marks of its keys and items (turned into lines and columns only when a problem
needs them), duplicate keys become problems, and alias expansion is budgeted so a
"billion laughs" file fails at once instead of hanging.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any

import yaml

from gitops_tutor.curriculum.reading import MAX_FILE_BYTES, Mark, YamlError

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is several times faster


class _FastResolver(_BaseLoader):
    """The safe loader with the resolver trimmed to what it does for us.

    The composer asks for a tag once per node, from C into Python. Safe loading has no
    path resolvers, so the lookup is one table by first character; the answers are the
    same as PyYAML's (a test compares whole files).
    """

    _by_first = {first: tuple(pairs) for first, pairs in yaml.SafeLoader.yaml_implicit_resolvers.items()}

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is _Scalar:
            if implicit[0]:
                return _tag_memo.get(value) or _plain_tag(value)
            return _STR
        return _SEQ if kind is _Sequence else _MAP

    # libyaml's composer calls these around every node (66,000 in the shipped content), from C. Safe
    # loading keeps no resolver path, so they need do nothing; C builtins do nothing without the
    # Python frame a method costs (compose: -4.7% of its instructions, callgrind).
    descend_resolver = staticmethod(operator.is_)  # (parent, index) -> a bool nobody reads
    ascend_resolver = staticmethod(tuple)  # () -> the empty tuple, nobody reads it


_STR = "tag:yaml.org,2002:str"
_Scalar = yaml.ScalarNode
_Sequence = yaml.SequenceNode
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

# A plain scalar's tag depends on its text alone, and the short texts repeat: keys ("id", "any",
# "answer", "verdict") and values ("true", "free-text", small numbers) are most of the 38,000 plain
# scalars of the shipped content and 4,000 distinct. Remembering their tags skips the regular
# expressions and the table walk (compose of the shipped files: -5% of its instructions, callgrind).
# Long texts are nearly all distinct and are not kept; the table stops growing at its cap.
_TAG_MEMO_TEXT = 64
_TAG_MEMO_CAP = 8192
_tag_memo: dict[str, str] = {}


def _plain_tag(value: str) -> str:
    """The tag PyYAML's safe resolver gives the plain (unquoted) scalar ``value``, remembered if short."""
    tag = _STR
    for candidate, regexp in _FastResolver._by_first.get(value[:1], ()):
        if regexp.match(value):
            tag = str(candidate)
            break
    if len(value) <= _TAG_MEMO_TEXT and len(_tag_memo) < _TAG_MEMO_CAP:
        _tag_memo[value] = tag
    return tag


_Loader: type = _FastResolver

MAX_EXPANDED_NODES = 200_000
MAX_DEPTH = 64
MAX_UNTRUSTED_VALUES = 100_000  # a manifest answer has hundreds; this leaves room and stops bombs


def _to_mark(mark: Any) -> Mark:
    """Our 1-based Mark from a parser mark (0-based), made only when a position is asked for."""
    if isinstance(mark, Mark):
        return mark
    return Mark(mark.line + 1, mark.column + 1)


class _Placed:
    """Where a value starts. Parser marks are kept as they come and turned into a Mark only
    when asked: most files are valid, and their positions are never looked at."""

    _at: Any = Mark(1, 1)

    @property
    def mark(self) -> Mark:
        return _to_mark(self._at)

    @mark.setter
    def mark(self, value: Any) -> None:
        self._at = value


class YMap(_Placed, dict):  # type: ignore[type-arg,unused-ignore]
    """A dict that knows where it and each of its keys stand in the file."""

    key_marks: dict[str, Any]
    value_marks: dict[str, Any]
    _merged: set[str] | None = None  # keys that came from a merge key (<<), which a later key may override

    def where(self, key: str) -> Mark:
        """The position of ``key`` if present, else of the mapping itself."""
        return _to_mark(self.key_marks.get(key, self._at))

    def value_where(self, key: str) -> Mark:
        mark = self.value_marks.get(key)
        return self.where(key) if mark is None else _to_mark(mark)


class YList(_Placed, list):  # type: ignore[type-arg,unused-ignore]
    """A list that knows where it and each of its items stand in the file."""

    item_marks: list[Any]

    def where(self, index: int) -> Mark:
        if 0 <= index < len(self.item_marks):
            return _to_mark(self.item_marks[index])
        return self.mark


@dataclass
class DuplicateKey:
    key: str
    first: Mark
    again: Mark


@dataclass
class ReadResult:
    """The first document of a file plus the duplicate keys met on the way."""

    value: Any
    duplicates: list[DuplicateKey]


_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# Only these tags become non-strings. Timestamps, binary and unknown tags stay strings:
# content never needs them as objects, and a string round-trips to JSON and the schema checks.
_BY_TAG = {
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
}


def _scalar(node: yaml.ScalarNode) -> Any:
    """A scalar node's value the way safe_load would make it (the composer already resolved the tag)."""
    tag = node.tag
    if tag == _STR:
        return node.value
    construct = _BY_TAG.get(tag)
    if construct is None:
        return node.value
    try:
        return construct(node)
    except (yaml.YAMLError, ValueError, LookupError):  # a 5,000-digit number, "!!bool maybe", an empty "!!int"
        return node.value


_IN_PROGRESS = (None, -1)


class _Builder:
    """Turns composed nodes into YMap/YList values without recursion.

    The composer (libyaml's, in C, where present) shares one node for an anchor and all
    its aliases, so composing a "billion laughs" file is cheap; expansion happens here,
    where every placed value counts against one budget.
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.expanded = 0
        self.duplicates: list[DuplicateKey] = []
        self.built: dict[int, tuple[Any, int]] = {}

    def build(self, root: yaml.Node) -> Any:
        # Values are remembered by node identity, which is only unique while the nodes live:
        # anchors never reach into the next document, so each document starts afresh.
        self.built = {}
        frames: list[list[Any]] = []
        value, _size = self._enter(root, frames)
        while frames:
            frame = frames[-1]
            done = self._fill_list(frame, frames) if type(frame[1]) is YList else self._fill_map(frame, frames)
            if not done:
                continue  # a child container was pushed; it is filled first
            frames.pop()
            node, container = frame[0], frame[1]
            self._count(1, node)
            self.built[id(node)] = (container, frame[3])
            if not frames:
                return container
            self._deliver(frames[-1], container, frame[3], node)
        return value

    def _fill_list(self, frame: list[Any], frames: list[list[Any]]) -> bool:
        """Add a sequence's items from ``frame[2]`` on; False when it stopped to push a child container.

        Plain text items (nearly all of them) are added right here, each counted against the
        budget in a local tally that is written back before anything else reads it: this loop
        and ``_fill_map`` run once per value of every file.
        """
        children, items, index = frame[0].value, frame[1], frame[2]
        marks, budget, expanded, added = items.item_marks, self.budget, self.expanded, 0
        while index < len(children):
            child = children[index]
            index += 1
            if child.tag == _STR and type(child) is _Scalar:
                expanded += 1
                if expanded > budget:
                    self.expanded = expanded
                    self._over_budget(child)
                added += 1
                items.append(child.value)
                marks.append(child.start_mark)
                continue
            frame[2], frame[3], self.expanded, added = index, frame[3] + added, expanded, 0
            value, size = self._enter(child, frames)
            if size < 0:
                return False
            self._deliver(frame, value, size, child)
            expanded = self.expanded
        frame[2], frame[3], self.expanded = index, frame[3] + added, expanded
        return True

    def _fill_map(self, frame: list[Any], frames: list[list[Any]]) -> bool:
        """Add a mapping's keys from ``frame[2]`` on; False when it stopped to push a child container."""
        children, container, index = frame[0].value, frame[1], frame[2]
        key_marks, value_marks, budget = container.key_marks, container.value_marks, self.budget
        expanded, added = self.expanded, 0
        while index < len(children):
            key_node, value_node = children[index]
            index += 1
            key = key_node.value if key_node.tag == _STR and type(key_node) is _Scalar else self._key(key_node)
            if value_node.tag == _STR and type(value_node) is _Scalar and key != "<<":
                expanded += 1
                if expanded > budget:
                    self.expanded = expanded
                    self._over_budget(value_node)
                added += 1
                key_mark = key_node.start_mark
                if key in key_marks:
                    self._again(container, key, key_mark)
                container[key] = value_node.value
                key_marks[key] = key_mark
                value_marks[key] = value_node.start_mark
                continue
            frame[2], frame[3], frame[4], frame[5] = index, frame[3] + added, key, key_node
            self.expanded, added = expanded, 0
            value, size = self._enter(value_node, frames)
            if size < 0:
                return False
            self._deliver(frame, value, size, value_node)
            expanded = self.expanded
        frame[2], frame[3], self.expanded = index, frame[3] + added, expanded
        return True

    def _again(self, container: YMap, key: str, key_mark: Any) -> None:
        """A key met a second time: a duplicate, unless the first came from a merge key (<<)."""
        merged = container._merged
        if merged and key in merged:
            merged.discard(key)
            return
        self.duplicates.append(DuplicateKey(key, _to_mark(container.key_marks[key]), _to_mark(key_mark)))

    def _count(self, size: int, node: yaml.Node) -> None:
        self.expanded += size
        if self.expanded > self.budget:  # the only branch taken on an alias bomb
            self._over_budget(node)

    def _over_budget(self, node: yaml.Node) -> None:
        raise YamlError(
            "alias-expansion",
            f"aliases expand to more than {self.budget:,} values; write the content out instead",
            _to_mark(node.start_mark),
        )

    def _enter(self, node: yaml.Node, frames: list[list[Any]]) -> tuple[Any, int]:
        """A finished (value, size), or push a frame and return size -1."""
        if isinstance(node, yaml.ScalarNode):
            self._count(1, node)
            return _scalar(node), 1
        done = self.built.get(id(node))
        if done is not None:
            if done is _IN_PROGRESS:
                raise YamlError("syntax", "an alias refers to a value that contains it", _to_mark(node.start_mark))
            self._count(done[1], node)
            return done
        if len(frames) >= MAX_DEPTH:
            raise YamlError("too-deep", f"nesting deeper than {MAX_DEPTH} levels", _to_mark(node.start_mark))
        self.built[id(node)] = _IN_PROGRESS
        if isinstance(node, yaml.MappingNode):
            container: Any = YMap()
            container.key_marks = {}
            container.value_marks = {}
        else:
            container = YList()
            container.item_marks = []
        container._at = node.start_mark
        # Frame: [node, container, next index, size so far, pending key, pending key node]
        frames.append([node, container, 0, 1, None, None])
        return None, -1

    def _key(self, node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise YamlError("syntax", "a mapping key must be a plain value", _to_mark(node.start_mark))
        key = _scalar(node)
        return key if isinstance(key, str) else str(key)

    def _deliver(self, frame: list[Any], value: Any, size: int, node: yaml.Node) -> None:
        frame[3] += size
        container = frame[1]
        if isinstance(container, YList):
            container.append(value)
            container.item_marks.append(node.start_mark)
            return
        key, key_node = frame[4], frame[5]
        if key == "<<" and isinstance(value, (YMap, YList)):
            _merge(container, value)
            return
        key_mark = key_node.start_mark
        merged = container._merged
        if key in container.key_marks and not (merged and key in merged):
            first = container.key_marks[key]
            self.duplicates.append(DuplicateKey(key, _to_mark(first), _to_mark(key_mark)))
        container[key] = value
        container.key_marks[key] = key_mark
        container.value_marks[key] = node.start_mark
        if merged:
            merged.discard(key)


def _merge(container: YMap, value: YMap | YList) -> None:
    """Apply a YAML merge key (``<<: *defaults``): explicit keys win."""
    sources = value if isinstance(value, YList) else [value]
    merged: set[str] = container._merged or set()
    for source in sources:
        if not isinstance(source, YMap):
            continue
        for key, item in source.items():
            if key not in container:
                container[key] = item
                container.key_marks[key] = source.key_marks.get(key, source._at)
                container.value_marks[key] = source.value_marks.get(key, source._at)
                merged.add(key)
    container._merged = merged


def _compose_and_build(text: str, budget: int, first_only: bool) -> tuple[list[Any], list[DuplicateKey]]:
    """Compose and build the documents of ``text``; PyYAML's own errors pass through as raised."""
    builder = _Builder(budget)
    values: list[Any] = []
    loader = _Loader(text)
    try:
        while loader.check_node():
            values.append(builder.build(loader.get_node()))
            if first_only:
                break
    finally:
        loader.dispose()
    return values, builder.duplicates


def build_documents(text: str, max_values: int = MAX_UNTRUSTED_VALUES) -> list[Any]:
    """Every document of a small YAML text (a lesson's example), read within budget.

    Unlike ``yaml.load_all`` it never raises ValueError or TypeError: a tagged or
    timestamp-like value that PyYAML cannot construct (``released: 2024-13-01``) stays
    text, as everywhere in this reader. Text that is not YAML raises PyYAML's own
    ``yaml.YAMLError``, so callers can quote its wording; running past the budget or the
    depth, or a mapping key that is not a plain value, raises YamlError.
    """
    values, _duplicates = _compose_and_build(text, max_values, first_only=False)
    return values


def _documents(text: str, budget: int, first_only: bool) -> tuple[list[Any], list[DuplicateKey]]:
    """Compose and build the documents of ``text``; every failure becomes a YamlError."""
    try:
        return _compose_and_build(text, budget, first_only)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise YamlError("syntax", f"character {exc.character!r} is not allowed in YAML", Mark(line, column)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context.startswith("found") and exc.context_mark:  # e.g. an anchor defined twice
            problem = f"{exc.context} at line {exc.context_mark.line + 1}, {problem} here"
        if "maximum nesting depth" in problem:
            raise YamlError("too-deep", f"nesting deeper than {MAX_DEPTH} levels", where) from None
        raise YamlError("syntax", f"YAML syntax error: {problem}", where) from None
    except yaml.YAMLError as exc:
        raise YamlError("syntax", f"YAML error: {exc}", Mark(1, 1)) from None
    except RecursionError:  # the pure-Python composer recurses once per level
        raise YamlError("too-deep", f"nesting deeper than {MAX_DEPTH} levels", Mark(1, 1)) from None


def read_yaml(text: str) -> ReadResult:
    """Read the first YAML document of ``text``.

    Raises YamlError for anything that stops the file being read: syntax errors,
    unknown aliases, runaway alias expansion and absurd nesting.
    """
    values, duplicates = _documents(text, MAX_EXPANDED_NODES, first_only=True)
    return ReadResult(values[0] if values else None, duplicates)


class UntrustedYamlError(ValueError):
    """Untrusted YAML that cannot be read within budget; ``str()`` is one line naming the source."""

    def __init__(self, source: str, error: YamlError) -> None:
        super().__init__(f"{source}:{error.mark.line}:{error.mark.column}: {error.message}")
        self.source = source
        self.error = error


def load_untrusted_documents(
    text: str, *, source: str, max_chars: int = MAX_FILE_BYTES, max_values: int = MAX_UNTRUSTED_VALUES
) -> list[Any]:
    """Every document of YAML from a stranger (an answer, an import, a pack), read within budget.

    Plain ``yaml.safe_load_all`` expands aliases without limit: a 593-byte answer can
    eat gigabytes (CVE-2019-11253 in Kubernetes). Here the text, the nesting and the
    number of values after alias expansion are all capped, and anything over a cap or
    not YAML raises UntrustedYamlError with a one-line message.
    """
    if len(text) > max_chars:
        raise UntrustedYamlError(
            source, YamlError("too-large", f"{len(text):,} characters; the limit is {max_chars:,}", Mark(1, 1))
        )
    try:
        values, _duplicates = _documents(text, max_values, first_only=False)
    except YamlError as exc:
        raise UntrustedYamlError(source, exc) from None
    return values


def decode(data: bytes) -> str:
    """Decode file bytes as UTF-8 or raise YamlError at the first bad byte."""
    if len(data) > MAX_FILE_BYTES:
        raise YamlError("too-large", f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}", Mark(1, 1))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlError("encoding", f"file is not UTF-8 (byte 0x{data[exc.start]:02x})", Mark(line, column)) from None
    if "\x00" in text:
        index = text.index("\x00")
        line = text.count("\n", 0, index) + 1
        raise YamlError("encoding", "file contains a NUL character", Mark(line, 1))
    return text.removeprefix("\ufeff")
