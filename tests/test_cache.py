"""The workspace cache: an entry is read back only when its checksum holds; a damaged one is
made again and replaced; processes writing the same entry at once leave a whole one."""

from __future__ import annotations

import multiprocessing

import pytest

from talkkit.cache import cached


def counting(value: bytes):
    calls = []

    def make() -> bytes:
        calls.append(1)
        return value

    return make, calls


def entry(folder):
    (path,) = (folder / "kind").iterdir()
    return path


def test_an_entry_is_made_once_and_read_back(tmp_path):
    make, calls = counting(b"made")
    assert cached(tmp_path, "kind", b"key", make) == b"made"
    assert cached(tmp_path, "kind", b"key", make) == b"made"
    assert len(calls) == 1


def test_another_key_is_made_anew(tmp_path):
    cached(tmp_path, "kind", b"key", counting(b"made")[0])
    other, other_calls = counting(b"other")
    assert cached(tmp_path, "kind", b"changed input", other) == b"other"
    assert len(other_calls) == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-1],
        lambda data: data[:10],
        lambda data: b"",
        lambda data: bytes([data[0] ^ 1]) + data[1:],
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),
        lambda data: b"made",
    ],
    ids=["cut by a byte", "cut short", "emptied", "first byte flipped", "sum flipped", "no sum"],
)
def test_a_damaged_entry_is_never_trusted_and_is_written_again(tmp_path, damage):
    cached(tmp_path, "kind", b"key", counting(b"made")[0])
    path = entry(tmp_path)
    whole = path.read_bytes()
    path.write_bytes(damage(whole))
    make, calls = counting(b"made")
    assert cached(tmp_path, "kind", b"key", make) == b"made"
    assert len(calls) == 1
    assert path.read_bytes() == whole
    cached(tmp_path, "kind", b"key", make)
    assert len(calls) == 1


def test_an_entry_read_cannot_understand_is_made_again(tmp_path):
    cached(tmp_path, "kind", b"key", counting(b"old shape")[0])

    def read(data: bytes) -> str:
        if data != b"new shape":
            raise ValueError(data)
        return data.decode()

    make, calls = counting(b"new shape")
    assert cached(tmp_path, "kind", b"key", make, read) == "new shape"
    assert cached(tmp_path, "kind", b"key", make, read) == "new shape"
    assert len(calls) == 1


def _write_at_once(folder, start, value: bytes) -> None:
    """Make, read and remove one entry over and over, while other processes do the same;
    every entry seen on disk must be whole."""
    import hashlib

    whole = value + hashlib.sha256(value).digest()
    start.wait()
    for _ in range(50):
        assert cached(folder, "kind", b"key", lambda: value) == value
        for path in (folder / "kind").iterdir():
            if path.name.endswith(".part"):
                continue
            try:
                seen = path.read_bytes()
            except FileNotFoundError:
                continue
            assert seen == whole, f"a part-written entry of {len(seen)} bytes"
            path.unlink(missing_ok=True)


def test_processes_writing_one_entry_at_once_leave_a_whole_one(tmp_path):
    value = bytes(range(256)) * 1000
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(4)
    workers = [
        context.Process(target=_write_at_once, args=(tmp_path, start, value)) for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    cached(tmp_path, "kind", b"key", lambda: value)
    make, calls = counting(b"not this")
    assert cached(tmp_path, "kind", b"key", make) == value
    assert calls == []
    assert [p.name for p in (tmp_path / "kind").iterdir() if p.name.endswith(".part")] == []


def test_a_folder_that_cannot_be_written_only_costs_time(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    make, calls = counting(b"made")
    assert cached(blocked, "kind", b"key", make) == b"made"
    assert cached(blocked, "kind", b"key", make) == b"made"
    assert len(calls) == 2
