"""The study requirement of secretaries and committee members (issue 26, item 1):
《2019—2023年全国党员教育培训工作规划》: 基层党组织书记和班子成员每年参加集中培训和集体学习时间
不少于56学时, beside the 32 of every member. The holders of a committee position at any
time in the year study 56 hours; a member to whom both apply studies the higher; the
shortfall on the member's study page and the officer's list, and the finding at the end
of the year, on both sides of the threshold."""

from datetime import date

from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .test_required_learning import RequiredLearningCase


@tagged("post_install", "-at_install")
class TestStudyByPosition(HttpCase, RequiredLearningCase):
    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.branch_p = cls._org("Branch P", "branch", cls.committee)
        cls.chair = cls._member(cls.branch_p, "SP Secretary")
        cls.plain = cls._member(cls.branch_p, "SP Member")
        cls.last = cls.year - 1
        cls.env["party.position"].create(
            {
                "organization_id": cls.branch_p.id,
                "member_id": cls.chair.id,
                "position_type_id": cls.ptype["secretary"].id,
                "date_start": date(cls.last, 3, 1),
            }
        )
        # 32 + 23.5 + 0.5 hours: lessons to complete up to or past each threshold
        cls.course = cls._course(cls.branch_p, "SP course", hours=(32.0, 23.5, 0.5))
        cls.requirement = cls.env.ref("party_life.study_requirement_committee")

    def _year_end_findings(self):
        return self._check(self.branch_p, on_date=date(self.year, 1, 10), code="study_short")

    def test_the_requirement_of_secretaries_and_committee_members_is_data_with_its_source(self):
        self.assertEqual(self.requirement.hours, 56.0)
        self.assertIn("基层党组织书记和班子成员", self.requirement.source)
        self.assertIn("56学时", self.requirement.source)
        self.assertEqual(
            set(self.requirement.position_type_ids.mapped("code")),
            {"secretary", "deputy_secretary", "organization", "propaganda", "discipline",
             "committee_member"},
        )  # fmt: skip

    def test_a_secretary_studies_56_hours_and_a_member_32(self):
        self.assertEqual(self.chair.study_hours_required, 56.0)
        self.assertEqual(self.plain.study_hours_required, 32.0)

    def test_a_group_leader_is_no_committee_member(self):
        leader = self._member(self.branch_a, "SP Group Leader", group_id=self.group_a.id)
        self.pos_leader_a.date_end = date(self.last, 1, 31)
        self._position(self.group_a, leader, "group_leader", start=date(self.last, 2, 1))
        self.assertEqual(leader.study_hours_required, 32.0)

    def test_a_member_to_whom_both_apply_studies_the_higher(self):
        full = self.env.ref("party_life.study_requirement_full")
        full.class_hours = 60
        self.env.invalidate_all()
        self.assertEqual(self.chair.study_hours_required, 60.0)
        full.class_hours = 40
        self.env.invalidate_all()
        self.assertEqual(self.chair.study_hours_required, 56.0)

    def test_a_position_held_in_a_past_year_only_does_not_count(self):
        past = self._member(self.branch_p, "SP Former Secretary")
        self.env["party.position"].create(
            {
                "organization_id": self.branch_p.id,
                "member_id": past.id,
                "position_type_id": self.ptype["committee_member"].id,
                "date_start": date(self.last - 2, 1, 1),
                "date_end": date(self.last - 1, 12, 31),
            }
        )
        self.assertEqual(past.study_hours_required, 32.0)
        self.assertEqual(past._study_shortfalls(self.last - 1)[past.id][1], 56.0)

    def test_the_secretary_short_of_56_hours_is_in_the_year_end_finding(self):
        self._complete(self.chair, self.course.slide_ids[:2], date(self.last, 6, 1))  # 55.5
        self._complete(self.plain, self.course.slide_ids[:1], date(self.last, 6, 1))  # 32
        findings = self._year_end_findings()
        self.assertEqual(len(findings), 1)
        self.assertIn("SP Secretary", findings.message)
        self.assertNotIn("SP Member", findings.message)

    def test_the_secretary_with_56_hours_is_no_finding(self):
        self._complete(self.chair, self.course.slide_ids, date(self.last, 6, 1))  # 56
        self._complete(self.plain, self.course.slide_ids[:1], date(self.last, 6, 1))  # 32
        self.assertFalse(self._year_end_findings())

    def test_the_officer_lists_the_secretary_short_of_56_hours(self):
        officer = self._chair_login()  # before the hours: the login's contact is the member's
        self._complete(self.chair, self.course.slide_ids[:2], date(self.year, 1, 3))  # 55.5
        self._complete(self.plain, self.course.slide_ids[:1], date(self.year, 1, 3))  # 32
        rows = rpc(self.env, officer, "party.member", "search_read",
                   [("study_shortfall", ">", 0), ("organization_id", "=", self.branch_p.id)],
                   ["name", "study_hours_required", "study_shortfall"])  # fmt: skip
        self.assertEqual(
            [(r["name"], r["study_hours_required"], r["study_shortfall"]) for r in rows],
            [("SP Secretary", 56.0, 0.5)],
        )

    def test_the_secretary_sees_the_56_hours_on_the_study_page(self):
        self._chair_login()
        self._complete(self.chair, self.course.slide_ids[:1], date(self.year, 1, 3))  # 32
        self.authenticate("sp_chair", "sp_chair")
        page = self.url_open("/my/party/study").text
        self.assertIn("/ 56 hours", page)
        self.assertIn("24 hours still to study this year.", page)

    def test_the_hours_required_take_the_same_queries_for_one_member_or_many(self):
        members = self.Member.search([])
        self.assertGreater(len(members), 5)

        def queries(some):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.env["party.study.requirement"]._hours_required(some, self.year)
            return self.cr.sql_log_count - before

        self.assertEqual(queries(members[:1]), queries(members))

    # ------------------------------------------------------------------ helpers

    def _chair_login(self):
        """The secretary's own login (an officer: they hold the branch's secretary)."""
        if not self.chair.user_id:
            user = self.env["res.users"].create(
                {
                    "name": "SP Secretary",
                    "login": "sp_chair",
                    "password": "sp_chair",
                    "groups_id": [
                        Command.link(self.env.ref("base.group_user").id),
                        Command.link(self.env.ref("party_branch.group_party_officer").id),
                    ],
                }
            )
            self.chair.user_id = user
        return self.chair.user_id
