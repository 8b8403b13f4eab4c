"""Reminders that arrive: one digest per member and day, in their language, the
optional kinds a member turned off left out, the required ones kept (party.reminder).

party_branch's own kind is ``notice_unread`` (a notice still unread three days after
it was published); the kinds of party_life and party_systems are tested there."""

from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import PartyBranchCase, ReminderMixin, activate_chinese
from .rpc import rpc

DAY = date(2031, 5, 14)  # a day of no demo record: the digests of the tests are theirs


@tagged("post_install", "-at_install")
class TestReminders(ReminderMixin, PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Reminder = cls.env["party.reminder"]
        cls.Digest = cls.env["party.reminder.digest"]
        cls.env.company.party_tz = "Asia/Shanghai"
        cls.notice_kind = cls.env.ref("party_branch.reminder_kind_notice_unread")
        cls.portal.partner_id.lang = "en_US"

    def _notice(self, title, orgs, published_days_before=3, hour=2):
        """A notice published ``published_days_before`` days before DAY (at ``hour``
        UTC, 10:00 in Shanghai)."""
        notice = self.env["party.notice"].create(
            {"title": title, "organization_ids": [(6, 0, orgs.ids)]}
        )
        notice.action_publish()
        notice.write(
            {"publish_date": datetime.combine(DAY - timedelta(days=published_days_before),
                                              datetime.min.time()).replace(hour=hour)}
        )  # fmt: skip
        return notice

    # ------------------------------------------------------------------ the run

    def test_notice_unread_three_days_after_publishing_is_reminded(self):
        self._notice("Study session", self.branch_a)
        self.Reminder._run(DAY)
        digest = self._digest(self.member_a)
        self.assertEqual(digest.kind_codes, "notice_unread")
        self.assertEqual(digest.channel, "email")
        mail = self._mails(digest)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.member_a.partner_id)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn("Study session", mail.body_html)
        self.assertIn("Notice still unread", mail.body_html)
        self.assertIn("/my/notices/", mail.body_html)
        self.assertIn("Your Party reminders for", mail.subject)

    def test_notice_read_or_published_two_days_ago_is_not_reminded(self):
        read = self._notice("Read already", self.branch_a)
        read.with_user(self.portal).action_mark_opened()
        self._notice("Too recent", self.branch_a, published_days_before=2)
        self.Reminder._run(DAY)
        self.assertFalse(self._digest(self.member_a))

    def test_three_days_counted_in_the_party_time_zone(self):
        """Published at 23:00 UTC four days before DAY: already DAY - 3 in Shanghai."""
        self._notice("Late evening UTC", self.branch_a, published_days_before=4, hour=23)
        self.Reminder._run(DAY)
        self.assertEqual(self._digest(self.member_a).kind_codes, "notice_unread")

    def test_run_twice_sends_one_mail(self):
        self._notice("Study session", self.branch_a)
        self.Reminder._run(DAY)
        self.Reminder._cron_send_digests()  # today: nothing for this member
        again = self.Reminder._run(DAY)
        digest = self._digest(self.member_a)
        self.assertEqual(len(digest), 1)
        self.assertNotIn(digest, again)
        self.assertEqual(len(self._mails(digest)), 1)

    def test_one_digest_a_day_with_several_reminders(self):
        self._notice("First notice", self.branch_a)
        self._notice("Second notice", self.committee)  # with its sub-organisations
        self.Reminder._run(DAY)
        digest = self._digest(self.member_a)
        self.assertEqual(len(digest), 1)
        self.assertEqual(digest.item_count, 2)
        mail = self._mails(digest)
        self.assertEqual(len(mail), 1)
        self.assertIn("First notice", mail.body_html)
        self.assertIn("Second notice", mail.body_html)

    def test_next_day_is_a_new_digest(self):
        self._notice("Study session", self.branch_a)
        self.Reminder._run(DAY)
        self._notice("Another", self.branch_a, published_days_before=2)
        self.Reminder._run(DAY + timedelta(days=1))
        self.assertEqual(len(self._digest(self.member_a, DAY + timedelta(days=1))), 1)
        self.assertEqual(len(self._digest(self.member_a)), 1)

    def test_digest_in_the_member_language(self):
        activate_chinese(self.env, ["party_branch"])
        self.portal.partner_id.lang = "zh_CN"
        self._notice("学习通知", self.branch_a)
        self.Reminder._run(DAY)
        digest = self._digest(self.member_a)
        self.assertEqual(digest.lang, "zh_CN")
        mail = self._mails(digest)
        self.assertIn("通知尚未阅读", mail.body_html)
        self.assertIn("以下是今天等待您处理的事项", mail.body_html)
        self.assertIn("党务提醒", mail.subject)
        self.assertNotIn("Notice still unread", mail.body_html)

    def test_internal_user_gets_the_inbox(self):
        self.officer_a.notification_type = "inbox"
        self._notice("To the officers too", self.branch_a)
        self.Reminder._run(DAY)
        digest = self._digest(self.secretary_a)
        self.assertEqual(digest.channel, "inbox")
        self.assertFalse(self._mails(digest))
        inbox = (
            self.env["mail.message"]
            .with_user(self.officer_a)
            .search([("needaction", "=", True), ("model", "=", "party.reminder.digest")])
        )
        self.assertEqual(inbox, digest.message_id)
        self.assertIn("To the officers too", inbox.body)

    def test_member_without_address_or_who_left_gets_nothing(self):
        self._notice("Study session", self.branch_b)
        self.member_b.email = False
        self.Reminder._run(DAY)
        self.assertFalse(self._digest(self.member_b))
        self.assertTrue(self._digest(self.secretary_b))

    def test_member_who_left_gets_nothing(self):
        self._notice("Study session", self.branch_a)
        self.member_a.status = "withdrawn"
        self.Reminder._run(DAY)
        self.assertFalse(self._digest(self.member_a))

    # ------------------------------------------------------------ the member's choice

    def _optional_kind(self):
        kind = self.notice_kind.copy({"code": "notice_unread_copy", "required": False})
        # the same reminders under another code, optional
        type(self.Reminder)._reminder_notice_unread_copy = type(
            self.Reminder
        )._reminder_notice_unread
        self.addCleanup(delattr, type(self.Reminder), "_reminder_notice_unread_copy")
        return kind

    def test_optional_kind_turned_off_is_left_out(self):
        optional = self._optional_kind()
        rpc(self.env, self.portal, "party.member", "action_set_my_reminders", [optional.id])
        self.assertEqual(self.member_a.reminder_off_kind_ids, optional)
        self._notice("Study session", self.branch_a)
        self.Reminder._run(DAY)
        self.assertEqual(self._digest(self.member_a).kind_codes, "notice_unread")
        self.assertEqual(self._digest(self.secretary_a).kind_codes,
                         "notice_unread,notice_unread_copy")  # fmt: skip

    def test_required_kind_cannot_be_turned_off(self):
        with self.assertRaisesRegex(ValidationError, "a required reminder cannot be turned off"):
            rpc(self.env, self.portal, "party.member", "action_set_my_reminders",
                [self.notice_kind.id])  # fmt: skip
        self.assertFalse(self.member_a.reminder_off_kind_ids)
        with self.assertRaisesRegex(ValidationError, "Notice still unread: a required reminder"):
            rpc(self.env, self.officer_a, "party.member", "write",
                {"reminder_off_kind_ids": [(6, 0, self.notice_kind.ids)]},
                ids=self.member_a.ids)  # fmt: skip

    def test_required_kind_wins_over_an_old_choice(self):
        optional = self._optional_kind()
        self.member_a.reminder_off_kind_ids = optional
        optional.required = True  # a system administrator (kinds reach every company)
        self.assertFalse(self.member_a.reminder_off_kind_ids)

    def test_member_changes_only_their_own_reminders(self):
        optional = self._optional_kind()
        other_user = new_test_user(
            self.env,
            login="pbt_rem_other",
            groups="base.group_portal,party_branch.group_party_member",
        )
        other = self._member(self.branch_a, "Other Member", user_id=other_user.id)
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.member", "write",
                {"reminder_off_kind_ids": [(6, 0, optional.ids)]}, ids=other.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.member", "read", ["reminder_off_kind_ids"],
                ids=other.ids)  # fmt: skip
        rpc(self.env, self.portal, "party.member", "action_set_my_reminders", [optional.id])
        self.assertEqual(self.member_a.reminder_off_kind_ids, optional)
        self.assertFalse(other.reminder_off_kind_ids)
        mine = rpc(self.env, self.portal, "party.member", "read", ["reminder_off_kind_ids"],
                   ids=self.member_a.ids)  # fmt: skip
        self.assertEqual(mine[0]["reminder_off_kind_ids"], optional.ids)

    def test_no_reminders_without_a_membership(self):
        stranger = new_test_user(self.env, login="pbt_rem_stranger", groups="base.group_portal")
        with self.assertRaises(AccessError):
            rpc(self.env, stranger, "party.member", "action_set_my_reminders", [])

    def test_bad_reminder_ids_refused(self):
        for value in ("1", [0], [True], [999999999]):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                rpc(self.env, self.portal, "party.member", "action_set_my_reminders", value)

    # ------------------------------------------------------------------ the log

    def test_digest_read_by_its_member_and_officers_only(self):
        self._notice("Study session", self.branch_a)
        self.Reminder._run(DAY)
        digest = self._digest(self.member_a)
        self.assertTrue(rpc(self.env, self.portal, "party.reminder.digest", "read", ["date"],
                            ids=digest.ids))  # fmt: skip
        self.assertTrue(rpc(self.env, self.officer_a, "party.reminder.digest", "read",
                            ["date"], ids=digest.ids))  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.reminder.digest", "read", ["date"],
                ids=digest.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.reminder.digest", "write", {"item_count": 0},
                ids=digest.ids)  # fmt: skip
