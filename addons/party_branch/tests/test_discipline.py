"""Party discipline (党纪处分, 《中国共产党章程》第四十一条): who reads a
discipline record, on every path, who records one, and what it does to a vote.

    Committee ── Branch A (Secretary A, Member A: the member concerned), Branch B
    discipline officer: the Committee's discipline member (纪检委员), group Party
    Discipline Officer
"""

import base64
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..tools import voting
from .common import PartyBranchCase, member_user
from .rpc import rpc


class DisciplineCase(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Discipline = cls.env["party.discipline"]
        cls.discipline_officer = new_test_user(
            cls.env,
            login="pbt_discipline",
            groups="party_branch.group_party_officer,party_branch.group_party_discipline",
        )
        inspector = cls._member(cls.committee, "Inspector D", user_id=cls.discipline_officer.id)
        cls._position(cls.committee, inspector, "discipline")
        cls.warning = cls.Discipline.create(
            {
                "member_id": cls.member_a.id,
                "organization_id": cls.branch_a.id,
                "kind": "warning",
                "date": date(2025, 3, 1),
                "reference": "DISC-SECRET-1",
                "reason": "Late dues, repeatedly",
                "document": base64.b64encode(b"decision text"),
                "document_name": "decision.txt",
            }
        )
        cls.env.invalidate_all()

    def _probation(self, member, start, years="1"):
        return self.Discipline.create(
            {
                "member_id": member.id,
                "organization_id": member.organization_id.id,
                "kind": "probation",
                "probation_years": years,
                "date": start,
            }
        )


@tagged("post_install", "-at_install")
class TestDisciplineReaders(DisciplineCase):
    """Readers: the member concerned, discipline officers, auditors, Party administrators."""

    def _ids_read_by(self, user):
        return rpc(self.env, user, "party.discipline", "search", [])

    def test_member_reads_own_discipline(self):
        self.assertEqual(self._ids_read_by(self.portal), self.warning.ids)

    def test_discipline_officer_auditor_and_admin_read_it(self):
        for user in (self.discipline_officer, self.auditor, self.admin):
            with self.subTest(user=user.login):
                self.assertIn(self.warning.id, self._ids_read_by(user))

    def test_officer_of_the_members_branch_reads_nothing(self):
        self.assertEqual(self._ids_read_by(self.officer_a), [])
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.discipline", "read", ["reason"],
                ids=self.warning.ids)  # fmt: skip

    def test_sibling_officer_read_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.discipline", "read", ["reason", "kind"],
                ids=self.warning.ids)  # fmt: skip

    def test_sibling_officer_read_group_counts_nothing(self):
        groups = rpc(self.env, self.officer_b, "party.discipline", "read_group", [],
                     ["kind"], ["kind"])  # fmt: skip
        self.assertEqual(groups, [])

    def test_sibling_officer_export_refused(self):
        self.officer_b.groups_id |= self.env.ref("base.group_allow_export")
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.discipline", "export_data", ["reason"],
                ids=self.warning.ids)  # fmt: skip

    def test_other_member_reads_nothing(self):
        other = member_user(self.env, "pbt_other_member")  # fmt: skip
        self._member(self.branch_a, "Other Member A", user_id=other.id)
        self.assertEqual(self._ids_read_by(other), [])

    def test_officer_reads_no_discipline_through_the_member(self):
        """The member form's related fields: the count and the records are hidden."""
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.member", "read", ["discipline_ids"],
                ids=self.member_a.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.member", "read", ["discipline_count"],
                ids=self.member_a.ids)  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.member", "action_view_disciplines",
                ids=self.member_a.ids)  # fmt: skip

    def test_officer_finds_no_member_by_discipline(self):
        found = rpc(self.env, self.officer_a, "party.member", "search",
                    [("discipline_ids.kind", "=", "warning")])  # fmt: skip
        self.assertEqual(found, [])

    def test_discipline_officer_counts_it_on_the_member(self):
        count = rpc(self.env, self.discipline_officer, "party.member", "read",
                    ["discipline_count"], ids=self.member_a.ids)  # fmt: skip
        self.assertEqual(count[0]["discipline_count"], 1)

    def test_officer_reads_no_attachment_of_it(self):
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "party.discipline"),
                    ("res_id", "=", self.warning.id),
                    ("res_field", "=", "document"),
                ]
            )
        )
        self.assertTrue(attachment)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "ir.attachment", "read", ["datas"], ids=attachment.ids)
        found = rpc(self.env, self.officer_a, "ir.attachment", "search",
                    [("res_model", "=", "party.discipline"), ("res_field", "=", "document")])  # fmt: skip
        self.assertEqual(found, [])

    def test_officer_reads_no_message_of_it(self):
        message = self.warning.sudo().message_post(body="Appeal received", message_type="comment")
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "mail.message", "read", ["body"], ids=message.ids)


