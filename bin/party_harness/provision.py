"""Python environment and Odoo: used as found, or provisioned once into .local/.

An interpreter that imports Odoo 18 is used as it is; otherwise ``.local/venv``,
into which Odoo is provisioned from ``ODOO_SRC`` (a source directory, a git
repository or URL, a source archive).  Then the suite's requirements, once per
change of the requirement files (``.local/pip-installed.txt``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from . import common
from .common import ODOO_MAJOR, REPO, HarnessError, log, run_quiet
from .system import apt_install

VENV = common.LOCAL / "venv"
ODOO_CHECKOUT = common.LOCAL / "odoo"  # Odoo fetched from a git URL or an archive
ODOO_BRANCH = f"{ODOO_MAJOR}.0"
ODOO_GIT_URL = "https://github.com/odoo/odoo.git"
ODOO_SRC_HINT = f"ODOO_SRC=/path/to/odoo-{ODOO_MAJOR}"
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar", ".zip")
PTH_NAME = "party-odoo.pth"  # in the venv's site-packages: puts the Odoo source on sys.path
# Python packages of Odoo's requirements.txt replaced or left out when provisioning.
BINARY_SUBSTITUTES = {"psycopg2": "psycopg2-binary"}
OPTIONAL_REQUIREMENTS = {"python-ldap": "PARTY_WITH_LDAP"}  # needs libldap/libsasl headers


def pip_base(python: str) -> list[str]:
    """``python -m pip install`` with the harness's usual options."""
    pip = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    if os.geteuid() == 0:
        pip.append("--root-user-action=ignore")
    return pip


def pip_commands(python: str, repo: Path, odoo_requirements: Path | None = None) -> list[list[str]]:
    """The pip commands that install Odoo's requirements (when given), then the suite's.

    Odoo's requirements prefer binary wheels.  The OCA addon wheels of
    requirements-addons.txt go in with ``--no-deps``: their metadata requires
    ``odoo==18.0.*``, and resolving Odoo's own dependency list again would build
    psycopg2 from source; their real dependencies are in requirements.txt.
    """
    pip = pip_base(python)
    cmds = []
    if odoo_requirements is not None:
        cmds.append([*pip, "--prefer-binary", "-r", str(odoo_requirements)])
    cmds.append([*pip, "-r", str(repo / "requirements.txt")])
    if (repo / "requirements-addons.txt").exists():
        cmds.append([*pip, "--no-deps", "-r", str(repo / "requirements-addons.txt")])
    return cmds


def requirement_name(line: str) -> str:
    """Normalised project name of a requirement line (PEP 503)."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", line)
    return re.sub(r"[-_.]+", "-", match.group(1)).lower() if match else ""


def odoo_requirements(text: str, environ: dict) -> list[str]:
    """Odoo's requirements.txt for binary wheels: psycopg2 -> psycopg2-binary, python-ldap
    only when PARTY_WITH_LDAP is set; comments dropped, version pins and markers kept."""
    result = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        name = requirement_name(line)
        if name in OPTIONAL_REQUIREMENTS and not environ.get(OPTIONAL_REQUIREMENTS[name]):
            continue
        if name in BINARY_SUBSTITUTES:
            line = BINARY_SUBSTITUTES[name] + line[len(re.match(r"\s*[\w.-]+", line).group(0)) :]
        result.append(line)
    return result


def run_pip(cmd: list[str], *, what: str) -> None:
    """Run one pip command (the seam the unit tests stub)."""
    constraint = common.LOCAL / "pip-constraints.txt"
    constraint.parent.mkdir(parents=True, exist_ok=True)
    constraint.write_text("setuptools<70\n", encoding="utf-8")  # old sdists (vobject, ...)
    run_quiet(cmd, what=what, env=dict(os.environ, PIP_CONSTRAINT=str(constraint)), cwd=REPO)


def requirements_digest(python: str, repo: Path) -> str:
    """What the suite's pip step depends on: the interpreter and the requirement files."""
    digest = hashlib.sha256(python.encode())
    for name in ("requirements.txt", "requirements-addons.txt"):
        path = repo / name
        digest.update(name.encode() + (path.read_bytes() if path.exists() else b""))
    return digest.hexdigest()


