"""Red team of session 11, through the RPC dispatch: the points ledger's company (the
organisation's, not stored) and rule (an integer ``rule_ref``, searched and shown as the
rule), and the rules that gave points (archived, never deleted); the reminder digests'
bodies rendered once per group with the member's greeting filled in."""

from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OtherCompanyCase, PartyBranchCase, ReminderMixin
from .rpc import rpc


@tagged("post_install", "-at_install")
class TestRedteamSession11Points(OtherCompanyCase):
    other_prefix = "RT11"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Point = cls.env["party.point"]
        Rule = cls.env["party.point.rule"].with_context(active_test=False)
        cls.rule = Rule.search([], limit=1)
        cls.rule_ref = cls.rule.id or 424242
        cls.line_a = cls._line(cls.member_a, 7, cls.rule_ref)
        cls.line_other = cls._line(cls.member_other, 9, cls.rule_ref)
        cls.line_b = cls._line(cls.member_b, 5, cls.rule_ref)

    @classmethod
    def _line(cls, member, points, rule_ref):
        return (
            cls.env["party.point"]
            .sudo()
            .create(
                {
                    "member_id": member.id,
                    "organization_id": member.organization_id.id,
                    "source": "correction",
                    "res_id": 1,
                    "date": "2025-03-01",
                    "year": 2025,
                    "points": points,
                    "rule_ref": rule_ref,
                }
            )
        )

    def _ids(self, user, domain):
        return set(rpc(self.env, user, "party.point", "search", domain))

    def test_line_takes_the_company_of_its_organisation(self):
        self.assertEqual(self.line_other.company_id, self.company_b)
        self.assertEqual(self.line_a.company_id, self.branch_a.company_id)

    def test_officer_of_a_sibling_branch_finds_no_line_by_rule_ref(self):
        found = self._ids(self.officer_b, [("rule_ref", "=", self.rule_ref)])
        self.assertNotIn(self.line_a.id, found)

    def test_officer_of_a_sibling_branch_finds_no_line_by_rule_id(self):
        found = self._ids(self.officer_b, [("rule_id", "=", self.rule_ref)])
        found |= self._ids(self.officer_b, [("rule_id", "!=", False)])
        self.assertNotIn(self.line_a.id, found)

    def test_officer_of_a_sibling_branch_finds_no_line_by_rule_name(self):
        found = self._ids(self.officer_b, [("rule_id", "ilike", "")])
        self.assertNotIn(self.line_a.id, found)

    def test_officer_of_a_sibling_branch_counts_no_line_by_rule_ref_group(self):
        groups = rpc(self.env, self.officer_b, "party.point", "read_group",
                     [("id", "=", self.line_a.id)], ["points:sum"], ["rule_ref"])  # fmt: skip
        self.assertFalse(groups)

    def test_officer_of_a_sibling_branch_reads_no_line_rule_or_company(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.point", "read", ["rule_id", "company_id"],
                ids=self.line_a.ids)  # fmt: skip

    def test_officer_of_a_sibling_branch_exports_no_line(self):
        # an exporter (base.group_allow_export), so that the export reaches the records
        self.officer_b.groups_id = [(4, self.env.ref("base.group_allow_export").id)]
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.point", "export_data",
                ["rule_id", "company_id/name", "rule_ref", "points"], ids=self.line_a.ids)  # fmt: skip

    def test_party_administrator_finds_no_line_of_another_company_by_company(self):
        found = self._ids(self.admin, [("company_id", "=", self.company_b.id)])
        found |= self._ids(self.admin, [("company_id", "!=", self.branch_a.company_id.id)])
        found |= self._ids(self.admin, [("rule_ref", "=", self.rule_ref)])
        self.assertNotIn(self.line_other.id, found)

    def test_party_administrator_groups_no_line_of_another_company(self):
        groups = rpc(self.env, self.admin, "party.point", "read_group",
                     [], ["points:sum"], ["company_id"])  # fmt: skip
        self.assertNotIn(self.company_b.id, {g["company_id"][0] for g in groups if g["company_id"]})

    def test_party_administrator_reads_no_line_of_another_company(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin, "party.point", "read", ["points", "rule_id"],
                ids=self.line_other.ids)  # fmt: skip

    def test_member_finds_no_other_members_line_by_rule_ref(self):
        found = self._ids(self.portal, [("rule_ref", "=", self.rule_ref)])
        found |= self._ids(self.portal, [("rule_id", "!=", False)])
        self.assertEqual(found & {self.line_a.id, self.line_b.id, self.line_other.id},
                         {self.line_a.id})  # fmt: skip

    def test_nobody_writes_the_rule_ref_of_a_line(self):
        for user in (self.admin, self.officer_a, self.portal):
            with self.assertRaises(AccessError):
                rpc(self.env, user, "party.point", "write", {"rule_ref": 1}, ids=self.line_a.ids)
        self.assertEqual(self.line_a.rule_ref, self.rule_ref)

    def test_nobody_writes_the_reversal_fields_of_a_line(self):
        for user in (self.admin, self.officer_a, self.portal):
            with self.assertRaises(AccessError):
                rpc(self.env, user, "party.point", "write",
                    {"reversed": True, "reverses_line": self.line_other.id},
                    ids=self.line_a.ids)  # fmt: skip
        self.assertFalse(self.line_a.reversed)

    def test_nobody_writes_the_company_of_an_organisation_through_a_line(self):
        for user in (self.admin, self.officer_a):
            with self.assertRaises(AccessError):
                rpc(self.env, user, "party.point", "write", {"company_id": self.company_b.id},
                    ids=self.line_a.ids)  # fmt: skip
        self.assertNotEqual(self.branch_a.company_id, self.company_b)

    def test_party_administrator_deletes_no_rule_that_gave_points(self):
        if not self.rule:
            return  # party_branch alone ships no rule (the sources' addons test theirs)
        own = self.rule.copy({"company_id": self.env.company.id, "code": "rt11_own",
                              "active": False})  # fmt: skip
        self.line_a.sudo().write({"rule_ref": own.id})
        with self.assertRaisesRegex(UserError, "archive it instead"):
            rpc(self.env, self.admin, "party.point.rule", "unlink", ids=own.ids)
        self.assertTrue(own.exists())

    def test_superuser_unlink_of_a_used_rule_refused(self):
        if not self.rule:
            return  # party_branch alone ships no rule
        own = self.rule.copy({"company_id": self.env.company.id, "code": "rt11_su",
                              "active": False})  # fmt: skip
        self.line_a.sudo().write({"rule_ref": own.id})
        with self.assertRaisesRegex(UserError, "archive it instead"):
            own.sudo().unlink()
        self.assertTrue(own.exists())


