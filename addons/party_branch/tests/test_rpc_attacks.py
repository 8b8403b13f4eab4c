"""The attacks of the security issue, replayed through the RPC dispatch.

Each test is what a logged-in user with the browser's developer tools tried on
party_branch; each one succeeded before party.access.mixin (docs/security.md).
"""

from datetime import date, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PartyBranchCase, make_id, member_user
from .rpc import rpc


@tagged("post_install", "-at_install")
class TestBranchAttacks(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.general = cls._org("General Branch G", "general_branch", cls.committee)

    # ------------------------------------------------------------ escalation

    def test_position_moved_to_root_committee_refused(self):
        """An officer's own position written to the root: they would manage the whole tree."""
        position = rpc(
            self.env,
            self.officer_a,
            "party.position",
            "create",
            {
                "organization_id": self.branch_a.id,
                "member_id": self.member_a.id,
                "position_type_id": self.ptype["propaganda"].id,
                "date_start": str(self.term_start),
            },
        )
        with self.assertRaises(AccessError):
            rpc(
                self.env,
                self.officer_a,
                "party.position",
                "write",
                {"organization_id": self.committee.id},
                ids=[position],
            )
        self.assertEqual(self.Position.browse(position).organization_id, self.branch_a)
        self.env.invalidate_all()
        self.assertEqual(
            self.officer_a.party_managed_organization_ids, self.branch_a | self.group_a
        )

    def test_position_created_in_superior_refused(self):
        with self.assertRaises(AccessError):
            rpc(
                self.env,
                self.officer_a,
                "party.position",
                "create",
                {
                    "organization_id": self.committee.id,
                    "member_id": self.secretary_a.id,
                    "position_type_id": self.ptype["committee_member"].id,
                    "date_start": str(self.term_start),
                },
            )
        self.assertFalse(self.Position.search([("organization_id", "=", self.committee.id),
                                               ("member_id", "=", self.secretary_a.id)]))  # fmt: skip

    def test_position_holder_fixed(self):
        with self.assertRaisesRegex(AccessError, "set when the record is created"):
            rpc(self.env, self.officer_a, "party.position", "write",
                {"member_id": self.member_a.id}, ids=self.pos_secretary_a.ids)  # fmt: skip
        self.assertEqual(self.pos_secretary_a.member_id, self.secretary_a)

    def test_organisation_moved_under_unmanaged_superior_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.organization", "write",
                {"parent_id": self.general.id}, ids=self.branch_a.ids)  # fmt: skip
        self.assertEqual(self.branch_a.parent_id, self.committee)

    def test_sub_organisation_created_under_foreign_branch_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.organization", "create",
                {"name": "Rogue", "code": "ROGUE-1", "org_type": "group",
                 "parent_id": self.branch_b.id})  # fmt: skip

    # ------------------------------------------------------------ members

    def test_member_moved_with_transfer_context_key_refused(self):
        """The context key that used to mark a transfer's completion moves nobody."""
        mover = self._member(self.branch_a, "Mover Without Group")
        # the guard answers first: officer A does not manage Branch B
        with self.assertRaisesRegex(AccessError, "You do not manage Branch B"):
            rpc(self.env, self.officer_a, "party.member", "write",
                {"organization_id": self.branch_b.id}, ids=mover.ids,
                context={"party_transfer_completion": True})  # fmt: skip
        self.assertEqual(mover.organization_id, self.branch_a)

    def test_officer_links_member_to_internal_login_refused(self):
        """Linking a login renames its contact as the member: not the administrator's."""
        admin = self.env.ref("base.user_admin")
        name = admin.partner_id.name
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.member", "write",
                {"user_id": admin.id}, ids=self.member_a.ids)  # fmt: skip
        self.assertEqual(admin.partner_id.name, name)

    def test_officer_links_member_to_party_member_portal_login(self):
        login = member_user(self.env, "pbt_new_portal")
        newcomer = self._member(self.branch_a, "Newcomer")
        rpc(self.env, self.officer_a, "party.member", "write", {"user_id": login.id},
            ids=newcomer.ids)  # fmt: skip
        self.assertEqual(newcomer.user_id, login)
        self.assertEqual(login.partner_id.name, "Newcomer")

    def test_record_contact_of_foreign_member_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.member", "action_record_contact",
                ids=self.member_b.ids)  # fmt: skip

    # ------------------------------------------------------------ transfers

    def _transfer(self, member, to_org, **vals):
        return self.Transfer.create(
            {"member_id": member.id, "to_organization_id": to_org.id, **vals}
        )

    def test_transfer_state_written_directly_refused(self):
        transfer = self._transfer(self.member_a, self.branch_b, letter_number="L-ATT-1")
        for vals in ({"state": "completed"}, {"date_valid_until": str(self.today)},
                     {"from_organization_id": self.branch_b.id}):  # fmt: skip
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.member.transfer", "write", vals,
                    ids=transfer.ids)  # fmt: skip
        self.assertEqual(transfer.state, "draft")

    def test_transfer_created_completed_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.member.transfer", "create",
                {"member_id": self.member_a.id, "to_organization_id": self.branch_b.id,
                 "state": "completed"})  # fmt: skip

    def test_workflow_fields_through_context_defaults_refused(self):
        """default_<field> context keys are values the client chose: a transfer made
        completed, or a position put into a superior organisation, through them."""
        attacks = [
            ("party.member.transfer",
             {"member_id": self.member_a.id, "to_organization_id": self.branch_b.id},
             {"default_state": "completed"}),
            ("party.position",
             {"member_id": self.secretary_a.id,
              "position_type_id": self.ptype["committee_member"].id,
              "date_start": str(self.term_start)},
             {"default_organization_id": self.committee.id}),
        ]  # fmt: skip
        for model, vals, context in attacks:
            with self.subTest(model=model), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, model, "create", vals, context=context)
        self.assertFalse(self.Transfer.search([("member_id", "=", self.member_a.id)]))
        self.assertFalse(self.Position.search([("organization_id", "=", self.committee.id),
                                               ("member_id", "=", self.secretary_a.id)]))  # fmt: skip

    def test_context_defaults_of_the_screens_still_work(self):
        """The organisation form's positions list passes its organisation as a default."""
        position = rpc(
            self.env, self.officer_a, "party.position", "create",
            {"member_id": self.member_a.id, "position_type_id": self.ptype["propaganda"].id,
             "date_start": str(self.today)},
            context={"default_organization_id": self.branch_a.id},
        )  # fmt: skip
        self.assertEqual(self.Position.browse(position).organization_id, self.branch_a)

    def test_computed_fields_written_refused(self):
        """Stored fields the record computes (term end, next election) are no input."""
        before = (self.branch_a.term_end, self.branch_a.next_election_date)
        for vals in ({"term_end": "2099-12-31"}, {"next_election_date": "2099-12-31"}):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, "computed"):
                rpc(self.env, self.officer_a, "party.organization", "write", vals,
                    ids=self.branch_a.ids)  # fmt: skip
        with self.assertRaisesRegex(AccessError, "computed"):
            rpc(self.env, self.officer_a, "party.organization", "create",
                {"name": "Sub", "org_type": "group", "parent_id": self.branch_a.id,
                 "term_end": "2099-12-31"})  # fmt: skip
        self.branch_a.invalidate_recordset()
        self.assertEqual((self.branch_a.term_end, self.branch_a.next_election_date), before)

    def test_transfer_of_foreign_member_refused(self):
        """Officer A cannot pull Member B into Branch A by opening the transfer itself."""
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.member.transfer", "create",
                {"member_id": self.member_b.id, "to_organization_id": self.branch_a.id})  # fmt: skip

    def test_transfer_sent_by_receiving_officer_refused(self):
        transfer = self._transfer(self.member_b, self.branch_a, letter_number="L-ATT-2")
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.member.transfer", "action_send",
                ids=transfer.ids)  # fmt: skip
        self.assertEqual(transfer.state, "draft")

    # ------------------------------------------------------------ compliance

    def test_compliance_check_of_unmanaged_organisation_refused(self):
        for user in (self.officer_a, self.portal, self.auditor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(self.env, user, "party.organization", "action_check_compliance",
                    ids=self.branch_b.ids)  # fmt: skip

    def test_compliance_date_and_codes_ignored_over_rpc(self):
        """A client cannot date findings in the past or limit the rules it checks."""
        past = self.today - timedelta(days=400)
        rpc(self.env, self.officer_a, "party.organization", "action_check_compliance", str(past),
            ids=self.branch_a.ids, context={"party_compliance_codes": ["no_file"]})  # fmt: skip
        findings = self.Finding.search([("organization_id", "=", self.branch_a.id)])
        self.assertTrue(findings)
        self.assertEqual(set(findings.mapped("date_found")), {self.today})

    def test_finding_closed_by_write_refused(self):
        self._check(self.branch_a)
        finding = self._findings(self.branch_a)[:1]
        self.assertTrue(finding)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.finding", "write", {"state": "closed"},
                ids=finding.ids)  # fmt: skip
        self.assertEqual(finding.state, "open")

    # ------------------------------------------------------------ contacts

    def test_officer_is_no_contact_manager(self):
        self.assertFalse(self.officer_a.has_group("base.group_partner_manager"))
        admin_partner = self.env.ref("base.partner_admin")
        email = admin_partner.email
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "res.partner", "write", {"email": "evil@example.com"},
                ids=admin_partner.ids)  # fmt: skip
        self.assertEqual(admin_partner.email, email)

    def test_officer_edits_the_contacts_of_own_members_only(self):
        rpc(self.env, self.officer_a, "party.member", "write", {"phone": "+86 100"},
            ids=self.member_a.ids)  # fmt: skip
        self.assertEqual(self.member_a.phone, "+86 100")
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "res.partner", "write", {"phone": "+86 200"},
                ids=self.member_b.partner_id.ids)  # fmt: skip
        member_id = rpc(self.env, self.officer_a, "party.member", "create",
                        {"name": "New Member A", "organization_id": self.branch_a.id})  # fmt: skip
        self.assertEqual(self.Member.browse(member_id).partner_id.name, "New Member A")

    # ------------------------------------------------------------ personal data

    def test_auditor_who_is_member_reads_no_one_elses_id_number(self):
        """Field groups are per group: the records decide whose ID number shows."""
        self.auditor.groups_id += self.env.ref("party_branch.group_party_member") | self.env.ref(
            "base.group_allow_export"
        )
        self._member(self.branch_b, "Auditor Himself", user_id=self.auditor.id,
                     id_number=make_id(date(1970, 2, 2)))  # fmt: skip
        rows = rpc(self.env, self.auditor, "party.member", "read", ["name", "id_number",
                   "dues_base"], ids=(self.member_a | self.member_b).ids)  # fmt: skip
        self.assertEqual({r["id_number"] for r in rows}, {False})
        self.assertEqual({r["dues_base"] for r in rows}, {False})
        own = self.Member.search([("user_id", "=", self.auditor.id)])
        [mine] = rpc(self.env, self.auditor, "party.member", "read", ["id_number"], ids=own.ids)
        self.assertTrue(mine["id_number"])
        # neither a search nor an export tells someone else's number
        number = self.member_b.sudo().id_number
        found = rpc(self.env, self.auditor, "party.member", "search", [("id_number", "=", number)])
        self.assertEqual(found, [])
        export = rpc(self.env, self.auditor, "party.member", "export_data", ["name", "id_number"],
                     ids=self.member_b.ids)  # fmt: skip
        self.assertEqual(export["datas"][0][1], False)

    def test_officer_reads_id_numbers_of_managed_members_only(self):
        self.officer_a.groups_id += self.env.ref("party_branch.group_party_auditor")
        rows = rpc(self.env, self.officer_a, "party.member", "read", ["id_number"],
                   ids=(self.member_a | self.member_b).ids)  # fmt: skip
        numbers = {r["id"]: r["id_number"] for r in rows}
        self.assertEqual(numbers[self.member_a.id], self.member_a.sudo().id_number)
        self.assertFalse(numbers[self.member_b.id])
