"""The bodies of the daily digests, written in bulk (party.reminder._send): the shipped
body is rendered once for every member with the same reminders and only the greeting
is filled per member; what the members read is still the view rendered for each of
them, and a view or template an administrator changed to read more of the member is
rendered for each digest."""

from datetime import datetime, timedelta

from odoo.tests import tagged

from .common import PartyBranchCase, ReminderMixin

BODY_VIEW = "party_branch.reminder_digest_body"


@tagged("post_install", "-at_install")
class TestReminderBodies(ReminderMixin, PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.party_tz = "Asia/Shanghai"
        cls.Reminder = cls.env["party.reminder"]
        cls.odd = cls._member(cls.branch_a, "O'Brien <b>&amp;", email="obrien@example.com")
        cls.plain = cls._member(cls.branch_a, "Plain Member", email="plain@example.com")
        notice = cls.env["party.notice"].create(
            {"title": "Study <session> & more", "organization_ids": [(6, 0, cls.branch_a.ids)]}
        )
        notice.action_publish()
        notice.publish_date = datetime.combine(
            cls.reminder_day - timedelta(days=3), datetime.min.time()
        ).replace(hour=2)
        (cls.odd | cls.plain).partner_id.lang = "en_US"

    def _body(self, member):
        mail = self._mails(self._digest(member))
        self.assertEqual(len(mail), 1)
        return mail.body_html

    def test_each_member_greeted_by_name_in_the_same_body(self):
        self.Reminder._run(self.reminder_day)
        odd, plain = self._body(self.odd), self._body(self.plain)
        self.assertIn("Dear O&#39;Brien &lt;b&gt;&amp;amp;,", odd)
        self.assertNotIn("Plain Member", odd)
        self.assertIn("Dear Plain Member,", plain)
        self.assertNotIn("Brien", plain)
        self.assertEqual(
            odd.replace("O&#39;Brien &lt;b&gt;&amp;amp;", "Plain Member"), plain
        )  # the rest of the body is the same
        self.assertIn("Study &lt;session&gt; &amp; more", plain)

    def test_body_is_the_view_rendered_for_the_digest(self):
        self.Reminder._run(self.reminder_day)
        template = self.env.ref("party_branch.mail_template_reminder_digest")
        for member in self.odd | self.plain:
            digest = self._digest(member)
            expected = self.env["ir.qweb"]._render(
                BODY_VIEW, {**template._render_eval_context(), "object": digest}
            )
            self.assertEqual(self._body(member), str(expected))

    def test_view_extended_to_read_the_member_rendered_for_each_digest(self):
        self.env["ir.ui.view"].create(
            {
                "name": "Digest body: the member's e-mail",
                "type": "qweb",
                "inherit_id": self.env.ref(BODY_VIEW).id,
                "arch": '<xpath expr="//div" position="inside">'
                '<p class="o_test_address" t-out="object.member_id.email"/></xpath>',
            }
        )
        self.Reminder._run(self.reminder_day)
        self.assertIn('<p class="o_test_address">obrien@example.com</p>', self._body(self.odd))
        self.assertIn('<p class="o_test_address">plain@example.com</p>', self._body(self.plain))

    def test_template_rewritten_by_an_administrator_rendered_for_each_digest(self):
        self.env.ref("party_branch.mail_template_reminder_digest").body_html = (
            '<p>Hello <t t-out="object.member_id.name"/>: '
            '<t t-out="object.item_count"/> reminder(s)</p>'
        )
        self.Reminder._run(self.reminder_day)
        self.assertIn("Hello Plain Member: 1 reminder(s)", self._body(self.plain))
        self.assertIn("Hello O&#39;Brien &lt;b&gt;&amp;amp;: 1 reminder(s)", self._body(self.odd))
