"""The audit trail (party.audit.entry): who changed a member's organisation, category,
status, ID number, income or dues base, or a position, when, from which value to which;
readable by who may read the record, personal values masked for the others; never
changed or deleted, by anyone."""

from datetime import date

import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PartyBranchCase, make_id
from .rpc import rpc


@tagged("post_install", "-at_install")
class TestAuditTrail(PartyBranchCase):
    def _entries(self, record, fname=None):
        domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        if fname:
            domain.append(("field_name", "=", fname))
        return self.env["party.audit.entry"].sudo().search(domain)

    def test_transfer_records_who_when_and_both_organisations(self):
        transfer = (
            self.env["party.member.transfer"]
            .with_user(self.officer_b)
            .create(
                {
                    "member_id": self.member_b.id,
                    "to_organization_id": self.branch_a.id,
                    "letter_number": "AUDIT-001",
                    "reason": "New job",
                }
            )
        )
        transfer.with_user(self.officer_b).action_send()
        transfer.with_user(self.officer_a).action_complete()
        entry = self._entries(self.member_b, "organization_id")
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.create_uid, self.officer_a)
        self.assertEqual(
            (entry.old_value, entry.new_value), ("Committee / Branch B", "Committee / Branch A")
        )
        self.assertEqual(entry.member_id, self.member_b)
        self.assertTrue(entry.date)
        # the receiving secretary reads the member's history, moves included
        found = rpc(
            self.env, self.officer_a, "party.audit.entry", "search", [("id", "=", entry.id)]
        )
        self.assertEqual(found, entry.ids)

    def test_unchanged_value_and_unaudited_field_leave_no_entry(self):
        self.member_b.with_user(self.officer_b).write(
            {"organization_id": self.branch_b.id, "phone": "13800000000"}
        )
        self.assertFalse(self._entries(self.member_b))

    def test_selection_is_kept_as_its_label(self):
        self.member_b.with_user(self.officer_b).write({"income_category": "salaried"})
        entry = self._entries(self.member_b, "income_category")
        labels = dict(self.Member._fields["income_category"]._description_selection(self.env))
        self.assertEqual(entry.old_value_full, labels["retired"])
        self.assertEqual(entry.new_value_full, labels["salaried"])

    def test_member_category_change_records_who_and_both_categories(self):
        # a correction: member B was recorded full by mistake (no full membership yet)
        before, after = self.member_b.member_category, "probationary"
        self.assertEqual(before, "full")
        self.member_b.with_user(self.officer_b).write(
            {"member_category": after, "full_date": False}
        )
        entry = self._entries(self.member_b, "member_category")
        labels = dict(self.Member._fields["member_category"]._description_selection(self.env))
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.create_uid, self.officer_b)
        self.assertEqual((entry.old_value, entry.new_value), (labels[before], labels[after]))

    def test_monthly_income_masked_for_the_auditor_full_for_the_secretary(self):
        self.member_b.with_user(self.officer_b).write({"monthly_income": 8765.0})
        entry_id = self._entries(self.member_b, "monthly_income").id
        as_auditor = rpc(
            self.env, self.auditor, "party.audit.entry", "read",
            ["new_value"], ids=[entry_id],
        )[0]  # fmt: skip
        self.assertNotIn("8765", as_auditor["new_value"])
        with self.assertRaises(AccessError):
            rpc(self.env, self.auditor, "party.audit.entry", "read", ["new_value_full"],
                ids=[entry_id])  # fmt: skip
        as_secretary = rpc(
            self.env, self.officer_b, "party.audit.entry", "read",
            ["new_value_full"], ids=[entry_id],
        )[0]  # fmt: skip
        self.assertIn("8765", as_secretary["new_value_full"].replace(",", ""))

    def test_id_number_masked_for_the_auditor_full_for_the_secretary(self):
        old = self.member_b.sudo().id_number
        new = make_id(date(1990, 1, 21))
        self.member_b.with_user(self.officer_b).write({"id_number": new})
        entry_id = self._entries(self.member_b, "id_number").id
        as_auditor = rpc(
            self.env, self.auditor, "party.audit.entry", "read",
            ["old_value", "new_value"], ids=[entry_id],
        )[0]  # fmt: skip
        self.assertNotIn(old, as_auditor["old_value"])
        self.assertTrue(as_auditor["old_value"].endswith(old[-2:]))
        with self.assertRaises(AccessError):
            rpc(
                self.env,
                self.auditor,
                "party.audit.entry",
                "read",
                ["old_value_full"],
                ids=[entry_id],
            )
        as_secretary = rpc(
            self.env, self.officer_b, "party.audit.entry", "read",
            ["old_value_full", "new_value_full"], ids=[entry_id],
        )[0]  # fmt: skip
        self.assertEqual(
            (as_secretary["old_value_full"], as_secretary["new_value_full"]), (old, new)
        )

    def test_personal_value_not_searchable_by_who_may_not_see_it(self):
        """The committee's secretary reads the branch's entries, but a member's ID
        number only where the personal-data rule lets them: a search by number is
        no oracle (party.personal.data.mixin)."""
        old = self.member_b.sudo().id_number
        self.member_b.with_user(self.officer_b).write({"id_number": make_id(date(1990, 1, 22))})
        for user, expected in ((self.officer_a, 0), (self.officer_b, 1)):
            found = rpc(
                self.env, user, "party.audit.entry", "search_count", [("old_value_full", "=", old)]
            )
            self.assertEqual(found, expected, user.name)
        with self.assertRaises(AccessError):
            rpc(
                self.env,
                self.auditor,
                "party.audit.entry",
                "search",
                [("old_value_full", "=", old)],
            )

    def test_sibling_officer_reads_no_entry(self):
        self.member_b.with_user(self.officer_b).write({"status": "lost_contact"})
        entry = self._entries(self.member_b, "status")
        self.assertTrue(entry)
        found = rpc(
            self.env, self.officer_a, "party.audit.entry", "search", [("id", "=", entry.id)]
        )
        self.assertFalse(found)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.audit.entry", "read", ["old_value"], ids=entry.ids)

    def test_member_reads_their_own_entries(self):
        self.member_a.with_user(self.officer_a).write({"dues_base": 6500})
        found = rpc(self.env, self.portal, "party.audit.entry", "search_read", [], ["field_name"])
        self.assertEqual({row["field_name"] for row in found}, {"dues_base"})

    def test_position_end_date_is_audited(self):
        self.pos_secretary_b.with_user(self.officer_c).write({"date_end": date(2030, 1, 1)})
        entry = self._entries(self.pos_secretary_b, "date_end")
        self.assertEqual((entry.old_value, entry.new_value), ("", "2030-01-01"))
        self.assertEqual(entry.organization_id, self.branch_b)

    def test_nobody_writes_an_entry(self):
        with self.assertRaisesRegex(UserError, "nobody writes them by hand"):
            rpc(
                self.env,
                self.admin,
                "party.audit.entry",
                "create",
                {"res_model": "party.member", "res_id": self.member_b.id, "field_name": "status"},
            )

    def test_nobody_changes_or_deletes_an_entry_not_even_the_administrator(self):
        self.member_b.with_user(self.officer_b).write({"status": "lost_contact"})
        entry = self._entries(self.member_b, "status")
        with self.assertRaisesRegex(UserError, "never changed"):
            rpc(
                self.env,
                self.admin,
                "party.audit.entry",
                "write",
                {"new_value": "Active"},
                ids=entry.ids,
            )
        with self.assertRaises(AccessError):  # no group may delete one
            rpc(self.env, self.admin, "party.audit.entry", "unlink", ids=entry.ids)
        with self.assertRaisesRegex(UserError, "never deleted"):
            entry.sudo().unlink()
        with self.assertRaisesRegex(UserError, "never changed"):
            entry.sudo().write({"new_value": "Active"})

    @mute_logger("odoo.sql_db")
    def test_the_table_refuses_update_and_delete(self):
        self.member_b.with_user(self.officer_b).write({"status": "lost_contact"})
        entry = self._entries(self.member_b, "status")
        for statement in (
            "UPDATE party_audit_entry SET field_name = 'x' WHERE id = %s",
            "DELETE FROM party_audit_entry WHERE id = %s",
        ):
            with self.assertRaises(psycopg2.errors.InsufficientPrivilege), self.env.cr.savepoint():
                self.env.cr.execute(statement, [entry.id])

    def test_bulk_write_same_queries_for_two_and_eight_members(self):
        """Set-based: the old values in one read, the entries in one INSERT."""

        def queries(members):
            members.flush_recordset()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            members.write({"status": "lost_contact"})
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        queries(self._members(self.branch_b, 1, category="probationary", prefix="Warm"))
        two = self._members(self.branch_b, 2, category="probationary", prefix="Two")
        eight = self._members(self.branch_b, 8, category="probationary", prefix="Eight")
        self.assertEqual(queries(two), queries(eight))
        entries = (
            self.env["party.audit.entry"]
            .sudo()
            .search([("res_model", "=", "party.member"), ("res_id", "in", (two | eight).ids)])
        )
        self.assertEqual(len(entries), 10)
