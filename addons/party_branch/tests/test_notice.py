"""Notices with read receipts (通知): who may address whom, what a published notice
keeps, and that a member reads only the notices addressed to them, through the RPC
dispatch and the portal."""

import datetime
import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import PartyBranchCase, PartyPhoneTourCase, create_branch, member_branch, member_user
from .rpc import rpc


class NoticeCase(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Notice = cls.env["party.notice"]
        cls.Receipt = cls.env["party.notice.receipt"]
        # a member of Branch B with a portal login, and one who left Branch A
        cls.portal_b = member_user(cls.env, "pbt_notice_portal_b")
        cls.member_b2 = cls._member(cls.branch_b, "Member B2", user_id=cls.portal_b.id)
        cls.withdrawn_a = cls._member(cls.branch_a, "Withdrawn A", status="withdrawn")

    def _create(self, user, orgs, title="Study on Friday", **vals):
        notice_id = rpc(
            self.env,
            user,
            "party.notice",
            "create",
            {"title": title, "body": "<p>Come at 3 pm.</p>",
             "organization_ids": [(6, 0, orgs.ids)], **vals},
        )  # fmt: skip
        return self.Notice.browse(notice_id)

    def _published(self, user, orgs, **vals):
        notice = self._create(user, orgs, **vals)
        rpc(self.env, user, "party.notice", "action_publish", ids=notice.ids)
        self.env.invalidate_all()
        return notice


@tagged("post_install", "-at_install")
class TestNoticeOfficer(NoticeCase):
    def test_notice_to_unmanaged_organisation_refused(self):
        with self.assertRaisesRegex(AccessError, "You do not manage Branch B"):
            self._create(self.officer_a, self.branch_a | self.branch_b, title="Rogue notice")
        self.assertFalse(self.Notice.search([("title", "=", "Rogue notice")]))

    def test_notice_readdressed_to_unmanaged_organisation_refused(self):
        notice = self._create(self.officer_a, self.branch_a)
        with self.assertRaisesRegex(AccessError, "You do not manage Branch B"):
            rpc(self.env, self.officer_a, "party.notice", "write",
                {"organization_ids": [(4, self.branch_b.id)]}, ids=notice.ids)  # fmt: skip
        self.env.invalidate_all()
        self.assertEqual(notice.organization_ids, self.branch_a)

    def test_notice_of_another_branch_published_refused(self):
        notice = self._create(self.officer_b, self.branch_b)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.notice", "action_publish", ids=notice.ids)
        self.assertEqual(notice.state, "draft")
        self.assertFalse(notice.receipt_ids)

    def test_notice_with_unreadable_attachment_refused(self):
        """A file of a member the officer does not manage is not handed to readers."""
        secret = self.env["ir.attachment"].create(
            {"name": "id-card.png", "raw": b"secret", "res_model": "party.member",
             "res_id": self.member_b.id}
        )  # fmt: skip
        notice = self._create(self.officer_a, self.branch_a)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.notice", "write",
                {"attachment_ids": [(4, secret.id)]}, ids=notice.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            self._create(self.officer_a, self.branch_a, title="With file",
                         attachment_ids=[(6, 0, secret.ids)])  # fmt: skip
        self.env.invalidate_all()
        self.assertFalse(notice.attachment_ids)
        self.assertFalse(self.Notice.search([("title", "=", "With file")]))

    def test_published_notice_body_not_written(self):
        notice = self._published(self.officer_a, self.branch_a)
        for vals in ({"body": "<p>Come at 4 pm.</p>"}, {"title": "Other"},
                     {"organization_ids": [(6, 0, self.group_a.ids)]}):  # fmt: skip
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "A published notice is not edited"):
                    rpc(self.env, self.officer_a, "party.notice", "write", vals, ids=notice.ids)
        self.env.invalidate_all()
        self.assertEqual(notice.body, "<p>Come at 3 pm.</p>")
        self.assertEqual(notice.title, "Study on Friday")

    def test_state_and_author_written_directly_refused(self):
        notice = self._create(self.officer_a, self.branch_a)
        for vals in ({"state": "published"}, {"author_id": self.officer_b.id},
                     {"publish_date": "2026-01-01 00:00:00"}):  # fmt: skip
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.notice", "write", vals, ids=notice.ids)
        self.assertEqual(notice.state, "draft")
        self.assertEqual(notice.author_id, self.officer_a)

    def test_notice_created_published_through_context_refused(self):
        with self.assertRaises(AccessError):
            self._create(self.officer_a, self.branch_a, title="Sneaky",
                         state="published")  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.notice", "create",
                {"title": "Sneaky", "organization_ids": [(6, 0, self.branch_a.ids)]},
                context={"default_state": "published"})  # fmt: skip
        self.assertFalse(self.Notice.search([("title", "=", "Sneaky")]))

    def test_receipts_for_addressed_members_with_sub_organisations(self):
        notice = self._published(self.officer_c, self.committee, include_sub_organizations=True)
        self.assertEqual(
            notice.receipt_ids.member_id,
            self.secretary_c | self.secretary_a | self.member_a | self.secretary_b
            | self.member_b | self.member_b2,
        )  # fmt: skip
        self.assertEqual(notice.addressed_count, 6)
        self.assertEqual(notice.unread_count, 6)

    def test_receipts_for_addressed_members_without_sub_organisations(self):
        notice = self._published(self.officer_c, self.committee, include_sub_organizations=False)
        self.assertEqual(notice.receipt_ids.member_id, self.secretary_c)
        branch = self._published(self.officer_a, self.branch_a, include_sub_organizations=False)
        self.assertEqual(branch.receipt_ids.member_id, self.secretary_a | self.member_a)
        group = self._published(self.officer_a, self.group_a, include_sub_organizations=False)
        self.assertEqual(group.receipt_ids.member_id, self.member_a)

    def test_receipt_keeps_member_organisation_at_publish(self):
        notice = self._published(self.officer_c, self.committee)
        receipt = notice.receipt_ids.filtered(lambda r: r.member_id == self.member_a)
        self.assertEqual(receipt.organization_id, self.branch_a)
        self.assertEqual(receipt.company_id, notice.company_id)

    def test_publishing_twice_creates_no_duplicate(self):
        notice = self._published(self.officer_a, self.branch_a)
        with self.assertRaisesRegex(UserError, "already published"):
            rpc(self.env, self.officer_a, "party.notice", "action_publish", ids=notice.ids)
        notice._create_receipts()  # the statement itself keeps one receipt per member
        self.assertEqual(self.Receipt.search_count([("notice_id", "=", notice.id)]), 2)

    def test_remind_unread_reaches_only_unread(self):
        notice = self._published(self.officer_c, self.committee)
        rpc(self.env, self.portal, "party.notice", "action_mark_opened", ids=notice.ids)
        before = self.env["mail.message"].search([("model", "=", "party.notice"),
                                                  ("res_id", "=", notice.id)])  # fmt: skip
        rpc(self.env, self.officer_c, "party.notice", "action_remind_unread", ids=notice.ids)
        reminders = self.env["mail.message"].search(
            [("model", "=", "party.notice"), ("res_id", "=", notice.id),
             ("id", "not in", before.ids)]
        )  # fmt: skip
        # unread members with a login: the three secretaries and Member B2, not Member A
        self.assertEqual(
            reminders.partner_ids,
            (self.officer_a | self.officer_b | self.officer_c | self.portal_b).partner_id,
        )
        reminded = notice.receipt_ids.filtered("last_reminded").member_id
        self.assertEqual(reminded, self.secretary_a | self.secretary_b | self.secretary_c
                         | self.member_b2)  # fmt: skip

    def test_correction_is_a_new_notice_referring_to_it(self):
        notice = self._published(self.officer_a, self.branch_a)
        action = rpc(self.env, self.officer_a, "party.notice", "action_correct", ids=notice.ids)
        correction = self.Notice.browse(action["res_id"])
        self.assertEqual(correction.refers_to_id, notice)
        self.assertEqual(correction.state, "draft")
        self.assertEqual(correction.organization_ids, self.branch_a)
        self.assertEqual(notice.state, "published")

    def test_withdrawn_notice_hidden_from_member(self):
        notice = self._published(self.officer_a, self.branch_a)
        rpc(self.env, self.officer_a, "party.notice", "action_withdraw", ids=notice.ids)
        self.assertEqual(notice.state, "withdrawn")
        self.assertFalse(rpc(self.env, self.portal, "party.notice", "search", []))
        with self.assertRaises(UserError):
            rpc(self.env, self.officer_a, "party.notice", "unlink", ids=notice.ids)
        self.assertTrue(notice.exists())


