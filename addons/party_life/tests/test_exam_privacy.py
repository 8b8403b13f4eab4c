"""Who reads the results of a Party exam (issue 26, item 2): an attempt at an exam of a
Party course and its answers are part of the member's learning record, read by the
member, the officers of the member's organisation and above, and the Party
administrators only, through every path: RPC (read, search_read, read_group,
export_data), survey's results page, eLearning's profile pages. A survey user or
manager keeps the use of the surveys that are no Party exam."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .exam_common import PartyExamCase


@tagged("post_install", "-at_install")
class TestExamPrivacy(PartyExamCase):
    exam_course, exam_title = "EP course", "EP Constitution exam"

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        # employees without Party groups who use Odoo's surveys
        cls.clerk = new_test_user(
            cls.env, login="ep_clerk", groups="base.group_user,survey.group_survey_user"
        )
        cls.manager = new_test_user(
            cls.env,
            login="ep_manager",
            groups="base.group_user,base.group_allow_export,survey.group_survey_manager",
        )

    def _read_attempts(self, user, model="survey.user_input"):
        field = "survey_id" if model == "survey.user_input" else "user_input_id"
        rows = rpc(self.env, user, model, "search_read", [("survey_id", "=", self.survey.id)],
                   [field])  # fmt: skip
        return [row["id"] for row in rows]

    # ------------------------------------------------------------------ refused

    def test_a_survey_user_without_party_groups_finds_no_party_exam_result(self):
        self._take_exam(correct=1)
        self.assertEqual(self._read_attempts(self.clerk), [])

    def test_a_survey_manager_finds_no_answer_of_a_party_exam(self):
        self._take_exam(correct=1)
        self.assertEqual(self._read_attempts(self.manager, "survey.user_input.line"), [])

    def test_a_survey_manager_reading_a_party_exam_score_by_id_is_refused(self):
        attempt = self._take_exam(correct=1)
        with self.assertRaises(AccessError):
            rpc(self.env, self.manager, "survey.user_input", "read", ["scoring_percentage"],
                ids=attempt.ids)  # fmt: skip

    def test_a_survey_manager_grouping_party_exam_results_counts_none(self):
        self._take_exam(correct=1)
        groups = rpc(self.env, self.manager, "survey.user_input", "read_group",
                     [("survey_id", "=", self.survey.id)], ["scoring_percentage:max"],
                     ["scoring_success"])  # fmt: skip
        self.assertEqual(groups, [])

    def test_a_survey_manager_exporting_a_party_exam_result_is_refused(self):
        attempt = self._take_exam(correct=1)
        with self.assertRaises(AccessError):
            rpc(self.env, self.manager, "survey.user_input", "export_data",
                ["partner_id", "scoring_percentage"], ids=attempt.ids)  # fmt: skip

    def test_an_officer_of_a_sibling_branch_finds_no_party_exam_result(self):
        self._take_exam(correct=1)
        self.assertEqual(self._read_attempts(self.officer_b), [])

    def test_a_survey_manager_unmarking_a_party_exam_is_refused(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.manager, "survey.survey", "write", {"is_party_exam": False},
                ids=self.survey.ids)  # fmt: skip
        self.assertTrue(self.survey.is_party_exam)

    def test_an_archived_exam_content_keeps_its_results_private(self):
        self._take_exam(correct=1)
        self.exam.active = False
        self.assertEqual(self._read_attempts(self.manager), [])

    def test_the_results_page_of_a_party_exam_shows_a_survey_manager_no_answer(self):
        self._take_exam(correct=1)
        self.authenticate("ep_manager", "ep_manager")
        response = self.url_open(f"/survey/results/{self.survey.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("EP Constitution exam", response.text)
        # neither the member's choices nor her average score of 50 %
        self.assertNotIn("1 Votes", response.text)
        self.assertNotIn("50.0%", response.text)

    def test_the_member_profile_page_shows_a_survey_manager_no_party_exam_result(self):
        self._take_exam(correct=2)
        self.portal.sudo().write({"karma": 10, "website_published": True})
        self.manager.sudo().karma = 1000
        self.authenticate("ep_manager", "ep_manager")
        response = self.url_open(f"/profile/user/{self.portal.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Member A", response.text)
        self.assertNotIn("EP Constitution exam", response.text)

    def _badge(self, name):
        return self.env["gamification.badge"].create({"name": name})

    def test_a_survey_manager_giving_a_badge_for_a_party_exam_is_refused(self):
        badge = self._badge("EP exam badge")
        with self.assertRaisesRegex(ValidationError, "A Party exam awards no certification badge"):
            rpc(self.env, self.manager, "survey.survey", "write",
                {"certification_give_badge": True, "certification_badge_id": badge.id},
                ids=self.survey.ids)  # fmt: skip
        self.assertFalse(self.survey.certification_give_badge)

    def test_a_badge_giving_certification_put_into_a_party_course_is_refused(self):
        survey = self.env["survey.survey"].create(
            {"title": "EP badge exam", "survey_type": "assessment", "certification": True,
             "certification_give_badge": True, "certification_badge_id": self._badge("EP b").id}
        )  # fmt: skip
        with self.assertRaisesRegex(ValidationError, "A Party exam awards no certification badge"):
            self.env["slide.slide"].create(
                {"name": "EP badge exam", "channel_id": self.course.id,
                 "slide_category": "certification", "survey_id": survey.id}
            )  # fmt: skip
        self.assertFalse(survey.is_party_exam)

    # ------------------------------------------------------------------ allowed

    def test_a_survey_that_is_no_party_exam_gives_its_badge(self):
        survey = self.env["survey.survey"].create(
            {"title": "EP Safety quiz", "survey_type": "assessment", "certification": True}
        )
        rpc(self.env, self.manager, "survey.survey", "write",
            {"certification_give_badge": True, "certification_badge_id": self._badge("EP s").id},
            ids=survey.ids)  # fmt: skip
        self.assertTrue(survey.certification_give_badge)

    def test_the_member_officers_and_the_party_administrator_read_the_result(self):
        attempt = self._take_exam(correct=1)
        for user in (self.officer_a, self.officer_c, self.admin):
            with self.subTest(user=user.login):
                self.assertEqual(self._read_attempts(user), attempt.ids)
        self.authenticate("pbt_portal", "pbt_portal")
        self.assertIn("EP Constitution exam", self.url_open("/my/party/study").text)

    def test_a_survey_manager_reads_the_results_of_a_survey_that_is_no_party_exam(self):
        survey = self.env["survey.survey"].create(
            {"title": "EP Canteen survey", "survey_type": "survey", "access_mode": "public"}
        )
        self.env["survey.question"].create(
            {"survey_id": survey.id, "title": "Lunch?", "question_type": "char_box"}
        )
        answer = survey._create_answer(partner=self.member_a.partner_id)
        answer._save_lines(survey.question_ids, "Noodles")
        answer._mark_done()
        rows = rpc(self.env, self.manager, "survey.user_input", "search_read",
                   [("survey_id", "=", survey.id)], ["state"])  # fmt: skip
        self.assertEqual([(row["id"], row["state"]) for row in rows], [(answer.id, "done")])
        lines = rpc(self.env, self.manager, "survey.user_input.line", "search_read",
                    [("survey_id", "=", survey.id)], ["value_char_box"])  # fmt: skip
        self.assertEqual([line["value_char_box"] for line in lines], ["Noodles"])
        self.authenticate("ep_manager", "ep_manager")
        self.assertIn("Noodles", self.url_open(f"/survey/results/{survey.id}").text)
