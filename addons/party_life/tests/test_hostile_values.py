"""Property tests: random and hostile values on the public methods of dues,
transfers and meetings, through the RPC dispatch (docs/security.md, rule 6).

Whatever an officer sends, the answer is the result or a clear user error (an
``odoo.exceptions.UserError``: access, validation, business rule) — never a
server error — and a refused call writes nothing.
"""

import math
from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.hostile import EXAMPLES, JUNK, HostileCalls, pick
from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyDuesCase

junk = st.one_of(*JUNK, st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))

dates = st.one_of(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)).map(str), junk)


@tagged("post_install", "-at_install")
class TestHostileValues(HostileCalls, PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Dues.generate(cls.this_month, members=cls.member_a)
        cls.Transfer = cls.env["party.member.transfer"]

    def _counts(self):
        return (
            self.Payment.sudo().search_count([]),
            self.env["account.move"].sudo().search_count([]),
            self.Dues.sudo().search_count([]),
            sum(self.Dues.sudo().search([("member_id", "=", self.member_a.id)]).mapped(
                "paid_amount")),
            self.Transfer.sudo().search_count([]),
            self.env["party.meeting"].sudo().search_count([]),
        )  # fmt: skip

    @EXAMPLES
    @given(
        member=st.one_of(st.sampled_from(["a", "b"]), junk),
        amount=st.one_of(st.floats(allow_nan=True, allow_infinity=True), junk),
        day=dates,
        method=st.one_of(st.sampled_from(["cash", "bank", "online"]), junk),
        ahead=st.one_of(st.integers(min_value=-3, max_value=40), junk),
        reference=st.one_of(st.text(max_size=20), junk),
        voluntary=junk,
    )
    def test_register_payments(self, member, amount, day, method, ahead, reference, voluntary):
        member_id = pick({"a": self.member_a.id, "b": self.member_b.id}, member)
        vals = {"member_id": member_id, "amount": amount, "date": day, "method": method,
                "months_ahead": ahead, "reference": reference, "voluntary": voluntary}  # fmt: skip
        outcome = self._call("party.dues.payment", "register_payments", [vals])
        if outcome == "ok":
            # only a member of the officer's branch, a real amount, a past date, a method
            self.assertEqual(member_id, self.member_a.id)
            self.assertTrue(math.isfinite(float(amount)) and amount > 0)
            self.assertIn(method, ("cash", "bank", "online"))

    @EXAMPLES
    @given(period=dates, organizations=st.one_of(st.just("mine"), junk))
    def test_generate(self, period, organizations):
        orgs = [self.branch_a.id] if organizations == "mine" else organizations
        outcome = self._call("party.dues", "generate", period, orgs)
        if outcome == "ok":
            self.assertEqual(orgs, [self.branch_a.id])

    @EXAMPLES
    @given(
        to_org=st.one_of(st.sampled_from(["b", "a"]), junk),
        letter=st.one_of(st.text(max_size=20), junk),
        reason=junk,
        member=st.one_of(st.sampled_from(["a", "b"]), junk),
    )
    def test_transfer(self, to_org, letter, reason, member):
        vals = {
            "member_id": pick({"a": self.member_a.id, "b": self.member_b.id}, member),
            "to_organization_id": pick({"a": self.branch_a.id, "b": self.branch_b.id}, to_org),
            "letter_number": letter,
            "reason": reason,
        }
        before = self._counts()
        try:
            with self.env.cr.savepoint():
                transfer = rpc(self.env, self.officer_a, "party.member.transfer", "create", vals)
                rpc(self.env, self.officer_a, "party.member.transfer", "action_send",
                    ids=[transfer])  # fmt: skip
                rpc(self.env, self.officer_a, "party.member.transfer", "action_complete",
                    ids=[transfer])  # fmt: skip
                self.fail("officer A completed a transfer into another branch")
        except UserError:
            self.env.invalidate_all()
            self.assertEqual(self._counts(), before)
        self.assertEqual(self.member_a.organization_id, self.branch_a)

    @EXAMPLES
    @given(
        start=st.one_of(
            st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)).map(str),
            junk,
        ),  # fmt: skip
        hours=st.one_of(st.integers(min_value=-5, max_value=30), junk),
        meeting_type=st.one_of(st.sampled_from(["branch_assembly", "party_lecture"]), junk),
        state=st.one_of(st.sampled_from(["planned", "held", "cancelled"]), junk),
        org=st.one_of(st.sampled_from(["a", "b"]), junk),
    )
    def test_meeting(self, start, hours, meeting_type, state, org):
        vals = {
            "organization_id": pick({"a": self.branch_a.id, "b": self.branch_b.id}, org),
            "meeting_type": meeting_type,
            "start": start,
            "state": state,
        }
        if isinstance(hours, int) and isinstance(start, str) and len(start) >= 19:
            vals["stop"] = str(datetime.fromisoformat(start[:19]).replace(microsecond=0))
        outcome = self._call("party.meeting", "create", vals)
        if outcome == "ok":
            self.assertIn(state, ("planned", None, False))
            self.assertEqual(vals["organization_id"], self.branch_a.id)
