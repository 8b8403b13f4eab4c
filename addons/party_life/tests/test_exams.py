"""Exams (issue 26, item 2): Odoo's survey certifications through website_slides_survey
in a Party course, taken by the member through the survey's own pages (the submission
path a browser uses), scored by the server; the results on the member's learning record
and the officer's list of who has not passed; an exam result written by hand refused."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .exam_common import PartyExamCase


@tagged("post_install", "-at_install")
class TestExams(PartyExamCase):
    exam_course, exam_title = "EX course", "EX Constitution exam"
    exam_values = {"slide_name": "EX exam", "is_time_limited": True, "time_limit": 20}

    def _enrolment(self):
        return self.ChannelPartner.search(
            [("channel_id", "=", self.course.id), ("partner_id", "=", self.member_a.partner_id.id)]
        )

    def test_an_exam_passed_completes_the_content_and_certifies_the_member(self):
        attempt = self._take_exam(correct=2)
        self.assertEqual(attempt.state, "done")
        self.assertEqual(attempt.scoring_percentage, 100.0)
        self.assertTrue(attempt.scoring_success)
        self.assertTrue(self._enrolment().survey_certification_success)
        done = self.env["slide.slide.partner"].search(
            [("slide_id", "=", self.exam.id), ("partner_id", "=", self.member_a.partner_id.id)]
        )
        self.assertTrue(done.completed)
        self.assertEqual(self.member_a.study_hours_year, 0.5)
        page = self.url_open("/my/party/study").text
        self.assertIn("EX Constitution exam", page)
        self.assertIn("o_party_exam_passed", page)

    def test_an_exam_failed_is_a_result_not_passed_on_the_member_page(self):
        attempt = self._take_exam(correct=1)
        self.assertEqual(attempt.state, "done")
        self.assertEqual(attempt.scoring_percentage, 50.0)
        self.assertFalse(attempt.scoring_success)
        self.assertFalse(self._enrolment().survey_certification_success)
        self.assertEqual(self.member_a.study_hours_year, 0.0)
        page = self.url_open("/my/party/study").text
        self.assertIn("o_party_exam_failed", page)

    def test_the_officer_lists_who_has_not_passed_per_course_and_organisation(self):
        self._take_exam(correct=1)
        action = self.env.ref("party_life.slide_channel_partner_party_exam_action")
        domain = [
            *eval(action.domain),  # noqa: S307 pylint: disable=eval-used
            ("survey_certification_success", "=", False),
            ("channel_id", "=", self.course.id),
            ("party_organization_id", "child_of", self.branch_a.id),
        ]
        rows = rpc(self.env, self.officer_a, "slide.channel.partner", "search_read",
                   domain, ["partner_id"])  # fmt: skip
        names = {row["partner_id"][1] for row in rows}
        self.assertIn("Member A", names)
        self.assertIn("Secretary A", names)  # enrolled, never took it
        self.assertNotIn("Member B", names)

    def test_the_member_results_on_the_learning_record(self):
        attempt = self._take_exam(correct=2)
        action = rpc(self.env, self.officer_a, "party.member", "action_view_exam_results",
                     ids=self.member_a.ids)  # fmt: skip
        rows = rpc(self.env, self.officer_a, "survey.user_input", "search_read",
                   action["domain"], ["scoring_percentage", "scoring_success"])  # fmt: skip
        self.assertEqual([r["id"] for r in rows], attempt.ids)
        self.assertTrue(rows[0]["scoring_success"])

    # ------------------------------------------------------------ results are the server's

    def test_the_member_writing_an_exam_result_over_rpc_is_refused(self):
        attempt = self._take_exam(correct=1)
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "survey.user_input", "write",
                {"scoring_percentage": 100.0, "scoring_success": True}, ids=attempt.ids)  # fmt: skip
        self.assertFalse(attempt.scoring_success)

    def test_the_member_marking_the_exam_completed_over_rpc_is_refused(self):
        with self.assertRaises(UserError):
            rpc(self.env, self.portal, "slide.slide", "action_mark_completed", ids=self.exam.ids)
        self.assertEqual(self.member_a.study_hours_year, 0.0)

    def test_a_survey_user_writing_a_party_exam_score_is_refused(self):
        attempt = self._take_exam(correct=1)
        clerk = new_test_user(
            self.env, login="ex_clerk", groups="base.group_user,survey.group_survey_user"
        )
        with self.assertRaisesRegex(AccessError, "Results of Party exams are written by the exam"):
            rpc(self.env, clerk, "survey.user_input", "write",
                {"scoring_percentage": 100.0, "scoring_success": True}, ids=attempt.ids)  # fmt: skip
        self.assertFalse(attempt.scoring_success)

    def test_a_survey_manager_rescoring_an_answer_of_a_party_exam_is_refused(self):
        attempt = self._take_exam(correct=1)
        clerk = new_test_user(
            self.env, login="ex_clerk2", groups="base.group_user,survey.group_survey_manager"
        )
        wrong = attempt.user_input_line_ids.filtered(lambda line: not line.answer_is_correct)
        with self.assertRaisesRegex(AccessError, "Results of Party exams are written by the exam"):
            rpc(self.env, clerk, "survey.user_input.line", "write",
                {"answer_score": 10.0, "answer_is_correct": True}, ids=wrong.ids)  # fmt: skip
        self.assertEqual(attempt.scoring_percentage, 50.0)

    def test_a_survey_user_deleting_a_party_exam_attempt_is_refused(self):
        attempt = self._take_exam(correct=1)
        clerk = new_test_user(
            self.env, login="ex_clerk3", groups="base.group_user,survey.group_survey_user"
        )
        # a survey user without Party groups does not even read it (test_exam_privacy.py)
        with self.assertRaises(AccessError):
            rpc(self.env, clerk, "survey.user_input", "unlink", ids=attempt.ids)
        self.assertTrue(attempt.exists())

    def test_the_member_officer_deleting_a_party_exam_attempt_is_refused(self):
        attempt = self._take_exam(correct=1)
        # an officer who reads the attempt and is also a survey user (survey's right to
        # delete): still refused, by the rule of the exam
        self.officer_a.groups_id |= self.env.ref("survey.group_survey_user")
        with self.assertRaisesRegex(AccessError, "Results of Party exams are written by the exam"):
            rpc(self.env, self.officer_a, "survey.user_input", "unlink", ids=attempt.ids)
        self.assertTrue(attempt.exists())
