"""Red team of session 11: a Party exam awards no certification badge, by any path (the
exam's survey, its content moved or repointed, its course flagged), and the dues rows
without their magic columns (``_log_access = False``) read over RPC."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyDuesCase
from .exam_common import PartyExamCase

REFUSED = "A Party exam awards no certification badge"


@tagged("post_install", "-at_install")
class TestRedteamSession11ExamBadge(PartyExamCase):
    exam_course, exam_title = "RT11 course", "RT11 Constitution exam"

    def _badge_survey(self, title):
        badge = self.env["gamification.badge"].create({"name": f"{title} badge"})
        return self.env["survey.survey"].create(
            {"title": title, "survey_type": "assessment", "certification": True,
             "certification_give_badge": True, "certification_badge_id": badge.id}
        )  # fmt: skip

    def _plain_course(self):
        return self.env["slide.channel"].create({"name": "RT11 plain course"})

    def test_a_badge_certification_moved_into_a_party_course_is_refused(self):
        survey = self._badge_survey("RT11 moved")
        slide = self.env["slide.slide"].create(
            {"name": "RT11 moved", "channel_id": self._plain_course().id,
             "slide_category": "certification", "survey_id": survey.id}
        )  # fmt: skip
        with self.assertRaisesRegex(ValidationError, REFUSED):
            slide.write({"channel_id": self.course.id})
            self.env.flush_all()

    def test_a_party_exam_content_repointed_at_a_badge_certification_is_refused(self):
        survey = self._badge_survey("RT11 repointed")
        with self.assertRaisesRegex(ValidationError, REFUSED):
            self.exam.write({"survey_id": survey.id})
            self.env.flush_all()

    def test_a_course_with_a_badge_certification_flagged_party_is_refused(self):
        course = self._plain_course()
        survey = self._badge_survey("RT11 flagged")
        self.env["slide.slide"].create(
            {"name": "RT11 flagged", "channel_id": course.id,
             "slide_category": "certification", "survey_id": survey.id}
        )  # fmt: skip
        with self.assertRaisesRegex(ValidationError, REFUSED):
            course.write({"is_party_course": True})
            self.env.flush_all()

    def test_an_archived_badge_certification_moved_into_a_party_course_is_refused(self):
        survey = self._badge_survey("RT11 archived")
        slide = self.env["slide.slide"].create(
            {"name": "RT11 archived", "channel_id": self._plain_course().id,
             "slide_category": "certification", "survey_id": survey.id, "active": False}
        )  # fmt: skip
        with self.assertRaisesRegex(ValidationError, REFUSED):
            slide.write({"channel_id": self.course.id})
            self.env.flush_all()

    def test_a_party_exam_given_a_badge_by_its_badge_field_alone_awards_none(self):
        badge = self.env["gamification.badge"].create({"name": "RT11 badge only"})
        self.survey.write({"certification_badge_id": badge.id})
        with self.assertRaisesRegex(ValidationError, REFUSED):
            self.survey.write({"certification_give_badge": True})


@tagged("post_install", "-at_install")
class TestRedteamSession11DuesRows(PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._generate_this_month()

    def test_member_reads_every_field_of_their_row(self):
        [row] = rpc(self.env, self.portal, "party.dues", "read", [], ids=self.row_a.ids)
        self.assertNotIn("write_uid", row)
        self.assertEqual(row["member_id"][0], self.member_a.id)

    def test_member_reads_no_other_members_row_by_any_field(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.dues", "read", [], ids=self.row_b.ids)

    def test_member_finds_no_other_members_row_ordered_by_id(self):
        rows = rpc(self.env, self.portal, "party.dues", "search_read", [], ["id"],
                   order="id desc")  # fmt: skip
        self.assertEqual({row["id"] for row in rows}, set(self.row_a.ids))

    def test_officer_of_a_sibling_branch_reads_no_row_of_the_branch(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.dues", "read", ["amount", "base"],
                ids=self.row_a.ids)  # fmt: skip

    def test_member_writes_no_amount_of_their_row(self):
        amount = self.row_a.amount
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "party.dues", "write", {"amount": 0.01},
                ids=self.row_a.ids)  # fmt: skip
        self.assertEqual(self.row_a.amount, amount)

    def test_officer_of_a_sibling_branch_writes_no_row_of_the_branch(self):
        amount = self.row_a.amount
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.dues", "write", {"amount": 0.01},
                ids=self.row_a.ids)  # fmt: skip
        self.assertEqual(self.row_a.amount, amount)
