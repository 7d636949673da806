"""tools/bootstrap.sh on a machine without TeX or fonts: it names every Debian package to install."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

# What the script itself needs from a bare Debian system; everything it checks for is left out.
BASE_COMMANDS = ["bash", "sort", "grep", "tr", "cut", "dirname", "sha256sum", "cat", "printf"]


def run_without_tex(tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run the script as a non-root user whose PATH has only the basic commands."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in BASE_COMMANDS:
        found = shutil.which(name)
        if found:
            (bin_dir / name).symlink_to(found)
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")
    (bin_dir / "id").chmod(0o755)
    env = {"PATH": str(bin_dir), "PYTHON": sys.executable, "HOME": str(tmp_path)}
    return subprocess.run(
        [shutil.which("bash") or "/bin/bash", str(ROOT / "tools/bootstrap.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )


def test_without_tex_every_tex_package_is_named_and_the_script_stops(tmp_path):
    result = run_without_tex(tmp_path)
    assert result.returncode == 1
    command = next(line for line in result.stderr.splitlines() if "apt-get install" in line)
    for package in [
        "texlive-xetex",
        "texlive-lang-chinese",
        "texlive-latex-extra",
        "texlive-fonts-recommended",
        "latexmk",
        "fonts-noto-cjk",
        "fonts-freefont-otf",
        "poppler-utils",
        "chromium",
        "dvisvgm",
    ]:
        assert f" {package}" in command, (package, command)
