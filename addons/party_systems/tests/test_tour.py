"""Browser tours: a decision from proposal to execution at a committee meeting; the
website shows a public disclosure and hides a members-only one."""

from datetime import datetime, timedelta

from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyTourCase


@tagged("post_install", "-at_install")
class TestSystemsTour(PartyTourCase):
    tour_context = {"tracking_disable": True, "tz": "UTC"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.secretary_user = cls._tour_user("pst_tour_secretary", name="Tour Secretary User")
        cls.member_users = [cls._tour_user(f"pst_tour_member{i}", portal=True) for i in (1, 2)]
        cls.branch = cls.env["party.organization"].create(
            {"name": "Tour Systems Branch", "code": "PST-T1", "org_type": "branch"}
        )
        common = {
            "organization_id": cls.branch.id,
            "member_category": "full",
            "join_date": "2010-03-01",
            "full_date": "2011-03-01",
        }
        Member = cls.env["party.member"]
        cls.secretary = Member.create(
            {"name": "Tour Secretary", "user_id": cls.secretary_user.id, **common}
        )
        cls.members = Member.create(
            [
                {"name": f"Tour Committee Member {i}", "user_id": user.id, **common}
                for i, user in enumerate(cls.member_users, 1)
            ]
        )
        for member, code in zip(
            cls.secretary | cls.members, ("secretary", "organization", "propaganda"), strict=True
        ):
            cls.env["party.position"].create(
                {
                    "organization_id": cls.branch.id,
                    "member_id": member.id,
                    "position_type_id": cls.env.ref(f"party_branch.position_type_{code}").id,
                    "date_start": "2024-01-01",
                }
            )
        start = datetime.now().replace(microsecond=0) - timedelta(minutes=10)
        cls.meeting = (
            cls.env["party.meeting"]
            .with_context(party_meeting_no_calendar=True)
            .create(
                {
                    "name": "Tour Committee Meeting",
                    "organization_id": cls.branch.id,
                    "meeting_type": "committee_meeting",
                    "start": start,
                    "stop": start + timedelta(hours=2),
                }
            )
        )
        cls.meeting.attendance_ids.state = "present"

    def test_decision_passes_and_its_execution_is_assigned(self):
        self.assertEqual(len(self.meeting.attendance_ids), 3)
        self.start_tour(
            "/odoo/action-party_systems.party_decision_action",
            "party_decision_propose_tour",
            login="pst_tour_secretary",
        )
        decision = self.env["party.decision"].search([("organization_id", "=", self.branch.id)])
        self.assertEqual((decision.state, decision.is_major), ("voting", True))
        # a committee member votes with the form's button, as a member of the meeting
        decision.with_user(self.member_users[0]).action_vote_for()
        self.start_tour(
            f"/odoo/action-party_systems.party_decision_action/{decision.id}",
            "party_decision_resolve_tour",
            login="pst_tour_secretary",
        )
        self.assertEqual(decision.state, "passed")
        self.assertEqual((decision.result_due, decision.result_for), (3, 2))
        self.assertEqual(decision.execution_state, "assigned")
        self.assertEqual(decision.execution_owner_id, self.secretary_user)

    def test_website_shows_public_hides_members_only(self):
        Disclosure = self.env["party.disclosure"]
        for name, scope in (("Tour Public Notice", "public"), ("Tour Members Notice", "members")):
            disclosure = Disclosure.create(
                {
                    "name": name,
                    "organization_id": self.branch.id,
                    "scope": scope,
                    "content": f"<p>Tour {scope} body</p>",
                }
            )
            disclosure._party_action_write({"state": "approved"})
        self.start_tour("/party/disclosures", "party_disclosure_website_tour")
