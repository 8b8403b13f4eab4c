"""Odoo-free tests of bin/party's provisioning: ODOO_SRC as a directory, a git
repository and an archive, the pip commands, the exit status without Odoo.

A fake Odoo 18 source tree (``odoo/release.py``, a base module, a requirements
file) stands in for Odoo; the virtual environments are real (``venv
--without-pip``), the pip step is recorded instead of run (seam ``run_pip``).
"""

import shutil
import subprocess
import sys
import venv
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from party_harness import cli, common, config, context, databases, provision, stages, system

REQUIREMENTS = """\
# The officially supported versions ...
Babel==2.10.3 ; python_version >= '3.11'
psycopg2==2.9.5 ; python_version == '3.11'
psycopg2==2.9.9 ; python_version >= '3.12' # (Noble) Mostly to have a wheel package
python-ldap==3.4.0 ; sys_platform != 'win32' and python_version < '3.12' # min version
pytz  # no version pinning to avoid OS perturbations
"""


@pytest.fixture
def harness(tmp_path, monkeypatch):
    """The harness with .local/ in tmp_path and a host interpreter without Odoo; the pip
    commands it would run are recorded in ``harness.pip_calls``."""
    local = tmp_path / "local"
    local.mkdir()
    monkeypatch.setattr(common, "LOCAL", local)
    monkeypatch.setattr(common, "PYTHON", common.PYTHON)  # prepare() sets it
    monkeypatch.setattr(provision, "VENV", local / "venv")
    monkeypatch.setattr(provision, "ODOO_CHECKOUT", local / "odoo")
    host = tmp_path / "host"
    venv.create(host, with_pip=False)  # does not import odoo, whatever runs the tests
    monkeypatch.setattr(common, "HOST_PYTHON", str(host / "bin" / "python"))
    # Creating the suite venv with pip takes seconds: without pip is the same here.
    monkeypatch.setattr(provision, "create_venv", lambda path: venv.create(path, with_pip=False))
    recorder = SimpleNamespace(pip_calls=[])
    monkeypatch.setattr(provision, "run_pip", lambda cmd, what: recorder.pip_calls.append(cmd))
    return recorder


def fake_odoo(root: Path, major: int = 18) -> Path:
    """A minimal Odoo source tree that imports like Odoo for the harness's probe."""
    (root / "odoo" / "addons" / "base").mkdir(parents=True)
    (root / "addons" / "web").mkdir(parents=True)
    (root / "odoo" / "__init__.py").write_text("", encoding="utf-8")
    (root / "odoo" / "release.py").write_text(
        f"version_info = ({major}, 0, 0, 'final', 0)\nversion = '{major}.0'\n", encoding="utf-8"
    )
    (root / "odoo" / "addons" / "__init__.py").write_text("", encoding="utf-8")
    (root / "odoo" / "addons" / "base" / "__manifest__.py").write_text("{}", encoding="utf-8")
    (root / "addons" / "web" / "__manifest__.py").write_text("{}", encoding="utf-8")
    (root / "requirements.txt").write_text(REQUIREMENTS, encoding="utf-8")
    return root


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def assert_provisioned(harness, python: str, odoo: dict, source: Path) -> None:
    assert python == str(common.LOCAL / "venv" / "bin" / "python")
    assert odoo["version"] == "18.0"
    assert odoo["root"] == str(source / "odoo")
    assert odoo["dirs"] == [str(source / "odoo" / "addons"), str(source / "addons")]
    # pip: Odoo's requirements with binary wheels, the suite's, the OCA wheels --no-deps
    odoo_reqs, suite, addons = harness.pip_calls
    assert odoo_reqs[:3] == [python, "-m", "pip"] and "--prefer-binary" in odoo_reqs
    assert odoo_reqs[-2:] == ["-r", str(common.LOCAL / "odoo-requirements.txt")]
    assert suite[-2:] == ["-r", str(common.REPO / "requirements.txt")]
    assert "--no-deps" not in suite
    assert addons[-3:] == ["--no-deps", "-r", str(common.REPO / "requirements-addons.txt")]
    written = (common.LOCAL / "odoo-requirements.txt").read_text(encoding="utf-8").splitlines()
    assert written == [
        "Babel==2.10.3 ; python_version >= '3.11'",
        "psycopg2-binary==2.9.5 ; python_version == '3.11'",
        "psycopg2-binary==2.9.9 ; python_version >= '3.12'",
        "pytz",
    ]


def test_odoo_src_directory_is_used_in_place(harness, tmp_path):
    source = fake_odoo(tmp_path / "odoo-18")
    python, odoo = provision.select_python(
        want_odoo=True, no_pip=False, environ={"ODOO_SRC": str(source)}
    )
    assert_provisioned(harness, python, odoo, source)
    assert not (common.LOCAL / "odoo").exists(), "a directory is not copied"

    # Once: a second call finds Odoo in the venv and installs nothing.
    harness.pip_calls.clear()
    again = provision.select_python(want_odoo=True, no_pip=False, environ={"ODOO_SRC": str(source)})
    assert again == (python, odoo)
    assert harness.pip_calls == []


