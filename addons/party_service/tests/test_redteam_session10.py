"""Red team of session 10, through the RPC dispatch: the points ledger's reversal lines
(``party.point``: ``reversed``, ``reverses_line``, ``reversal_of_id``). A reversal is the
points run's: no copy nor import of a line by a Party administrator, and an officer of
a sibling branch reads no line, reversal or reversed, of another branch's member."""

from datetime import date, datetime

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyServiceCase, held_lectures, shipped_point_rules

FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)


@tagged("post_install", "-at_install")
class TestRedteamSession10Reversals(PartyServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Point = cls.env["party.point"]
        shipped_point_rules(cls.env, {"party_life.point_rule_meeting": 2})

    def _lines(self):
        return self.Point.search(
            [("member_id", "=", self.member_a.id), ("source", "=", "meeting")], order="id"
        )

    def _reversal(self):
        """A meeting attended, credited, corrected to absent, taken back: (line, reversal)."""
        meeting = held_lectures(
            self.env, self.branch_a, self.member_a, [datetime(2026, 3, 2, 9)], name="RT10"
        )
        attendance = meeting.attendance_ids.filtered(lambda a: a.member_id == self.member_a)
        self.Point.sudo()._party_points_run(FIRST, LAST)
        attendance.sudo().state = "absent"
        self.Point.sudo()._party_points_run(FIRST, LAST)
        lines = self._lines()
        self.assertEqual(lines.mapped("points"), [2, -2])
        return lines

    def test_party_administrator_copies_no_reversal_line(self):
        reversal = self._reversal()[1]
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin, "party.point", "copy", ids=reversal.ids)
        self.assertEqual(len(self._lines()), 2)

    def test_party_administrator_imports_no_reversal_line(self):
        original = self._reversal()[0]
        result = rpc(self.env, self.admin, "party.point", "load",
                     ["member_id/.id", "source", "date", "year", "points", "reverses_line"],
                     [[str(self.member_a.id), "meeting", "2026-03-02", "2026", "-2",
                       str(original.id)]])  # fmt: skip
        self.assertFalse(result["ids"])
        self.assertEqual(len(self._lines()), 2)

    def test_officer_of_a_sibling_branch_finds_no_reversal_line_of_the_member(self):
        self._reversal()
        rows = rpc(self.env, self.officer_b, "party.point", "search_read",
                   [("reverses_line", "!=", 0)], ["member_id", "reversal_of_id"])  # fmt: skip
        self.assertNotIn(self.member_a.id, [row["member_id"][0] for row in rows])

    def test_officer_of_a_sibling_branch_reads_no_reversal_line_of_the_member(self):
        lines = self._reversal()
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.point", "read", ["reversal_of_id", "points"],
                ids=lines[1:].ids)  # fmt: skip

    def test_officer_of_a_sibling_branch_sums_no_reversed_points_of_the_member(self):
        self._reversal()
        groups = rpc(self.env, self.officer_b, "party.point", "read_group",
                     [("reversed", "=", True)], ["points:sum"], ["member_id"])  # fmt: skip
        self.assertNotIn(self.member_a.id, [g["member_id"][0] for g in groups])
