"""System tools (useradd, runuser, apt-get, ...) and system packages.

root's PATH may lack the sbin folders (``su`` without ``-``, CI images): tools are
run by absolute path, found on PATH or in the standard sbin folders, and a missing
one is named with its Debian package.  Missing packages are installed with apt-get
as root or with password-less sudo, otherwise named.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .common import HarnessError, log

# Where root's tools live; a PATH may lack them (``su`` without ``-``, CI images).
SBIN_DIRS = ("/usr/local/sbin", "/usr/sbin", "/sbin")
# Debian/Ubuntu package of each system tool the harness calls, for the message
# when one is missing.
SYSTEM_TOOL_PACKAGES = {
    "useradd": "passwd",
    "runuser": "util-linux",
    "apt-get": "apt",
    "sudo": "sudo",
    "locale": "libc-bin",
}


def system_path(environ: dict) -> str:
    """``PATH`` of ``environ`` followed by the standard sbin folders it lacks."""
    parts = [p for p in environ.get("PATH", os.defpath).split(os.pathsep) if p]
    return os.pathsep.join([*parts, *(d for d in SBIN_DIRS if d not in parts)])


def find_system_tool(name: str, environ: dict | None = None, which=shutil.which) -> str | None:
    """Absolute path of system tool ``name``: on PATH, else in the standard sbin folders."""
    found = which(name, path=system_path(os.environ if environ is None else environ))
    return str(Path(found).absolute()) if found else None


def system_tool(name: str, environ: dict | None = None, which=shutil.which) -> str:
    """Absolute path of system tool ``name``; a HarnessError naming its package if missing."""
    found = find_system_tool(name, environ, which)
    if found is None:
        package = SYSTEM_TOOL_PACKAGES.get(name, name)
        raise HarnessError(
            f"{name} not found (neither on PATH nor in {', '.join(SBIN_DIRS)}): install it "
            f"(Debian/Ubuntu: apt-get install {package})"
        )
    return found


def missing_system_packages(need_postgres: bool, which=shutil.which, cjk_font=None) -> list[str]:
    """Debian packages of the tools the suite needs that are not installed."""
    missing = []
    if (
        need_postgres
        and not which("initdb")
        and not list(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    ):
        missing.append("postgresql")
    if not any(which(n) for n in ("chromium", "chromium-browser", "google-chrome")):
        missing.append("chromium")  # Odoo's browser tests (tours)
    if not which("wkhtmltopdf"):
        missing.append("wkhtmltopdf")  # PDF reports
    if not which("pdftotext"):
        missing.append("poppler-utils")  # the tests read the PDFs' text back
    if not (cjk_font or cjk_font_installed)():
        missing.append("fonts-noto-cjk")  # Chinese in the PDFs (else blank)
    return missing


def cjk_font_installed(fonts_dirs=("/usr/share/fonts", "/usr/local/share/fonts")) -> bool:
    """Whether a CJK font is installed where fontconfig (wkhtmltopdf) finds it."""
    patterns = ("*CJK*", "*cjk*", "wqy-*", "*SourceHan*", "*NotoSansSC*", "*NotoSerifSC*")
    for folder in fonts_dirs:
        root = Path(folder)
        if root.is_dir() and any(next(root.rglob(p), None) for p in patterns):
            return True
    return False


def apt_prefix() -> list[str] | None:
    """The command that runs apt-get as root here (root, or password-less sudo), or None."""
    apt_get = find_system_tool("apt-get")
    if apt_get is None:
        return None
    if os.geteuid() == 0:
        return [apt_get]
    sudo = find_system_tool("sudo")
    if sudo and subprocess.run([sudo, "-n", "true"], capture_output=True).returncode == 0:
        return [sudo, "-n", apt_get]
    return None


def apt_install(packages: list[str]) -> bool:
    """apt-get install ``packages`` when allowed (root or sudo); whether it worked."""
    prefix = apt_prefix()
    if prefix is None:
        return False
    # dpkg wants root's sbin folders on PATH (ldconfig, start-stop-daemon).
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive", PATH=system_path(os.environ))
    install = [*prefix, "install", "-y", "-q", *packages]
    log(f"installing system packages: {' '.join(packages)}")
    if subprocess.run(install, env=env, stdin=subprocess.DEVNULL).returncode == 0:
        return True
    # Refresh the package lists only when the install cannot do without.
    subprocess.run([*prefix, "update", "-q"], env=env, stdin=subprocess.DEVNULL)
    return subprocess.run(install, env=env, stdin=subprocess.DEVNULL).returncode == 0


def ensure_system_packages(need_postgres: bool) -> None:
    """apt-get install what is missing when allowed, otherwise say what to install."""
    missing = missing_system_packages(need_postgres)
    if not missing or apt_install(missing):
        return
    log(
        f"missing system packages: {' '.join(missing)}; install them as root "
        f"(Debian/Ubuntu: apt-get install {' '.join(missing)}). Without them "
        "tests fail (tours need chromium, PDF reports wkhtmltopdf)."
    )
