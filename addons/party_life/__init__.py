from . import controllers
from . import models
from . import report
from . import wizard


def _post_init_hook(env):
    """Dues journal and account for every company that has a chart of accounts."""
    for company in env["res.company"].search([("chart_template", "!=", False)]):
        env["party.dues.payment"]._dues_accounting(company)
