"""Red team of session 10, through the RPC dispatch: the totals of a Party course.

A Party course is completed when its exam is passed: the course's count of members who
completed it (eLearning's ``members_completed_count``, and ``members_count``, counted as
superuser) tells, like its count of certified members, who passed. An officer of a
sibling branch who reads the course counts no member of another branch among them
(docs/security.md, Party courses and exams)."""

from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .exam_common import PartyExamCase


@tagged("post_install", "-at_install")
class TestRedteamSession10CourseTotals(PartyExamCase):
    exam_course, exam_title = "RT10 course", "RT10 Constitution exam"

    def _totals(self, user, fields):
        [row] = rpc(self.env, user, "slide.channel", "read", fields, ids=self.course.ids)
        return {name: row[name] for name in fields}

    def _passed(self):
        self._take_exam(correct=2)
        lessons = self.course.slide_ids - self.exam
        lessons.with_user(self.portal).sudo()._action_mark_completed()
        passed = self.env["slide.channel.partner"].search(
            [("channel_id", "=", self.course.id), ("member_status", "=", "completed")]
        )
        self.assertTrue(passed, "passing the exam completes the course")

    def test_an_officer_of_a_sibling_branch_counts_no_member_who_completed_the_course(self):
        self._passed()
        totals = self._totals(self.officer_b, ["members_completed_count"])
        self.assertEqual(totals, {"members_completed_count": 0})

    def test_the_members_officer_counts_the_member_who_completed_the_course(self):
        self._passed()
        totals = self._totals(self.officer_a, ["members_completed_count"])
        self.assertEqual(totals, {"members_completed_count": 1})

    def test_an_officer_of_a_sibling_branch_reads_no_completed_course_of_a_member(self):
        self._passed()
        [row] = rpc(self.env, self.officer_b, "res.partner", "read", ["slide_channel_completed_ids"],
                    ids=self.member_a.partner_id.ids)  # fmt: skip
        self.assertNotIn(self.course.id, row["slide_channel_completed_ids"])

    def test_an_officer_of_a_sibling_branch_finds_no_member_by_the_course_completed(self):
        self._passed()
        found = rpc(self.env, self.officer_b, "res.partner", "search",
                    [("slide_channel_completed_ids", "in", self.course.ids)])  # fmt: skip
        self.assertNotIn(self.member_a.partner_id.id, found)

    def test_the_members_officer_reads_the_completed_course_of_the_member(self):
        self._passed()
        [row] = rpc(self.env, self.officer_a, "res.partner", "read", ["slide_channel_completed_ids"],
                    ids=self.member_a.partner_id.ids)  # fmt: skip
        self.assertIn(self.course.id, row["slide_channel_completed_ids"])
