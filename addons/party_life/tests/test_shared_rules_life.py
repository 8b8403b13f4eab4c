"""party_life's rules without a company (how often a meeting is due) follow the shared
rule contract of party_branch: changed only by an administrator of every company."""

from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import OtherCompanyCase
from odoo.addons.party_branch.tests.test_shared_rules import SharedRuleCases


@tagged("post_install", "-at_install")
class TestSharedRulesLife(SharedRuleCases, OtherCompanyCase):
    # the test methods are SharedRuleCases': Odoo's own runner runs inherited ones only
    # when asked (pytest runs them anyway)
    allow_inherited_tests_method = True

    shared_rules = {
        "party.meeting.frequency": (
            "party_life.meeting_frequency_branch_assembly",
            {"period_months": 6},
            {
                "name": "Less",
                "meeting_type": "branch_assembly",
                "for_branch": True,
                "period_months": 12,
            },
        ),
    }
