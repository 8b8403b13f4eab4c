"""On a phone (390 px wide, touch): a member takes the exam of her required course and
sees the result, then her points for it; a secretary sees who has not studied enough,
herself included (56 hours of a secretary) (issue 26)."""

from datetime import date

from odoo import fields
from odoo.tests import tagged

from .exam_common import create_party_exam
from .phone_common import PhoneBranchTourCase


@tagged("post_install", "-at_install")
class TestExamPhoneTours(PhoneBranchTourCase):
    secretary_login, member_login = "phone_study_secretary", "phone_learner"
    branch_name, branch_code = "Phone Study Branch", "PHONE-S"
    people = (
        ("Phone Study Secretary", date(1979, 2, 3), 41),
        ("Phone Slow Learner", date(1984, 5, 6), 43),
        ("Phone Keen Learner", date(1986, 7, 8), 45),
    )

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.secretary, cls.slow, cls.keen = cls.branch_members
        cls.course = cls.env["slide.channel"].create(
            {
                "name": "Phone Course",
                "is_party_course": True,
                "is_published": True,
                "user_id": cls.secretary_user.id,
                "party_organization_ids": [(6, 0, cls.branch.ids)],
            }
        )
        cls.survey, cls.questions, cls.exam = create_party_exam(
            cls.env, cls.course, "Phone Exam", attempts_limit=3
        )

    def test_member_takes_an_exam_on_a_phone_and_sees_the_result(self):
        self.start_tour("/my/party", "party_life_phone_member_exam_tour", login="phone_learner")
        attempt = self.env["survey.user_input"].search(
            [
                ("partner_id", "=", self.slow.partner_id.id),
                ("survey_id", "=", self.exam.survey_id.id),
            ]
        )
        self.assertTrue(attempt.scoring_success)
        self.assertEqual(self.slow.study_hours_year, 0.5)
        # the night's points run: the shipped rule for an exam passed (5 points), no
        # company's own rule in its place
        Rule = self.env["party.point.rule"].with_context(active_test=False)
        Rule.search([("source", "=", "exam"), ("company_id", "!=", False)]).active = False
        self.env.ref("party_life.point_rule_exam").active = True
        today = fields.Date.context_today(self.slow)
        self.env["party.point"].sudo()._party_points_run(date(today.year, 1, 1), today)
        lines = self.env["party.point"].search([("member_id", "=", self.slow.id)])
        # 5 for the exam passed, 5 for the course it completed (the course's only content)
        exam_line = lines.filtered(lambda line: line.source == "exam")
        self.assertEqual((exam_line.points, sum(lines.mapped("points"))), (5.0, 10.0))
        self.start_tour("/my/party", "party_life_phone_member_exam_points_tour",
                        login="phone_learner")  # fmt: skip

    def test_secretary_sees_who_has_not_studied_enough_on_a_phone(self):
        lesson = self.env["slide.slide"].create(
            {
                "name": "Phone Long Lesson",
                "channel_id": self.course.id,
                "slide_category": "article",
                "html_content": "<p>Lesson</p>",
                "completion_time": 32.0,
                "is_published": True,
            }
        )
        self.env["slide.slide.partner"].create(
            {
                "slide_id": lesson.id,
                "partner_id": self.keen.partner_id.id,
                "completed": True,
                "completed_date": fields.Date.context_today(self.keen),
            }
        )
        self.start_tour(
            "/odoo/action-party_life.party_member_study_action",
            "party_life_phone_study_short_tour",
            login="phone_study_secretary",
        )