def pip_install(python: str) -> None:
    """Install the suite's requirements into ``python``'s environment, once per change."""
    stamp = common.LOCAL / "pip-installed.txt"
    digest = requirements_digest(python, REPO)
    if stamp.exists() and stamp.read_text(encoding="utf-8").strip() == digest:
        log("requirements unchanged since the last install: pip skipped")
        return
    started = time.monotonic()
    for cmd in pip_commands(python, REPO):
        run_pip(cmd, what=" ".join(cmd[3:]))
    stamp.write_text(digest + "\n", encoding="utf-8")
    log(f"requirements installed ({time.monotonic() - started:.1f}s)")


PROBE = """
import json, os, odoo, odoo.release as r, odoo.addons
root = os.path.dirname(os.path.abspath(odoo.__file__))
dirs = [os.path.join(root, "addons"), os.path.join(os.path.dirname(root), "addons")]
dirs += [d for d in odoo.addons.__path__ if d not in dirs]  # OCA wheels: site-packages/odoo/addons
print(json.dumps({"version": r.version, "major": r.version_info[0], "dirs": dirs, "root": root}))
"""


def probe_odoo(python: str) -> dict | None:
    """Version and addons dirs of the Odoo 18 that ``python`` imports, or None."""
    if not Path(python).exists():
        return None
    proc = subprocess.run(
        [python, "-c", PROBE], capture_output=True, text=True, cwd="/", check=False
    )
    if proc.returncode != 0:
        return None
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    if info["major"] != ODOO_MAJOR:
        return None
    # Only folders that really hold modules: Odoo rejects other addons_path entries.
    dirs = [d for d in info["dirs"] if any(Path(d).glob("*/__manifest__.py"))]
    info["dirs"] = list(dict.fromkeys(dirs))
    return info


def is_git_repository(path: Path) -> bool:
    """Whether ``path`` is a git work tree or a bare repository."""
    return (path / ".git").exists() or ((path / "HEAD").is_file() and (path / "objects").is_dir())


def classify_odoo_src(value: str | None) -> tuple[str, str]:
    """Kind and location of ODOO_SRC: ("dir", path), ("git", url) or ("archive", path/url).

    Unset: the 18.0 branch of Odoo's public repository.  A directory holding
    ``odoo/release.py`` is used in place; another git repository is cloned; a
    file or URL ending like an archive is unpacked; any other value is a git URL.
    """
    if not value:
        return "git", ODOO_GIT_URL
    path = Path(value).expanduser()
    if path.is_dir():
        if (path / "odoo" / "release.py").is_file():
            return "dir", str(path.resolve())
        if is_git_repository(path):
            return "git", path.resolve().as_uri()
        raise HarnessError(
            f"ODOO_SRC={value}: neither an Odoo source tree (no odoo/release.py) nor a git "
            f"repository; set {ODOO_SRC_HINT}"
        )
    if path.is_file():
        return "archive", str(path.resolve())
    if value.lower().endswith(ARCHIVE_SUFFIXES) and "://" in value:
        return "archive", value
    if "://" in value or re.match(r"^[\w.-]+@[\w.-]+:", value):
        return "git", value
    raise HarnessError(f"ODOO_SRC={value}: no such directory or archive; set {ODOO_SRC_HINT}")


def source_major(root: Path) -> int | None:
    """Major version in ``odoo/release.py`` of an Odoo source tree, read without importing."""
    release = root / "odoo" / "release.py"
    if not release.is_file():
        return None
    match = re.search(r"^version_info\s*=\s*\(\s*(\d+)", release.read_text(errors="replace"), re.M)
    return int(match.group(1)) if match else None


