"""The preparation every command shares: system packages, the Python environment
(Odoo provisioned when wanted), pip, the database server and the effective config,
in that order; and the shutdown that stops what it started."""

from __future__ import annotations

import os
from pathlib import Path

from . import common, provision
from .cluster import PrivateCluster, find_pg_bindir, private_cluster_base
from .common import ODOO_MAJOR, REPO, HarnessError, log, protect_cleanup
from .config import (
    discover_addons,
    effective_conf_text,
    external_db_settings,
    extra_addons_dirs,
    read_odoo_conf,
    read_odoo_sections,
)
from .system import ensure_system_packages


class Context:
    """What the preparation found: Odoo, suite addons, database server, config."""

    def __init__(self):
        self.odoo: dict | None = None
        self.odoo_error = ""  # why Odoo could not be had, when it was wanted
        self.cluster: PrivateCluster | None = None
        self.conf = common.LOCAL / "odoo.conf"
        self.repo_addons = discover_addons([REPO / "addons"])
        self.extra_dirs = extra_addons_dirs(os.environ)
        self.modules = discover_addons([REPO / "addons", *self.extra_dirs])

    def suite_addon_dirs(self) -> list[Path]:
        """Addons directories that hold suite modules (Odoo rejects empty ones)."""
        dirs = [REPO / "addons", *self.extra_dirs]
        return [d for d in dirs if discover_addons([d])]


def prepare(args, *, want_odoo: bool, require_odoo: bool, throwaway: bool) -> Context:
    """Python environment (Odoo provisioned when wanted), pip, database server, config."""
    common.LOCAL.mkdir(exist_ok=True)
    common.LOCAL.chmod(0o755)
    ctx = Context()
    options = read_odoo_conf(REPO / "odoo.conf")
    db_settings = external_db_settings(os.environ, options)
    if want_odoo:
        ensure_system_packages(need_postgres=db_settings is None)
    try:
        common.PYTHON, ctx.odoo = provision.select_python(
            want_odoo=want_odoo, no_pip=args.no_pip, environ=dict(os.environ)
        )
    except HarnessError as error:
        if require_odoo:
            raise
        ctx.odoo_error = str(error)
        venv_python = provision.venv_python(provision.VENV)
        common.PYTHON = str(venv_python) if venv_python.exists() else common.HOST_PYTHON
    if not args.no_pip:
        provision.pip_install(common.PYTHON)
    if ctx.odoo is None:
        if want_odoo and not ctx.odoo_error:
            ctx.odoo_error = f"Odoo {ODOO_MAJOR} is not importable by {common.PYTHON}"
        if require_odoo:
            raise HarnessError(ctx.odoo_error)
        return ctx
    log(
        f"Odoo {ctx.odoo['version']} ({common.PYTHON}); suite addons: {', '.join(ctx.modules) or '(none)'}"
    )
    if db_settings is None:
        ctx.cluster = PrivateCluster(private_cluster_base(), find_pg_bindir())
        ctx.cluster.start(throwaway=throwaway)
        db_settings = ctx.cluster.settings()
    else:
        log(f"using the PostgreSQL server of the environment / odoo.conf: {db_settings}")
    addons_paths = [Path(d) for d in ctx.odoo["dirs"]] + ctx.suite_addon_dirs()
    text = effective_conf_text(
        options,
        addons_paths,
        common.LOCAL / "data",
        db_settings,
        read_odoo_sections(REPO / "odoo.conf"),
    )
    ctx.conf.write_text(text, encoding="utf-8")
    return ctx


def shutdown(ctx: Context | None) -> None:
    """Stop the private cluster if this process started it."""
    protect_cleanup()
    if ctx is not None and ctx.cluster is not None:
        ctx.cluster.stop()
