from . import controllers, models, report
from odoo.addons.party_branch.tools.demo import after_translations


def _post_init_hook(env):
    """The demo's texts once the translations are loaded (party_branch/tools/demo.py)."""
    after_translations(env, "party_service")
