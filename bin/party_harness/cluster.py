"""PostgreSQL: the private cluster of the checkout (``.local/pg``, unix socket only,
owned by the system user ``partypg`` when run as root)."""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import subprocess
from pathlib import Path

from . import common
from .common import REPO, HarnessError, log, run_quiet
from .system import find_system_tool, system_tool

PG_OS_USER = "partypg"  # system user owning the private cluster when run as root
PG_ROLE = "partypg"  # database role Odoo connects as on the private cluster
PG_PORT = 5432  # only names the unix socket: the private cluster has no TCP


def find_pg_bindir() -> Path:
    """Directory of the PostgreSQL server binaries (initdb, pg_ctl)."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if not candidates:
        raise HarnessError("PostgreSQL server binaries not found (initdb); install postgresql")
    return candidates[-1].parent


class PrivateCluster:
    """A PostgreSQL cluster private to this checkout, reachable by unix socket only."""

    def __init__(self, base: Path, bindir: Path):
        self.base = base
        self.bindir = bindir
        self.data = base / "data"
        self.run_dir = base / "run"
        self.logfile = base / "postgres.log"
        self.as_root = os.geteuid() == 0
        # PostgreSQL refuses root: as root its tools run as PG_OS_USER through runuser.
        self.runuser = system_tool("runuser") if self.as_root else None
        self.started = False

    def settings(self) -> dict[str, str]:
        """Odoo connection settings for this cluster."""
        return {"db_host": str(self.run_dir), "db_port": str(PG_PORT), "db_user": PG_ROLE}

    def _cmd(self, tool: str, *args: str) -> list[str]:
        cmd = [str(self.bindir / tool), *args]
        return [self.runuser, "-u", PG_OS_USER, "--", *cmd] if self.runuser else cmd

    def _prepare_dirs(self) -> None:
        if self.as_root:
            try:
                pwd.getpwnam(PG_OS_USER)
            except KeyError:
                log(f"creating system user {PG_OS_USER} to own the private PostgreSQL cluster")
                run_quiet(
                    [
                        system_tool("useradd"),
                        "--system",
                        "--user-group",
                        "--no-create-home",
                        "--home-dir",
                        "/nonexistent",
                        "--shell",
                        "/usr/sbin/nologin",
                        PG_OS_USER,
                    ],
                    what="useradd",
                )
        for folder in (self.base, self.run_dir):
            folder.mkdir(parents=True, exist_ok=True)
            folder.chmod(0o700)
            if self.as_root:
                shutil.chown(folder, PG_OS_USER, PG_OS_USER)

    def is_running(self) -> bool:
        """Whether the cluster's postmaster is up."""
        if not (self.data / "PG_VERSION").exists():
            return False
        proc = subprocess.run(
            self._cmd("pg_ctl", "-D", str(self.data), "status"),
            capture_output=True,
            check=False,
            cwd=self.base,
        )
        return proc.returncode == 0

    def ensure_initialised(self) -> None:
        """initdb once; the cluster's own settings go to party.conf (rewritten on start)."""
        self._prepare_dirs()
        if (self.data / "PG_VERSION").exists():
            return
        log(f"initdb {self.data}")
        locale = find_system_tool("locale")
        locales = (
            subprocess.run([locale, "-a"], capture_output=True, text=True, check=False).stdout
            if locale
            else ""
        )
        has_c_utf8 = "c.utf8" in locales.lower().replace("-", "")
        locale_args = ["--locale=C.UTF-8"] if has_c_utf8 else ["--no-locale"]
        run_quiet(
            self._cmd(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                PG_ROLE,
                "--auth=trust",
                "-E",
                "UTF8",
                *locale_args,
            ),
            what="initdb",
            cwd=self.base,
        )
        with (self.data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\n# bin/party settings\ninclude_if_exists = 'party.conf'\n")

    def start(self, *, throwaway: bool) -> None:
        """Start the cluster; ``throwaway`` trades crash safety for speed (fsync off)."""
        self.ensure_initialised()
        if self.is_running():
            log(f"PostgreSQL cluster {self.data} already running: reusing it, leaving it running")
            return
        lines = [
            "listen_addresses = ''",
            f"unix_socket_directories = '{self.run_dir}'",
            f"port = {PG_PORT}",
            "synchronous_commit = off",
        ]
        if throwaway:
            lines += ["fsync = off", "full_page_writes = off"]
        party_conf = self.data / "party.conf"
        party_conf.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if self.as_root:
            shutil.chown(party_conf, PG_OS_USER, PG_OS_USER)
        log(f"starting PostgreSQL cluster {self.data} (socket {self.run_dir})")
        self.started = True  # stop() even if pg_ctl is interrupted half-way
        proc = subprocess.run(
            self._cmd(
                "pg_ctl", "-D", str(self.data), "-l", str(self.logfile), "-w", "-t", "120", "start"
            ),
            capture_output=True,
            text=True,
            start_new_session=True,
            cwd=self.base,
            check=False,
        )
        if proc.returncode != 0:
            log_tail = (
                self.logfile.read_text(errors="replace")[-3000:] if self.logfile.exists() else ""
            )
            raise HarnessError(f"pg_ctl start failed:\n{proc.stdout}{proc.stderr}\n{log_tail}")

    def stop(self) -> None:
        """Stop the cluster if this process started it."""
        if not self.started:
            return
        self.started = False
        log("stopping PostgreSQL cluster")
        subprocess.run(
            self._cmd("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "120", "stop"),
            capture_output=True,
            start_new_session=True,
            cwd=self.base,
            check=False,
        )


def private_cluster_base() -> Path:
    """Where the private cluster lives: ``.local/pg`` unless unusable.

    The unix socket path must stay below ~100 bytes, and as root the cluster
    user must be able to reach the checkout; otherwise a per-checkout folder
    in /tmp is used.
    """
    base = common.LOCAL / "pg"
    socket_path = base / "run" / f".s.PGSQL.{PG_PORT}"
    reachable = True
    if os.geteuid() == 0:
        for folder in [common.LOCAL, *common.LOCAL.parents]:
            if folder.exists() and not folder.stat().st_mode & 0o001:
                reachable = False
    if len(str(socket_path)) <= 100 and reachable:
        return base
    digest = hashlib.sha1(str(REPO).encode()).hexdigest()[:10]
    fallback = Path("/tmp") / f"party-pg-{digest}"
    log(f".local/pg unusable for the cluster (path length/permissions): using {fallback}")
    return fallback
