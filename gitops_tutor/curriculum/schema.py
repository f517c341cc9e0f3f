"""A small JSON Schema checker that reports file positions.

The JSON Schemas shipped in ``schemas/`` are what editors use through the
``yaml-language-server`` modeline; checking files against the very same schemas
keeps the editor and ``gitops-tutor validate`` in agreement. Only the keywords the
shipped schemas use are supported, and the messages are written for people who
write YAML by hand ("unknown field 'promt' (did you mean 'prompt'?)").
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from gitops_tutor.curriculum.yamlread import Mark, YList, YMap

FILE_KINDS = ("lesson", "questions", "comparison", "aliases", "domains", "pack", "misconceptions")


@dataclass(frozen=True)
class SchemaError:
    code: str
    message: str
    mark: Mark


# Beside this module, as the package ships them (the start-up cache keys on the same folder). A plain
# path, not importlib.resources: finding it that way imported zipfile, shutil and the resource readers,
# about 5 ms of every validate and first start, for a folder that is always on disk.
_SCHEMAS = Path(__file__).parent / "schemas"


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """The shipped JSON Schema for a file kind, read once on first use."""
    return json.loads((_SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))


def schema_path(kind: str) -> str:
    return str(_SCHEMAS / f"{kind}.schema.json")


_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[name])


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def check(value: Any, schema: dict[str, Any], where: Mark, label: str) -> Iterator[SchemaError]:
    """Yield every way ``value`` breaks ``schema``; ``label`` names it in messages."""
    if "const" in schema and value != schema["const"]:
        yield SchemaError("kind", f"{label} must be {schema['const']!r}", where)
        return
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(str(v) for v in schema["enum"])
        yield SchemaError("enum", f"{label} is {value!r}; expected one of: {allowed}", where)
        return
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else types
        if not any(_is_type(value, name) for name in names):
            wanted = " or ".join(_article(name) for name in names)
            yield SchemaError("type", f"{label} should be {wanted}, not {_describe(value)}", where)
            return
    if isinstance(value, str):
        yield from _check_string(value, schema, where, label)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield from _check_number(value, schema, where, label)
    elif isinstance(value, list):
        yield from _check_list(value, schema, where, label)
    elif isinstance(value, dict):
        yield from _check_object(value, schema, where, label)


def _article(name: str) -> str:
    return {
        "object": "a mapping",
        "array": "a list",
        "string": "text",
        "integer": "a whole number",
        "number": "a number",
        "boolean": "true or false",
        "null": "null",
    }[name]


def _check_string(value: str, schema: dict[str, Any], where: Mark, label: str) -> Iterator[SchemaError]:
    if len(value.strip()) < schema.get("minLength", 0):
        yield SchemaError("empty", f"{label} is empty", where)
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        yield SchemaError("range", f"{label} is longer than {schema['maxLength']} characters", where)
    if "pattern" in schema and not re.search(schema["pattern"], value):
        hint = " (use lowercase words joined by '-')" if "a-z0-9" in schema["pattern"] else ""
        yield SchemaError("format", f"{label} {value!r} has the wrong form{hint}", where)


def _check_number(value: float, schema: dict[str, Any], where: Mark, label: str) -> Iterator[SchemaError]:
    if "minimum" in schema and value < schema["minimum"]:
        yield SchemaError("range", f"{label} is {value}; the least allowed is {schema['minimum']}", where)
    if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
        yield SchemaError("range", f"{label} must be more than {schema['exclusiveMinimum']}", where)
    if "maximum" in schema and value > schema["maximum"]:
        yield SchemaError("range", f"{label} is {value}; the most allowed is {schema['maximum']}", where)


def _check_list(value: list[Any], schema: dict[str, Any], where: Mark, label: str) -> Iterator[SchemaError]:
    if len(value) < schema.get("minItems", 0):
        yield SchemaError("empty", f"{label} needs at least {schema['minItems']} item(s)", where)
    items = schema.get("items")
    if items is None:
        return
    for index, item in enumerate(value):
        item_where = value.where(index) if isinstance(value, YList) else where
        yield from check(item, items, item_where, f"{label}[{index + 1}]")


def _check_object(value: dict[str, Any], schema: dict[str, Any], where: Mark, label: str) -> Iterator[SchemaError]:
    props: dict[str, Any] = schema.get("properties", {})
    required = list(schema.get("required", []))
    for sub in schema.get("allOf", []):
        if _matches(value, sub.get("if", {})):
            required += sub.get("then", {}).get("required", [])
    for name in required:
        if name not in value:
            yield SchemaError("required", f"{label} is missing the required field '{name}'", where)
    extra = schema.get("additionalProperties", True)
    for key, item in value.items():
        key_where = value.where(key) if isinstance(value, YMap) else where
        value_where = value.value_where(key) if isinstance(value, YMap) else where
        child = f"'{key}'" if label == "file" else f"{label}.{key}"
        if key in props:
            yield from check(item, props[key], value_where, child)
        elif extra is False:
            yield SchemaError("unknown-field", _unknown(key, props, label), key_where)
        elif isinstance(extra, dict):
            yield from check(item, extra, value_where, child)


def _unknown(key: str, props: dict[str, Any], label: str) -> str:
    import difflib  # only a broken file gets here: valid content does not pay for the import

    close = difflib.get_close_matches(str(key), list(props), n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    where = "" if label == "file" else f" in {label}"
    return f"unknown field '{key}'{where}{hint}"


def _matches(value: dict[str, Any], condition: dict[str, Any]) -> bool:
    """Whether an ``if`` clause holds; only property const/enum tests are used."""
    for key, sub in condition.get("properties", {}).items():
        if key not in value:
            return False
        if "const" in sub and value[key] != sub["const"]:
            return False
        if "enum" in sub and value[key] not in sub["enum"]:
            return False
    return True


Validator = Callable[[Any], bool]


def compile_validator(schema: dict[str, Any]) -> Validator:
    """A yes/no test that agrees with ``check`` on every value, without building messages.

    Most content is valid, so loading asks this first and walks the file with ``check``
    (for messages, lines and columns) only when the answer is no. It is built from the
    same keywords with the same rules as ``check``; a property test holds them together.
    """
    single = _single_type_validator(schema)
    if single is not None:
        return single
    tests: list[Validator] = []
    if "const" in schema:
        const = schema["const"]
        tests.append(lambda value: value == const)
    if "enum" in schema:
        enum = schema["enum"]
        tests.append(lambda value: value in enum)
    if schema.get("type") is not None:
        tests.append(_type_test(schema["type"]))
    strings, numbers, lists, objects = (
        _string_test(schema),
        _number_test(schema),
        _list_test(schema),
        _object_test(schema),
    )

    def valid(value: Any) -> bool:
        for test in tests:
            if not test(value):
                return False
        if isinstance(value, str):
            return strings(value)
        if isinstance(value, bool):
            return True
        if isinstance(value, (int, float)):
            return numbers(value)
        if isinstance(value, list):
            return lists(value)
        if isinstance(value, dict):
            return objects(value)
        return True

    return valid


def _single_type_validator(schema: dict[str, Any]) -> Validator | None:
    """A one-step test for the common case, a schema of one type and no const or enum.

    Most of a file's values meet such a schema, and the general test asks every value
    about every kind in turn; this one asks once (the keywords of other kinds can only
    apply to a value that already failed the type).
    """
    kind = schema.get("type")
    if not isinstance(kind, str) or "const" in schema or "enum" in schema:
        return None
    if kind == "string":
        least = schema.get("minLength", 0)
        if "maxLength" in schema or "pattern" in schema:
            strings = _string_test(schema)
            return lambda value: isinstance(value, str) and strings(value)
        if least:  # by far the most common: text that must not be blank
            return lambda value: isinstance(value, str) and len(value.strip()) >= least
        return lambda value: isinstance(value, str)
    if kind == "object":
        objects = _object_test(schema)
        return lambda value: isinstance(value, dict) and objects(value)
    if kind == "array":
        lists = _list_test(schema)
        return lambda value: isinstance(value, list) and lists(value)
    if kind in ("integer", "number"):
        allowed, numbers = _TYPES[kind], _number_test(schema)
        return lambda value: not isinstance(value, bool) and isinstance(value, allowed) and numbers(value)
    return None


def _type_test(types: str | list[str]) -> Validator:
    names = [types] if isinstance(types, str) else list(types)
    allowed = tuple(kind for name in names for kind in _TYPES[name])
    bool_ok = "boolean" in names  # _is_type: a bool is never an integer or a number
    return lambda value: bool_ok if isinstance(value, bool) else isinstance(value, allowed)


def _string_test(schema: dict[str, Any]) -> Validator:
    least, most = schema.get("minLength", 0), schema.get("maxLength")
    pattern = re.compile(schema["pattern"]) if "pattern" in schema else None

    def valid(value: str) -> bool:
        if least and len(value.strip()) < least:
            return False
        if most is not None and len(value) > most:
            return False
        return pattern is None or pattern.search(value) is not None

    return valid


def _number_test(schema: dict[str, Any]) -> Validator:
    least, above, most = schema.get("minimum"), schema.get("exclusiveMinimum"), schema.get("maximum")

    def valid(value: float) -> bool:
        if least is not None and value < least:
            return False
        if above is not None and value <= above:
            return False
        return most is None or value <= most

    return valid


def _list_test(schema: dict[str, Any]) -> Validator:
    least = schema.get("minItems", 0)
    items = compile_validator(schema["items"]) if "items" in schema else None

    def valid(value: list[Any]) -> bool:
        if len(value) < least:
            return False
        if items is not None:
            for item in value:
                if not items(item):
                    return False
        return True

    return valid


def _object_test(schema: dict[str, Any]) -> Validator:
    props = {name: compile_validator(sub) for name, sub in schema.get("properties", {}).items()}
    required = tuple(schema.get("required", ()))
    conditional = [
        (sub.get("if", {}), tuple(sub.get("then", {}).get("required", ()))) for sub in schema.get("allOf", [])
    ]
    extra = schema.get("additionalProperties", True)
    extra_test = compile_validator(extra) if isinstance(extra, dict) else None

    def valid(value: dict[str, Any]) -> bool:
        for name in required:
            if name not in value:
                return False
        for condition, names in conditional:
            if names and _matches(value, condition) and any(name not in value for name in names):
                return False
        for key, item in value.items():
            test = props.get(key)
            if test is None and extra is False:
                return False
            test = test or extra_test
            if test is not None and not test(item):
                return False
        return True

    return valid


@cache
def validator(kind: str, part: str = "file") -> Validator:
    """The compiled test for a file kind (``part="file"``) or one question (``part="question"``)."""
    return compile_validator(schema_for(kind, part))


@cache
def _schema_parts(kind: str) -> dict[str, dict[str, Any]]:
    schema = load_schema(kind)
    if kind != "questions":
        return {"file": schema}
    # A questions file is checked in two steps, so one broken question does not hide the rest.
    outer = {**schema, "properties": {**schema["properties"], "questions": {"type": "array"}}}
    return {"file": outer, "question": schema["properties"]["questions"]["items"]}


def schema_for(kind: str, part: str = "file") -> dict[str, Any]:
    return _schema_parts(kind)[part]
