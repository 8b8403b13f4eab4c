"""A member's Party courses on their eLearning profile (``/profile/user/<id>``): website_slides
lists the courses a user follows and has completed, searched as superuser, to every
visitor of a published profile. A Party course's enrolment is the member's learning
record (completed: its exam passed): shown only to the member, the officers of the
member's organisation and above and the Party administrators (docs/security.md, Party
courses and exams)."""

from odoo.tests import new_test_user, tagged

from .exam_common import PartyExamCase


@tagged("post_install", "-at_install")
class TestExamProfile(PartyExamCase):
    exam_course, exam_title = "EPR Constitution course", "EPR exam"

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, login="epr_manager", groups="base.group_user,survey.group_survey_manager"
        )
        cls.portal.sudo().write({"karma": 10, "website_published": True})
        (cls.manager | cls.officer_a | cls.officer_b).sudo().karma = 1000

    def _profile(self, login):
        self.authenticate(login, login)
        response = self.url_open(f"/profile/user/{self.portal.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Member A", response.text)
        return response.text

    def test_an_officer_of_a_sibling_branch_sees_no_party_course_on_the_profile(self):
        self._take_exam(correct=2)
        shown = "EPR Constitution course" in self._profile("pbt_officer_b")
        self.assertFalse(shown, "the member's Party course is on the page")

    def test_a_survey_manager_sees_no_party_course_on_the_profile(self):
        self._take_exam(correct=2)
        shown = "EPR Constitution course" in self._profile("epr_manager")
        self.assertFalse(shown, "the member's Party course is on the page")

    def test_the_members_officer_sees_the_party_course_on_the_profile(self):
        self._take_exam(correct=2)
        shown = "EPR Constitution course" in self._profile("pbt_officer_a")
        self.assertTrue(shown, "the member's Party course is not on the page")