@tagged("post_install", "-at_install")
class TestNoticeMember(NoticeCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.notice_a = cls.Notice.create(
            {"title": "Notice to A", "organization_ids": [(6, 0, cls.branch_a.ids)],
             "ack_required": True}
        )  # fmt: skip
        cls.notice_b = cls.Notice.create(
            {"title": "Notice to B", "organization_ids": [(6, 0, cls.branch_b.ids)]}
        )
        (cls.notice_a | cls.notice_b).action_publish()

    def test_member_searches_only_their_notices(self):
        found = rpc(self.env, self.portal, "party.notice", "search_read", [], ["title"])
        self.assertEqual([n["title"] for n in found], ["Notice to A"])

    def test_member_reads_no_other_notice(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.notice", "read", ["title", "body"],
                ids=self.notice_b.ids)  # fmt: skip

    def test_member_exports_only_their_notices(self):
        self.portal.groups_id += self.env.ref("base.group_allow_export")
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.notice", "export_data", ["title"],
                ids=(self.notice_a | self.notice_b).ids)  # fmt: skip
        export = rpc(self.env, self.portal, "party.notice", "export_data", ["title"],
                     ids=self.notice_a.ids)  # fmt: skip
        self.assertEqual(export["datas"], [["Notice to A"]])

    def test_member_reads_only_their_receipts(self):
        found = rpc(self.env, self.portal, "party.notice.receipt", "search_read", [],
                    ["member_id"])  # fmt: skip
        self.assertEqual([r["member_id"][0] for r in found], self.member_a.ids)

    def test_receipt_written_by_member_refused(self):
        receipt = self.notice_a.receipt_ids.filtered(lambda r: r.member_id == self.member_a)
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.notice.receipt", "write",
                {"first_opened": "2026-01-01 00:00:00"}, ids=receipt.ids)  # fmt: skip
        self.assertFalse(receipt.first_opened)

    def test_receipt_marked_for_someone_else_refused(self):
        with self.assertRaisesRegex(AccessError, "not addressed to you"):
            rpc(self.env, self.portal_b, "party.notice", "action_mark_opened",
                ids=self.notice_a.ids)  # fmt: skip
        with self.assertRaisesRegex(AccessError, "not addressed to you"):
            rpc(self.env, self.portal_b, "party.notice", "action_acknowledge",
                ids=self.notice_a.ids)  # fmt: skip
        self.assertFalse(self.notice_a.receipt_ids.filtered("first_opened"))
        self.assertFalse(self.notice_a.receipt_ids.filtered("acknowledged"))

    def test_member_acknowledges_own_receipt(self):
        rpc(self.env, self.portal, "party.notice", "action_acknowledge", ids=self.notice_a.ids)
        receipt = self.notice_a.receipt_ids.filtered(lambda r: r.member_id == self.member_a)
        self.assertTrue(receipt.first_opened)
        self.assertTrue(receipt.acknowledged)
        others = self.notice_a.receipt_ids - receipt
        self.assertFalse(others.filtered("first_opened"))
        self.assertEqual(self.notice_a.read_count, 1)
        self.assertEqual(self.notice_a.acknowledged_count, 1)

    def test_acknowledgement_refused_when_not_asked(self):
        notice = self.Notice.create(
            {"title": "No ack", "organization_ids": [(6, 0, self.branch_a.ids)]}
        )
        notice.action_publish()
        with self.assertRaisesRegex(UserError, "asks for no acknowledgement"):
            rpc(self.env, self.portal, "party.notice", "action_acknowledge", ids=notice.ids)

    def test_backend_form_marks_own_receipt_opened(self):
        rpc(self.env, self.officer_a, "party.notice", "web_read",
            {"title": {}, "body": {}}, ids=self.notice_a.ids)  # fmt: skip
        opened = self.notice_a.receipt_ids.filtered("first_opened").member_id
        self.assertEqual(opened, self.secretary_a)

    def test_officer_sees_receipts_of_managed_organisations_only(self):
        notice = self.Notice.create(
            {"title": "To all", "organization_ids": [(6, 0, self.committee.ids)]}
        )
        notice.action_publish()
        found = rpc(self.env, self.officer_b, "party.notice.receipt", "search",
                    [("notice_id", "=", notice.id)])  # fmt: skip
        self.assertEqual(
            self.Receipt.browse(found).member_id,
            self.secretary_b | self.member_b | self.member_b2,
        )