@tagged("post_install", "-at_install")
class TestDisciplineWriters(DisciplineCase):
    def test_officer_without_the_group_create_refused(self):
        before = self.Discipline.search_count([])
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.discipline", "create",
                {"member_id": self.member_a.id, "organization_id": self.branch_a.id,
                 "kind": "warning"})  # fmt: skip
        self.assertEqual(self.Discipline.search_count([]), before)

    def test_officer_without_the_group_write_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.discipline", "write", {"reason": "erased"},
                ids=self.warning.ids)  # fmt: skip
        self.assertEqual(self.warning.reason, "Late dues, repeatedly")

    def test_discipline_officer_records_a_warning(self):
        new = rpc(self.env, self.discipline_officer, "party.discipline", "create",
                  {"member_id": self.secretary_a.id, "organization_id": self.committee.id,
                   "kind": "serious_warning"})  # fmt: skip
        self.assertEqual(self.Discipline.browse(new).kind, "serious_warning")

    def test_discipline_officer_of_another_tree_refused(self):
        other = new_test_user(
            self.env, login="pbt_discipline_b",
            groups="party_branch.group_party_officer,party_branch.group_party_discipline",
        )  # fmt: skip
        self._position(self.branch_b, self._member(self.branch_b, "Inspector B",
                       user_id=other.id), "discipline")  # fmt: skip
        before = self.Discipline.search_count([])
        with self.assertRaises(AccessError):
            rpc(self.env, other, "party.discipline", "create",
                {"member_id": self.member_a.id, "organization_id": self.branch_a.id,
                 "kind": "warning"})  # fmt: skip
        self.assertEqual(self.Discipline.search_count([]), before)

    def test_discipline_is_never_deleted(self):
        with self.assertRaises(UserError):
            rpc(self.env, self.admin, "party.discipline", "unlink", ids=self.warning.ids)
        self.assertTrue(self.warning.exists())

    def test_kind_of_a_decision_is_not_rewritten(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin, "party.discipline", "write", {"kind": "expulsion"},
                ids=self.warning.ids)  # fmt: skip
        self.assertEqual(self.warning.kind, "warning")

    def test_probation_without_a_period_refused(self):
        with self.assertRaisesRegex(Exception, "one or two years"):
            rpc(self.env, self.discipline_officer, "party.discipline", "create",
                {"member_id": self.member_a.id, "organization_id": self.branch_a.id,
                 "kind": "probation"})  # fmt: skip

    def test_expulsion_ends_the_membership(self):
        rpc(self.env, self.discipline_officer, "party.discipline", "create",
            {"member_id": self.member_a.id, "organization_id": self.branch_a.id,
             "kind": "expulsion"})  # fmt: skip
        self.assertEqual(self.member_a.status, "expelled")
        self.assertFalse(self.portal.has_group("party_branch.group_party_member"))

    def test_expulsion_ends_the_positions(self):
        rpc(self.env, self.discipline_officer, "party.discipline", "create",
            {"member_id": self.secretary_a.id, "organization_id": self.committee.id,
             "kind": "expulsion"})  # fmt: skip
        self.env.invalidate_all()
        self.assertEqual(self.secretary_a.status, "expelled")
        self.assertFalse(self.secretary_a.current_position_ids)

    def test_removal_ends_the_positions_only(self):
        rpc(self.env, self.discipline_officer, "party.discipline", "create",
            {"member_id": self.secretary_a.id, "organization_id": self.committee.id,
             "kind": "removal"})  # fmt: skip
        self.env.invalidate_all()
        self.assertFalse(self.secretary_a.current_position_ids)
        self.assertEqual(self.secretary_a.status, "active")


@tagged("post_install", "-at_install")
class TestDisciplineVote(DisciplineCase):
    """留党察看: no vote while it lasts (党章第四十一条), a vote again after."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch_v, cls.voters = cls._voting_branch("V")

    def test_member_on_probation_is_not_due(self):
        self._probation(self.voters[0], self.today - timedelta(days=30))
        due = voting.voters_due(self.branch_v)
        self.assertEqual(due, self.voters[1:])

    def test_member_on_probation_vote_refused(self):
        self._probation(self.voters[0], self.today - timedelta(days=30))
        with self.assertRaisesRegex(UserError, "留党察看"):
            voting.check_may_vote(self.voters[0], self.branch_v)

    def test_member_on_probation_not_due_at_a_committee_meeting(self):
        self._position(self.branch_v, self.voters[0], "secretary")
        self._probation(self.voters[0], self.today - timedelta(days=30))
        self.assertNotIn(self.voters[0], voting.voters_due(self.branch_v, kind="committee"))

    def test_member_votes_again_after_the_period(self):
        start = self.today - relativedelta(years=1)
        record = self._probation(self.voters[0], start)
        self.assertEqual(record.date_end, self.today - timedelta(days=1))
        self.assertIn(self.voters[0], voting.voters_due(self.branch_v))
        self.assertIsNone(voting.vote_refusal(self.voters[0], self.branch_v))

    def test_two_year_probation_on_its_last_day(self):
        start = self.today - relativedelta(years=2) + timedelta(days=1)
        self._probation(self.voters[0], start, years="2")
        self.assertNotIn(self.voters[0], voting.voters_due(self.branch_v))

    def test_a_warning_leaves_the_vote(self):
        self.Discipline.create(
            {"member_id": self.voters[0].id, "organization_id": self.branch_v.id,
             "kind": "serious_warning"}
        )  # fmt: skip
        self.assertIn(self.voters[0], voting.voters_due(self.branch_v))


@tagged("post_install", "-at_install")
class TestDisciplinePortal(DisciplineCase, HttpCase):
    def test_member_sees_own_discipline_on_the_portal(self):
        self.authenticate("pbt_portal", "pbt_portal")
        page = self.url_open("/my/party/membership").text
        self.assertIn("o_party_disciplines", page)
        self.assertIn("Warning", page)

    def test_other_member_sees_no_discipline_on_the_portal(self):
        other = member_user(self.env, "pbt_other_portal")  # fmt: skip
        self._member(self.branch_a, "Other Portal A", user_id=other.id)
        self.authenticate("pbt_other_portal", "pbt_other_portal")
        response = self.url_open("/my/party/membership")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("o_party_disciplines", response.text)
        self.assertNotIn("DISC-SECRET-1", response.text)