def test_odoo_src_local_git_repository_is_cloned_shallow(harness, tmp_path):
    work = fake_odoo(tmp_path / "work")
    git("init", "-q", "-b", "18.0", cwd=work)
    git("add", ".", cwd=work)
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "odoo", cwd=work)
    bare = tmp_path / "odoo.git"
    git("clone", "-q", "--bare", str(work), str(bare), cwd=tmp_path)

    python, odoo = provision.select_python(
        want_odoo=True, no_pip=False, environ={"ODOO_SRC": str(bare)}
    )
    checkout = common.LOCAL / "odoo"
    assert_provisioned(harness, python, odoo, checkout)
    shallow = subprocess.run(
        ["git", "rev-parse", "--is-shallow-repository", "--abbrev-ref", "HEAD"],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    )
    assert shallow.stdout.split() == ["true", "18.0"]


def test_odoo_src_archive_is_unpacked(harness, tmp_path):
    fake_odoo(tmp_path / "tree" / "odoo-18.0.post20250506")
    archive = shutil.make_archive(
        str(tmp_path / "odoo_18.0.latest"), "gztar", root_dir=tmp_path / "tree"
    )
    python, odoo = provision.select_python(
        want_odoo=True, no_pip=False, environ={"ODOO_SRC": archive}
    )
    assert_provisioned(harness, python, odoo, common.LOCAL / "odoo" / "odoo-18.0.post20250506")


def test_wrong_major_version_is_refused(harness, tmp_path):
    source = fake_odoo(tmp_path / "odoo-17", major=17)
    with pytest.raises(common.HarnessError, match="Odoo 17, not 18"):
        provision.select_python(want_odoo=True, no_pip=False, environ={"ODOO_SRC": str(source)})


def test_odoo_requirements_binary_wheels_and_ldap_on_request(harness):
    assert provision.odoo_requirements(REQUIREMENTS, {}) == [
        "Babel==2.10.3 ; python_version >= '3.11'",
        "psycopg2-binary==2.9.5 ; python_version == '3.11'",
        "psycopg2-binary==2.9.9 ; python_version >= '3.12'",
        "pytz",
    ]
    with_ldap = provision.odoo_requirements(REQUIREMENTS, {"PARTY_WITH_LDAP": "1"})
    assert "python-ldap==3.4.0 ; sys_platform != 'win32' and python_version < '3.12'" in with_ldap


def test_real_odoo_requirements_keep_psycopg2_binary_only(harness):
    requirements = Path("/opt/odoo18/requirements.txt")
    if not requirements.exists():
        requirements = Path(provision.ODOO_CHECKOUT) / "requirements.txt"
    if not requirements.exists():
        pytest.skip("no Odoo source on this machine")  # pragma: no cover
    lines = provision.odoo_requirements(requirements.read_text(encoding="utf-8"), {})
    names = {provision.requirement_name(line) for line in lines}
    assert "psycopg2-binary" in names
    assert not names & {"psycopg2", "python-ldap"}


