"""The form a Party administrator corrects a member's points with
(``party.point.correction``): it writes a new negative line with its reason through
``party.point.action_correct``; anyone else is refused, through the RPC dispatch."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import PartyBranchCase
from .rpc import rpc


@tagged("post_install", "-at_install")
class TestPartyPointCorrection(PartyBranchCase):
    def _lines(self, member):
        return self.env["party.point"].search([("member_id", "=", member.id)])

    def _form(self, user, points=-3.0, reason="Counted twice"):
        return rpc(self.env, user, "party.point.correction", "create",
                   {"member_id": self.member_a.id, "points": points, "reason": reason})  # fmt: skip

    def test_admin_withdraws_points_with_the_form(self):
        form_id = self._form(self.admin)
        action = rpc(self.env, self.admin, "party.point.correction", "action_correct",
                     ids=[form_id])  # fmt: skip
        line = self._lines(self.member_a)
        self.assertEqual(
            (line.points, line.reason, line.is_correction, line.corrected_by_id),
            (-3.0, "Counted twice", True, self.admin),
        )
        self.assertEqual(action["res_model"], "party.point")
        self.assertEqual(action["domain"], [("member_id", "=", self.member_a.id)])
        summary = self.env["party.point.summary"].search(
            [("member_id", "=", self.member_a.id), ("year", "=", line.date.year)]
        )
        self.assertEqual(summary.points, -3.0)

    def test_officer_cannot_open_the_form(self):
        for user in (self.officer_a, self.portal):
            with self.assertRaises(AccessError):
                self._form(user)
        self.assertFalse(self._lines(self.member_a))

    def test_officer_cannot_run_an_administrators_form(self):
        form_id = self._form(self.admin)
        for user in (self.officer_a, self.portal):
            with self.assertRaisesRegex(AccessError, "Only a Party administrator"):
                rpc(self.env, user, "party.point.correction", "action_correct", ids=[form_id])
        self.assertFalse(self._lines(self.member_a))

    def test_form_adding_points_refused(self):
        form_id = self._form(self.admin, points=5.0, reason="Bonus")
        with self.assertRaisesRegex(ValidationError, "withdraws points"):
            rpc(self.env, self.admin, "party.point.correction", "action_correct", ids=[form_id])
        self.assertFalse(self._lines(self.member_a))

    def test_form_shows_the_members_points_of_the_year(self):
        self.env["party.point"].sudo().action_correct(self.member_a.id, -2.0, "Earlier")
        form_id = self._form(self.admin)
        [values] = rpc(self.env, self.admin, "party.point.correction", "read", ["year_points"],
                       ids=[form_id])  # fmt: skip
        self.assertEqual(values["year_points"], -2.0)
