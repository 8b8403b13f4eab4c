"""留党察看 in the peer appraisal (民主评议): a member on probation within the Party has no
vote while it lasts (《中国共产党章程》第四十一条): their ballot is refused, nothing is
recorded; the others still rate them."""

from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc


@tagged("post_install", "-at_install")
class TestAppraisalPartyProbation(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appraisal = cls.env["party.appraisal"].create(
            {"organization_id": cls.branch_a.id, "year": 2031}
        )
        cls.env["party.discipline"].create(
            {
                "member_id": cls.member_a.id,
                "organization_id": cls.branch_a.id,
                "kind": "probation",
                "probation_years": "1",
                "date": cls.today - timedelta(days=10),
            }
        )
        cls.appraisal.action_start_self_assessment()
        cls.appraisal.action_start_voting()

    def _ratings(self, voter):
        return {str(m.id): "excellent" for m in self.appraisal.line_ids.member_id if m != voter}

    def test_member_on_probation_ballot_refused(self):
        with self.assertRaisesRegex(UserError, "留党察看"):
            rpc(self.env, self.portal, "party.appraisal", "cast_ballot",
                self._ratings(self.member_a), ids=self.appraisal.ids)  # fmt: skip
        self.assertFalse(self.appraisal._has_voted(self.member_a))

    def test_others_still_rate_the_member_on_probation(self):
        rpc(self.env, self.officer_a, "party.appraisal", "cast_ballot",
            self._ratings(self.secretary_a), ids=self.appraisal.ids)  # fmt: skip
        self.assertTrue(self.appraisal._has_voted(self.secretary_a))
