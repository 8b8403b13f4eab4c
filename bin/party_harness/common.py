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
import threading
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


# The harness's own lines and the echoed lines of its children, written whole: while the
# second thread of ``test`` runs (stages.SecondThread), two threads write to stdout.
_OUTPUT_LOCK = threading.Lock()


def say(text: str) -> None:
    """Write ``text`` and a newline to stdout at once (no line of another thread inside)."""
    emit(text + "\n")


def emit(text: str) -> None:
    """Write ``text`` to stdout at once and flush it."""
    with _OUTPUT_LOCK:
        sys.stdout.write(text)
        sys.stdout.flush()


def log(message: str) -> None:
    """Print a harness message."""
    say(f"[party] {message}")


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

# The running children of run_child, of every thread, and the signal received. The lock
# is reentrant: the signal handler runs in the main thread, maybe while that thread
# holds it (starting a child); the background thread holds it only for a moment.
_CHILDREN: set[subprocess.Popen] = set()
_CHILDREN_LOCK = threading.RLock()
_INTERRUPTED: int | None = None
_SIGNALS = 0  # SIGINT/SIGTERM received so far; a child remembers how many it was sent
# Set while two threads write to stdout: run_child then echoes a child without ``tee``
# line by line too, instead of leaving it the terminal.
SHARED_OUTPUT = threading.Event()


def _forward(child: subprocess.Popen) -> bool:
    """Send the last signal received to ``child``'s process group, unless it was sent
    already; whether ``child`` is still running."""
    if child.poll() is not None:
        return False
    if getattr(child, "party_signals", 0) < _SIGNALS:
        child.party_signals = _SIGNALS
        try:
            os.killpg(child.pid, _INTERRUPTED)
        except ProcessLookupError:
            pass
    return True


def on_signal(signum, _frame):
    """Forward SIGINT/SIGTERM to every running child (each run_child then raises
    Interrupted once its child has ended); without one, unwind now."""
    global _INTERRUPTED, _SIGNALS
    _INTERRUPTED = signum
    _SIGNALS += 1
    with _CHILDREN_LOCK:
        running = [child for child in list(_CHILDREN) if _forward(child)]
    if not running:
        raise Interrupted()


def protect_cleanup() -> None:
    """From now on signals are only recorded, so that cleanup runs to its end."""

    def record(signum, _frame):
        global _INTERRUPTED
        _INTERRUPTED = signum

    signal.signal(signal.SIGINT, record)
    signal.signal(signal.SIGTERM, record)


def running_children() -> int:
    """How many children of run_child are running (in every thread)."""
    with _CHILDREN_LOCK:
        return sum(1 for child in _CHILDREN if child.poll() is None)


def run_child(cmd: list[str], *, tee: Path | None = None, echo=None, **kwargs) -> tuple[int, str]:
    """Run ``cmd`` in its own process group; return (exit status, captured output).

    Without ``tee`` the output goes straight to the terminal and nothing is
    captured (while SHARED_OUTPUT is set it is echoed line by line, like a tee'd
    child's).  With ``tee`` stdout+stderr are written to that file and echoed:
    every line, or only those for which ``echo(line)`` is true.  A signal
    received meanwhile is forwarded to the child, which is awaited; then
    Interrupted is raised.  Once a signal was received no child is started:
    Interrupted is raised at once.  Several threads may run a child each.
    """
    piped = tee is not None or SHARED_OUTPUT.is_set()
    if piped:
        kwargs.update(stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
    captured: list[str] = []
    with _CHILDREN_LOCK:
        if _INTERRUPTED is not None:
            raise Interrupted()
        child = subprocess.Popen(cmd, process_group=0, stdin=subprocess.DEVNULL, **kwargs)
        _CHILDREN.add(child)
        if _INTERRUPTED is not None:  # received while starting it, in this very thread
            _forward(child)
    try:
        if piped:
            logfile = None
            if tee is not None:
                tee.parent.mkdir(parents=True, exist_ok=True)
                logfile = tee.open("w", encoding="utf-8")
            try:
                for line in child.stdout:
                    if logfile is not None:
                        logfile.write(line)
                        captured.append(line)
                    if echo is None or echo(line):
                        emit(line if line.endswith("\n") else line + "\n")
            finally:
                if logfile is not None:
                    logfile.close()
        status = child.wait()
    finally:
        with _CHILDREN_LOCK:
            _CHILDREN.discard(child)
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
