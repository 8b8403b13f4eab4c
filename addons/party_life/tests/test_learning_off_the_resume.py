"""Party courses and exams stay off the employees' résumés and chatter.

hr_skills_slides and hr_skills_survey (installed with hr, website_slides and survey)
write a completed course and a passed certification on the employee's résumé
(``hr.resume.line``, read by every employee) and post "subscribed to / completed /
left the course" on the employee's chatter. For a Party course that says who is a
member and who passed its exam, which only the member, the officers of the member's
organisation and the Party administrators read (docs/security.md, Party courses and
exams). Other courses and certifications keep Odoo's behaviour.
"""

from odoo.tests import new_test_user, tagged

from .exam_common import create_party_exam
from .test_required_learning import RequiredLearningCase


@tagged("post_install", "-at_install")
class TestPartyLearningOffTheResume(RequiredLearningCase):
    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.user = new_test_user(cls.env, login="ofr_employee", groups="base.group_user")
        cls.employee = cls.env["hr.employee"].create(
            {"name": "OFR Employee", "user_id": cls.user.id}
        )
        cls.party_course = cls._course(cls.branch_a, "OFR Party course")
        cls.other_course = cls.Channel.create(
            {"name": "OFR Safety course", "is_published": True, "enroll": "public"}
        )
        cls.env["slide.slide"].create(
            {
                "name": "OFR Safety lesson",
                "channel_id": cls.other_course.id,
                "slide_category": "article",
                "html_content": "<p>Lesson</p>",
                "is_published": True,
            }
        )

    def _resume_lines(self, **where):
        domain = [("employee_id", "=", self.employee.id)]
        domain += [(field, "=", value) for field, value in where.items()]
        return self.env["hr.resume.line"].sudo().search(domain)

    def _employee_messages(self, text):
        return self.employee.sudo().message_ids.filtered(lambda m: text in str(m.body))

    def _complete(self, course):
        course.sudo()._action_add_members(self.user.partner_id)
        course.slide_ids.with_user(self.user).sudo()._action_mark_completed()
        return self.ChannelPartner.search(
            [("channel_id", "=", course.id), ("partner_id", "=", self.user.partner_id.id)]
        )

    def _pass(self, survey):
        attempt = (
            self.env["survey.user_input"]
            .sudo()
            .create({"survey_id": survey.id, "partner_id": self.user.partner_id.id})
        )
        attempt._mark_done()
        return attempt

    def test_a_completed_party_course_is_not_written_on_the_resume(self):
        enrolment = self._complete(self.party_course)
        self.assertEqual(enrolment.member_status, "completed")
        self.assertFalse(self._resume_lines(channel_id=self.party_course.id))

    def test_another_completed_course_is_still_written_on_the_resume(self):
        enrolment = self._complete(self.other_course)
        self.assertEqual(enrolment.member_status, "completed")
        self.assertTrue(self._resume_lines(channel_id=self.other_course.id))

    def test_a_passed_party_exam_is_not_written_on_the_resume(self):
        survey, __, __ = create_party_exam(
            self.env, self.party_course, "OFR Party exam", scoring_success_min=0.0
        )
        attempt = self._pass(survey)
        self.assertTrue(attempt.scoring_success)
        self.assertFalse(self._resume_lines(survey_id=survey.id))

    def test_another_passed_certification_is_still_written_on_the_resume(self):
        survey, __, __ = create_party_exam(
            self.env, self.other_course, "OFR Safety exam", scoring_success_min=0.0
        )
        attempt = self._pass(survey)
        self.assertTrue(attempt.scoring_success)
        self.assertTrue(self._resume_lines(survey_id=survey.id))

    def test_joining_a_party_course_is_not_posted_on_the_employee(self):
        self.party_course.sudo()._action_add_members(self.user.partner_id)
        self.assertFalse(self._employee_messages("OFR Party course"))

    def test_joining_another_course_is_still_posted_on_the_employee(self):
        self.other_course.sudo()._action_add_members(self.user.partner_id)
        self.assertTrue(self._employee_messages("OFR Safety course"))
