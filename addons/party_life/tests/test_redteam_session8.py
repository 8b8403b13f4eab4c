"""Red team of session 8 (party_life): a ballot of the peer appraisal sent through the RPC
dispatch in a shape of the caller's choosing gets a clear refusal naming the rule, and
nothing is recorded (no 500 error half-way through the checks)."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc


@tagged("post_install", "-at_install")
class TestBallotShape(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appraisal = cls.env["party.appraisal"].create(
            {"organization_id": cls.branch_a.id, "year": 2032}
        )
        cls.appraisal.action_start_self_assessment()
        cls.appraisal.action_start_voting()

    def _cast(self, ratings):
        return rpc(self.env, self.portal, "party.appraisal", "cast_ballot", ratings,
                   ids=self.appraisal.ids)  # fmt: skip

    def test_ratings_sent_as_a_list_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "member id"):
            self._cast([[self.secretary_a.id, "excellent"]])
        self.assertFalse(self.appraisal._has_voted(self.member_a))

    def test_ratings_keyed_by_no_id_are_refused(self):
        ratings = {
            ("not an id" if m == self.secretary_a else str(m.id)): "excellent"
            for m in self.appraisal.line_ids.member_id
            if m != self.member_a
        }
        with self.assertRaisesRegex(ValidationError, "member id"):
            self._cast(ratings)
        self.assertFalse(self.appraisal._has_voted(self.member_a))

    def test_well_formed_ballot_is_recorded(self):
        self._cast(
            {
                str(m.id): "excellent"
                for m in self.appraisal.line_ids.member_id
                if m != self.member_a
            }
        )
        self.assertTrue(self.appraisal._has_voted(self.member_a))