@tagged("post_install", "-at_install")
class TestRedteamSession11DigestBodies(ReminderMixin, PartyBranchCase):
    """One body rendered per group of digests, the greeting filled per member: no member
    reads another's name, whatever the names hold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.party_tz = "Asia/Shanghai"
        cls.Reminder = cls.env["party.reminder"]
        cls.marked = cls._member(cls.branch_a, "party-greeting-0123456789abcdef %(name)s",
                                 email="marked@example.com")  # fmt: skip
        cls.markup = cls._member(cls.branch_a, '<img src=x onerror="alert(1)">Eve',
                                 email="eve@example.com")  # fmt: skip
        cls.plain = cls._member(cls.branch_a, "Plain Member", email="plain@example.com")
        notice = cls.env["party.notice"].create(
            {"title": "Study session", "organization_ids": [(6, 0, cls.branch_a.ids)]}
        )
        notice.action_publish()
        notice.publish_date = datetime.combine(
            cls.reminder_day - timedelta(days=3), datetime.min.time()
        ).replace(hour=2)
        (cls.marked | cls.markup | cls.plain).partner_id.lang = "en_US"

    def _body(self, member):
        mail = self._mails(self._digest(member))
        self.assertEqual(len(mail), 1)
        return mail.body_html

    def test_name_like_the_greeting_mark_greets_only_its_member(self):
        self.Reminder._run(self.reminder_day)
        marked, plain = self._body(self.marked), self._body(self.plain)
        self.assertIn("Dear party-greeting-0123456789abcdef %(name)s,", marked)
        self.assertNotIn("Plain Member", marked)
        self.assertNotIn("party-greeting", plain)
        self.assertIn("Dear Plain Member,", plain)

    def test_name_with_markup_is_escaped_in_the_shared_body(self):
        self.Reminder._run(self.reminder_day)
        body = self._body(self.markup)
        self.assertNotIn("<img", body)
        self.assertIn("&lt;img src=x onerror=&#34;alert(1)&#34;&gt;Eve", body)
        self.assertNotIn("Eve", self._body(self.plain))

    def test_view_reading_the_digests_greeting_shows_each_member_their_own(self):
        # an administrator's extension of the body that reads the digest's greeting (a
        # field the shared body allows): each member still reads their own name only
        self.env["ir.ui.view"].create(
            {
                "name": "Digest body: the greeting again",
                "type": "qweb",
                "inherit_id": self.env.ref("party_branch.reminder_digest_body").id,
                "arch": '<xpath expr="//div" position="inside">'
                '<p class="o_test_again" t-out="object.mail_greeting"/></xpath>',
            }
        )
        self.Reminder._run(self.reminder_day)
        greetings = {
            self.plain: "Dear Plain Member,",
            self.markup: "Dear &lt;img src=x onerror=&#34;alert(1)&#34;&gt;Eve,",
            self.marked: "Dear party-greeting-0123456789abcdef %(name)s,",
        }
        for member, greeting in greetings.items():
            self.assertIn(f'<p class="o_test_again">{greeting}</p>', self._body(member))
