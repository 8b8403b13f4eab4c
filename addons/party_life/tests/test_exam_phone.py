"""On a phone (390 px wide, touch): a member takes the exam of her required course and
sees the result; a secretary sees who has not studied enough (issue 26)."""

from datetime import date

from odoo import fields
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyPhoneTourCase


@tagged("post_install", "-at_install")
class TestExamPhoneTours(PartyPhoneTourCase):
    tour_context = {"tracking_disable": True, "tz": "UTC"}

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.secretary_user = cls._tour_user("phone_study_secretary")
        cls.member_user = cls._tour_user("phone_learner", portal=True)
        cls.branch, (cls.secretary, cls.slow, cls.keen) = cls._tour_branch(
            "Phone Study Branch",
            "PHONE-S",
            [
                ("Phone Study Secretary", date(1979, 2, 3), 41),
                ("Phone Slow Learner", date(1984, 5, 6), 43),
                ("Phone Keen Learner", date(1986, 7, 8), 45),
            ],
            user=cls.secretary_user,
            secretary=True,
        )
        cls.slow.user_id = cls.member_user
        survey = cls.env["survey.survey"].create(
            {
                "title": "Phone Exam",
                "survey_type": "assessment",
                "access_mode": "public",
                "users_login_required": True,
                "questions_layout": "one_page",
                "scoring_type": "scoring_without_answers",
                "certification": True,
                "scoring_success_min": 80.0,
                "is_attempts_limited": True,
                "attempts_limit": 3,
            }
        )
        cls.env["survey.question"].create(
            [
                {
                    "survey_id": survey.id,
                    "title": title,
                    "question_type": "simple_choice",
                    "constr_mandatory": True,
                    "suggested_answer_ids": [
                        (0, 0, {"value": right, "is_correct": True, "answer_score": 10}),
                        (0, 0, {"value": wrong}),
                    ],
                }
                for title, right, wrong in (
                    ("Probation of a member?", "One year", "Half a year"),
                    ("Introducers needed?", "Two", "Three"),
                )
            ]
        )
        cls.course = cls.env["slide.channel"].create(
            {
                "name": "Phone Course",
                "is_party_course": True,
                "is_published": True,
                "user_id": cls.secretary_user.id,
                "party_organization_ids": [(6, 0, cls.branch.ids)],
            }
        )
        cls.exam = cls.env["slide.slide"].create(
            {
                "name": "Phone Exam",
                "channel_id": cls.course.id,
                "slide_category": "certification",
                "survey_id": survey.id,
                "completion_time": 0.5,
                "is_published": True,
            }
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
