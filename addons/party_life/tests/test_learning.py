"""Member learning: study hours, key work points, online consultation."""

from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase


@tagged("post_install", "-at_install")
class TestLearning(PartyBranchCase):
    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        Channel = cls.env["slide.channel"]
        cls.course = Channel.create({"name": "Party course", "is_party_course": True})
        cls.other_course = Channel.create({"name": "Excel course"})
        Slide = cls.env["slide.slide"]
        cls.slides = Slide.create(
            [
                {
                    "name": f"Lesson {hours}",
                    "channel_id": cls.course.id,
                    "slide_category": "article",
                    "html_content": "<p>Lesson</p>",
                    "completion_time": hours,
                    "is_published": True,
                }
                for hours in (0.5, 1.25, 2.0)
            ]
        )
        cls.other_slide = Slide.create(
            {
                "name": "Pivot tables",
                "channel_id": cls.other_course.id,
                "slide_category": "article",
                "html_content": "<p>Excel</p>",
                "completion_time": 3.0,
                "is_published": True,
            }
        )
        cls.Done = cls.env["slide.slide.partner"]

    def _done(self, member, slide, completed=True, day=date(2025, 5, 1)):
        return self.Done.create(
            {
                "slide_id": slide.id,
                "partner_id": member.partner_id.id,
                "completed": completed,
                "completed_date": day if completed else False,
            }
        )

    # ------------------------------------------------------------ study hours

    def test_study_hours(self):
        self._done(self.member_a, self.slides[0])
        self._done(self.member_a, self.slides[1])
        self._done(self.member_a, self.slides[2], completed=False)  # not completed
        self._done(self.member_a, self.other_slide)  # not a Party course
        self._done(self.member_b, self.slides[2])
        self._done(self.member_b, self.slides[0], day=date(2024, 12, 31))  # other year
        members = self.member_a | self.member_b | self.secretary_a
        hours = members._study_hours(2025)
        self.assertEqual(
            hours, {self.member_a.id: 1.75, self.member_b.id: 2.0, self.secretary_a.id: 0.0}
        )
        self.assertEqual(members._study_hours(2024)[self.member_b.id], 0.5)
        self.assertEqual(members._study_hours(2023), dict.fromkeys(members.ids, 0.0))

    def test_study_hours_this_year(self):
        today = self.today
        row = self._done(self.member_a, self.slides[2], completed=False)
        self.assertFalse(row.completed_date)
        self.assertEqual(self.member_a.study_hours_year, 0.0)
        row.write({"completed": True})  # completing stamps the day
        self.assertEqual(row.completed_date, today)
        self.member_a.invalidate_recordset(["study_hours_year"])
        self.assertEqual(self.member_a.study_hours_year, 2.0)
        row.write({"completed": False})
        self.assertFalse(row.completed_date)

    # ------------------------------------------------------------ work points

    def test_work_points_visible_when_published(self):
        Point = self.env["party.work.point"]
        draft = Point.create({"organization_id": self.branch_a.id, "name": "Draft point"})
        published = Point.create(
            {"organization_id": self.branch_a.id, "name": "Safety first", "state": "draft"}
        )
        other = Point.create(
            {"organization_id": self.branch_b.id, "name": "B point", "state": "published"}
        )
        from_above = Point.create(
            {"organization_id": self.committee.id, "name": "Committee point", "state": "published"}
        )
        published.with_user(self.officer_a).action_publish()
        points = draft | published | other | from_above
        seen = Point.with_user(self.portal).search([("id", "in", points.ids)])
        self.assertEqual(seen, published | from_above)
        with self.assertRaises(AccessError):
            draft.with_user(self.portal).read(["name"])
        with self.assertRaises(AccessError):
            published.with_user(self.portal).write({"name": "Changed"})
        # The officer of branch A manages branch A's points, drafts included.
        officer_seen = Point.with_user(self.officer_a).search([("id", "in", points.ids)])
        self.assertIn(draft, officer_seen)
        self.assertNotIn(other, officer_seen)
        self.assertEqual(Point.with_user(self.auditor).search([("id", "in", points.ids)]), points)

    # ------------------------------------------------------------ consultation

    def test_consultation_channel(self):
        self.assertFalse(self.branch_a.consultation_channel_id)
        action = self.branch_a.with_user(self.officer_a).action_open_consultation()
        channel = self.branch_a.consultation_channel_id
        self.assertTrue(channel)
        self.assertEqual(action["tag"], "mail.action_discuss")
        self.assertEqual(action["context"]["active_id"], f"discuss.channel_{channel.id}")
        partners = channel.channel_member_ids.partner_id
        # Members with a login (Member A, portal; Secretary A) and the officer; no others.
        self.assertIn(self.member_a.partner_id, partners)
        self.assertIn(self.secretary_a.partner_id, partners)
        self.assertIn(self.officer_a.partner_id, partners)
        self.assertNotIn(self.member_b.partner_id, partners)
        self.assertNotIn(self.secretary_b.partner_id, partners)
        # Opened again: the same channel, no duplicates.
        self.branch_a.with_user(self.officer_a).action_open_consultation()
        self.assertEqual(self.branch_a.consultation_channel_id, channel)
        self.assertEqual(len(channel.channel_member_ids), len(partners))
        # Another officer who opens it joins the same channel.
        self.branch_a.with_user(self.officer_c).action_open_consultation()
        self.assertEqual(self.branch_a.consultation_channel_id, channel)
        self.assertIn(self.officer_c.partner_id, channel.channel_member_ids.partner_id)

    def test_branch_members_without_user_not_added(self):
        self.branch_b.action_open_consultation()
        partners = self.branch_b.consultation_channel_id.channel_member_ids.partner_id
        self.assertIn(self.secretary_b.partner_id, partners)
        self.assertNotIn(self.member_b.partner_id, partners)
