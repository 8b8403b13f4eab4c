from . import controllers
from . import models
from . import tools
from . import wizard


def _pre_init_hook(env):
    """btree_gist, before the tables: the single-holder exclusion constraint of
    party.position compares integers in a GiST index (a trusted extension)."""
    env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