def test_classify_odoo_src(harness, tmp_path):
    assert provision.classify_odoo_src(None) == ("git", "https://github.com/odoo/odoo.git")
    assert provision.classify_odoo_src("git@github.com:odoo/odoo.git")[0] == "git"
    url = "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz"
    assert provision.classify_odoo_src(url) == ("archive", url)
    with pytest.raises(common.HarnessError, match="ODOO_SRC=/path/to/odoo-18"):
        provision.classify_odoo_src(str(tmp_path / "missing"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(common.HarnessError, match="ODOO_SRC=/path/to/odoo-18"):
        provision.classify_odoo_src(str(tmp_path / "empty"))


def test_unreachable_source_names_odoo_src(harness, tmp_path):
    with pytest.raises(common.HarnessError) as error:
        provision.select_python(
            want_odoo=True, no_pip=False, environ={"ODOO_SRC": "https://127.0.0.1:9/odoo.git"}
        )
    assert "ODOO_SRC=/path/to/odoo-18 bin/party test" in str(error.value)
    assert not (common.LOCAL / "odoo").exists()


def test_suite_pip_step_once_per_requirements(harness):
    python = common.HOST_PYTHON
    provision.pip_install(python)
    assert [cmd[-1] for cmd in harness.pip_calls] == [
        str(common.REPO / "requirements.txt"),
        str(common.REPO / "requirements-addons.txt"),
    ]
    harness.pip_calls.clear()
    provision.pip_install(python)
    assert harness.pip_calls == [], "unchanged requirements: no second pip run"


class FakeChildren:
    """run_child stand-in: every lint/pytest stage passes without running."""

    def __init__(self):
        self.commands = []

    def __call__(self, cmd, **_kwargs):
        self.commands.append(cmd)
        return 0, "==== 3 passed in 0.10s ====\n"


@pytest.mark.parametrize("lint_only", [False, True])
def test_test_fails_without_odoo_unless_lint_only(harness, monkeypatch, capsys, lint_only):
    children = FakeChildren()
    monkeypatch.setattr(stages, "run_child", children)
    monkeypatch.setattr(context, "ensure_system_packages", lambda need_postgres: None)
    monkeypatch.setenv("ODOO_SRC", "https://127.0.0.1:9/odoo.git")  # unreachable
    for var in config.PG_ENV_VARS:
        monkeypatch.delenv(var, raising=False)
    status = cli.main(["test", *(["--lint-only"] if lint_only else [])])
    out = capsys.readouterr().out
    assert any("ruff" in cmd for cmd in children.commands), "lint still runs"
    if lint_only:
        assert status == 0
        assert "Odoo tests not run" in out
    else:
        assert status == 1
        assert "ODOO_SRC=/path/to/odoo-18" in out
        assert "odoo         FAILED" in out
    assert sys.executable not in {cmd[0] for cmd in children.commands}


def test_test_database_from_the_template_cache(harness, tmp_path):
    conf = tmp_path / "odoo.conf"
    cmd = databases.initdb_cmd(conf, "party_test_1", ["party_branch", "party_life"], max_size=3)
    assert cmd[:2] == [common.PYTHON, "-c"] and "click_odoo_contrib.initdb" in cmd[2]
    assert cmd[3:] == [
        "-c",
        str(conf),
        "--log-level",
        "info",
        "-n",
        "party_test_1",
        "-m",
        "party_branch,party_life",
        "--cache-prefix",
        "party",
        "--cache-max-size",
        "3",
    ]
    # Emptying the cache after a failed install: no database, size 0.
    empty = databases.initdb_cmd(conf, None, ["party_life"], max_size=0)
    assert "-n" not in empty and empty[-2:] == ["--cache-max-size", "0"]


def test_odoo_runner_command_and_result(harness, tmp_path):
    conf = tmp_path / "odoo.conf"
    modules = ["party_branch", "party_life"]
    copied = stages.odoo_runner_cmd(conf, "party_odoo_1", modules, install=False)
    assert copied[1:] == [
        "-m",
        "odoo",
        "-c",
        str(conf),
        "-d",
        "party_odoo_1",
        "--test-enable",
        "--test-tags=/party_branch,/party_life",
        "--stop-after-init",
        "--max-cron-threads=0",
        "--log-level=info",
    ]
    literal = stages.odoo_runner_cmd(conf, "party_odoo_1", modules, install=True)
    assert literal[5:9] == ["-d", "party_odoo_1", "-i", "party_branch,party_life,payment_demo"]
    assert stages.odoo_runner_tags(["party_branch"]) == "/party_branch"
    # a class left to pytest-odoo is excluded only for the modules run
    with mock.patch.object(stages, "ODOO_RUNNER_EXCLUDED", ("/party_life:TestX",)):
        assert stages.odoo_runner_tags(["party_branch"]) == "/party_branch"
        assert stages.odoo_runner_tags(["party_life"]) == "/party_life,-/party_life:TestX"

    log = (
        "2026-11-29 22:17:19,898 29523 INFO db odoo.tests.result: "
        "0 failed, 0 error(s) of 2 tests when loading database 'db'\n"
        "2026-11-29 22:19:19,898 29523 ERROR db odoo.tests.result: "
        "1 failed, 2 error(s) of 380 tests when loading database 'db'\n"
    )
    assert stages.odoo_runner_result(log) == (1, 2, 380)
    assert stages.odoo_runner_result("no summary") is None


def test_missing_system_packages(harness):
    def nothing(_name):
        return None

    def everything(name):
        return f"/usr/bin/{name}"

    def no_font():
        return False

    def a_font():
        return True

    missing = system.missing_system_packages(True, which=nothing, cjk_font=no_font)
    assert {"chromium", "wkhtmltopdf", "poppler-utils", "fonts-noto-cjk"} <= set(missing)
    assert system.missing_system_packages(False, which=everything, cjk_font=a_font) == []
    assert "postgresql" not in system.missing_system_packages(False, which=nothing)


def test_a_cjk_font_is_found_where_fontconfig_looks(harness, tmp_path):
    assert not system.cjk_font_installed((str(tmp_path),))
    folder = tmp_path / "opentype" / "noto"
    folder.mkdir(parents=True)
    (folder / "NotoSansCJK-Regular.ttc").write_bytes(b"")
    assert system.cjk_font_installed((str(tmp_path),))


def test_http_port_of_run(harness):
    assert config.http_port([], {}) == "8069"
    assert config.http_port([], {"http_port": "8070"}) == "8070"
    assert config.http_port(["--http-port=8169"], {"http_port": "8070"}) == "8169"
    assert config.http_port(["--dev=xml", "-p", "8269"], {}) == "8269"
