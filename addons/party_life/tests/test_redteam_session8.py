"""Red team of session 8 (party_life): a ballot of the peer appraisal sent through the RPC
dispatch in a shape of the caller's choosing gets a clear refusal naming the rule, and
nothing is recorded (no 500 error half-way through the checks)."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc

from .common import voting_appraisal


@tagged("post_install", "-at_install")
class TestBallotShape(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appraisal = voting_appraisal(cls.env, cls.branch_a, 2032)

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
