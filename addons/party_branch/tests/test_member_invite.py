"""Members in, in bulk (issue 23, item 1): a portal login in the Party Member group
for each selected member, Odoo's invitation by e-mail or a printed sheet with a QR
code, linked and never duplicated; the group withdrawn when a member leaves."""

import itertools
import urllib.parse

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PartyBranchCase
from .rpc import rpc

_seq = itertools.count(1)

# What one more member costs, in queries: Odoo creates each login (res.users.create
# inserts, then writes its groups and company per user) and the member's link to it
# is one tracked write per member (each member gets their own login). Measured: see
# test_bulk_invitation_queries_per_member_are_bounded.
QUERIES_PER_MEMBER = 12


@tagged("post_install", "-at_install")
class TestMemberInvite(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_member = cls.env.ref("party_branch.group_party_member")
        cls.Users = cls.env["res.users"].with_context(active_test=False)
        cls.env["res.company"].browse(cls.env.company.id).party_tz = "Asia/Shanghai"

    # ------------------------------------------------------------------ helpers

    def _new_members(self, count, org=None, email=True, mobile=False, **vals):
        org = org or self.branch_a
        batch = next(_seq)
        values = []
        for i in range(count):
            extra = dict(vals)
            if email:
                extra["email"] = f"pbt.invite.{batch}.{i}@example.com"
            if mobile:
                extra["mobile"] = f"+86 139-{batch:04d}-{i:04d}"
            values.append(self._member_vals(org, f"Invitee {batch}-{i}", **extra))
        return self.Member.create(values)

    def _invite(self, members, user=None):
        wizard = (
            self.env["party.member.invite"]
            .with_user(user or self.officer_a)
            .create({"member_ids": [(6, 0, members.ids)]})
        )
        wizard.action_invite()
        return wizard

    def _outcomes(self, wizard):
        return {line.member_id: (line.outcome, line.reason) for line in wizard.sudo().line_ids}

    # ------------------------------------------------------------------ bulk

    def test_bulk_invitation_queries_per_member_are_bounded(self):
        """200 members cost at most QUERIES_PER_MEMBER queries each more than 50:
        the lookups, the group and the mails are set-based."""
        counts = {}
        for size in (50, 200):
            members = self._new_members(size)
            wizard = (
                self.env["party.member.invite"]
                .with_user(self.officer_a)
                .create({"member_ids": [(6, 0, members.ids)]})
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            wizard.action_invite()
            self.env.flush_all()
            counts[size] = self.env.cr.sql_log_count - before
            self.assertEqual(wizard.email_count, size)
            self.assertEqual(len(members.user_id), size)
        per_member = (counts[200] - counts[50]) / 150
        self.assertLessEqual(
            per_member, QUERIES_PER_MEMBER, f"queries: 50 members {counts[50]}, 200 {counts[200]}"
        )

    def test_invited_member_gets_portal_login_on_their_contact(self):
        member = self._new_members(1)
        wizard = self._invite(member)
        user = member.user_id
        self.assertEqual(self._outcomes(wizard)[member][0], "email")
        self.assertEqual(user.partner_id, member.partner_id)
        self.assertEqual(user.login, member.email)
        self.assertTrue(user.share)
        self.assertIn(self.group_member, user.groups_id)
        self.assertIn(self.env.ref("base.group_portal"), user.groups_id)
        self.assertEqual(user.tz, "Asia/Shanghai")

    def test_invitation_mail_is_auth_signup_set_password(self):
        member = self._new_members(1)
        self._invite(member)
        mail = self.env["mail.mail"].sudo().search([("email_to", "ilike", member.email)])
        self.assertEqual(len(mail), 1)
        self.assertIn("/web/signup", mail.body_html)

    def test_second_invitation_links_and_creates_no_duplicate_login(self):
        members = self._new_members(3)
        self._invite(members)
        users = members.user_id
        second = self._invite(members)
        self.assertEqual({o for o, _r in self._outcomes(second).values()}, {"linked"})
        self.assertEqual(members.user_id, users)
        self.assertEqual(self.Users.search_count([("login", "in", members.mapped("email"))]), 3)

    def test_member_with_existing_portal_user_is_linked(self):
        portal = new_test_user(
            self.env, login="pbt.invite.portal@example.com", groups="base.group_portal"
        )
        member = self._member(self.branch_a, "Has Portal", email="pbt.invite.portal@example.com")
        wizard = self._invite(member)
        self.assertEqual(self._outcomes(wizard)[member][0], "linked")
        self.assertEqual(member.user_id, portal)
        self.assertIn(self.group_member, portal.groups_id)
        self.assertEqual(self.Users.search_count([("login", "=", portal.login)]), 1)

    def test_login_of_another_member_is_not_taken(self):
        self.member_a.partner_id.email = "pbt.member.a@example.com"
        member = self._member(self.branch_a, "Same Mail", email="pbt.member.a@example.com")
        wizard = self._invite(member)
        outcome, reason = self._outcomes(wizard)[member]
        self.assertEqual(outcome, "skipped")
        self.assertIn("belongs to another member", reason)
        self.assertFalse(member.user_id)

    def test_internal_user_keeps_login_and_gets_group(self):
        internal = new_test_user(
            self.env, login="pbt_invite_internal", email="pbt.invite.internal@example.com"
        )
        member = self._member(self.branch_a, "Clerk", email="pbt.invite.internal@example.com")
        wizard = self._invite(member, user=self.admin)
        self.assertEqual(self._outcomes(wizard)[member][0], "linked")
        self.assertEqual(member.user_id, internal)
        self.assertEqual(internal.login, "pbt_invite_internal")
        self.assertFalse(internal.share)
        self.assertIn(self.group_member, internal.groups_id)

    def test_officer_does_not_link_an_internal_user(self):
        internal = new_test_user(
            self.env, login="pbt_invite_internal2", email="pbt.invite.internal2@example.com"
        )
        member = self._member(self.branch_a, "Clerk 2", email="pbt.invite.internal2@example.com")
        wizard = self._invite(member)
        outcome, reason = self._outcomes(wizard)[member]
        self.assertEqual(outcome, "skipped")
        self.assertIn("internal user", reason)
        self.assertNotIn(self.group_member, internal.groups_id)

    def test_members_who_left_or_cannot_be_reached_are_skipped(self):
        left = self._member(self.branch_a, "Gone", status="withdrawn", email="pbt.gone@example.com")
        mute = self._member(self.branch_a, "No Contact")
        wizard = self._invite(left | mute)
        outcomes = self._outcomes(wizard)
        self.assertEqual(outcomes[left][0], "skipped")
        self.assertIn("left the organisation", outcomes[left][1])
        self.assertEqual(outcomes[mute][0], "skipped")
        self.assertIn("Neither a valid e-mail address nor a mobile number", outcomes[mute][1])
        self.assertFalse((left | mute).user_id)
        self.assertEqual(wizard.skipped_count, 2)

    def test_organisation_action_takes_members_of_sub_organisations(self):
        members = self._new_members(2, org=self.branch_b)
        wizard = (
            self.env["party.member.invite"]
            .with_user(self.officer_c)
            .with_context(active_model="party.organization", active_ids=self.committee.ids)
            .create({})
        )
        self.assertLessEqual(members | self.member_a | self.member_b, wizard.member_ids)

    # ------------------------------------------------------------------ the sheet

    def test_members_without_email_get_mobile_login_and_one_qr_each(self):
        members = self._new_members(3, email=False, mobile=True)
        wizard = self._invite(members)
        self.assertEqual({o for o, _r in self._outcomes(wizard).values()}, {"sheet"})
        for member in members:
            digits = "".join(c for c in member.mobile if c.isdigit())[2:]
            self.assertEqual(member.user_id.login, digits)
        html = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            ._render_qweb_html("party_branch.report_member_invite_sheet", wizard.ids)[0]
            .decode()
        )
        self.assertEqual(html.count('class="o_party_invite_qr"'), 3)
        self.assertEqual(html.count("o_party_invite_entry"), 3)
        self.assertNotIn("token=", html)  # the link is only in the QR image
        for member in members:
            self.assertIn(member.user_id.login, html)
        self.assertFalse(self.env["mail.mail"].sudo().search([("res_id", "in", members.user_id.ids),
                                                               ("model", "=", "res.users")]))  # fmt: skip

    def test_sheet_link_signs_up_the_member_until_their_first_login(self):
        member = self._new_members(1, email=False, mobile=True)
        wizard = self._invite(member)
        entry = wizard.with_user(self.officer_a)._party_sheet_entries()[0]
        token = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(entry["url"]).query))["token"]
        self.assertIn("/web/signup?", entry["url"])
        info = self.env["res.partner"].sudo()._signup_retrieve_info(token)
        self.assertEqual(info["login"], member.user_id.login)
        member.user_id.with_user(member.user_id).sudo()._update_last_login()  # first login
        self.env.invalidate_all()
        self.assertIsNone(self.env["res.partner"].sudo()._signup_retrieve_info(token))
        self.assertFalse(wizard.with_user(self.officer_a)._party_sheet_entries()[0]["qr"])

    def test_sheet_is_refused_to_another_officer(self):
        members = self._new_members(1, email=False, mobile=True)
        wizard = self._invite(members)
        with self.assertRaisesRegex(Exception, "prepared by another user"):
            self.env["ir.actions.report"].with_user(self.officer_b)._render_qweb_html(
                "party_branch.report_member_invite_sheet", wizard.ids
            )

    # ------------------------------------------------------------------ leaving

    def test_group_withdrawn_when_member_is_transferred_out(self):
        member = self._new_members(1)
        self._invite(member)
        user = member.user_id
        member.with_user(self.officer_a).write({"status": "transferred_out"})
        self.assertNotIn(self.group_member, user.groups_id)
        self.assertTrue(user.exists() and user.active)
        self.assertEqual(member.user_id, user)

    def test_group_kept_when_login_has_another_kept_membership(self):
        member = self._new_members(1)
        self._invite(member)
        user = member.user_id
        old = self._member(self.branch_b, member.name, status="withdrawn", user_id=user.id)
        old.write({"status": "expelled"})
        self.assertIn(self.group_member, user.groups_id)

    # ------------------------------------------------------------------ security

    def test_officer_of_another_branch_is_refused_and_nothing_written(self):
        members = self._new_members(2)
        users_before = self.Users.search_count([])
        wizard = (
            self.env["party.member.invite"]
            .with_user(self.officer_b)
            .create({"member_ids": [(6, 0, members.ids)]})
        )
        with self.assertRaisesRegex(AccessError, "You do not manage Branch A"):
            rpc(self.env, self.officer_b, "party.member.invite", "action_invite", ids=wizard.ids)
        self.assertEqual(self.Users.search_count([]), users_before)
        self.assertFalse(members.user_id)
        self.assertFalse(wizard.sudo().line_ids)

    def test_officer_cannot_run_another_officers_invitation(self):
        members = self._new_members(1)
        wizard = (
            self.env["party.member.invite"]
            .with_user(self.officer_a)
            .create({"member_ids": [(6, 0, members.ids)]})
        )
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_c, "party.member.invite", "action_invite", ids=wizard.ids)
        self.assertFalse(members.user_id)

    def test_officer_cannot_forge_a_result_line(self):
        """A forged "sheet" line would print a sign-up link for a login not created by
        the invitation (a member's login that was never used)."""
        member = self._new_members(1)
        self._invite(member)
        forged = {"member_id": member.id, "outcome": "sheet", "login": member.user_id.login}
        with self.assertRaisesRegex(AccessError, "written by the invitation itself"):
            rpc(self.env, self.officer_a, "party.member.invite", "create",
                {"member_ids": [(6, 0, member.ids)], "line_ids": [(0, 0, forged)]})  # fmt: skip
        wizard = self.env["party.member.invite"].with_user(self.officer_a).create({})
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.member.invite.line", "create",
                {**forged, "invite_id": wizard.id})  # fmt: skip
        with self.assertRaisesRegex(AccessError, "written by the invitation itself"):
            rpc(self.env, self.officer_a, "party.member.invite", "write",
                {"state": "done"}, ids=wizard.ids)  # fmt: skip
        self.assertFalse(wizard.sudo().line_ids)

    def test_portal_member_is_refused_over_rpc(self):
        members = self._new_members(1)
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.member.invite", "create",
                {"member_ids": [(6, 0, members.ids)]})  # fmt: skip
        wizard = (
            self.env["party.member.invite"]
            .with_user(self.officer_a)
            .create({"member_ids": [(6, 0, members.ids)]})
        )
        for method in ("action_invite", "action_print_sheet"):
            with self.subTest(method=method), self.assertRaises(AccessError):
                rpc(self.env, self.portal, "party.member.invite", method, ids=wizard.ids)
        self.assertFalse(members.user_id)


@tagged("post_install", "-at_install")
class TestInvitedMemberPortal(HttpCase):
    """The invited member reaches their Party pages, and loses them the day they leave."""

    def test_member_who_leaves_loses_the_party_pages(self):
        env = self.env(context=dict(self.env.context, no_reset_password=True))
        branch = env["party.organization"].create(
            {"name": "Invite Portal Branch", "code": "PBT-INV-P", "org_type": "branch"}
        )
        member = env["party.member"].create(
            {"name": "Invited Zhou", "organization_id": branch.id, "mobile": "13700137000"}
        )
        env["party.member.invite"].create({"member_ids": [(6, 0, member.ids)]}).action_invite()
        member.user_id.password = "pbt-invited-zhou"
        self.authenticate("13700137000", "pbt-invited-zhou")
        response = self.url_open("/my/party")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Invited Zhou", response.text)
        member.write({"status": "transferred_out"})
        # the home says the page is for Party members, with none of the member's blocks
        response = self.url_open("/my/party", allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_party_home_not_member", response.text)
        self.assertNotIn("o_party_home_block", response.text)
        response = self.url_open("/my/party/membership", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(member.status, "transferred_out")
        self.assertTrue(member.user_id.active)
