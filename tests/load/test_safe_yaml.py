"""The YAML loader: what it reads, what it refuses, and where it says the problem is."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from talkkit.load.safe_yaml import MAX_BYTES, YDict, YList, load_yaml, location_of


def load(tmp_path: Path, content: str | bytes):
    path = tmp_path / "file.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return load_yaml(path)


def only(result):
    assert len(result.diagnostics) == 1, [d.format() for d in result.diagnostics]
    d = result.diagnostics[0]
    return d.code, d.location.line, d.location.column, d.message


def test_every_scalar_stays_text_until_a_model_reads_it(tmp_path):
    result = load(tmp_path, "a: NO\nb: yes\nc: 30\nd: 2027-03-12\ne: 1.0\nf: true\ng:\nh: ~\n")
    assert result.data == {
        "a": "NO",
        "b": "yes",
        "c": "30",
        "d": "2027-03-12",
        "e": "1.0",
        "f": "true",
        "g": None,
        "h": None,
    }


def test_locations_of_keys_values_and_items(tmp_path):
    result = load(tmp_path, "title: x\nslides:\n  - kind: story\n    story: jo-eun\n")
    data = result.data
    assert isinstance(data, YDict) and isinstance(data["slides"], YList)
    assert (
        location_of(data, ("slides", 0, "story")).line,
        location_of(data, ("slides", 0, "story")).column,
    ) == (4, 12)
    key = location_of(data, ("slides", 0, "story"), key=True)
    assert (key.line, key.column) == (4, 5)
    # a step that leads nowhere gives the deepest place found on the way
    assert location_of(data, ("slides", 0, "missing")).line == 3


def test_windows_editor_file_with_bom_and_crlf_is_fine(tmp_path):
    result = load(tmp_path, b"\xef\xbb\xbftitle: Caf\xc3\xa9\r\nspeaker: NO\r\n")
    assert result.diagnostics == []
    assert result.data == {"title": "Café", "speaker": "NO"}
    assert result.data.value_location("speaker").line == 2


def test_syntax_error(tmp_path):
    assert only(load(tmp_path, "title: a: b\n")) == (
        "yaml-syntax",
        1,
        9,
        "a `key: value` where YAML did not expect one",
    )


def test_unclosed_quote(tmp_path):
    code, line, _, message = only(load(tmp_path, 'title: "abc\nspeaker: x\n'))
    assert (code, line, message) == ("yaml-syntax", 3, "the file ends inside a quoted text")


def test_tab_indentation(tmp_path):
    assert only(load(tmp_path, "title: x\nevent:\n\tname: y\n")) == (
        "yaml-tab",
        3,
        1,
        "a tab is not allowed here; YAML needs spaces",
    )


def test_duplicate_key_names_both_places(tmp_path):
    result = load(tmp_path, "title: a\nspeaker: b\ntitle: c\n")
    d = result.diagnostics[0]
    assert (d.code, d.location.line, d.location.column) == ("duplicate-key", 3, 1)
    assert d.message == "'title' is given twice in this mapping; the first is on line 1"
    assert [(r.line, r.column) for r in d.related] == [(1, 1)]
    assert result.data["title"] == "a"


def test_empty_file(tmp_path):
    assert only(load(tmp_path, "")) == ("file-empty", 1, 1, "the file is empty")
    assert only(load(tmp_path, "# only a comment\n\n")) == ("file-empty", 1, 1, "the file is empty")


def test_binary_file(tmp_path):
    code, line, _, _ = only(load(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
    assert (code, line) == ("file-binary", 3)


def test_non_utf8_file(tmp_path):
    assert only(load(tmp_path, b"title: ok\nvenue: Caf\xe9\n")) == (
        "file-encoding",
        2,
        11,
        "the file is not UTF-8 text (byte 0xe9 here)",
    )


def test_control_character(tmp_path):
    code, line, column, _ = only(load(tmp_path, "title: a\x07b\n"))
    assert (code, line, column) == ("file-encoding", 1, 9)


def test_file_too_large(tmp_path):
    code, line, column, message = only(load(tmp_path, "# " + "x" * MAX_BYTES + "\n"))
    assert (code, line, column) == ("file-too-large", 1, 1)
    assert message.startswith("the file is 1,048,579 bytes")


def test_alias_bomb_fails_fast_in_bounded_memory(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    tracemalloc.start()
    try:
        result = load(tmp_path, "\n".join(lines) + "\n")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert only(result)[:3] == ("yaml-alias", 2, 10)
    assert peak < 5_000_000


def test_deep_nesting(tmp_path):
    code, line, _, message = only(load(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n"))
    assert (code, line, message) == ("yaml-too-deep", 1, "nested more than 32 levels deep")


def test_python_tags_are_refused(tmp_path):
    result = load(tmp_path, "x: !!python/object/apply:os.system [ls]\n")
    assert result.diagnostics[0].code == "yaml-tag"
    assert (result.diagnostics[0].location.line, result.diagnostics[0].location.column) == (1, 4)


def test_two_documents(tmp_path):
    assert only(load(tmp_path, "a: 1\n---\nb: 2\n"))[:2] == ("yaml-syntax", 2)


@pytest.mark.parametrize("name", ["folder"])
def test_a_folder_is_not_a_file(tmp_path, name):
    (tmp_path / name).mkdir()
    result = load_yaml(tmp_path / name)
    assert result.diagnostics[0].code == "file-unreadable"