@tagged("post_install", "-at_install")
class TestNoticePortal(HttpCase):
    """The member opens a notice on the portal (first opening) and acknowledges it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.user, branch = member_branch(
            env, "Notice Branch", "NOTICE-B", "notice_portal_member",
            ("Notice Member", datetime.date(1986, 6, 6), 23),
        )  # fmt: skip
        other, __ = create_branch(
            env, "Other Notice Branch", "NOTICE-B2",
            [("Notice Stranger", datetime.date(1977, 7, 7), 33)],
        )  # fmt: skip
        cls.notice, cls.other_notice = env["party.notice"].create(
            [
                {"title": "Flood duty roster", "body": "<p>Stay reachable.</p>",
                 "organization_ids": [(6, 0, branch.ids)], "ack_required": True},
                {"title": "Other branch secret", "organization_ids": [(6, 0, other.ids)]},
            ]
        )  # fmt: skip
        (cls.notice | cls.other_notice).action_publish()
        cls.receipt = cls.notice.receipt_ids

    def test_member_opens_and_acknowledges_notice(self):
        self.authenticate("notice_portal_member", "notice_portal_member")
        listing = self.url_open("/my/notices")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("Flood duty roster", listing.text)
        self.assertNotIn("Other branch secret", listing.text)
        self.assertFalse(self.receipt.first_opened)
        page = self.url_open(f"/my/notices/{self.notice.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Stay reachable.", page.text)
        self.receipt.invalidate_recordset()
        self.assertTrue(self.receipt.first_opened)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            f"/my/notices/{self.notice.id}/acknowledge", data={"csrf_token": token}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_party_notice_acknowledged", response.text)
        self.receipt.invalidate_recordset()
        self.assertTrue(self.receipt.acknowledged)

    def test_another_members_notice_is_not_found(self):
        self.authenticate("notice_portal_member", "notice_portal_member")
        response = self.url_open(f"/my/notices/{self.other_notice.id}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Other branch secret", response.text)
        self.assertFalse(self.other_notice.receipt_ids.filtered("first_opened"))

    def test_member_downloads_only_the_notices_attachments(self):
        attachment, other = self.env["ir.attachment"].create(
            [
                {"name": "roster.txt", "raw": b"duty roster", "res_model": "party.notice",
                 "res_id": self.notice.id},
                {"name": "secret.txt", "raw": b"secret", "res_model": "party.notice",
                 "res_id": self.other_notice.id},
            ]
        )  # fmt: skip
        self.notice.sudo()._party_action_write({"attachment_ids": [(4, attachment.id)]})
        self.other_notice.sudo()._party_action_write({"attachment_ids": [(4, other.id)]})
        self.authenticate("notice_portal_member", "notice_portal_member")
        url = f"/my/notices/{self.notice.id}/attachments/{attachment.id}"
        self.assertIn(url, self.url_open(f"/my/notices/{self.notice.id}").text)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"duty roster")
        for wrong in (
            f"/my/notices/{self.notice.id}/attachments/{other.id}",
            f"/my/notices/{self.other_notice.id}/attachments/{other.id}",
        ):
            with self.subTest(url=wrong):
                response = self.url_open(wrong)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(b"secret", response.content)

    def test_portal_home_shows_unread_count(self):
        self.authenticate("notice_portal_member", "notice_portal_member")
        response = self.url_open("/my/home")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/my/notices", response.text)
        self.assertRegex(response.text, r'o_party_notice_unread"[^>]*>1<')


@tagged("post_install", "-at_install")
class TestNoticePhoneTour(PartyPhoneTourCase):
    """On a phone (390 px wide, touch): the member reads a notice and acknowledges it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        branch, _members = cls._tour_branch(
            "Phone Notice Branch",
            "PHONE-N",
            [("Phone Notice Member", datetime.date(1984, 3, 3), 25)],
            user=cls._tour_user("phone_notice_member", portal=True),
        )
        cls.notice = env["party.notice"].create(
            {"title": "Flood duty roster", "body": "<p>Stay reachable.</p>",
             "organization_ids": [(6, 0, branch.ids)], "ack_required": True}
        )  # fmt: skip
        cls.notice.action_publish()

    def test_member_reads_and_acknowledges_a_notice_on_a_phone(self):
        self.start_tour("/my/notices", "party_branch_phone_notice_tour",
                        login="phone_notice_member")  # fmt: skip
        receipt = self.notice.receipt_ids
        self.assertTrue(receipt.first_opened)
        self.assertTrue(receipt.acknowledged)


@tagged("post_install", "-at_install")
class TestNoticeSecretaryPhoneTour(PartyPhoneTourCase):
    """On a phone: the secretary publishes a notice and sees who has not read it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.secretary = cls._tour_user("phone_notice_secretary")
        branch, members = cls._tour_branch(
            "Phone Notice Branch S",
            "PHONE-NS",
            [
                ("Phone Notice Secretary", datetime.date(1979, 5, 5), 27),
                ("Phone Reader", datetime.date(1988, 8, 8), 29),
            ],
            user=cls.secretary,
            secretary=True,
        )
        cls.reader = members[1]
        cls.notice = (
            env["party.notice"]
            .with_user(cls.secretary)
            .create({"title": "Phone roster", "organization_ids": [(6, 0, branch.ids)]})
        )

    def test_secretary_publishes_and_sees_the_unread_on_a_phone(self):
        self.start_tour(
            "/odoo/action-party_branch.party_notice_action",
            "party_branch_phone_notice_secretary_tour",
            login="phone_notice_secretary",
        )
        self.assertEqual(self.notice.state, "published")
        self.assertIn(self.reader, self.notice.receipt_ids.member_id)
