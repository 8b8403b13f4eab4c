from . import controllers
from . import models
from . import report
from . import tools
from . import wizard
from .tools.demo import after_translations


def _pre_init_hook(env):
    """btree_gist, before the tables: the single-holder exclusion constraint of
    party.position compares integers in a GiST index (a trusted extension)."""
    env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")


def _post_init_hook(env):
    """The demo's texts once the translations are loaded (tools/demo.py)."""
    after_translations(env, "party_branch")
