"""The demo data of an upgraded database is not loaded again (issue 28).

``-u`` skips the ``<function>`` tags and the existing records of a ``noupdate`` block;
Odoo loads every demo file as ``noupdate`` unless the file says otherwise. An upgrade
that also passes ``-i`` for the installed addons loads their demo in init mode instead,
``<function>`` tags included ("Only a draft transfer can be sent").
"""

import ast
from pathlib import Path
from xml.etree import ElementTree as etree

import pytest
from party_harness import databases

REPO = Path(__file__).resolve().parents[2]
ADDONS = ("party_branch", "party_life", "party_service", "party_systems", "party_venue")
TRUE = ("1", "true", "True")


def demo_files():
    files = []
    for addon in ADDONS:
        manifest = ast.literal_eval((REPO / "addons" / addon / "__manifest__.py").read_text())
        files += [REPO / "addons" / addon / name for name in manifest.get("demo", ())]
    return files


def test_every_addon_lists_demo_files():
    assert {path.parts[-3] for path in demo_files()} == set(ADDONS)


@pytest.mark.parametrize("path", demo_files(), ids=lambda path: "/".join(path.parts[-3:]))
def test_every_demo_file_is_noupdate(path):
    root = etree.parse(str(path)).getroot()
    assert root.tag == "odoo"
    blocks = root.findall("data")
    assert root.get("noupdate") in TRUE or (
        blocks and all(block.get("noupdate") in TRUE for block in blocks)
    ), f'{path.name}: <odoo noupdate="1"> (or noupdate on every <data>)'
    reset = [el.tag for el in root.iter("data") if el.get("noupdate") not in (None, *TRUE)]
    assert not reset, f"{path.name}: a <data> block updated on -u"


@pytest.fixture
def odoo_calls(monkeypatch):
    """The Odoo command lines install_database would run; ``db`` holds base,
    party_branch and party_life."""
    calls = []
    monkeypatch.setattr(
        databases, "run_quiet", lambda cmd, **kw: "some log line\nbase party_branch party_life\n"
    )
    monkeypatch.setattr(databases, "run_child", lambda cmd, **kw: (calls.append(cmd), (0, ""))[1])
    return calls


def test_upgrade_updates_installed_addons_without_installing_them_again(odoo_calls):
    databases.upgrade_database(Path("odoo.conf"), "db", ["party_branch", "party_life"])
    (cmd,) = odoo_calls
    assert "-i" not in cmd
    assert cmd[cmd.index("-u") + 1] == "party_branch,party_life"


def test_upgrade_installs_only_the_addons_the_database_lacks(odoo_calls):
    databases.upgrade_database(
        Path("odoo.conf"), "db", ["party_branch", "party_life", "party_venue"]
    )
    (cmd,) = odoo_calls
    assert cmd[cmd.index("-i") + 1] == "party_venue"
    assert cmd[cmd.index("-u") + 1] == "party_branch,party_life"
