"""How long a member took over a Party exam is part of their result: survey's average
duration of a survey (``answer_duration_avg``, averaged in SQL over every attempt, past
the record rules) counts, for a Party exam, only the attempts the caller reads. Shown on
the survey's form and list, on its results page and by eLearning's certification search:
with one attempt, it was that member's time, to a survey user or an officer of a sibling
branch (docs/security.md, Party courses and exams)."""

from datetime import timedelta

from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .exam_common import PartyExamCase


@tagged("post_install", "-at_install")
class TestExamDuration(PartyExamCase):
    exam_course, exam_title = "ED course", "ED Constitution exam"

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, login="ed_manager", groups="base.group_user,survey.group_survey_manager"
        )

    def _take_exam_in_twelve_minutes(self):
        attempt = self._take_exam(correct=2)
        attempt.start_datetime = attempt.end_datetime - timedelta(minutes=12)
        return attempt

    def _duration(self, user):
        [row] = rpc(self.env, user, "survey.survey", "read", ["answer_duration_avg"],
                    ids=self.survey.ids)  # fmt: skip
        return row["answer_duration_avg"]

    def test_an_officer_of_a_sibling_branch_reads_no_duration_of_the_exam(self):
        self._take_exam_in_twelve_minutes()
        self.assertEqual(self._duration(self.officer_b), 0.0)

    def test_a_survey_manager_reads_no_duration_of_the_exam(self):
        self._take_exam_in_twelve_minutes()
        self.assertEqual(self._duration(self.manager), 0.0)

    def test_the_results_page_shows_a_survey_manager_no_average_duration(self):
        self._take_exam_in_twelve_minutes()
        self.authenticate("ed_manager", "ed_manager")
        response = self.url_open(f"/survey/results/{self.survey.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("ED Constitution exam", response.text)
        self.assertFalse("Average Duration" in response.text, "the average duration is shown")

    def test_the_certification_search_shows_an_officer_of_a_sibling_branch_no_duration(self):
        self._take_exam_in_twelve_minutes()
        self.authenticate("pbt_officer_b", "pbt_officer_b")
        result = self.make_jsonrpc_request(
            "/slides_survey/certification/search_read", {"fields": ["answer_duration_avg"]}
        )
        rows = [row for row in result["read_results"] if row["id"] == self.survey.id]
        self.assertEqual(rows, [{"id": self.survey.id, "answer_duration_avg": 0.0}])

    def test_the_members_officers_read_the_average_duration(self):
        self._take_exam_in_twelve_minutes()
        for user in (self.officer_a, self.officer_c, self.admin):
            with self.subTest(user=user.login):
                self.assertAlmostEqual(self._duration(user), 0.2, places=3)
