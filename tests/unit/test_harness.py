"""Odoo-free tests of bin/party's pure helpers (run with plain pytest)."""

import configparser
from pathlib import Path

import pytest
from party_harness import cli, common, config, databases, stages

REPO = Path(__file__).resolve().parents[2]


def make_addon(root: Path, name: str, manifest: str) -> None:
    (root / name).mkdir(parents=True)
    (root / name / "__manifest__.py").write_text(manifest, encoding="utf-8")


def test_discover_addons_keeps_installable_modules_only(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    make_addon(first, "party_life", "{'name': 'Life', 'depends': ['base']}")
    make_addon(first, "party_branch", "{'name': 'Branch'}")
    make_addon(first, "party_old", "{'name': 'Old', 'installable': False}")
    (first / "static_only").mkdir()  # no manifest: not a module
    make_addon(second, "party_venue", "{'name': 'Venue', 'installable': True}")

    assert config.discover_addons([first, second]) == ["party_branch", "party_life", "party_venue"]
    assert config.discover_addons([tmp_path / "missing"]) == []


def test_discover_addons_reports_a_broken_manifest(tmp_path):
    make_addon(tmp_path, "party_bad", "{'name': 'Bad',")
    with pytest.raises(common.HarnessError, match="party_bad"):
        config.discover_addons([tmp_path])


def test_effective_conf_merges_committed_options_and_harness_keys(tmp_path):
    committed = tmp_path / "odoo.conf"
    committed.write_text(
        "[options]\nadmin_passwd = admin\nhttp_port = 8069\n"
        "db_name = someone_elses\nwithout_demo = True\naddons_path = relative/addons\n",
        encoding="utf-8",
    )
    options = config.read_odoo_conf(committed)
    addons = [Path("/opt/odoo/odoo/addons"), tmp_path / "addons"]
    settings = {"db_host": "/x/run", "db_port": "5432", "db_user": "partypg"}
    text = config.effective_conf_text(options, addons, tmp_path / "data", settings)

    parsed = configparser.ConfigParser(interpolation=None)
    parsed.read_string(text)
    result = dict(parsed["options"])
    assert result["addons_path"] == f"/opt/odoo/odoo/addons,{tmp_path / 'addons'}"
    assert result["data_dir"] == str(tmp_path / "data")
    assert result["without_demo"] == "False"
    assert result["admin_passwd"] == "admin"
    assert result["http_port"] == "8069"
    assert result["db_host"] == "/x/run"
    assert result["db_user"] == "partypg"
    assert "db_name" not in result


def test_effective_conf_keeps_the_queue_job_section(tmp_path):
    committed = tmp_path / "odoo.conf"
    committed.write_text(
        "[options]\nworkers = 2\nserver_wide_modules = base,web,queue_job\n\n"
        "[queue_job]\nchannels = root:2,root.party:2\n",
        encoding="utf-8",
    )
    sections = config.read_odoo_sections(committed)
    assert sections == {"queue_job": {"channels": "root:2,root.party:2"}}
    text = config.effective_conf_text(
        config.read_odoo_conf(committed), [tmp_path / "addons"], tmp_path / "data", {}, sections
    )
    # a line appended to the generated file (echo key = value >>) is still an option
    text += "db_name = appended\n"

    parsed = configparser.ConfigParser(interpolation=None)
    parsed.read_string(text)
    assert dict(parsed["queue_job"]) == {"channels": "root:2,root.party:2"}
    assert parsed["options"]["workers"] == "2"
    assert parsed["options"]["db_name"] == "appended"


def test_committed_odoo_conf_gives_the_job_runner_channels():
    sections = config.read_odoo_sections(REPO / "odoo.conf")
    assert "root.party" in sections["queue_job"]["channels"]
    assert "queue_job" in config.read_odoo_conf(REPO / "odoo.conf")["server_wide_modules"]


def test_external_db_settings_prefers_environment():
    assert config.external_db_settings({}, {"db_host": "False", "admin_passwd": "x"}) is None
    assert config.external_db_settings({}, {"db_host": "db", "db_port": "5433"}) == {
        "db_host": "db",
        "db_port": "5433",
    }
    environ = {"PGHOST": "pg.local", "PGUSER": "odoo", "PGPASSWORD": "secret"}
    settings = config.external_db_settings(environ, {"db_host": "db", "db_port": "5433"})
    assert settings == {"db_host": "pg.local", "db_port": "5433", "db_user": "odoo"}
    assert "secret" not in settings.values()  # the password stays in the environment
    assert config.external_db_settings({"PGPASSWORD": "secret"}, {}) == {}


def test_committed_odoo_conf_leaves_harness_keys_alone():
    options = config.read_odoo_conf(REPO / "odoo.conf")
    assert options, "odoo.conf must have an [options] section"
    assert not set(options) & set(config.HARNESS_KEYS)
    assert not [k for k, v in options.items() if v.startswith("/")], "no absolute paths"
    assert config.external_db_settings({}, options) is None  # private cluster by default


def test_pytest_summary_counts():
    output = (
        "collected 5 items\n"
        "SKIPPED [1] addons/x/tests/test_t.py:3: websocket-client module is not installed\n"
        "========= 3 passed, 1 skipped, 1 error, 2 warnings in 12.50s (0:00:12) =========\n"
    )
    summary, counts = stages.pytest_summary(output)
    assert summary == "3 passed, 1 skipped, 1 error, 2 warnings in 12.50s (0:00:12)"
    assert counts == {"passed": 3, "skipped": 1, "error": 1}
    assert stages.pytest_summary("===== no tests ran in 0.01s =====\n") == (
        "no tests ran in 0.01s",
        {},
    )


def test_odoo_problems_picks_error_and_critical_lines():
    lines = [
        "2025-05-06 10:00:00,001 42 INFO db odoo.modules.loading: loading 1 modules...",
        "2025-05-06 10:00:01,002 42 WARNING db odoo.models: something odd",
        "2025-05-06 10:00:02,003 42 ERROR db odoo.sql_db: bad query",
        "Traceback (most recent call last):",
        "2025-05-06 10:00:03,004 42 CRITICAL db odoo.service.server: Failed to initialize",
    ]
    assert databases.odoo_problems(lines) == [lines[2], lines[4]]


def test_command_line_passes_extra_arguments_through():
    args = cli.build_parser().parse_args(["test", "--keep-db", "--", "-k", "tour"])
    assert args.keep_db and args.pytest_args == ["-k", "tour"]
    args = cli.build_parser().parse_args(["run", "--no-pip", "--", "--dev=xml"])
    assert args.no_pip and args.odoo_args == ["--dev=xml"]
    assert common.throwaway_db_name().startswith("party_test_")


def test_test_databases_install_payment_demo_and_run_only_the_suites_tests():
    """payment_demo (TEST_MODULES) is in every test database, in no manifest; Odoo's runner
    runs the suite's tests, not its."""
    suite = ["party_branch", "party_life"]
    assert config.with_test_modules(suite) == ["party_branch", "party_life", "payment_demo"]
    assert config.with_test_modules([*suite, "payment_demo"]) == [*suite, "payment_demo"]
    cmd = stages.odoo_runner_cmd(Path("odoo.conf"), "db", suite, install=True)
    assert cmd[cmd.index("-i") + 1] == "party_branch,party_life,payment_demo"
    assert "--test-tags=/party_branch,/party_life" in cmd
    assert "-i" not in stages.odoo_runner_cmd(Path("odoo.conf"), "db", suite, install=False)


@pytest.mark.parametrize("kept_db", [None, "dev_bench"])
def test_bench_database_installs_the_test_modules(monkeypatch, kept_db):
    """bench_party_dues confirms payments through payment_demo's provider: the bench
    database, throwaway or kept (--db), installs it as the test databases do."""
    installs = []
    ctx = type("Ctx", (), {"modules": ["party_branch", "party_life"], "conf": Path("odoo.conf")})
    monkeypatch.setattr(cli, "prepare", lambda *a, **kw: ctx)
    monkeypatch.setattr(cli, "shutdown", lambda ctx: None)
    monkeypatch.setattr(cli, "protect_cleanup", lambda: None)
    monkeypatch.setattr(cli, "drop_database", lambda conf, db: None)
    monkeypatch.setattr(cli, "database_exists", lambda conf, db: False)
    monkeypatch.setattr(cli, "install_database", lambda conf, db, mods: installs.append(mods))
    monkeypatch.setattr(cli, "run_child", lambda cmd, **kw: (0, ""))
    args = cli.build_parser().parse_args(
        ["bench", "--no-pip", *(["--db", kept_db] if kept_db else []), "bench_party_dues"]
    )
    assert cli.cmd_bench(args) == 0
    assert installs == [["party_branch", "party_life", *config.TEST_MODULES]]
