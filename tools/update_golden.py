"""Write tests/golden/ anew from what talkkit makes now: the deck dumps and the values the printed templates are given.

Run from the repository, after checking the test failures' diffs:

    python tools/update_golden.py

It runs the golden tests with TALKKIT_UPDATE_GOLDEN=1, which makes each of
them write its file instead of comparing, then runs them again to compare.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN_TESTS = ["tests/render/test_deck_golden.py", "tests/render/test_printed_golden.py"]


def main() -> int:
    env = {**os.environ, "TALKKIT_UPDATE_GOLDEN": "1"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *GOLDEN_TESTS]
    written = subprocess.run(command, cwd=ROOT, env=env, check=False).returncode
    if written:
        return written
    env.pop("TALKKIT_UPDATE_GOLDEN")
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
