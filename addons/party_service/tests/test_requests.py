"""Service requests: routing, the deadline to the minute, escalation, assignment,
resolution, the requester's rating, and who sees which request."""

from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tools.guard import action_scope

from .common import PartyServiceCase


@tagged("post_install", "-at_install")
class TestServiceRequests(PartyServiceCase):
    # ------------------------------------------------------------------ routing

    def test_routed_by_unit(self):
        person = self.env["res.partner"].create({"name": "Worker", "parent_id": self._unit().id})
        ticket = self._ticket(partner_id=person.id, category_id=self.cat_living.id)
        self.assertEqual(ticket.party_organization_id, self.group_a)

    def test_routed_by_category(self):
        ticket = self._ticket(category_id=self.cat_living.id)
        self.assertEqual(ticket.party_organization_id, self.branch_a)

    def test_routed_by_community_in_the_address(self):
        ticket = self._ticket(party_address="12 riverside road")
        self.assertEqual(ticket.party_organization_id, self.branch_b)

    def test_not_routed_without_a_matching_rule(self):
        ticket = self._ticket(party_address="Elsewhere")
        self.assertFalse(ticket.party_organization_id)
        self.assertFalse(ticket.party_deadline)

    def test_routed_again_by_the_rules_in_one_write_per_organisation(self):
        def tickets(n):
            made = self.Ticket.browse()
            for _i in range(n):
                made |= self._ticket(category_id=self.cat_living.id)
            # the community now matches (the category rule still comes first for the
            # others): every ticket goes to Branch B once its category is changed
            made.write({"party_address": "3 Riverside lane", "category_id": self.cat_policy.id})
            return made

        def queries_to_route(made):
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            made.with_user(self.officer_c).action_party_route()
            self.env.flush_all()
            return self.env.cr.sql_log_count - start

        warm_up, few, many = tickets(1), tickets(2), tickets(8)
        self.assertEqual(set((few | many).mapped("party_organization_id")), {self.branch_a})
        queries_to_route(warm_up)  # the caller's groups and record rules, cached once
        queries_few, queries_many = queries_to_route(few), queries_to_route(many)
        self.assertEqual(set((few | many).mapped("party_organization_id")), {self.branch_b})
        self.assertEqual(queries_many, queries_few)
        stray = tickets(1)
        with self.assertRaises(AccessError):  # a target the caller does not manage
            stray.with_user(self.officer_a).action_party_route()
        self.assertEqual(stray.party_organization_id, self.branch_a)

    def test_given_organisation_is_kept(self):
        ticket = self._ticket(
            category_id=self.cat_living.id, party_organization_id=self.branch_b.id
        )
        self.assertEqual(ticket.party_organization_id, self.branch_b)

    def test_request_to_an_organisation_outside_reach_refused(self):
        with self.assertRaisesRegex(AccessError, "You do not manage"):
            self.Ticket.with_user(self.officer_a).create(
                {"name": "X", "description": "<p>x</p>", "party_organization_id": self.branch_b.id}
            )
        self.assertFalse(self.Ticket.search([("name", "=", "X")]))

    def test_officer_files_a_request_for_their_organisation(self):
        ticket = self.Ticket.with_user(self.officer_a).create(
            {"name": "Y", "description": "<p>y</p>", "party_organization_id": self.group_a.id}
        )
        self.assertEqual(ticket.party_organization_id, self.group_a)

    # ------------------------------------------------------------------ deadline

    def test_deadline_is_received_plus_category_hours(self):
        ticket = self._received(
            self._ticket(category_id=self.cat_policy.id, party_organization_id=self.branch_a.id),
            self._dt(2026, 3, 1, 8, 30),
        )
        self.assertEqual(ticket.party_deadline, self._dt(2026, 3, 2, 8, 30))

    def test_overdue_from_the_minute_after_the_deadline(self):
        ticket = self._received(
            self._ticket(category_id=self.cat_policy.id, party_organization_id=self.branch_a.id),
            self._dt(2026, 3, 1, 8, 30),
        )
        deadline = ticket.party_deadline
        self.assertFalse(ticket._party_is_overdue(deadline))
        self.assertTrue(ticket._party_is_overdue(deadline + self._minutes(1)))

    def test_resolved_on_the_deadline_is_in_time(self):
        ticket = self._received(
            self._ticket(
                category_id=self.cat_policy.id,
                party_organization_id=self.branch_a.id,
                party_member_id=self.member_a.id,
            ),
            self._dt(2026, 3, 1, 8, 30),
        )
        with action_scope():
            ticket.write({"party_resolved_at": ticket.party_deadline})
        self.assertFalse(ticket._party_is_overdue(self._dt(2030, 1, 1)))

    # ------------------------------------------------------------------ escalation

    def test_escalated_to_the_secretary_once(self):
        ticket = self._received(
            self._ticket(category_id=self.cat_living.id), self._dt(2026, 3, 1, 8, 0)
        )
        late = ticket.party_deadline + self._minutes(1)
        with patch.object(fields.Datetime, "now", return_value=late):
            escalated = self.Ticket._cron_escalate_overdue()
        self.assertIn(ticket, escalated)
        activity = ticket.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.officer_a)
        self.assertEqual(ticket.party_escalated_at, late)
        with patch.object(fields.Datetime, "now", return_value=late + self._minutes(60)):
            self.assertNotIn(ticket, self.Ticket._cron_escalate_overdue())
        self.assertEqual(len(ticket.activity_ids), 1)

    def test_not_escalated_on_the_deadline_minute(self):
        ticket = self._received(
            self._ticket(category_id=self.cat_living.id), self._dt(2026, 3, 1, 8, 0)
        )
        with patch.object(fields.Datetime, "now", return_value=ticket.party_deadline):
            self.assertNotIn(ticket, self.Ticket._cron_escalate_overdue())
        self.assertFalse(ticket.activity_ids)

    def test_escalated_to_the_nearest_secretary_up_the_tree(self):
        # Group A1's leader is no secretary: Branch A's secretary gets it
        ticket = self._received(
            self._ticket(category_id=self.cat_living.id, party_organization_id=self.group_a.id),
            self._dt(2026, 3, 1, 8, 0),
        )
        with patch.object(
            fields.Datetime, "now", return_value=ticket.party_deadline + self._minutes(1)
        ):
            self.Ticket._cron_escalate_overdue()
        self.assertEqual(ticket.activity_ids.user_id, self.officer_a)

    # ------------------------------------------------------------------ assignment

    def test_officer_assigns_a_member_of_the_organisation(self):
        ticket = self._ticket(category_id=self.cat_living.id)
        ticket.with_user(self.officer_a).write({"party_member_id": self.member_a.id})
        self.assertEqual(ticket.party_state, "assigned")

    def test_member_of_another_organisation_refused(self):
        ticket = self._ticket(category_id=self.cat_living.id)
        with self.assertRaisesRegex(ValidationError, "assign it to a member of its organisation"):
            ticket.write({"party_member_id": self.member_b.id})

    def test_sibling_officer_cannot_assign(self):
        ticket = self._ticket(category_id=self.cat_living.id)
        with self.assertRaises(AccessError):
            ticket.with_user(self.officer_b).write({"party_member_id": self.member_a.id})

    def test_workflow_fields_refused_to_clients(self):
        ticket = self._ticket(category_id=self.cat_living.id)
        for vals in (
            {"party_rating": 5},
            {"party_resolved_at": fields.Datetime.now()},
            {"party_received_at": fields.Datetime.now()},
        ):
            with self.assertRaisesRegex(AccessError, "change only through the record's actions"):
                ticket.with_user(self.officer_a).write(vals)

    # ------------------------------------------------------------------ resolve and rate

    def _resolved(self):
        ticket = self._ticket(category_id=self.cat_living.id, party_member_id=self.member_a.id)
        ticket.with_user(self.portal).action_party_resolve()
        return ticket

    def test_assigned_member_resolves(self):
        ticket = self._resolved()
        self.assertEqual(ticket.stage_id, self.done)
        self.assertTrue(ticket.party_resolved_at)
        self.assertEqual(ticket.party_state, "resolved")

    def test_other_member_cannot_resolve(self):
        ticket = self._ticket(
            category_id=self.cat_policy.id, party_organization_id=self.branch_b.id
        )
        ticket.party_member_id = self.member_b
        with self.assertRaises(AccessError):
            ticket.with_user(self.portal).action_party_resolve()
        self.assertFalse(ticket.party_resolved_at)

    def test_rating_once_after_resolution(self):
        ticket = self._resolved()
        ticket._party_rate(5, "Quick, thanks")
        self.assertEqual(ticket.party_rating, 5)
        self.assertEqual(ticket.party_state, "rated")
        self.assertEqual(ticket.rating_ids.rating, 5.0)
        with self.assertRaisesRegex(UserError, "rated already"):
            ticket._party_rate(4, "again")
        self.assertEqual(ticket.party_rating, 5)

    def test_rating_boundaries(self):
        for score in (1, 5):
            with self.subTest(score=score):
                ticket = self._resolved()
                ticket._party_rate(score, "")
                self.assertEqual(ticket.party_rating, score)
        for score in (0, 6, -1, "abc", 3.5):
            with self.subTest(score=score):
                ticket = self._resolved()
                with self.assertRaisesRegex(ValidationError, "from 1 to 5"):
                    ticket._party_rate(score, "")
                self.assertFalse(ticket.party_rated_at)

    def test_rating_before_resolution_refused(self):
        ticket = self._ticket(category_id=self.cat_living.id, party_member_id=self.member_a.id)
        with self.assertRaisesRegex(UserError, "after it has been resolved"):
            ticket._party_rate(4, "")
        self.assertFalse(ticket.party_rated_at)

    def test_odoo_rating_link_refused(self):
        ticket = self._resolved()
        with self.assertRaises(AccessError):
            ticket.rating_apply(5)

    # ------------------------------------------------------------------ who sees what

    def test_record_rules(self):
        mine = self._ticket(category_id=self.cat_living.id, party_member_id=self.member_a.id)
        other = self._ticket(party_address="Riverside 1")
        Ticket = self.Ticket
        self.assertIn(mine, Ticket.with_user(self.officer_a).search([]))
        self.assertNotIn(other, Ticket.with_user(self.officer_a).search([]))
        self.assertIn(other, Ticket.with_user(self.officer_b).search([]))
        self.assertIn(mine, Ticket.with_user(self.portal).search([]))
        self.assertNotIn(other, Ticket.with_user(self.portal).search([]))
        self.assertIn(other, Ticket.with_user(self.auditor).search([]))
        with self.assertRaises(AccessError):
            other.with_user(self.auditor).write({"name": "changed"})
