from . import controllers
from . import models
from . import report
from . import wizard
from odoo.addons.party_branch.tools.demo import after_translations


def _post_init_hook(env):
    """Dues journal and account for every company that has a chart of accounts; the
    demo's texts once the translations are loaded (party_branch/tools/demo.py)."""
    for company in env["res.company"].search([("chart_template", "!=", False)]):
        env["party.dues.payment"]._dues_accounting(company)
    after_translations(env, "party_life")
