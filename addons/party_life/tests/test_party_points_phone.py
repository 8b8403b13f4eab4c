"""On a phone (390x844, touch): a member sees their points on the Party home and opens
the lines behind them and their rank (issue 26, the points ledger of party_branch).
Crafted data: meetings attended this year, the points written by the points run."""

from datetime import date, datetime

from odoo import fields
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyPhoneTourCase


@tagged("post_install", "-at_install")
class TestPartyPointsPhoneTour(PartyPhoneTourCase):
    tour_context = {"tracking_disable": True, "tz": "UTC"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        branch, (cls.member, cls.colleague) = cls._tour_branch(
            "Points Phone Branch",
            "PPT-PH",
            [
                ("Points Phone Member", date(1985, 2, 3), 61),
                ("Points Phone Colleague", date(1987, 4, 5), 63),
            ],
            user=cls._tour_user("ppt_phone_member", portal=True),
        )
        # the shipped rule (2 points a meeting attended), without its caps (the
        # meetings share a day), and no company's own rule in its place
        Rule = cls.env["party.point.rule"].with_context(active_test=False)
        Rule.search([("source", "=", "meeting"), ("company_id", "!=", False)]).active = False
        rule = cls.env.ref("party_life.point_rule_meeting")
        rule.write({"points": 2, "cap_day": 0, "cap_period": 0, "active": True})
        year = fields.Date.context_today(cls.member).year
        Meeting = cls.env["party.meeting"].with_context(party_meeting_no_calendar=True)
        meetings = Meeting.create(
            [
                {"organization_id": branch.id, "meeting_type": "party_lecture",
                 "name": f"Points Phone Lecture {hour}", "location": "Room",
                 "start": datetime(year, 1, 1, hour), "stop": datetime(year, 1, 1, hour, 30)}
                for hour in (1, 2, 3)
            ]
        )  # fmt: skip
        for index, meeting in enumerate(meetings):
            present = cls.colleague | (cls.member if index < 2 else cls.colleague)
            meeting.attendance_ids.filtered(lambda a, p=present: a.member_id in p).state = "present"
        meetings.with_context(tz="UTC").write({"state": "held"})
        today = fields.Date.context_today(cls.member)
        cls.env["party.point"].sudo()._party_points_run(date(year, 1, 1), today)
        cls.year = year

    def test_member_sees_their_points_lines_and_rank_on_a_phone(self):
        Summary = self.env["party.point.summary"]
        mine = Summary.search([("member_id", "=", self.member.id), ("year", "=", self.year)])
        theirs = Summary.search([("member_id", "=", self.colleague.id), ("year", "=", self.year)])
        self.assertEqual((mine.points, mine.rank, mine.line_count), (4.0, 2, 2))
        self.assertEqual((theirs.points, theirs.rank), (6.0, 1))
        self.start_tour(
            "/my/party", "party_life_phone_member_points_tour", login="ppt_phone_member"
        )
