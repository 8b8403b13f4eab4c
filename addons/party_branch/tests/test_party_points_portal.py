"""The member's points on the portal: the home block (points of the year, rank in the
organisation) and /my/party/points (the lines behind them); a member sees their own
points only, and the block says what gives points while there are none."""

from odoo import fields
from odoo.tests import tagged

from .test_member_home import MemberHomeCase


@tagged("post_install", "-at_install")
class TestPartyPointsPortal(MemberHomeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.year = fields.Date.today().year
        Point = cls.env["party.point"].sudo()
        for member, points, reason in (
            (cls.member_a, 12, "PMH points A"),
            (cls.secretary_a, 20, "PMH points S"),
            (cls.member_b, 99, "PMH points B"),
        ):
            Point.create(
                {"member_id": member.id, "organization_id": member.organization_id.id,
                 "company_id": member.company_id.id, "source": "correction", "reason": reason,
                 "date": fields.Date.today(), "year": cls.year, "points": points}
            )  # fmt: skip
        Point._party_points_summarise([cls.year])

    def test_home_block_shows_points_and_rank(self):
        block = self._block(self._home("pmh_member_a"), "points")
        self.assertFalse(self._empty(block))
        text = self._text(block)
        self.assertIn("12.00", text)
        self.assertIn("Rank 2", text)
        self.assertIn("/my/party/points", self._links(block))

    def test_points_page_lists_own_lines_only(self):
        self.authenticate("pmh_member_a", "pmh_member_a")
        page = self.url_open("/my/party/points")
        self.assertEqual(page.status_code, 200)
        self.assertIn("PMH points A", page.text)
        self.assertNotIn("PMH points B", page.text)
        self.assertNotIn("PMH points S", page.text)

    def test_points_page_marks_capped_facts_and_leaves_out_facts_without_points(self):
        Point = self.env["party.point"].sudo()
        for reason, capped in (("PMH capped fact", True), ("PMH counted fact", False)):
            Point.create(
                {"member_id": self.member_a.id, "organization_id": self.branch_a.id,
                 "company_id": self.member_a.company_id.id, "source": "correction",
                 "reason": reason, "date": fields.Date.today(), "year": self.year,
                 "points": 0, "capped": capped}
            )  # fmt: skip
        self.authenticate("pmh_member_a", "pmh_member_a")
        page = self.url_open("/my/party/points")
        self.assertIn("PMH capped fact", page.text)
        self.assertIn("o_party_points_capped", page.text)
        # a fact recorded without points (what the service assessment counts) is no
        # line of points
        self.assertNotIn("PMH counted fact", page.text)

    def test_home_block_empty_without_points(self):
        self.env["party.point.summary"].sudo().search(
            [("member_id", "=", self.member_b.id)]
        ).unlink()
        block = self._block(self._home("pmh_member_b"), "points")
        self.assertTrue(self._empty(block))
        self.assertIn("give points", self._text(block))
