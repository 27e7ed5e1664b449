"""LibreOffice, run headless to turn a deck into a PDF, for previews and tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from talkkit.errors import TalkkitError

INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: sudo apt-get install libreoffice-impress; "
    "macOS: brew install --cask libreoffice), or open the .pptx in PowerPoint or Keynote"
)


class OfficeMissing(TalkkitError):
    """LibreOffice is not installed."""


class OfficeFailed(TalkkitError):
    """LibreOffice ran but made no PDF."""


def find_soffice() -> str | None:
    """The LibreOffice program on this machine, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return str(mac) if mac.exists() else None


def convert_to_pdf(
    sources: list[Path], folder: Path, *, env: dict | None = None, timeout: int = 300
) -> list[Path]:
    """Convert documents to PDF into `folder` with a private LibreOffice profile; the PDFs made.

    Raises OfficeMissing when LibreOffice is not installed and OfficeFailed when
    a PDF is not made.
    """
    soffice = find_soffice()
    if soffice is None:
        raise OfficeMissing(f"LibreOffice (soffice) is not installed; {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="talkkit-office-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, sources),
        ]
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=timeout,
                env={**os.environ, **(env or {})},
            )
        except subprocess.TimeoutExpired as exc:
            raise OfficeFailed(f"LibreOffice did not finish within {timeout} seconds") from exc
    made = [folder / f"{source.stem}.pdf" for source in sources]
    missing = [p for p in made if not p.is_file()]
    if missing:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no message"]
        raise OfficeFailed(
            f"LibreOffice made no PDF of {', '.join(p.stem for p in missing)}: {detail[0]}"
        )
    return made
