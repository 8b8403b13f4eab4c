"""Odoo-free tests of bin/party test --alone / --upgrade / --uninstall (lifecycle.py)."""

import ast
import configparser
from pathlib import Path

import pytest
from party_harness import cli, common, config, lifecycle

REPO = Path(__file__).resolve().parents[2]

RESULT = (
    "2026-12-07 05:00:00,000 42 INFO db odoo.tests.result: {} failed, {} error(s) of {} tests\n"
)


def test_each_addon_alone_brings_only_its_suite_dependencies():
    assert lifecycle.addon_depends("party_branch") == []
    assert lifecycle.addon_depends("party_life") == ["party_branch"]
    assert lifecycle.addon_depends("party_venue") == ["party_branch", "party_life"]


def test_each_addon_alone_starts_from_the_lone_database_it_builds_on():
    assert lifecycle.alone_base("party_branch") is None
    assert lifecycle.alone_base("party_life") == "party_branch"
    for leaf in ("party_service", "party_systems", "party_venue"):
        assert lifecycle.alone_base(leaf) == "party_life"
    order = lifecycle.alone_order(["party_venue", "party_life", "party_branch", "party_service"])
    assert order == ["party_branch", "party_life", "party_service", "party_venue"]


def test_alone_installs_one_addon_then_runs_its_own_tests_without_installing():
    cmd = lifecycle.alone_cmd(Path("odoo.conf"), "db", "party_branch")
    assert cmd[cmd.index("-i") + 1] == "party_branch" and "--test-enable" not in cmd
    # party_life's tests pay dues online with payment_demo's provider (a test module)
    cmd = lifecycle.alone_cmd(Path("odoo.conf"), "db", "party_life")
    assert cmd[cmd.index("-i") + 1] == "party_life,payment_demo"
    assert set(lifecycle.ALONE_TEST_MODULES["party_life"]) <= set(config.TEST_MODULES)
    tests = lifecycle.alone_tests_cmd(Path("odoo.conf"), "db", "party_life")
    assert "--test-tags=/party_life" in tests and "--test-enable" in tests
    assert "-i" not in tests and "--stop-after-init" in tests


def test_alone_install_fails_on_an_error_line_or_exit_status():
    error = "2026-12-07 05:00:00,000 42 ERROR db odoo.modules.loading: broken\n"
    assert lifecycle.judge_odoo_run(0, "all fine\n", tests=False) == (True, "installed")
    assert not lifecycle.judge_odoo_run(0, error, tests=False)[0]
    assert not lifecycle.judge_odoo_run(1, "", tests=False)[0]


def test_alone_tests_pass_only_when_tests_ran_and_none_failed():
    assert lifecycle.judge_odoo_run(0, RESULT.format(0, 0, 280), tests=True) == (
        True,
        "280 tests, 0 failed, 0 error(s)",
    )
    assert not lifecycle.judge_odoo_run(0, RESULT.format(2, 0, 280), tests=True)[0]
    assert not lifecycle.judge_odoo_run(0, RESULT.format(0, 0, 0), tests=True)[0]
    assert not lifecycle.judge_odoo_run(0, "no result line", tests=True)[0]


def test_ci_runs_the_presence_dependent_tests_of_party_branch_alone():
    assert list(lifecycle.ALONE_CI_TESTS) == ["party_branch"]
    cmd = lifecycle.alone_tests_cmd(
        Path("odoo.conf"), "db", "party_branch", ("TestPortalLanguage", "TestRpcSurface")
    )
    assert "--test-tags=/party_branch:TestPortalLanguage,/party_branch:TestRpcSurface" in cmd
    args = cli.build_parser().parse_args(["test", "--alone", "ci", "--upgrade", "--uninstall"])
    assert (args.alone, args.upgrade, args.uninstall, args.only_lifecycle) == (
        "ci",
        True,
        True,
        False,
    )
    args = cli.build_parser().parse_args(["test", "--alone", "all", "--only-lifecycle"])
    assert args.alone == "all" and args.only_lifecycle and not args.upgrade


