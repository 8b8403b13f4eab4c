"""The suite installs as Odoo users install OCA addons: from wheels, through Apps.

Every addon of ``addons/`` is built into an ``odoo-addon-<name>`` wheel with OCA's
whool (``pip wheel ./addons/<name>``); the wheels' metadata declare the addons they
depend on; installed with pip into a new virtual environment that sees this
machine's Odoo (and nothing of ``addons/``), the addons are found in the
environment's ``odoo/addons`` and install in a new database through the Apps
menu's button (``ir.module.module.button_immediate_install``).

"This machine's Odoo" is the one the interpreter running the tests imports, however
bin/party provided it: an Odoo source tree on ``.local/venv``'s sys.path through a
``.pth`` file, a pip-installed Odoo, a system one.  The new environment gets exactly
that through a ``.pth`` file of its own (see ``_odoo_pth``), not through the base
interpreter's site-packages, which need not hold any Odoo.

Runs Odoo in subprocesses: the database of this test session is not touched.
"""

import ast
import email.parser
import importlib.metadata
import json
import os
import re
import site as python_site
import subprocess
import sys
import uuid
import venv
import zipfile
from pathlib import Path

import pytest

import odoo
from odoo.tools import config

REPO = Path(__file__).resolve().parents[2]
ADDONS = REPO / "addons"
SUITE = sorted(p.name for p in ADDONS.iterdir() if (p / "__manifest__.py").is_file())

# Runs inside the virtual environment: the Apps menu's update and install buttons.
INSTALL_THROUGH_APPS = """
import json, sys
import odoo
from odoo.modules.module import get_module_path
from odoo.modules.registry import Registry
odoo.tools.config.parse_config(["-c", sys.argv[1]])
db, names = sys.argv[2], sys.argv[3].split(",")
paths = {name: get_module_path(name) for name in names}
with Registry(db).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    Module = env["ir.module.module"]
    Module.update_list()
    modules = Module.search([("name", "in", names)])
    before = dict(zip(modules.mapped("name"), modules.mapped("state")))
    modules.button_immediate_install()
with Registry(db).cursor() as cr:
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
    modules = env["ir.module.module"].search([("name", "in", names)])
    after = dict(zip(modules.mapped("name"), modules.mapped("state")))
print("RESULT " + json.dumps({"paths": paths, "before": before, "after": after}))
"""


# Runs inside the virtual environment before the wheels go in: the Odoo it imports,
# and the suite addons it finds (none: addons/ of this repository is not visible).
SEES = """
import importlib.util, json, sys
import odoo
suite = [n for n in sys.argv[1].split(",") if importlib.util.find_spec("odoo.addons." + n)]
print("RESULT " + json.dumps({"odoo": odoo.__file__, "suite": suite}))
"""