def source_root(folder: Path) -> Path:
    """The Odoo source tree in ``folder`` or in its only subfolder (archives hold one)."""
    if (folder / "odoo" / "release.py").is_file():
        return folder
    subdirs = [p for p in folder.iterdir() if p.is_dir()] if folder.is_dir() else []
    if len(subdirs) == 1 and (subdirs[0] / "odoo" / "release.py").is_file():
        return subdirs[0]
    raise HarnessError(f"{folder}: no Odoo source tree (odoo/release.py) found")


def fetch_git(url: str, dest: Path) -> None:
    """Shallow clone of the 18.0 branch (or of the default branch if there is none)."""
    if shutil.which("git") is None:
        raise HarnessError(f"git is not installed: install it, or set {ODOO_SRC_HINT}")
    base = ["git", "clone", "--quiet", "--depth", "1", "--single-branch"]
    log(f"git clone --depth 1 --branch {ODOO_BRANCH} {url} (once; several minutes for odoo.git)")
    proc = subprocess.run(
        [*base, "--branch", ODOO_BRANCH, url, str(dest)], capture_output=True, text=True
    )
    if proc.returncode != 0 and "not found" in proc.stderr and "branch" in proc.stderr.lower():
        shutil.rmtree(dest, ignore_errors=True)
        proc = subprocess.run([*base, url, str(dest)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise HarnessError(f"git clone {url} failed: {proc.stderr.strip()}")


def fetch_archive(location: str, dest: Path) -> None:
    """Unpack a source archive (a file, or an http(s) URL downloaded first) into ``dest``."""
    path = Path(location)
    if "://" in location:
        path = common.LOCAL / (
            "odoo-download" + next(s for s in ARCHIVE_SUFFIXES if location.endswith(s))
        )
        log(f"downloading {location}")
        try:
            urllib.request.urlretrieve(location, path)
        except OSError as error:
            raise HarnessError(f"download of {location} failed: {error}") from error
    log(f"unpacking {path}")
    dest.mkdir(parents=True)
    try:
        shutil.unpack_archive(str(path), str(dest))
    except (ValueError, OSError, EOFError) as error:  # tarfile/zipfile errors derive from these
        raise HarnessError(f"cannot unpack {path}: {error}") from error


def obtain_odoo_source(value: str | None) -> Path:
    """The Odoo 18 source tree named by ODOO_SRC, fetched into .local/odoo when remote."""
    kind, location = classify_odoo_src(value)
    if kind == "dir":
        root = Path(location)
    else:
        if ODOO_CHECKOUT.exists():
            shutil.rmtree(ODOO_CHECKOUT)
        try:
            (fetch_git if kind == "git" else fetch_archive)(location, ODOO_CHECKOUT)
        except HarnessError as error:
            shutil.rmtree(ODOO_CHECKOUT, ignore_errors=True)
            raise HarnessError(
                f"could not get Odoo {ODOO_BRANCH} from {location}: {error}\n"
                f"Where downloading is impossible, point the harness at a local Odoo "
                f"{ODOO_BRANCH} source (directory, git repository or source archive), e.g.\n"
                f"    {ODOO_SRC_HINT} bin/party test"
            ) from error
        root = source_root(ODOO_CHECKOUT)
    major = source_major(root)
    if major != ODOO_MAJOR:
        raise HarnessError(f"{root}: Odoo {major or '?'}, not {ODOO_MAJOR}; set {ODOO_SRC_HINT}")
    return root


def site_packages(python: str) -> Path:
    """The purelib folder of ``python``'s environment."""
    code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    return Path(run_quiet([python, "-c", code], what="sysconfig").strip().splitlines()[-1])


def provision_odoo(python: str, value: str | None, environ: dict) -> Path:
    """Odoo 18 from ODOO_SRC into the environment of ``python`` (a venv in .local/).

    The source tree goes on sys.path through a .pth file (nothing is copied
    or built); Odoo's requirements with binary wheels, then the suite's.
    """
    started = time.monotonic()
    root = obtain_odoo_source(value)
    log(f"Odoo {ODOO_MAJOR} source: {root}")
    requirements = common.LOCAL / "odoo-requirements.txt"
    source_reqs = root / "requirements.txt"
    text = source_reqs.read_text(encoding="utf-8") if source_reqs.exists() else ""
    requirements.write_text("\n".join(odoo_requirements(text, environ)) + "\n", encoding="utf-8")
    log("installing Odoo's requirements (binary wheels, psycopg2-binary) and the suite's")
    for cmd in pip_commands(python, REPO, requirements):
        run_pip(cmd, what=" ".join(cmd[3:]))
    (common.LOCAL / "pip-installed.txt").write_text(requirements_digest(python, REPO) + "\n")
    (site_packages(python) / PTH_NAME).write_text(f"{root}\n", encoding="utf-8")
    log(f"Odoo provisioned into {VENV} ({time.monotonic() - started:.1f}s)")
    return root


def create_venv(venv: Path) -> None:
    """``python3 -m venv`` (with pip, without the system's site-packages).

    Debian ships venv's ensurepip apart (python3-venv): installed with apt-get
    when missing and allowed, as the other system packages.
    """
    log(f"creating the virtual environment {venv}")
    cmd = [common.HOST_PYTHON, "-m", "venv", str(venv)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0 and "ensurepip" in proc.stdout + proc.stderr:
        shutil.rmtree(venv, ignore_errors=True)
        version = (
            f"python3.{sys.version_info[1]}-venv" if common.HOST_PYTHON == sys.executable else ""
        )
        if apt_install(["python3-venv", *([version] if version else [])]):
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        raise HarnessError(
            f"{common.HOST_PYTHON} -m venv {venv} failed (Debian/Ubuntu: apt-get install "
            f"python3-venv):\n{proc.stdout}{proc.stderr}"
        )


def venv_python(venv: Path) -> Path:
    """The interpreter of a virtual environment."""
    return venv / "bin" / "python"


def provisioned_source(python: str) -> str | None:
    """The Odoo source a venv was provisioned with (its .pth file), if any."""
    try:
        return (site_packages(python) / PTH_NAME).read_text(encoding="utf-8").strip()
    except (HarnessError, OSError):
        return None


def select_python(*, want_odoo: bool, no_pip: bool, environ: dict) -> tuple[str, dict | None]:
    """The interpreter for the children and its Odoo (None if there is none).

    An interpreter that imports Odoo 18 is used as it is.  Otherwise
    ``.local/venv`` (created when missing); when Odoo is wanted and the venv
    has none (or ODOO_SRC names another source), Odoo is provisioned into it.
    """
    odoo = probe_odoo(common.HOST_PYTHON)
    if odoo is not None:
        return common.HOST_PYTHON, odoo
    python = str(venv_python(VENV))
    if not Path(python).exists():
        create_venv(VENV)
    if not want_odoo:
        return python, probe_odoo(python)
    odoo = probe_odoo(python)
    src = environ.get("ODOO_SRC")
    if odoo is not None and src and classify_odoo_src(src)[0] == "dir":
        if provisioned_source(python) != classify_odoo_src(src)[1]:
            odoo = None  # another source asked for: provision again
    if odoo is not None:
        return python, odoo
    if no_pip:
        raise HarnessError(
            f"Odoo {ODOO_MAJOR} is not importable by {common.HOST_PYTHON} nor {python}, and "
            f"--no-pip forbids provisioning it: drop --no-pip (set {ODOO_SRC_HINT} "
            "without network access)"
        )
    provision_odoo(python, src, environ)
    odoo = probe_odoo(python)
    if odoo is None:
        proc = subprocess.run([python, "-c", "import odoo.release"], capture_output=True, text=True)
        raise HarnessError(
            f"Odoo still not importable by {python} after provisioning:\n{proc.stderr}"
        )
    return python, odoo
