"""The audit trail (party.audit.entry, party_branch) of a decision's outcome and of a
fund report (issue 28): who changed it and when, from which value to which; the
officers of its organisation read the entries, another branch's do not."""

from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc
from odoo.addons.party_life.tests.common import PartyDuesCase

from .common import PartySystemsCase


def _entries(record, fname):
    return (
        record.env["party.audit.entry"]
        .sudo()
        .search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("field_name", "=", fname),
            ],
            order="id",
        )
    )


def _readable(case, user, entries):
    return rpc(case.env, user, "party.audit.entry", "search_count", [("id", "in", entries.ids)])


@tagged("post_install", "-at_install")
class TestDecisionAuditTrail(PartySystemsCase):
    def test_decision_outcome_is_audited_with_who_and_from_which_state(self):
        self._present(self.full)
        decision = self._voting()
        self._votes(decision, dict.fromkeys(self.full, "for"))
        decision.with_user(self.officer_a).action_close_voting()
        outcome = _entries(decision, "state")[-1:]
        labels = dict(decision._fields["state"]._description_selection(self.env))
        self.assertEqual(
            (outcome.old_value, outcome.new_value), (labels["voting"], labels["passed"])
        )
        self.assertEqual(outcome.create_uid, self.officer_a)
        self.assertTrue(outcome.date)
        self.assertTrue(_entries(decision, "decided_on"))

    def test_decision_entries_read_by_its_officers_not_another_branch(self):
        decision = self._decision(meeting=self.env["party.meeting"])
        decision.with_user(self.officer_a).action_decide_directly()
        entries = _entries(decision, "state")
        self.assertTrue(entries)
        self.assertEqual(_readable(self, self.officer_a, entries), len(entries))
        self.assertEqual(_readable(self, self.officer_b, entries), 0)


@tagged("post_install", "-at_install")
class TestFundReportAuditTrail(PartyDuesCase):
    def _computed_report(self):
        report = self.env["party.fund.report"].create(
            {
                "organization_id": self.branch_a.id,
                "date_from": self.this_month,
                "date_to": self.today,
            }
        )
        report.with_user(self.officer_a).write({"budget_amount": 500.0})
        report.with_user(self.officer_a).action_compute()
        return report

    def test_fund_report_budget_and_approval_are_audited_with_who(self):
        report = self._computed_report()
        report.with_user(self.officer_c).action_approve()
        budget = _entries(report, "budget_amount")
        self.assertEqual(budget.new_value, "500.0")
        self.assertEqual(budget.create_uid, self.officer_a)
        states = _entries(report, "state")
        labels = dict(report._fields["state"]._description_selection(self.env))
        self.assertEqual(
            [(e.old_value, e.new_value, e.create_uid) for e in states],
            [
                (labels["draft"], labels["computed"], self.officer_a),
                (labels["computed"], labels["approved"], self.officer_c),
            ],
        )

    def test_fund_report_entries_read_by_its_officers_not_another_branch(self):
        entries = _entries(self._computed_report(), "state")
        self.assertEqual(_readable(self, self.officer_a, entries), len(entries))
        self.assertEqual(_readable(self, self.officer_b, entries), 0)


@tagged("post_install", "-at_install")
class TestAuditTrailButtons(PartySystemsCase):
    """The forms of the audited records (a position, a dues reduction, a decision, a
    fund report, as the member's) open their own audit trail (issue 28: "visible on the
    record")."""

    FORMS = ("party.position", "party.dues.reduction", "party.decision", "party.fund.report")

    def _button(self, model, user):
        arch = self.env[model].with_user(user).get_views([(False, "form")])["views"]["form"]
        action = self.env.ref("party_branch.party_audit_entry_action")
        return f'name="{action.id}"' in arch["arch"] and "search_default_res_id" in arch["arch"]

    def test_every_audited_form_has_the_audit_trail_button_for_its_officers(self):
        for model in self.FORMS:
            with self.subTest(model=model):
                self.assertTrue(self._button(model, self.officer_a))
