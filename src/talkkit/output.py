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
    """Write every output into `folder`, all or none.

    All paths are checked first; then every output is written to a temporary
    file beside its place, and only when all are written are they renamed into
    place. A failure before the renames leaves every earlier output untouched
    and no temporary file behind.
    """
    paths = {name: target(folder, name) for name in outputs}
    folder.mkdir(parents=True, exist_ok=True)
    temporaries: dict[Path, str] = {}
    try:
        for name, data in outputs.items():
            path = paths[name]
            handle, temporary = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
            )
            temporaries[path] = temporary
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o644)
        for path, temporary in temporaries.items():
            os.replace(temporary, path)
    except BaseException:
        for temporary in temporaries.values():
            Path(temporary).unlink(missing_ok=True)
        raise
    return list(temporaries)
