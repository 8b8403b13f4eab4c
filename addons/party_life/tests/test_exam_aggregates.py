"""Totals of a Party exam outside its results page: a contact's count of
certifications, a course's count of certified members, the enrolments and the progress
that carry the pass. Read, like the attempts, only by the member, the officers of the
member's organisation and above and the Party administrators; a survey user or an
officer of a sibling branch counts nothing (docs/security.md, Party courses and exams)."""

from odoo.tests import new_test_user, tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .exam_common import PartyExamCase


@tagged("post_install", "-at_install")
class TestExamAggregates(PartyExamCase):
    exam_course, exam_title = "EA course", "EA Constitution exam"

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env, login="ea_clerk", groups="base.group_user,survey.group_survey_user"
        )

    def _certifications(self, user):
        [row] = rpc(self.env, user, "res.partner", "read", ["certifications_count"],
                    ids=self.member_a.partner_id.ids)  # fmt: skip
        return row["certifications_count"]

    def _certified_members(self, user):
        [row] = rpc(self.env, user, "slide.channel", "read", ["members_certified_count"],
                    ids=self.course.ids)  # fmt: skip
        return row["members_certified_count"]

    def _passes(self, user, model, field):
        rows = rpc(self.env, user, model, "search_read",
                   [("channel_id", "=", self.course.id), (field, "=", True)],
                   ["partner_id"])  # fmt: skip
        return [row["partner_id"][0] for row in rows]

    def test_a_survey_user_counts_no_party_exam_passed_by_a_member(self):
        self._take_exam(correct=2)
        self.assertEqual(self._certifications(self.clerk), 0)

    def test_an_officer_of_a_sibling_branch_counts_no_party_exam_passed(self):
        self._take_exam(correct=2)
        self.assertEqual(self._certifications(self.officer_b), 0)

    def test_an_officer_of_a_sibling_branch_counts_no_certified_member_of_the_course(self):
        self._take_exam(correct=2)
        self.assertEqual(self._certified_members(self.officer_b), 0)

    def test_an_officer_of_a_sibling_branch_finds_no_certified_enrolment(self):
        self._take_exam(correct=2)
        passes = self._passes(self.officer_b, "slide.channel.partner",
                              "survey_certification_success")  # fmt: skip
        self.assertEqual(passes, [])

    def test_an_officer_of_a_sibling_branch_finds_no_passed_exam_content(self):
        self._take_exam(correct=2)
        passes = self._passes(self.officer_b, "slide.slide.partner", "survey_scoring_success")
        self.assertEqual(passes, [])

    def test_an_officer_of_a_sibling_branch_counts_no_pass_in_the_company_total(self):
        company = self.env["res.partner"].create({"name": "EA Works", "is_company": True})
        self.member_a.partner_id.parent_id = company
        self._take_exam(correct=2)
        totals = {}
        for user in (self.admin, self.officer_b):  # the administrator's total computed first
            [row] = rpc(self.env, user, "res.partner", "read", ["certifications_company_count"],
                        ids=company.ids)  # fmt: skip
            totals[user.login] = row["certifications_company_count"]
        self.assertEqual(totals, {self.admin.login: 1, self.officer_b.login: 0})

    def test_the_members_officers_count_and_find_the_pass(self):
        self._take_exam(correct=2)
        partner = self.member_a.partner_id.id
        for user in (self.officer_a, self.officer_c, self.admin):
            with self.subTest(user=user.login):
                self.assertEqual(self._certifications(user), 1)
                self.assertEqual(self._certified_members(user), 1)
                self.assertEqual(
                    self._passes(user, "slide.channel.partner", "survey_certification_success"),
                    [partner],
                )
                self.assertEqual(
                    self._passes(user, "slide.slide.partner", "survey_scoring_success"),
                    [partner],
                )
