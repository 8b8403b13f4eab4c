"""A member asks for the transfer of their membership on the portal, through the RPC
dispatch and the portal's page: their own only, one open request at a time, to an
organisation of their company or outside the system; the officers of their
organisation get the draft to review; anyone else is refused with nothing written."""

import re

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import PartyBranchCase, PartyTourCase, portal_member
from .rpc import rpc


@tagged("post_install", "-at_install")
class TestTransferRequest(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = new_test_user(cls.env, login="ptq_internal", groups="base.group_user")
        cls.customer = new_test_user(cls.env, login="ptq_customer", groups="base.group_portal")

    def _request(self, user=None, **values):
        values = {"to_organization_id": self.branch_b.id, "reason": "I move to plant B.",
                  **values}  # fmt: skip
        return self.Transfer.browse(
            rpc(self.env, user or self.portal, "party.member.transfer", "request_transfer", values)
        )

    def _transfers(self, member=None):
        return self.Transfer.search([("member_id", "=", (member or self.member_a).id)])

    def test_member_asks_and_the_officer_reviews_a_draft(self):
        transfer = self._request()
        self.assertEqual(transfer.member_id, self.member_a)
        self.assertEqual(transfer.from_organization_id, self.branch_a)
        self.assertEqual(transfer.to_organization_id, self.branch_b)
        self.assertEqual(transfer.state, "draft")
        self.assertTrue(transfer.requested_by_member)
        self.assertEqual(transfer.activity_ids.user_id, self.officer_a)
        # the officer continues as with a transfer of their own
        transfer.with_user(self.officer_a).write({"letter_number": "PTQ-1"})
        transfer.with_user(self.officer_a).action_send()
        self.assertEqual(transfer.state, "sent")

    def test_member_asks_to_go_outside_the_system(self):
        transfer = self._request(to_organization_id=False, to_external="Party branch of X Co.")
        self.assertFalse(transfer.to_organization_id)
        self.assertEqual(transfer.to_external, "Party branch of X Co.")

    def test_member_reads_the_state_of_their_request(self):
        transfer = self._request()
        read = rpc(self.env, self.portal, "party.member.transfer", "read", ["state"],
                   ids=transfer.ids)  # fmt: skip
        self.assertEqual(read[0]["state"], "draft")

    def test_who_is_no_member_is_refused(self):
        for user in (self.internal, self.customer):
            with self.assertRaisesRegex(AccessError, "Only a Party member asks"):
                self._request(user=user)
        self.assertFalse(self.Transfer.search([("requested_by_member", "=", True)]))

    def test_request_for_another_member_is_refused(self):
        with self.assertRaisesRegex(AccessError, "only for their own transfer"):
            self._request(member_id=self.member_b.id)
        self.assertFalse(self._transfers(self.member_b) | self._transfers())

    def test_second_open_request_is_refused(self):
        first = self._request()
        with self.assertRaisesRegex(UserError, "already under way"):
            self._request(to_organization_id=False, to_external="Elsewhere")
        self.assertEqual(self._transfers(), first)

    def test_request_after_a_cancelled_one_is_taken(self):
        first = self._request()
        first.with_user(self.officer_a).action_cancel()
        second = self._request()
        self.assertEqual(self._transfers(), first | second)

    def test_own_branch_or_a_party_group_as_destination_is_refused(self):
        for org in (self.branch_a, self.group_a):
            with self.assertRaisesRegex(ValidationError, "in the list"):
                self._request(to_organization_id=org.id)
        with self.assertRaisesRegex(ValidationError, "Name the receiving organisation"):
            self._request(to_organization_id=False, to_external="  ")
        self.assertFalse(self._transfers())

    def test_member_cannot_write_their_request(self):
        transfer = self._request()
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.member.transfer", "write",
                {"to_external": "Changed"}, ids=transfer.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.member.transfer", "action_send", ids=transfer.ids)


@tagged("post_install", "-at_install")
class TestTransferRequestPortal(PartyTourCase):
    tour_context = {"tracking_disable": True, "tz": "UTC"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Org = cls.env["party.organization"]
        cls.branch = Org.create({"name": "Transfer Branch", "code": "PTQ-A", "org_type": "branch"})
        cls.other = Org.create({"name": "Transfer Other", "code": "PTQ-B", "org_type": "branch"})
        cls.user, cls.member = portal_member(
            cls.env, "ptq_member", "Transfer Member", cls.branch, password="ptq_member_pw1"
        )
        new_test_user(cls.env, login="ptq_nobody", password="ptq_nobody_pw1",
                      groups="base.group_portal")  # fmt: skip

    def test_member_asks_on_the_portal_and_sees_the_state(self):
        self.authenticate("ptq_member", "ptq_member_pw1")
        page = self.url_open("/my/party/transfer")
        self.assertIn("Transfer Other", page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            "/my/party/transfer/request",
            data={"csrf_token": csrf, "to_organization_id": str(self.other.id),
                  "reason": "Moving to the other plant", "member_id": "1"},
        )  # fmt: skip
        self.assertIn("o_party_transfer_requested", response.text)
        self.assertIn("o_party_transfer_state", response.text)
        self.assertNotIn('o_party_transfer_request"', response.text)  # no second form
        transfer = self.env["party.member.transfer"].search([("member_id", "=", self.member.id)])
        self.assertEqual(transfer.to_organization_id, self.other)

    def test_who_is_no_member_is_sent_away(self):
        self.authenticate("ptq_nobody", "ptq_nobody_pw1")
        response = self.url_open("/my/party/transfer")
        self.assertNotIn("o_party_transfer_form", response.text)
