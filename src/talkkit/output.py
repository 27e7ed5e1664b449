"""Writing outputs: atomically, only inside the output folder, never half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from talkkit.errors import TalkkitError


class OutputError(TalkkitError):
    """An output could not be written where it belongs."""


def target(folder: Path, name: str) -> Path:
    """The path of output `name` inside `folder`; refuses a name that would lead outside it."""
    folder = folder.resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(folder) or path == folder:
        raise OutputError(f"refusing to write '{name}': it is not inside {folder}")
    return path


def write_outputs(folder: Path, outputs: dict[str, bytes]) -> list[Path]:
    """Write every output into `folder`, each atomically (a temporary file renamed into place).

    All paths are checked before anything is written. A file that cannot be
    written leaves the earlier version of it untouched and no temporary file behind.
    """
    paths = {name: target(folder, name) for name in outputs}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in outputs.items():
        path = paths[name]
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        written.append(path)
    return written
