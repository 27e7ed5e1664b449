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


def fonts_conf(fonts: Path, folder: Path) -> Path:
    """A fontconfig file in `folder` that puts the bundled fonts first, as the deck was measured.

    Arial and Calibri, the fonts a master names for PowerPoint users, are drawn
    with their metric-compatible open twins, Liberation Sans and Carlito.
    """
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{fonts.resolve()}</dir>\n"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <cachedir>{folder / 'fontcache'}</cachedir>\n"
        "  <alias binding='same'><family>Arial</family><accept><family>Liberation Sans</family>"
        "</accept></alias>\n"
        "  <alias binding='same'><family>Calibri</family><accept><family>Carlito</family>"
        "</accept></alias>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def convert_to_pdf(
    sources: list[Path],
    folder: Path,
    *,
    fonts: Path | None = None,
    env: dict | None = None,
    timeout: int = 300,
) -> list[Path]:
    """Convert documents to PDF into `folder` with a private LibreOffice profile; the PDFs made.

    With `fonts` (a folder of font files), LibreOffice draws with those fonts
    first (see fonts_conf). Raises OfficeMissing when LibreOffice is not
    installed and OfficeFailed when a PDF is not made.
    """
    soffice = find_soffice()
    if soffice is None:
        raise OfficeMissing(f"LibreOffice (soffice) is not installed; {INSTALL_HINT}")
    env = dict(env or {})
    with tempfile.TemporaryDirectory(prefix="talkkit-office-") as profile:
        if fonts is not None:
            env.setdefault("HOME", profile)
            env["FONTCONFIG_FILE"] = str(fonts_conf(fonts, Path(profile)))
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
                env={**os.environ, **env},
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
