"""The code is linted and formatted by ruff, as configured in pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from samples import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("ruff") or f"{sys.prefix}/bin/ruff"
    return subprocess.run([exe, *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("args", [("check", "."), ("format", "--check", ".")])
def test_ruff(args):
    result = ruff(*args)
    assert result.returncode == 0, result.stdout + result.stderr
