"""What a logged-in user with the browser's developer tools tries on party_systems,
through the RPC dispatch: every attempt is refused and writes nothing."""

from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartySystemsCase


@tagged("post_install", "-at_install")
class TestSystemsAttacks(PartySystemsCase):
    def test_decision_state_and_tally_are_not_written(self):
        decision = self._decision()
        for vals in ({"state": "passed"}, {"result_for": 6}, {"decided_on": "2026-01-01"},
                     {"execution_state": "done"}):  # fmt: skip
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.decision", "write", vals, ids=decision.ids)
        self.assertEqual(decision.state, "draft")

    def test_decision_is_not_created_passed(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.decision", "create",
                [{"name": "Fake", "organization_id": self.branch_a.id, "state": "passed"}])  # fmt: skip

    def test_decision_is_not_moved_to_another_branch(self):
        decision = self._decision(meeting=self.env["party.meeting"])
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.decision", "write",
                {"organization_id": self.branch_b.id}, ids=decision.ids)  # fmt: skip
        self.assertEqual(decision.organization_id, self.branch_a)

    def test_votes_are_not_stuffed(self):
        self._present(self.full)
        decision = self._voting()
        vals = [{"decision_id": decision.id, "member_id": self.voters[0].id, "choice": "for"}]
        for user in (self.officer_b, self.portal, self.auditor):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rpc(self.env, user, "party.decision.vote", "create", vals)
        with self.assertRaises(AccessError):  # a member votes for themself only
            rpc(
                self.env,
                self.portal,
                "party.decision",
                "action_vote_for",
                ids=[decision.id + 10**6],
            )
        self.assertFalse(decision.vote_ids)

    def test_hostile_vote_values(self):
        self._present(self.full)
        decision = self._voting()
        for vals in (
            {"decision_id": decision.id, "member_id": self.voters[0].id, "choice": "maybe"},
            {"decision_id": decision.id, "member_id": "1 OR 1=1", "choice": "for"},
            {"decision_id": decision.id, "member_id": self.voters[0].id, "choice": "for", "x": 1},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                rpc(self.env, self.officer_a, "party.decision.vote", "create", [vals])
        self.assertFalse(decision.vote_ids)

    def test_disclosure_is_not_approved_by_a_write(self):
        disclosure = self.env["party.disclosure"].create(
            {"name": "Notice", "organization_id": self.branch_a.id}
        )
        for vals in ({"state": "approved"}, {"approved_by_id": self.officer_c.id}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.disclosure", "write", vals,
                    ids=disclosure.ids)  # fmt: skip
        self.assertEqual(disclosure.state, "draft")

    def test_fund_report_figures_are_not_written(self):
        report = self.env["party.fund.report"].create(
            {"organization_id": self.branch_a.id, "date_from": "2040-01-01",
             "date_to": "2040-12-31"}
        )  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.fund.report", "write", {"state": "approved"},
                ids=report.ids)  # fmt: skip
        account = self.env["account.account"].search([], limit=1)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.fund.report.line", "create",
                [{"report_id": report.id, "category": "dues_income", "amount": 1e6,
                  "account_id": account.id}])  # fmt: skip
        self.assertFalse(report.line_ids)

    def test_acknowledgement_is_not_forged(self):
        regulation = self.env["party.regulation"].create(
            {"name": "Rules", "column": "funds", "organization_id": self.branch_a.id,
             "required_reading": True}
        )  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.regulation.ack", "create",
                [{"regulation_id": regulation.id, "member_id": self.member_b.id}])  # fmt: skip
        self.assertFalse(regulation.ack_ids)

    def test_secretary_report_not_filed_by_a_write(self):
        report = self.env["party.secretary.report"].create(
            {"organization_id": self.branch_a.id, "member_id": self.secretary_a.id,
             "year": 2040, "deadline": "2041-01-31"}
        )  # fmt: skip
        for vals in ({"state": "filed"}, {"filed_on": "2041-01-01"},
                     {"member_id": self.member_a.id}):  # fmt: skip
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.secretary.report", "write", vals,
                    ids=report.ids)  # fmt: skip
        self.assertEqual(report.state, "draft")

    # ------------------------------------------------ a member's own vote stays

    def test_officer_does_not_replace_a_members_own_vote(self):
        self._present(self.member_a | self.voters[0])
        decision = self._voting(voting_method="members")
        rpc(self.env, self.portal, "party.decision", "action_vote_against", ids=decision.ids)
        own = decision.vote_ids
        self.assertFalse(own.recorded_by_id)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.decision.vote", "unlink", ids=own.ids)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.decision.vote", "write", {"choice": "for"},
                ids=own.ids)  # fmt: skip
        with self.assertRaisesRegex(UserError, "votes once"):
            rpc(self.env, self.officer_a, "party.decision.vote", "create",
                [{"decision_id": decision.id, "member_id": self.member_a.id, "choice": "for"}])  # fmt: skip
        self.assertEqual(decision.vote_ids, own)
        self.assertEqual(own.choice, "against")

    def test_recorded_vote_is_marked_and_removed_only_by_its_recorder(self):
        self._present(self.voters[0] | self.voters[1])
        decision = self._voting()
        for context in ({}, {"default_recorded_by_id": self.officer_c.id}):
            with self.subTest(context=context):
                with self.assertRaises(AccessError):  # nobody records in another's name
                    rpc(self.env, self.officer_a, "party.decision.vote", "create",
                        [{"decision_id": decision.id, "member_id": self.voters[0].id,
                          "choice": "for", "recorded_by_id": self.officer_c.id}],
                        context=context)  # fmt: skip
        rpc(self.env, self.officer_a, "party.decision.vote", "create",
            [{"decision_id": decision.id, "member_id": self.voters[0].id, "choice": "for"}],
            context={"default_recorded_by_id": False})  # fmt: skip
        vote = decision.vote_ids
        self.assertEqual(vote.recorded_by_id, self.officer_a)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.decision.vote", "write",
                {"recorded_by_id": False}, ids=vote.ids)  # fmt: skip
        with self.assertRaises(AccessError):  # another officer of the tree
            rpc(self.env, self.officer_c, "party.decision.vote", "unlink", ids=vote.ids)
        rpc(self.env, self.officer_a, "party.decision.vote", "unlink", ids=vote.ids)
        self.assertFalse(decision.vote_ids)
        self.assertIn("Recorded votes removed", decision.message_ids[:1].body)

    # ------------------------------------------- deadlines are the superior's

    def test_secretary_does_not_postpone_their_report(self):
        report = self.env["party.secretary.report"].create(
            {"organization_id": self.branch_a.id, "member_id": self.secretary_a.id,
             "year": 2040, "deadline": "2041-01-31"}
        )  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.secretary.report", "write",
                {"deadline": "2099-01-01"}, ids=report.ids)  # fmt: skip
        self.assertEqual(str(report.deadline), "2041-01-31")
        # the superior committee's officer moves it
        rpc(self.env, self.officer_c, "party.secretary.report", "write",
            {"deadline": "2041-02-28"}, ids=report.ids)  # fmt: skip
        self.assertEqual(str(report.deadline), "2041-02-28")

    def test_secretary_does_not_create_their_report_with_a_far_deadline(self):
        vals = {"organization_id": self.branch_a.id, "member_id": self.secretary_a.id,
                "year": 2040}  # fmt: skip
        for sent, context in (
            ({"deadline": "2099-01-01"}, {}),
            ({}, {"default_deadline": "2099-01-01"}),
        ):
            with self.subTest(sent=sent, context=context), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.secretary.report", "create",
                    [{**vals, **sent}], context=context)  # fmt: skip
        report_id = rpc(self.env, self.officer_a, "party.secretary.report", "create", [vals])
        report = self.env["party.secretary.report"].browse(report_id)
        self.assertEqual(str(report.deadline), "2041-01-31")  # the rule's, whatever the default

    def test_branch_does_not_postpone_an_assigned_execution(self):
        self._present(self.full)
        decision = self._voting()
        decision._record_show_of_hands("for")
        decision.with_user(self.officer_a).action_close_voting()
        self.assertEqual(decision.state, "passed")
        decision.with_user(self.officer_a).write(
            {"execution_owner_id": self.officer_a.id, "execution_deadline": self.today}
        )
        decision.with_user(self.officer_a).action_assign_execution()
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.decision", "write",
                {"execution_deadline": "2099-01-01"}, ids=decision.ids)  # fmt: skip
        self.assertEqual(decision.execution_deadline, self.today)
        rpc(self.env, self.officer_c, "party.decision", "write",
            {"execution_deadline": "2099-01-01"}, ids=decision.ids)  # fmt: skip
        self.assertEqual(str(decision.execution_deadline), "2099-01-01")

    def test_branch_does_not_postpone_its_draft_disclosure(self):
        disclosure = self.env["party.disclosure"].create(
            {"name": "Notice", "organization_id": self.branch_a.id, "publish_date": self.today}
        )
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_a, "party.disclosure", "write",
                {"publish_date": "2099-01-01"}, ids=disclosure.ids)  # fmt: skip
        self.assertEqual(disclosure.publish_date, self.today)
        rpc(self.env, self.officer_c, "party.disclosure", "write",
            {"publish_date": "2099-01-01"}, ids=disclosure.ids)  # fmt: skip
        self.assertEqual(str(disclosure.publish_date), "2099-01-01")

    def test_branch_does_not_delete_its_late_records(self):
        report = self.env["party.secretary.report"].create(
            {"organization_id": self.branch_a.id, "member_id": self.secretary_a.id,
             "year": 2040, "deadline": "2041-01-31"}
        )  # fmt: skip
        overdue = self.env["party.disclosure"].create(
            {"name": "Overdue", "organization_id": self.branch_a.id,
             "publish_date": self.today - timedelta(days=1)}
        )  # fmt: skip
        planned = self.env["party.disclosure"].create(
            {"name": "Planned", "organization_id": self.branch_a.id,
             "publish_date": self.today + timedelta(days=1)}
        )  # fmt: skip
        for model, record in (("party.secretary.report", report),
                              ("party.disclosure", overdue)):  # fmt: skip
            with self.subTest(model=model), self.assertRaisesRegex(UserError, "only the superior"):
                rpc(self.env, self.officer_a, model, "unlink", ids=record.ids)
        self.assertTrue(report.exists() and overdue.exists())
        rpc(self.env, self.officer_a, "party.disclosure", "unlink", ids=planned.ids)  # not due
        rpc(self.env, self.officer_c, "party.disclosure", "unlink", ids=overdue.ids)
        rpc(self.env, self.officer_c, "party.secretary.report", "unlink", ids=report.ids)
        self.assertFalse(report.exists() or overdue.exists() or planned.exists())

    # -------------------------------------- the matter decides, not a stored flag

    def test_major_matter_needs_a_meeting_whatever_its_stored_flag(self):
        decision = self._decision(matter_type="fund_use", meeting=self.env["party.meeting"])
        with self.assertRaises(AccessError):  # a computed flag is not written by a client
            rpc(self.env, self.officer_a, "party.decision", "write", {"is_major": False},
                ids=decision.ids)  # fmt: skip
        # even a flag gone stale (written in superuser mode) does not open the door
        decision.sudo().write({"is_major": False})
        with self.assertRaisesRegex(UserError, "major matter"):
            rpc(self.env, self.officer_a, "party.decision", "action_decide_directly",
                ids=decision.ids)  # fmt: skip
        self.assertEqual(decision.state, "draft")

    # ------------------------------------ nothing created done through the context

    def test_nothing_is_created_approved_through_context_defaults(self):
        cases = (
            ("party.decision", {"name": "Fake", "organization_id": self.branch_a.id},
             {"default_state": "passed"}),
            ("party.decision", {"name": "Fake", "organization_id": self.branch_a.id},
             {"default_execution_state": "done"}),
            ("party.fund.report", {"organization_id": self.branch_a.id,
                                   "date_from": "2041-01-01", "date_to": "2041-12-31"},
             {"default_state": "approved"}),
            ("party.fund.report", {"organization_id": self.branch_a.id,
                                   "date_from": "2041-01-01", "date_to": "2041-12-31"},
             {"default_approved_by_id": self.officer_c.id}),
            ("party.disclosure", {"name": "Fake", "organization_id": self.branch_a.id},
             {"default_state": "approved"}),
            ("party.disclosure", {"name": "Fake", "organization_id": self.branch_a.id},
             {"default_approved_by_id": self.officer_c.id}),
            ("party.secretary.report", {"organization_id": self.branch_a.id,
                                        "member_id": self.secretary_a.id, "year": 2041},
             {"default_state": "filed"}),
            ("party.secretary.report", {"organization_id": self.branch_a.id,
                                        "member_id": self.secretary_a.id, "year": 2041},
             {"default_filed_on": "2042-01-02"}),
        )  # fmt: skip
        for model, vals, context in cases:
            with self.subTest(model=model, context=context), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, model, "create", [vals], context=context)
        self.assertFalse(self.env["party.fund.report"].search(
            [("organization_id", "=", self.branch_a.id), ("date_from", "=", "2041-01-01")]))  # fmt: skip
        self.assertFalse(self.env["party.secretary.report"].search(
            [("organization_id", "=", self.branch_a.id), ("year", "=", 2041)]))  # fmt: skip

    def test_fund_report_totals_are_not_set_by_a_client(self):
        vals = {"organization_id": self.branch_a.id, "date_from": "2041-01-01",
                "date_to": "2041-12-31"}  # fmt: skip
        figures = ("income_total", "remittance_total", "spending_total", "net_total", "balance")
        for figure in (*figures, "budget_variance"):
            with self.subTest(figure=figure), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.fund.report", "create",
                    [{**vals, figure: 1000.0}])  # fmt: skip
            with self.subTest(figure=figure, context=True), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.fund.report", "create", [vals],
                    context={f"default_{figure}": 1000.0})  # fmt: skip
        report = self.env["party.fund.report"].create(vals)
        for figure in figures:
            with self.subTest(figure=figure, write=True), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.fund.report", "write", {figure: 1000.0},
                    ids=report.ids)  # fmt: skip
        self.assertEqual([report[figure] for figure in figures], [0] * len(figures))
