"""Files that do not change between runs, kept in .talkkit-cache/ of the workspace, keyed by content.

Prepared pictures, QR codes and font metrics take longer to make than to read
back. Each is stored under a name made from a hash of everything it is made
from (the file's bytes, the size wanted, the format's version), so an edited
picture or font gets a new entry and a stale one is never read. A cache that
cannot be written (a read-only workspace) only costs time: the value is made
again. Every entry ends with the SHA-256 of what it holds: an entry damaged
on disk (cut short, overwritten, flipped) fails the sum, is never trusted, and is
made again and replaced.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

FOLDER = ".talkkit-cache"
"""The cache's folder in the workspace (git-ignored)."""
VERSION = b"2"
"""Part of every key: raised when what is stored changes shape."""


def cache_folder(root: Path) -> Path:
    """The cache folder of the workspace at `root`."""
    return root / FOLDER


def file_key(path: Path) -> bytes:
    """A key for a file's content: the SHA-256 of its bytes."""
    return hashlib.sha256(path.read_bytes()).digest()


HASHED = 1 << 20
"""Files up to this size are stamped by their content too, not only by size and time."""


def stamp(*places: Path) -> tuple:
    """What values read from these files and folders depend on: every file, by path, size,
    modification time and inode, and (up to HASHED bytes, as every YAML file of a workspace
    is) by content (a folder by the files below it, in name order). Any edit, even one of
    the same size within one tick of the clock, a new file or a removed one changes it."""
    found: list[tuple] = []
    for place in places:
        paths = sorted(p for p in place.rglob("*")) if place.is_dir() else [place]
        for path in paths:
            try:
                status = path.stat()
                if path.is_dir():
                    continue
                content = path.read_bytes() if status.st_size <= HASHED else b""
            except OSError:
                found.append((str(path), None))
                continue
            digest = hashlib.sha256(content).digest()
            found.append((str(path), status.st_size, status.st_mtime_ns, status.st_ino, digest))
    return tuple(found)


Digests = dict[tuple[str, int, int], bytes]
"""File digests by (path, modification time, size); the run's session owns them."""


def file_digest(path: Path, digests: Digests) -> bytes:
    """The sha256 of a file, remembered in `digests` while its size and modification time
    stay the same (b"missing" when it cannot be read)."""
    try:
        stat = path.stat()
    except OSError:
        return b"missing"
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in digests:
        try:
            digests[key] = hashlib.sha256(path.read_bytes()).digest()
        except OSError:
            return b"missing"
    return digests[key]


def cached(
    folder: Path | None,
    kind: str,
    key: bytes,
    make: Callable[[], bytes],
    read: Callable[[bytes], T] = bytes,  # type: ignore[assignment]
) -> T:
    """`read` of the bytes stored for `key` in `folder`/`kind`/, made with `make()` when missing.

    Without a folder, `make()` every time. Entries are written whole, by
    renaming a finished file into place, so a run stopped halfway, or two runs
    writing the same entry at once, leave nothing half-written for the next; an
    entry whose checksum fails, or that `read` cannot make sense of (a
    ValueError, KeyError or IndexError), is made again and replaced.
    """
    if folder is None:
        return read(make())
    name = hashlib.sha256(VERSION + b"\0" + kind.encode() + b"\0" + key).hexdigest()
    path = folder / kind / name
    try:
        return read(_checked(path.read_bytes()))
    except (OSError, ValueError, KeyError, IndexError):
        pass
    data = make()
    value = read(data)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{name}.{os.getpid()}.{threading.get_ident()}.part")
        partial.write_bytes(data + hashlib.sha256(data).digest())
        partial.replace(path)
    except OSError:
        pass
    return value


SUM = hashlib.sha256().digest_size


def _checked(stored: bytes) -> bytes:
    """What an entry holds, once its trailing checksum is found right (ValueError if not)."""
    data, digest = stored[:-SUM], stored[-SUM:]
    if len(stored) < SUM or hashlib.sha256(data).digest() != digest:
        raise ValueError("a damaged cache entry")
    return data