def _run(cmd, **kw):
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)
    assert done.returncode == 0, f"{cmd}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    """One wheel per suite addon, built as `pip wheel ./addons/<name>` builds it."""
    dist = tmp_path_factory.mktemp("dist")
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
        + ["-w", str(dist), *(str(ADDONS / name) for name in SUITE)]
    )
    return {name: next(dist.glob(f"odoo_addon_{name}-18.0.*-py3-none-any.whl")) for name in SUITE}


def _metadata(wheel):
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.parser.Parser().parsestr(archive.read(name).decode())


def _manifest(name):
    return ast.literal_eval((ADDONS / name / "__manifest__.py").read_text())


def _is_wheel(addon):
    """An addon installed from an OCA wheel (odoo-addon-<addon>) here."""
    try:
        importlib.metadata.distribution(f"odoo-addon-{addon}")
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def test_each_wheel_declares_its_addon_dependencies(wheels):
    for name, wheel in wheels.items():
        manifest = _manifest(name)
        meta = _metadata(wheel)
        assert meta["Name"] == f"odoo-addon-{name}"
        assert meta["Version"].startswith(manifest["version"])
        required = set(meta.get_all("Requires-Dist") or [])
        assert "odoo==18.0.*" in required, required
        for depend in manifest["depends"]:
            if depend in SUITE or _is_wheel(depend):
                # a suite or OCA addon: a wheel of its own, declared
                assert f"odoo-addon-{depend}==18.0.*" in required, (name, depend, required)
            else:  # Odoo's own addon: part of the odoo requirement
                assert not any(r.startswith(f"odoo-addon-{depend}=") for r in required)
        with zipfile.ZipFile(wheel) as archive:
            files = archive.namelist()
        assert f"odoo/addons/{name}/__manifest__.py" in files
        assert f"odoo/addons/{name}/static/description/icon.png" in files


def _odoo_pth():
    """Text of a .pth file that shows a new virtual environment this interpreter's Odoo.

    First the folder holding the ``odoo`` package imported here (an Odoo source tree,
    or a site-packages folder); then this interpreter's site-packages folders, as site
    folders (``site.addsitedir``) so that their own .pth files count there as they
    count here: Odoo's dependencies and the OCA addon wheels.  The base interpreter's
    site-packages are not used: they hold no Odoo when bin/party provisioned Odoo into
    ``.local/venv``.  Nothing here names ``addons/`` of this repository.
    """
    odoo_home = Path(odoo.__file__).resolve().parent.parent
    site_dirs = list(python_site.getsitepackages())
    if python_site.ENABLE_USER_SITE:
        site_dirs.append(python_site.getusersitepackages())
    lines = [str(odoo_home)]
    lines += [f"import site; site.addsitedir({d!r})" for d in site_dirs if Path(d).is_dir()]
    return "\n".join(lines) + "\n"


def test_wheels_install_through_the_apps_menu(wheels, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=False, with_pip=False)
    python = env_dir / "bin" / "python"
    site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
        ).strip()
    )
    (site / "party-test-odoo.pth").write_text(_odoo_pth(), encoding="utf-8")
    run_env = {**os.environ, "PYTHONPATH": ""}
    # The environment sees the Odoo this interpreter imports, and no suite addon yet.
    out = _run([str(python), "-c", SEES, ",".join(SUITE)], env=run_env, cwd=tmp_path)
    sees = json.loads(re.search(r"^RESULT (.*)$", out, re.M).group(1))
    assert Path(sees["odoo"]).resolve() == Path(odoo.__file__).resolve(), sees
    assert sees["suite"] == [], sees
    # pip of this interpreter, installing into the new environment's site-packages
    _run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(site)]
        + [str(w) for w in wheels.values()]
    )
    # Odoo's own addons and the OCA wheels, not addons/ of this repository
    addons_path = [d for d in odoo.addons.__path__ if Path(d).resolve() != ADDONS.resolve()]
    conf = tmp_path / "odoo.conf"
    db = f"party_wheels_{uuid.uuid4().hex[:8]}"
    options = {
        "addons_path": ",".join(addons_path),
        "data_dir": str(tmp_path / "data"),
        "without_demo": "all",
        "log_level": "warn",
        "list_db": "True",
    }
    for key in ("db_host", "db_port", "db_user", "db_password"):
        if config.get(key):
            options[key] = str(config[key])
    conf.write_text("[options]\n" + "".join(f"{k} = {v}\n" for k, v in options.items()))
    try:
        _run(
            [
                str(python),
                "-m",
                "odoo",
                "-c",
                str(conf),
                "-d",
                db,
                "-i",
                "base",
                "--stop-after-init",
            ],
            env=run_env,
        )
        out = _run(
            [str(python), "-c", INSTALL_THROUGH_APPS, str(conf), db, ",".join(SUITE)], env=run_env
        )
    finally:
        subprocess.run(
            [str(python), "-m", "odoo", "db", "-c", str(conf), "drop", db],
            capture_output=True,
            check=False,
            env=run_env,
        )
    result = json.loads(re.search(r"^RESULT (.*)$", out, re.M).group(1))
    for name in SUITE:
        assert Path(result["paths"][name]).resolve() == (site / "odoo" / "addons" / name).resolve()
        assert result["before"][name] == "uninstalled"
        assert result["after"][name] == "installed", result
