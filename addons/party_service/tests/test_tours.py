"""Browser tours: on a phone, a person without an account files a request, the officer
assigns it, the member resolves it and the requester rates it; on the desktop, an
officer closes an assessment period and opens a member's score."""

from datetime import datetime

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tests.common import appoint_secretary, member_user
from odoo.addons.party_branch.tools.guard import action_scope


class ServiceTourCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, tz="UTC"))
        cls.officer = new_test_user(
            cls.env, login="pst_officer", groups="base.group_user,party_branch.group_party_officer",
            tz="UTC",
        )  # fmt: skip
        cls.member_user = member_user(cls.env, "pst_member", tz="UTC")  # fmt: skip
        cls.branch = cls.env["party.organization"].create(
            {"name": "Tour Service Branch", "code": "PST-B1", "org_type": "branch"}
        )
        common = {"organization_id": cls.branch.id, "member_category": "full",
                  "join_date": "2010-03-01", "full_date": "2011-03-01"}  # fmt: skip
        Member = cls.env["party.member"]
        cls.secretary = Member.create({"name": "Tour Secretary", "user_id": cls.officer.id,
                                       **common})  # fmt: skip
        cls.member = Member.create({"name": "Tour Member", "user_id": cls.member_user.id,
                                    **common})  # fmt: skip
        appoint_secretary(cls.env, cls.branch, cls.secretary, "2024-01-01")
        cls.category = cls.env["helpdesk.ticket.category"].create(
            {"name": "Tour Living", "party_deadline_hours": 48, "party_category": True}
        )
        cls.env["party.service.route"].create(
            {"sequence": 0, "category_id": cls.category.id, "organization_id": cls.branch.id}
        )


@tagged("post_install", "-at_install")
class TestServicePhoneTour(ServiceTourCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_public_request_assigned_resolved_rated(self):
        self.start_tour("/service/request", "party_service_public_request_tour")
        ticket = self.env["helpdesk.ticket"].search([("category_id", "=", self.category.id)])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.party_organization_id, self.branch)
        self.start_tour(
            "/odoo/action-party_service.helpdesk_ticket_action_party",
            "party_service_officer_assign_tour",
            login="pst_officer",
        )
        self.assertEqual(ticket.party_member_id, self.member)
        self.start_tour("/my/service", "party_service_member_resolve_tour", login="pst_member")
        self.assertTrue(ticket.party_resolved_at)
        self.start_tour(ticket._party_follow_url(), "party_service_requester_rate_tour")
        self.assertEqual(ticket.party_rating, 5)
        self.assertEqual(ticket.party_state, "rated")


@tagged("post_install", "-at_install")
class TestServiceDesktopTour(ServiceTourCase):
    def test_officer_closes_a_period_and_opens_a_score(self):
        ticket = self.env["helpdesk.ticket"].create(
            {"name": "Tour request", "description": "<p>x</p>",
             "category_id": self.category.id, "party_member_id": self.member.id}
        )  # fmt: skip
        with action_scope():
            ticket.write({"party_resolved_at": datetime(2026, 2, 1, 9)})
        assessment = self.env["party.assessment"].create(
            {"name": "Tour Period", "organization_id": self.branch.id,
             "date_from": "2026-01-01", "date_to": "2026-06-30"}
        )  # fmt: skip
        assessment.action_score()
        self.start_tour(
            "/odoo/action-party_service.party_assessment_action",
            "party_service_close_period_tour",
            login="pst_officer",
        )
        self.assertEqual(assessment.state, "closed")
        line = assessment.line_ids.filtered(lambda r: r.member_id == self.member)
        self.assertEqual(line.request_count, 1)
