"""`talkkit --help` and `talkkit check` start quickly: they never import the renderers."""

from __future__ import annotations

import subprocess
import sys

import pytest

from samples import ROOT

HEAVY = ("pptx", "typst", "lxml")
PROGRAM = """
import sys
from talkkit.cli import main
try:
    main({args!r})
except SystemExit:
    pass
heavy = sorted({{name.split('.')[0] for name in sys.modules}} & set({heavy!r}))
print('HEAVY=' + ','.join(heavy), file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args", [["--help"], ["check"], ["check", "decks/lincoln-high-2027-03.yaml"]]
)
def test_light_commands_import_no_renderer(args):
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM.format(args=args, heavy=HEAVY)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr.splitlines()[-1] == "HEAVY=", result.stderr