def test_snapshot_differences_name_what_changed_and_ignore_what_never_existed():
    before = {"members": {"count": 62}, "dues": {"count": 9, "total": 90.0}, "decisions": None}
    assert lifecycle.differences(before, dict(before)) == []
    after = {"members": {"count": 61}, "dues": {"count": 9, "total": 90.0}}
    assert lifecycle.differences(before, after) == ["members: {'count': 62} -> {'count': 61}"]


def test_snapshot_differences_ignore_when_each_was_taken():
    before = {"taken at": "2026-12-07 11:49:55", "members": {"count": 62}}
    after = {"taken at": "2026-12-07 11:51:02", "members": {"count": 62}}
    assert lifecycle.differences(before, after) == []


def test_an_upgrade_that_could_not_add_a_constraint_says_which():
    log = (
        "2026-12-07 11:50:40,000 42 INFO db odoo.schema: Table 'party_venue': unable to add "
        "constraint 'party_venue_x' as CHECK(x)\n"
        "2026-12-07 11:50:50,000 42 WARNING db odoo.schema: Table 'party_venue': unable to add "
        "constraint 'party_venue_x' as CHECK(x)\n"
        "2026-12-07 11:50:51,000 42 WARNING db odoo.schema: Table 'party_member': unable to set "
        "NOT NULL on column 'code'\n"
    )
    assert lifecycle.schema_failures(log) == [
        "Table 'party_venue': unable to add constraint 'party_venue_x' as CHECK(x)",
        "Table 'party_member': unable to set NOT NULL on column 'code'",
    ]


def test_upgraded_groups_compare_with_a_fresh_install():
    fresh = {
        "implied": {"party_branch.group_officer": ["party_branch.group_member"]},
        "users": {"party_branch.user_secretary": ["party_branch.group_officer"]},
    }
    assert lifecycle.group_differences(fresh, fresh) == []
    upgraded = {
        "implied": {
            "party_branch.group_officer": ["base.group_user", "party_branch.group_member"],
            "party_life.group_old": [],
        },
        "users": {"party_branch.user_secretary": [], "party_branch.user_new": []},
    }
    found = lifecycle.group_differences(fresh, upgraded)
    assert len(found) == 3
    assert "party_life.group_old is left from the release" in found[1]
    assert found[2].startswith("user party_branch.user_secretary has []")


def test_release_conf_swaps_the_checkouts_addons_for_the_releases(tmp_path):
    conf = tmp_path / "odoo.conf"
    conf.write_text(
        f"[options]\naddons_path = /odoo/addons,{REPO / 'addons'}\ndb_user = partypg\n",
        encoding="utf-8",
    )
    release = tmp_path / "release-abc" / "addons"
    release.mkdir(parents=True)
    parser = configparser.ConfigParser()
    parser.read(lifecycle.release_conf(conf, release), encoding="utf-8")
    assert parser["options"]["addons_path"] == f"/odoo/addons,{release}"
    assert parser["options"]["db_user"] == "partypg"


def test_release_code_missing_from_a_shallow_clone_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "LOCAL", tmp_path)
    with pytest.raises(common.HarnessError, match="git fetch --unshallow"):
        lifecycle.release_addons("0" * 40)
    assert not (tmp_path / f"release-{'0' * 40}").exists()


def test_release_is_a_commit_of_this_repository_with_the_five_addons(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "LOCAL", tmp_path)
    addons = lifecycle.release_addons(lifecycle.RELEASE_COMMIT)
    names = sorted(p.parent.name for p in addons.glob("*/__manifest__.py"))
    assert names == ["party_branch", "party_life", "party_service", "party_systems", "party_venue"]


def test_an_install_whose_demo_data_failed_is_a_failure():
    warning = (
        "2026-12-07 05:27:56,711 42 WARNING db odoo.modules.loading: Module party_branch "
        "demo data failed to install, installed without demo data\n"
    )
    assert lifecycle.demo_failures(warning) == ["party_branch"]
    ok, note = lifecycle.judge_odoo_run(0, warning, tests=False)
    assert not ok and "party_branch" in note


