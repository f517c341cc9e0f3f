"""Safe YAML reading that remembers where every key and item came from.

PyYAML's own loaders lose line numbers, silently keep the last of two duplicate
keys and expand aliases without limit. Contributors write content by hand, so we
build values from the event stream ourselves: every mapping and list remembers the
line and column of its keys and items, duplicate keys become problems, and alias
expansion is budgeted so a "billion laughs" file fails at once instead of hanging.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

try:  # The C parser is several times faster; fall back quietly where libyaml is absent.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 1_000_000
MAX_EXPANDED_NODES = 200_000
MAX_DEPTH = 64


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in a file."""

    line: int
    column: int


class YMap(dict):  # type: ignore[type-arg,unused-ignore]
    """A dict that knows where it and each of its keys stand in the file."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]

    def where(self, key: str) -> Mark:
        """The position of ``key`` if present, else of the mapping itself."""
        return self.key_marks.get(key, self.mark)

    def value_where(self, key: str) -> Mark:
        return self.value_marks.get(key, self.where(key))


class YList(list):  # type: ignore[type-arg,unused-ignore]
    """A list that knows where it and each of its items stand in the file."""

    mark: Mark
    item_marks: list[Mark]

    def where(self, index: int) -> Mark:
        if 0 <= index < len(self.item_marks):
            return self.item_marks[index]
        return self.mark


class YamlError(Exception):
    """A problem that stops a file from being read at all."""

    def __init__(self, code: str, message: str, mark: Mark) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.mark = mark


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


def _mark(event: Any) -> Mark:
    m = event.start_mark
    return Mark(m.line + 1, m.column + 1)


_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_QUOTED_STYLES = frozenset({"'", '"', "|", ">"})
# Direct constructors by tag: calling them skips construct_object's per-node bookkeeping,
# which keeps every node alive and made reading a large file several times slower.
_BY_TAG = {
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
}


def _scalar(event: yaml.ScalarEvent) -> Any:
    """Turn a scalar event into a Python value the way safe_load would.

    Timestamps, binary and unknown tags stay strings: content never needs them as
    objects, and a string round-trips to JSON and the schema checks without surprises.
    """
    tag = event.tag
    if tag is None or tag == "!":
        if event.style in _QUOTED_STYLES:
            return event.value  # quoted and block scalars are always strings
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
    construct = _BY_TAG.get(tag)
    if tag == _STR or construct is None:
        return event.value
    try:
        return construct(yaml.ScalarNode(tag, event.value, None, None, event.style))
    except (yaml.YAMLError, ValueError):
        return event.value


class _Builder:
    """Builds values from parser events without recursion."""

    def __init__(self) -> None:
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.duplicates: list[DuplicateKey] = []
        # Stack entries: [container, anchor, size, pending_key, pending_key_mark]
        self.stack: list[list[Any]] = []
        self.root: Any = None
        self.done = False

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self._add(_scalar(event), _mark(event), event.anchor, 1)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, yaml.MappingStartEvent):
            self._open(YMap(), event)
        elif isinstance(event, yaml.SequenceStartEvent):
            self._open(YList(), event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._close()
        elif isinstance(event, yaml.DocumentEndEvent):
            self.done = True

    def _open(self, container: Any, event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            raise YamlError("too-deep", f"nesting deeper than {MAX_DEPTH} levels", _mark(event))
        container.mark = _mark(event)
        if isinstance(container, YMap):
            container.key_marks = {}
            container.value_marks = {}
        else:
            container.item_marks = []
        self.stack.append([container, event.anchor, 1, None, None])

    def _close(self) -> None:
        container, anchor, size, _, _ = self.stack.pop()
        self._add(container, container.mark, anchor, size)

    def _alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            raise YamlError("syntax", f"unknown alias *{event.anchor}", _mark(event))
        value, size = self.anchors[event.anchor]
        self.expanded += size
        if self.expanded > MAX_EXPANDED_NODES:
            raise YamlError(
                "alias-expansion",
                f"aliases expand to more than {MAX_EXPANDED_NODES:,} values; write the content out instead",
                _mark(event),
            )
        self._add(value, _mark(event), None, size)

    def _add(self, value: Any, mark: Mark, anchor: str | None, size: int) -> None:
        if anchor:
            self.anchors[anchor] = (value, size)
        self.expanded += 1
        if self.expanded > MAX_EXPANDED_NODES:
            raise YamlError("alias-expansion", "file has too many values", mark)
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        top[2] += size
        container = top[0]
        if isinstance(container, YList):
            container.append(value)
            container.item_marks.append(mark)
        elif top[3] is None and top[4] is None:
            top[3], top[4] = value, mark
        else:
            self._set_key(container, top[3], top[4], value, mark)
            top[3], top[4] = None, None

    def _set_key(self, container: YMap, key: Any, key_mark: Mark, value: Any, mark: Mark) -> None:
        if key == "<<" and isinstance(value, (YMap, YList)):
            self._merge(container, value)
            return
        if isinstance(key, (YMap, YList)):
            raise YamlError("syntax", "a mapping key must be a plain value", key_mark)
        key = str(key) if not isinstance(key, str) else key
        if key in container.key_marks and key not in getattr(container, "_merged", ()):
            self.duplicates.append(DuplicateKey(key, container.key_marks[key], key_mark))
        container[key] = value
        container.key_marks[key] = key_mark
        container.value_marks[key] = mark
        merged = getattr(container, "_merged", None)
        if merged:
            merged.discard(key)

    def _merge(self, container: YMap, value: YMap | YList) -> None:
        """Apply a YAML merge key (``<<: *defaults``): explicit keys win."""
        sources = value if isinstance(value, YList) else [value]
        merged: set[str] = getattr(container, "_merged", set())
        for source in sources:
            if not isinstance(source, YMap):
                continue
            for key, item in source.items():
                if key not in container:
                    container[key] = item
                    container.key_marks[key] = source.where(key)
                    container.value_marks[key] = source.value_where(key)
                    merged.add(key)
        container._merged = merged  # type: ignore[attr-defined]


def read_yaml(text: str) -> ReadResult:
    """Read the first YAML document of ``text``.

    Raises YamlError for anything that stops the file being read: syntax errors,
    unknown aliases, runaway alias expansion and absurd nesting.
    """
    builder = _Builder()
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
            if builder.done:
                break
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise YamlError("syntax", f"character {exc.character!r} is not allowed in YAML", Mark(line, column)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError("syntax", f"YAML syntax error: {problem}", where) from None
    except yaml.YAMLError as exc:
        raise YamlError("syntax", f"YAML error: {exc}", Mark(1, 1)) from None
    return ReadResult(builder.root, builder.duplicates)


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
