from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PartyBranchCase

SENSITIVE_FIELDS = ("id_number", "monthly_income", "dues_base", "income_category")


@tagged("post_install", "-at_install")
class TestSecurity(PartyBranchCase):
    """Access per group: officers follow the organisation tree."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.all_members = (
            cls.secretary_c | cls.secretary_a | cls.member_a | cls.secretary_b | cls.member_b
        )
        cls.members_a = cls.secretary_a | cls.member_a
        cls.members_b = cls.secretary_b | cls.member_b
        cls._group_leader("pbt_group_leader")
        cls.all_members |= cls.group_member
        cls.members_a |= cls.group_member

    def _search(self, user, model="party.member", records=None):
        records = records if records is not None else self.all_members
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    # ------------------------------------------------------------ branch officer

    def test_officer_does_not_find_other_branch_members(self):
        self.assertFalse(self._search(self.officer_a, records=self.members_b))

    def test_officer_cannot_read_other_branch_member(self):
        with self.assertRaises(AccessError):
            self.member_b.with_user(self.officer_a).read(["name"])

    def test_officer_cannot_write_other_branch_member(self):
        with self.assertRaises(AccessError):
            self.member_b.with_user(self.officer_a).write({"phone": "123"})
        self.assertFalse(self.member_b.phone)

    def test_officer_finds_own_branch_members(self):
        self.assertEqual(self._search(self.officer_a), self.members_a)

    def test_officer_reads_member_of_group_under_branch(self):
        values = self.member_a.with_user(self.officer_a).read(["name", "group_id", "id_number"])[0]
        self.assertEqual(values["name"], "Member A")
        self.assertEqual(values["group_id"][0], self.group_a.id)
        self.assertEqual(values["id_number"], self.member_a.id_number)

    def test_officer_writes_own_branch_member(self):
        self.member_a.with_user(self.officer_a).write({"education": "master", "dues_base": 6200})
        self.assertEqual(self.member_a.education, "master")
        self.assertEqual(self.member_a.dues_base, 6200)

    def test_officer_edits_own_branch_member_contact(self):
        self.member_a.with_user(self.officer_a).write(
            {"name": "Member A Renamed", "phone": "+86 10 5555"}
        )
        self.assertEqual(self.member_a.name, "Member A Renamed")
        self.assertEqual(self.member_a.phone, "+86 10 5555")

    def test_officer_creates_member_in_own_branch(self):
        member = self.Member.with_user(self.officer_a).create(
            self._member_vals(self.branch_a, "New In A")
        )
        self.assertEqual(member.organization_id, self.branch_a)

    def test_officer_cannot_create_member_in_other_branch(self):
        with self.assertRaises(AccessError):
            self.Member.with_user(self.officer_a).create(
                self._member_vals(self.branch_b, "New In B")
            )
        self.assertFalse(self.Member.search([("name", "=", "New In B")]))

    def test_group_leader_sees_group_members_only(self):
        self.assertEqual(self._search(self.leader_user), self.member_a | self.group_member)

    def test_committee_officer_sees_all_branches_below(self):
        self.assertEqual(self._search(self.officer_c), self.all_members)

    def test_officer_writes_managed_organisation(self):
        self.branch_a.with_user(self.officer_a).write({"unit_name": "Workshop 1"})
        self.assertEqual(self.branch_a.unit_name, "Workshop 1")

    def test_officer_cannot_write_other_organisation(self):
        with self.assertRaises(AccessError):
            self.branch_b.with_user(self.officer_a).write({"unit_name": "Workshop 2"})
        self.assertFalse(self.branch_b.unit_name)

    def test_officer_cannot_write_superior_organisation(self):
        with self.assertRaises(AccessError):
            self.committee.with_user(self.officer_a).write({"unit_name": "Head Office"})
        self.assertFalse(self.committee.unit_name)

    def test_officer_reads_whole_tree(self):
        orgs = self.committee | self.branch_a | self.group_a | self.branch_b
        self.assertEqual(self._search(self.officer_a, "party.organization", orgs), orgs)

    def test_officer_manages_positions_of_own_branch_only(self):
        Position = self.Position.with_user(self.officer_a)
        pos = Position.create(
            {
                "organization_id": self.branch_a.id,
                "member_id": self.member_a.id,
                "position_type_id": self.ptype["deputy_secretary"].id,
            }
        )
        self.assertEqual(pos.organization_id, self.branch_a)
        with self.assertRaises(AccessError):
            Position.create(
                {
                    "organization_id": self.branch_b.id,
                    "member_id": self.member_b.id,
                    "position_type_id": self.ptype["deputy_secretary"].id,
                }
            )

    def test_officer_loses_access_when_term_ended(self):
        self.assertIn(self.member_a, self._search(self.officer_a))
        self.pos_secretary_a.date_end = self.today - timedelta(days=1)
        self.env.invalidate_all()  # the officer's next request
        self.assertEqual(self._search(self.officer_a), self.secretary_a)

    def test_officer_gains_access_with_new_position(self):
        self.assertFalse(self._search(self.officer_b, records=self.members_a))
        self._position(self.committee, self.secretary_b, "organization", start=self.today)
        self.env.invalidate_all()  # the officer's next request
        self.assertEqual(self._search(self.officer_b), self.all_members)

    # ------------------------------------------------------------------ findings

    def test_findings_visible_to_officer_of_the_organisation_only(self):
        (self.member_a | self.member_b).file_recorded = False
        (self.branch_a | self.branch_b).action_check_compliance()
        findings_a = self._findings(self.branch_a)
        findings_b = self._findings(self.branch_b)
        self.assertTrue(findings_a)
        self.assertTrue(findings_b)
        findings = findings_a | findings_b
        self.assertEqual(self._search(self.officer_a, "party.finding", findings), findings_a)
        self.assertEqual(self._search(self.officer_b, "party.finding", findings), findings_b)
        self.assertEqual(self._search(self.officer_c, "party.finding", findings), findings)
        with self.assertRaises(AccessError):
            findings_b.with_user(self.officer_a).read(["message"])

    def test_member_sees_no_findings(self):
        self.member_a.file_recorded = False
        self.branch_a.action_check_compliance()
        findings = self._findings(self.branch_a)
        with self.assertRaises(AccessError):
            self.Finding.with_user(self.portal).search([("id", "in", findings.ids)])

    # ------------------------------------------------------------------- auditor

    def test_auditor_reads_all_members(self):
        members = self._search(self.auditor)
        self.assertEqual(members, self.all_members)
        self.assertEqual(
            sorted(v["name"] for v in members.read(["name", "organization_id", "gender"])),
            sorted(self.all_members.mapped("name")),
        )

    def test_auditor_cannot_read_sensitive_fields(self):
        member = self.member_b.with_user(self.auditor)
        for field in SENSITIVE_FIELDS:
            with self.subTest(field=field), self.assertRaises(AccessError):
                member.read([field])

    def test_auditor_does_not_get_sensitive_fields_by_default(self):
        member = self.member_b.with_user(self.auditor)
        # the fields the auditor's client is offered and can read
        offered = member.fields_get(attributes=["type"])
        self.assertFalse(set(SENSITIVE_FIELDS) & set(offered))
        own = [
            name
            for name, field in member._fields.items()
            if name in offered and not field.inherited
        ]
        values = member.read(own)[0]
        self.assertFalse(set(SENSITIVE_FIELDS) & set(values))
        self.assertEqual(values["organization_id"][0], self.member_b.organization_id.id)

    def test_auditor_cannot_write(self):
        with self.assertRaises(AccessError):
            self.member_b.with_user(self.auditor).write({"education": "bachelor"})
        self.assertFalse(self.member_b.education)

    def test_auditor_cannot_write_organisation(self):
        with self.assertRaises(AccessError):
            self.branch_b.with_user(self.auditor).write({"unit_name": "Audited"})

    def test_auditor_reads_findings(self):
        (self.member_a | self.member_b).file_recorded = False
        (self.branch_a | self.branch_b).action_check_compliance()
        findings = self._findings(self.branch_a | self.branch_b)
        self.assertEqual(self._search(self.auditor, "party.finding", findings), findings)

    # -------------------------------------------------------------- party member

    def test_member_reads_only_own_record(self):
        self.assertEqual(self._search(self.portal), self.member_a)

    def test_member_reads_own_id_number(self):
        values = self.member_a.with_user(self.portal).read(["name", "id_number", "dues_base"])[0]
        self.assertEqual(values["id_number"], self.member_a.id_number)
        self.assertEqual(values["dues_base"], 6000)

    def test_member_cannot_read_other_member(self):
        with self.assertRaises(AccessError):
            self.member_b.with_user(self.portal).read(["name"])

    def test_member_cannot_write_own_record(self):
        with self.assertRaises(AccessError):
            self.member_a.with_user(self.portal).write({"education": "doctorate"})
        self.assertFalse(self.member_a.education)

    def test_member_reads_own_organisations(self):
        orgs = self.committee | self.branch_a | self.group_a | self.branch_b
        self.assertEqual(
            self._search(self.portal, "party.organization", orgs),
            self.committee | self.branch_a | self.group_a,
        )

    def test_member_sees_own_record_once_user_linked(self):
        user = new_test_user(
            self.env,
            login="pbt_linked_member",
            groups="base.group_user,party_branch.group_party_member",
        )
        member = self._member(self.branch_b, "Linked Later")
        self.assertFalse(self.Member.with_user(user).search([("id", "=", member.id)]))
        member.user_id = user
        self.assertEqual(self.Member.with_user(user).search([]), member)

    # ------------------------------------------------------- committee administrator

    def test_admin_reads_everything(self):
        members = self._search(self.admin)
        self.assertEqual(members, self.all_members)
        values = members.read(list(SENSITIVE_FIELDS))
        self.assertEqual(len(values), len(self.all_members))

    def test_admin_writes_everything(self):
        self.member_b.with_user(self.admin).write({"education": "bachelor", "dues_base": 4600})
        self.branch_b.with_user(self.admin).write({"unit_name": "Plant B"})
        self.assertEqual(self.member_b.education, "bachelor")
        self.assertEqual(self.member_b.dues_base, 4600)
        self.assertEqual(self.branch_b.unit_name, "Plant B")

    # ------------------------------------------------------ one statement of the rule

    def test_python_rule_is_the_record_rule(self):
        """party.access.mixin._party_managed, the one Python statement of the officer
        rule, manages exactly the organisations the record rules let each role write."""
        orgs = self.committee | self.branch_a | self.group_a | self.branch_b
        for user in (self.officer_c, self.officer_a, self.officer_b, self.leader_user, self.admin):
            with self.subTest(user=user.login):
                managed = self.Org.with_user(user)._party_managed(orgs)
                writable = orgs.with_user(user)._filtered_access("write")
                self.assertEqual(managed.ids, writable.ids)
        for user in (self.auditor, self.portal):
            with self.subTest(user=user.login):
                self.assertFalse(self.Org.with_user(user)._party_managed(orgs))
