"""Odoo-free tests of how bin/party finds the system tools it runs as root.

root's PATH may lack the sbin folders (``su`` without ``-``, CI images), where
useradd and runuser live: the harness runs them by absolute path found on PATH
or in the standard sbin folders, and names the package of a missing one instead
of dying with a traceback.  Fake sbin folders with fake tools stand in for
/usr/local/sbin, /usr/sbin and /sbin.
"""

import os
import pwd
import shutil
import subprocess
from pathlib import Path

import pytest
from party_harness import cluster, common, system

NO_SBIN_PATH = "/usr/local/bin:/usr/bin:/bin"  # root's PATH after `su` without `-`


@pytest.fixture
def sbin(tmp_path, monkeypatch):
    """The harness's standard sbin folders, made empty folders of tmp_path."""
    folders = [tmp_path / "usr-local-sbin", tmp_path / "usr-sbin", tmp_path / "sbin"]
    for folder in folders:
        folder.mkdir()
    monkeypatch.setattr(system, "SBIN_DIRS", tuple(str(f) for f in folders))
    return folders


def fake_tool(folder: Path, name: str) -> Path:
    """An executable named ``name`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    tool = folder / name
    tool.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    tool.chmod(0o755)
    return tool


def as_root_without_sbin(monkeypatch):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setenv("PATH", NO_SBIN_PATH)


def test_system_path_appends_the_missing_sbin_folders_once():
    assert system.system_path({"PATH": NO_SBIN_PATH}) == (
        "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"
    )
    full = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    assert system.system_path({"PATH": full}) == full


def test_tool_outside_path_is_found_in_sbin_by_absolute_path(sbin):
    useradd = fake_tool(sbin[1], "useradd")
    found = system.system_tool("useradd", {"PATH": NO_SBIN_PATH})
    assert found == str(useradd)
    assert Path(found).is_absolute()


def test_tool_on_path_comes_before_sbin(sbin, tmp_path):
    fake_tool(sbin[1], "runuser")
    on_path = fake_tool(tmp_path / "bin", "runuser")
    assert system.system_tool("runuser", {"PATH": str(tmp_path / "bin")}) == str(on_path)


def test_missing_tool_is_a_harness_error_naming_its_package(sbin):
    assert system.find_system_tool("useradd", {"PATH": ""}, which=lambda name, path: None) is None
    with pytest.raises(common.HarnessError, match=r"useradd not found.*apt-get install passwd"):
        system.system_tool("useradd", {"PATH": ""}, which=lambda name, path: None)
    with pytest.raises(common.HarnessError, match=r"runuser not found.*util-linux"):
        system.system_tool("runuser", {"PATH": ""}, which=lambda name, path: None)


def test_cluster_as_root_runs_postgres_tools_through_runuser_by_absolute_path(
    sbin, monkeypatch, tmp_path
):
    as_root_without_sbin(monkeypatch)
    runuser = fake_tool(sbin[1], "runuser")
    private = cluster.PrivateCluster(tmp_path / "pg", Path("/usr/lib/postgresql/15/bin"))
    cmd = private._cmd("pg_ctl", "status")
    assert cmd[:4] == [str(runuser), "-u", cluster.PG_OS_USER, "--"]
    assert cmd[4:] == ["/usr/lib/postgresql/15/bin/pg_ctl", "status"]


def test_cluster_as_root_without_runuser_says_which_package(sbin, monkeypatch, tmp_path):
    as_root_without_sbin(monkeypatch)
    monkeypatch.setattr(shutil, "which", lambda name, path=None: None)
    with pytest.raises(common.HarnessError, match=r"runuser not found.*util-linux"):
        cluster.PrivateCluster(tmp_path / "pg", Path("/usr/lib/postgresql/15/bin"))


def test_cluster_user_is_created_with_useradd_by_absolute_path(sbin, monkeypatch, tmp_path):
    as_root_without_sbin(monkeypatch)
    fake_tool(sbin[1], "runuser")
    useradd = fake_tool(sbin[2], "useradd")
    calls = []

    def no_such_user(name):
        raise KeyError(name)

    monkeypatch.setattr(pwd, "getpwnam", no_such_user)
    monkeypatch.setattr(cluster, "run_quiet", lambda cmd, what: calls.append(cmd))
    monkeypatch.setattr(shutil, "chown", lambda *args: None)
    private = cluster.PrivateCluster(tmp_path / "pg", Path("/usr/lib/postgresql/15/bin"))
    private._prepare_dirs()
    assert [cmd[0] for cmd in calls] == [str(useradd)]
    assert calls[0][-1] == cluster.PG_OS_USER


def test_cluster_user_without_useradd_says_which_package(sbin, monkeypatch, tmp_path):
    as_root_without_sbin(monkeypatch)
    fake_tool(sbin[1], "runuser")
    private = cluster.PrivateCluster(tmp_path / "pg", Path("/usr/lib/postgresql/15/bin"))

    def no_such_user(name):
        raise KeyError(name)

    monkeypatch.setattr(pwd, "getpwnam", no_such_user)
    monkeypatch.setattr(shutil, "which", lambda name, path=None: None)
    with pytest.raises(common.HarnessError, match=r"useradd not found.*apt-get install passwd"):
        private._prepare_dirs()


def test_a_program_that_cannot_run_is_a_harness_error(sbin, tmp_path):
    with pytest.raises(common.HarnessError, match="useradd failed: cannot run"):
        common.run_quiet([str(tmp_path / "no-such-useradd")], what="useradd")


def test_apt_get_as_root_runs_by_absolute_path_with_sbin_on_path(sbin, monkeypatch, tmp_path):
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # a PATH without apt-get
    apt_get = fake_tool(sbin[0], "apt-get")
    runs = []

    class Done:
        returncode = 0

    def record(cmd, **kwargs):
        runs.append((cmd, kwargs["env"]["PATH"]))
        return Done()

    monkeypatch.setattr(subprocess, "run", record)
    assert system.apt_install(["chromium"])
    ((cmd, path),) = runs
    assert cmd[0] == str(apt_get)
    assert cmd[1:] == ["install", "-y", "-q", "chromium"]
    # dpkg looks for ldconfig and start-stop-daemon on PATH
    assert path.split(":")[-3:] == list(system.SBIN_DIRS)