def test_the_ci_test_classes_exist_in_party_branchs_tests():
    """A class renamed or removed must leave the list too (Odoo's runner would run
    nothing for its tag, silently)."""
    tests = REPO / "addons" / "party_branch" / "tests"
    defined = "".join(path.read_text(encoding="utf-8") for path in tests.glob("test_*.py"))
    for name in lifecycle.ALONE_CI_TESTS["party_branch"]:
        assert f"class {name}(" in defined, name


def test_each_addon_with_upgrade_checks_runs_them_before_its_upgrade():
    """migrations/0.0.0/upgrade_checks.py of an addon (beside its scripts: Odoo runs only the
    ``pre-``/``post-``/``end-`` files there) is run by its pre-migration on any version
    change, through party_branch's runner; each check is (rule, model, query)."""
    runner = REPO / "addons" / "party_branch" / "migrations" / "0.0.0" / "upgrade_checks.py"
    assert "def refuse_broken_records(" in runner.read_text(encoding="utf-8")
    found = list(REPO.glob("addons/*/migrations/0.0.0/upgrade_checks.py"))
    assert len(found) >= 3
    for checks in found:
        pre = checks.parent / "pre-upgrade_checks.py"
        assert "refuse_broken_records(cr)" in pre.read_text(encoding="utf-8"), pre
        # CHECKS read as a literal: party_branch's runner imports Odoo, which the unit
        # stage (standard library only) has not
        tree = ast.parse(checks.read_text(encoding="utf-8"))
        listed = [
            ast.literal_eval(node.value)
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(getattr(t, "id", None) == "CHECKS" for t in node.targets)
        ]
        assert len(listed) == 1, f"{checks}: one literal CHECKS"
        for rule, model, query in listed[0]:
            assert rule and model.startswith("party.") and query.startswith("SELECT "), rule


def _refused_upgrade(monkeypatch, tmp_path, upgrade, versions_after):
    from types import SimpleNamespace

    (tmp_path / "logs").mkdir()
    monkeypatch.setattr(common, "LOCAL", tmp_path)
    before = {"party_life": "18.0.1.1.0"}
    scripts = iter(
        [
            {"broken": {"id": 7, "name": "王某", "value": "2026-01-01"}, "versions": before},
            {"versions": versions_after or before},
        ]
    )
    monkeypatch.setattr(lifecycle, "odoo_script", lambda *args: next(scripts))
    monkeypatch.setattr(lifecycle, "upgrade_database", upgrade)
    ctx = SimpleNamespace(conf=Path("odoo.conf"), modules=["party_branch", "party_life"])
    return lifecycle.refused_upgrade(ctx, Path("old.conf"), "db")


def test_an_upgrade_through_a_record_breaking_a_new_rule_is_a_problem(monkeypatch, tmp_path):
    problems = _refused_upgrade(monkeypatch, tmp_path, lambda *args: None, None)
    assert problems == ["-u went through a record that breaks a rule of the new code"]


def test_a_refused_upgrade_passes_when_it_names_the_record_and_keeps_versions(
    monkeypatch, tmp_path
):
    def refused(conf, db, modules):
        (tmp_path / "logs" / f"odoo-{db}.log").write_text(
            "ERROR Upgrade stopped before changing anything: ...\n"
            "    party.development id 7: 王某\n",
            encoding="utf-8",
        )
        raise common.HarnessError("installing failed")

    assert _refused_upgrade(monkeypatch, tmp_path, refused, None) == []


def test_a_refused_upgrade_that_changed_the_versions_is_a_problem(monkeypatch, tmp_path):
    def refused(conf, db, modules):
        (tmp_path / "logs" / f"odoo-{db}.log").write_text(
            "Upgrade stopped before changing anything\nparty.development id 7: 王某\n",
            encoding="utf-8",
        )
        raise common.HarnessError("installing failed")

    problems = _refused_upgrade(monkeypatch, tmp_path, refused, {"party_life": "18.0.1.3.0"})
    assert len(problems) == 1 and "changed the versions" in problems[0]
