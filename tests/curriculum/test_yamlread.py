"""The YAML reader: positions, duplicate keys, aliases, bombs and encodings."""

from __future__ import annotations

import time

import pytest

from gitops_tutor.curriculum.yamlread import Mark, YamlError, YList, YMap, decode, read_yaml


def test_keys_and_items_remember_their_lines() -> None:
    result = read_yaml("a: 1\nb:\n  - x\n  - y\nc: {d: 2}\n")
    data = result.value
    assert isinstance(data, YMap)
    assert data.where("b") == Mark(2, 1)
    assert isinstance(data["b"], YList)
    assert data["b"].where(1) == Mark(4, 5)
    assert data["c"].where("d") == Mark(5, 5)


def test_scalars_resolve_like_safe_load() -> None:
    data = read_yaml("a: yes\nb: 3\nc: 2.5\nd: ~\ne: '3'\nf: 2024-01-01\n").value
    assert data == {"a": True, "b": 3, "c": 2.5, "d": None, "e": "3", "f": "2024-01-01"}


def test_duplicate_keys_are_reported_with_both_lines() -> None:
    result = read_yaml("prompt: one\nid: x\nprompt: two\n")
    assert len(result.duplicates) == 1
    dup = result.duplicates[0]
    assert (dup.key, dup.first.line, dup.again.line) == ("prompt", 1, 3)


def test_merge_keys_do_not_count_as_duplicates() -> None:
    result = read_yaml("base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\n")
    assert result.duplicates == []
    assert result.value["item"] == {"x": 1, "y": 3}


def billion_laughs() -> str:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghi":
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    return text


def test_billion_laughs_fails_fast() -> None:
    started = time.perf_counter()
    with pytest.raises(YamlError) as info:
        read_yaml(billion_laughs())
    assert info.value.code == "alias-expansion"
    assert time.perf_counter() - started < 1.0  # a hang would be the failure, not a slow pass


def test_deep_nesting_is_refused() -> None:
    with pytest.raises(YamlError) as info:
        read_yaml("a: " + "[" * 200 + "]" * 200)
    assert info.value.code in ("too-deep", "syntax")


def test_syntax_error_has_a_line() -> None:
    with pytest.raises(YamlError) as info:
        read_yaml("a: [1,\nb: 2\n")
    assert info.value.code == "syntax"
    assert info.value.mark.line >= 2


def test_non_utf8_names_the_byte_position() -> None:
    with pytest.raises(YamlError) as info:
        decode(b"kind: lesson\nid: caf\xe9\n")
    assert info.value.code == "encoding"
    assert info.value.mark == Mark(2, 8)


def test_too_large_is_refused() -> None:
    with pytest.raises(YamlError) as info:
        decode(b"a" * 1_000_001)
    assert info.value.code == "too-large"


def test_bom_is_dropped() -> None:
    assert decode("\ufeffkind: x".encode()) == "kind: x"


def test_the_trimmed_resolver_gives_pyyaml_s_tags_for_shipped_content() -> None:
    import yaml

    from gitops_tutor.curriculum import yamlread
    from gitops_tutor.paths import shipped_content_dir

    def tags(node: yaml.Node) -> object:
        if isinstance(node, yaml.ScalarNode):
            return node.tag, node.value
        if isinstance(node, yaml.SequenceNode):
            return node.tag, [tags(item) for item in node.value]
        return node.tag, [(tags(key), tags(value)) for key, value in node.value]

    for path in sorted(shipped_content_dir().rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        expected = yaml.compose(text, Loader=yaml.SafeLoader)
        assert tags(yaml.compose(text, Loader=yamlread._Loader)) == tags(expected), path
    edge = "a: [~, null, '', yes, No, 0x1F, 1_000, .inf, -.5, 2024-01-01, <<, =, !!str 3, ! 4]\n"
    assert tags(yaml.compose(edge, Loader=yamlread._Loader)) == tags(yaml.compose(edge, Loader=yaml.SafeLoader))


def test_an_anchor_defined_twice_is_explained_with_both_lines() -> None:
    with pytest.raises(YamlError) as info:
        read_yaml("a: &x 1\nb: &x 2\nc: *x\n")
    assert info.value.code == "syntax" and info.value.mark.line == 2
    assert "duplicate anchor" in info.value.message and "line 1" in info.value.message


def test_every_value_and_position_of_the_shipped_content_matches_the_composed_nodes() -> None:
    """The builder's fast paths for text (most values) keep each value and each key's and item's
    own position: compared, file by file, with the nodes PyYAML's composer makes."""
    import yaml

    from gitops_tutor.curriculum import yamlread
    from gitops_tutor.paths import shipped_content_dir

    def same(value: object, node: yaml.Node) -> None:
        start = Mark(node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.SequenceNode):
            assert isinstance(value, YList) and value.mark == start and len(value) == len(node.value)
            for index, (item, child) in enumerate(zip(value, node.value, strict=True)):
                assert value.where(index) == Mark(child.start_mark.line + 1, child.start_mark.column + 1)
                same(item, child)
        elif isinstance(node, yaml.MappingNode):
            assert isinstance(value, YMap) and value.mark == start and len(value) == len(node.value)
            for key_node, child in node.value:
                key = key_node.value
                assert value.where(key) == Mark(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                assert value.value_where(key) == Mark(child.start_mark.line + 1, child.start_mark.column + 1)
                same(value[key], child)
        elif node.tag in yamlread._BY_TAG:  # null, bool, int, float: as safe_load makes them
            assert value == yaml.safe_load(yaml.serialize(node)) and type(value) is type(yaml.safe_load(node.value))
        else:  # text, and timestamps and binary, which stay text
            assert value == node.value and type(value) is str

    for path in sorted(shipped_content_dir().rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        same(read_yaml(text).value, yaml.compose(text, Loader=yaml.SafeLoader))


def test_remembered_plain_tags_stay_pyyaml_s_and_the_memo_keeps_only_short_texts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The resolver remembers short plain scalars' tags; a second read (from the memo) must still
    give PyYAML's tags, and long texts, which rarely repeat, are never kept."""
    import yaml

    from gitops_tutor.curriculum import yamlread

    monkeypatch.setattr(yamlread, "_tag_memo", {})  # earlier tests may have filled it to its cap

    long_text = "y" + "es" * 40  # starts like a bool, so it goes through the regular expressions
    text = f"a: [~, null, yes, No, 0x1F, 1_000, .inf, -.5, 2024-01-01, on, plain, {long_text}]\n"

    def tags(source: str, loader: type) -> list[object]:
        root = yaml.compose(source, Loader=loader)
        return [(item.tag, item.value) for item in root.value[0][1].value]

    expected = tags(text, yaml.SafeLoader)
    assert tags(text, yamlread._Loader) == expected
    assert "yes" in yamlread._tag_memo and "0x1F" in yamlread._tag_memo
    assert tags(text, yamlread._Loader) == expected  # now answered from the memo
    assert long_text not in yamlread._tag_memo
    assert len(yamlread._tag_memo) <= yamlread._TAG_MEMO_CAP


def test_the_tag_memo_stops_growing_at_its_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    from gitops_tutor.curriculum import yamlread

    monkeypatch.setattr(yamlread, "_tag_memo", {})
    monkeypatch.setattr(yamlread, "_TAG_MEMO_CAP", 3)
    read_yaml("\n".join(f"k{n}: v{n}" for n in range(10)) + "\n")
    assert len(yamlread._tag_memo) == 3
    assert read_yaml("k7: true\nk8: 12\n").value == {"k7": True, "k8": 12}
