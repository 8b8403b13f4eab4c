"""What every part of the harness shares: the checkout's paths, the interpreter of
the child processes, errors, messages, and running child processes with signals
forwarded.

``LOCAL``, ``PYTHON`` and ``HOST_PYTHON`` are read as ``common.X`` by the other
modules (never imported by name): ``prepare`` sets ``PYTHON``, the unit tests point
``LOCAL`` and ``HOST_PYTHON`` elsewhere.
"""

from __future__ import annotations

import datetime
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
LOCAL = REPO / ".local"
ODOO_MAJOR = 18
# The interpreter of every child process (pip, Odoo, pytest, ruff, pylint):
# sys.executable when it imports Odoo 18, otherwise .local/venv's python (set by
# prepare.prepare).
PYTHON = sys.executable
HOST_PYTHON = sys.executable  # the interpreter running bin/party


class HarnessError(Exception):
    """A failure that ends the command with a message and exit status 1."""


class Interrupted(Exception):
    """SIGINT/SIGTERM received: clean up and exit."""


def log(message: str) -> None:
    """Print a harness message."""
    print(f"[party] {message}", flush=True)


def strip_ansi(text: str) -> str:
    """Remove terminal colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def throwaway_db_name(prefix: str = "party_test") -> str:
    """A database name unique to this process and second."""
    stamp = datetime.datetime.now().strftime("%Y%m%d_%H%M%S")
    return f"{prefix}_{stamp}_{os.getpid()}"


# --------------------------------------------------------------------------
# Child processes and signals
# --------------------------------------------------------------------------

_CHILD: subprocess.Popen | None = None
_INTERRUPTED: int | None = None


def on_signal(signum, _frame):
    """Forward SIGINT/SIGTERM to the running child; without one, unwind now."""
    global _INTERRUPTED
    _INTERRUPTED = signum
    if _CHILD is not None and _CHILD.poll() is None:
        try:
            os.killpg(_CHILD.pid, signum)
        except ProcessLookupError:
            pass
    else:
        raise Interrupted()


def protect_cleanup() -> None:
    """From now on signals are only recorded, so that cleanup runs to its end."""

    def record(signum, _frame):
        global _INTERRUPTED
        _INTERRUPTED = signum

    signal.signal(signal.SIGINT, record)
    signal.signal(signal.SIGTERM, record)


def run_child(cmd: list[str], *, tee: Path | None = None, echo=None, **kwargs) -> tuple[int, str]:
    """Run ``cmd`` in its own process group; return (exit status, captured output).

    Without ``tee`` the output goes straight to the terminal and nothing is
    captured.  With ``tee`` stdout+stderr are written to that file and echoed:
    every line, or only those for which ``echo(line)`` is true.  A signal
    received meanwhile is forwarded to the child, which is awaited; then
    Interrupted is raised.
    """
    global _CHILD
    if tee is not None:
        kwargs.update(stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
    captured: list[str] = []
    _CHILD = subprocess.Popen(cmd, process_group=0, stdin=subprocess.DEVNULL, **kwargs)
    try:
        if tee is not None:
            tee.parent.mkdir(parents=True, exist_ok=True)
            with tee.open("w", encoding="utf-8") as logfile:
                for line in _CHILD.stdout:
                    logfile.write(line)
                    captured.append(line)
                    if echo is None or echo(line):
                        sys.stdout.write(line)
                        sys.stdout.flush()
        status = _CHILD.wait()
    finally:
        _CHILD = None
    if _INTERRUPTED is not None:
        raise Interrupted()
    return status, "".join(captured)


def run_quiet(cmd: list[str], *, what: str, **kwargs) -> str:
    """Run a short command, capture its output; on failure raise with the output."""
    try:
        proc = subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            **kwargs,
        )
    except OSError as error:  # the program is missing or not executable
        raise HarnessError(f"{what} failed: cannot run {cmd[0]}: {error}") from error
    if proc.returncode != 0:
        raise HarnessError(f"{what} failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return proc.stdout
