"""Odoo-free tests of how bin/party finds the system tools it runs as root.

root's PATH may lack the sbin folders (``su`` without ``-``, CI images), where
useradd and runuser live: the harness runs them by absolute path found on PATH
or in the standard sbin folders, and names the package of a missing one instead
of dying with a traceback.  Fake sbin folders with fake tools stand in for
/usr/local/sbin, /usr/sbin and /sbin.
"""

from pathlib import Path

import pytest
from test_harness import load_harness

NO_SBIN_PATH = "/usr/local/bin:/usr/bin:/bin"  # root's PATH after `su` without `-`


@pytest.fixture
def party(tmp_path, monkeypatch):
    """bin/party whose standard sbin folders are empty folders of tmp_path."""
    module = load_harness()
    sbin = [tmp_path / "usr-local-sbin", tmp_path / "usr-sbin", tmp_path / "sbin"]
    for folder in sbin:
        folder.mkdir()
    monkeypatch.setattr(module, "SBIN_DIRS", tuple(str(f) for f in sbin))
    module.fake_sbin = sbin
    return module


def fake_tool(folder: Path, name: str) -> Path:
    """An executable named ``name`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    tool = folder / name
    tool.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    tool.chmod(0o755)
    return tool


def as_root_without_sbin(party, monkeypatch):
    monkeypatch.setattr(party.os, "geteuid", lambda: 0)
    monkeypatch.setenv("PATH", NO_SBIN_PATH)


def test_system_path_appends_the_missing_sbin_folders_once():
    party = load_harness()
    assert party.system_path({"PATH": NO_SBIN_PATH}) == (
        "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"
    )
    full = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    assert party.system_path({"PATH": full}) == full


def test_tool_outside_path_is_found_in_sbin_by_absolute_path(party):
    useradd = fake_tool(party.fake_sbin[1], "useradd")
    found = party.system_tool("useradd", {"PATH": NO_SBIN_PATH})
    assert found == str(useradd)
    assert Path(found).is_absolute()


def test_tool_on_path_comes_before_sbin(party, tmp_path):
    fake_tool(party.fake_sbin[1], "runuser")
    on_path = fake_tool(tmp_path / "bin", "runuser")
    assert party.system_tool("runuser", {"PATH": str(tmp_path / "bin")}) == str(on_path)


def test_missing_tool_is_a_harness_error_naming_its_package(party):
    assert party.find_system_tool("useradd", {"PATH": ""}, which=lambda name, path: None) is None
    with pytest.raises(party.HarnessError, match=r"useradd not found.*apt-get install passwd"):
        party.system_tool("useradd", {"PATH": ""}, which=lambda name, path: None)
    with pytest.raises(party.HarnessError, match=r"runuser not found.*util-linux"):
        party.system_tool("runuser", {"PATH": ""}, which=lambda name, path: None)


def test_cluster_as_root_runs_postgres_tools_through_runuser_by_absolute_path(
    party, monkeypatch, tmp_path
):
    as_root_without_sbin(party, monkeypatch)
    runuser = fake_tool(party.fake_sbin[1], "runuser")
    cluster = party.PrivateCluster(tmp_path / "pg", Path("/usr/lib/postgresql/15/bin"))
    cmd = cluster._cmd("pg_ctl", "status")
    assert cmd[:4] == [str(runuser), "-u", party.PG_OS_USER, "--"]
    assert cmd[4:] == ["/usr/lib/postgresql/15/bin/pg_ctl", "status"]


def test_cluster_as_root_without_runuser_says_which_package(party, monkeypatch, tmp_path):
    as_root_without_sbin(party, monkeypatch)
    monkeypatch.setattr(party.shutil, "which", lambda name, path=None: None)
    with pytest.raises(party.HarnessError, match=r"runuser not found.*util-linux"):
        party.PrivateCluster(tmp_path / "pg", Path("/usr/lib/postgresql/15/bin"))


def test_cluster_user_is_created_with_useradd_by_absolute_path(party, monkeypatch, tmp_path):
    as_root_without_sbin(party, monkeypatch)
    fake_tool(party.fake_sbin[1], "runuser")
    useradd = fake_tool(party.fake_sbin[2], "useradd")
    calls = []

    def no_such_user(name):
        raise KeyError(name)

    monkeypatch.setattr(party.pwd, "getpwnam", no_such_user)
    monkeypatch.setattr(party, "run_quiet", lambda cmd, what: calls.append(cmd))
    monkeypatch.setattr(party.shutil, "chown", lambda *args: None)
    cluster = party.PrivateCluster(tmp_path / "pg", Path("/usr/lib/postgresql/15/bin"))
    cluster._prepare_dirs()
    assert [cmd[0] for cmd in calls] == [str(useradd)]
    assert calls[0][-1] == party.PG_OS_USER


def test_cluster_user_without_useradd_says_which_package(party, monkeypatch, tmp_path):
    as_root_without_sbin(party, monkeypatch)
    fake_tool(party.fake_sbin[1], "runuser")
    cluster = party.PrivateCluster(tmp_path / "pg", Path("/usr/lib/postgresql/15/bin"))

    def no_such_user(name):
        raise KeyError(name)

    monkeypatch.setattr(party.pwd, "getpwnam", no_such_user)
    monkeypatch.setattr(party.shutil, "which", lambda name, path=None: None)
    with pytest.raises(party.HarnessError, match=r"useradd not found.*apt-get install passwd"):
        cluster._prepare_dirs()


def test_a_program_that_cannot_run_is_a_harness_error(party, tmp_path):
    with pytest.raises(party.HarnessError, match="useradd failed: cannot run"):
        party.run_quiet([str(tmp_path / "no-such-useradd")], what="useradd")


def test_apt_get_as_root_runs_by_absolute_path_with_sbin_on_path(party, monkeypatch, tmp_path):
    monkeypatch.setattr(party.os, "geteuid", lambda: 0)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # a PATH without apt-get
    apt_get = fake_tool(party.fake_sbin[0], "apt-get")
    runs = []

    class Done:
        returncode = 0

    def record(cmd, **kwargs):
        runs.append((cmd, kwargs["env"]["PATH"]))
        return Done()

    monkeypatch.setattr(party.subprocess, "run", record)
    assert party.apt_install(["chromium"])
    ((cmd, path),) = runs
    assert cmd[0] == str(apt_get)
    assert cmd[1:] == ["install", "-y", "-q", "chromium"]
    # dpkg looks for ldconfig and start-stop-daemon on PATH
    assert path.split(":")[-3:] == list(party.SBIN_DIRS)
