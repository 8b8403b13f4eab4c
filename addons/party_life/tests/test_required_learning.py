"""Required learning (issue 26, item 1): Party courses assigned to organisations enrol
their members and follow the register (joins, transfers, departures); the yearly study
requirement per member category, its shortfall on the member's home and page, and the
organisation's finding when the year ended short; a course assigned to an
organisation the officer does not manage is refused."""

from datetime import date

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase, member_user
from odoo.addons.party_branch.tests.rpc import rpc


class RequiredLearningCase(PartyBranchCase):
    compliance_codes = ("study_short",)

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.Channel = cls.env["slide.channel"]
        cls.ChannelPartner = cls.env["slide.channel.partner"].with_context(active_test=False)
        cls.year = fields.Date.context_today(cls.Member).year

    @classmethod
    def _course(cls, orgs, name="RL course", hours=(1.0,), user=None):
        # website_slides: a course officer edits the courses they are responsible for
        course = cls.Channel.create(
            {
                "name": name,
                "is_party_course": True,
                "is_published": True,
                "user_id": (user or cls.officer_a).id,
                "party_organization_ids": [(6, 0, orgs.ids)],
            }
        )
        cls.env["slide.slide"].create(
            [
                {
                    "name": f"{name} lesson {i}",
                    "channel_id": course.id,
                    "slide_category": "article",
                    "html_content": "<p>Lesson</p>",
                    "completion_time": h,
                    "is_published": True,
                }
                for i, h in enumerate(hours)
            ]
        )
        return course

    def _enrolled(self, course, member):
        row = self.ChannelPartner.search(
            [("channel_id", "=", course.id), ("partner_id", "=", member.partner_id.id)]
        )
        return bool(row.filtered("active"))

    def _complete(self, member, slides, day):
        self.env["slide.slide.partner"].create(
            [
                {
                    "slide_id": slide.id,
                    "partner_id": member.partner_id.id,
                    "completed": True,
                    "completed_date": day,
                }
                for slide in slides
            ]
        )


@tagged("post_install", "-at_install")
class TestEnrolment(RequiredLearningCase):
    def test_course_assigned_by_an_officer_enrols_the_members_of_the_organisation_and_below(self):
        course_id = rpc(
            self.env,
            self.officer_a,
            "slide.channel",
            "create",
            {"name": "RL assigned", "is_party_course": True,
             "party_organization_ids": [(6, 0, [self.branch_a.id])]},
        )  # fmt: skip
        course = self.Channel.browse(course_id)
        self.assertTrue(self._enrolled(course, self.member_a))  # in Group A1, below Branch A
        self.assertTrue(self._enrolled(course, self.secretary_a))
        self.assertFalse(self._enrolled(course, self.member_b))
        self.assertEqual((course.visibility, course.enroll), ("members", "invite"))

    def test_a_new_member_is_enrolled_when_joining(self):
        course = self._course(self.branch_a)
        newcomer = self._member(self.branch_a, "RL Newcomer")
        self.assertTrue(self._enrolled(course, newcomer))

    def test_members_created_at_once_take_the_queries_of_one(self):
        """The enrolment and the contacts' defaults are read once per create, not per
        member (account's invoice-template default counted the reports per contact)."""
        self._course(self.branch_a)

        def queries(count, prefix):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            created = self._members(self.branch_a, count, prefix=prefix)
            self.env.flush_all()
            self.assertEqual(len(created), count)
            return self.cr.sql_log_count - before

        queries(1, "RL warm")  # the registry's first create of a member
        self.assertEqual(queries(1, "RL one"), queries(12, "RL twelve"))

    def test_no_member_to_enrol_reads_nothing(self):
        self._course(self.branch_a)
        self.env.flush_all()
        before = self.cr.sql_log_count
        self.Channel._party_sync_enrolment(self.env["party.member"])
        self.assertEqual(self.cr.sql_log_count - before, 0)

    def test_a_member_transferred_in_is_enrolled_and_leaves_the_former_course(self):
        course_a = self._course(self.branch_a, "RL course A")
        course_b = self._course(self.branch_b, "RL course B")
        self.assertTrue(self._enrolled(course_a, self.member_a))
        transfer = self.Transfer.with_user(self.officer_a).create(
            {"member_id": self.member_a.id, "to_organization_id": self.branch_b.id,
             "letter_number": "RL-LETTER-1", "reason": "New job"}
        )  # fmt: skip
        transfer.action_send()
        transfer.with_user(self.officer_b).action_complete()
        self.assertTrue(self._enrolled(course_b, self.member_a))
        self.assertFalse(self._enrolled(course_a, self.member_a))

    def test_a_member_who_leaves_is_removed_and_keeps_the_hours_studied(self):
        course = self._course(self.branch_a, hours=(2.0,))
        self._complete(self.member_a, course.slide_ids, date(self.year, 1, 2))
        self.member_a.status = "withdrawn"
        self.assertFalse(self._enrolled(course, self.member_a))
        self.assertEqual(self.member_a._study_hours(self.year)[self.member_a.id], 2.0)

    def test_taking_the_organisation_off_the_course_removes_its_members(self):
        course = self._course(self.branch_a | self.branch_b, user=self.officer_c)
        rpc(self.env, self.officer_c, "slide.channel", "write",
            {"party_organization_ids": [(3, self.branch_b.id)]}, ids=course.ids)  # fmt: skip
        self.assertFalse(self._enrolled(course, self.member_b))
        self.assertTrue(self._enrolled(course, self.member_a))

    def test_a_course_assigned_to_an_organisation_the_officer_does_not_manage_is_refused(self):
        course = self._course(self.branch_a)
        with self.assertRaisesRegex(AccessError, "You do not manage Branch B"):
            rpc(self.env, self.officer_a, "slide.channel", "write",
                {"party_organization_ids": [(4, self.branch_b.id)]}, ids=course.ids)  # fmt: skip
        self.assertEqual(course.party_organization_ids, self.branch_a)
        self.assertFalse(self._enrolled(course, self.member_b))

    def test_a_new_course_for_an_organisation_the_officer_does_not_manage_is_refused(self):
        with self.assertRaisesRegex(AccessError, "You do not manage Branch B"):
            rpc(self.env, self.officer_a, "slide.channel", "create",
                {"name": "RL foreign", "is_party_course": True,
                 "party_organization_ids": [(6, 0, [self.branch_b.id])]})  # fmt: skip
        self.assertFalse(self.Channel.search([("name", "=", "RL foreign")]))

    def test_taking_another_organisation_off_a_course_is_refused(self):
        course = self._course(self.branch_a | self.branch_b)
        with self.assertRaisesRegex(AccessError, "You do not manage Branch B"):
            rpc(self.env, self.officer_a, "slide.channel", "write",
                {"party_organization_ids": [(6, 0, [self.branch_a.id])]}, ids=course.ids)  # fmt: skip
        self.assertEqual(course.party_organization_ids, self.branch_a | self.branch_b)


@tagged("post_install", "-at_install")
class TestStudyRequirement(RequiredLearningCase):
    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.branch_s = cls._org("Branch S", "branch", cls.committee)
        cls.student = cls._member(cls.branch_s, "RL Student")
        cls.course = cls._course(cls.branch_s, hours=(16.0, 15.75, 0.25))

    def test_the_requirement_is_data_per_category_with_its_source(self):
        requirement = self.env.ref("party_life.study_requirement_full")
        self.assertEqual(requirement.hours, 32.0)
        self.assertIn("32学时", requirement.source)
        self.assertEqual(self.student.study_hours_required, 32.0)

    def test_the_shortfall_of_the_year(self):
        self._complete(self.student, self.course.slide_ids[:2], date(self.year, 1, 3))
        self.assertEqual(self.student.study_hours_year, 31.75)
        self.assertEqual(self.student.study_shortfall, 0.25)

    def test_the_year_ended_short_is_a_finding_of_the_organisation(self):
        last = self.year - 1
        self._complete(self.student, self.course.slide_ids[:2], date(last, 6, 1))
        findings = self._check(self.branch_s, on_date=date(self.year, 1, 10), code="study_short")
        self.assertEqual(len(findings), 1)
        self.assertIn("RL Student", findings.message)
        self.assertIn(str(last), findings.message)

    def test_the_year_that_met_the_requirement_is_no_finding(self):
        last = self.year - 1
        self._complete(self.student, self.course.slide_ids, date(last, 6, 1))  # 32.0 hours
        findings = self._check(self.branch_s, on_date=date(self.year, 1, 10), code="study_short")
        self.assertFalse(findings)

    def test_the_secretary_lists_who_has_not_studied_enough_in_their_organisations(self):
        self._complete(self.member_a, self.course.slide_ids, date(self.year, 1, 3))
        rows = rpc(self.env, self.officer_a, "party.member", "search_read",
                   [("study_shortfall", ">", 0)], ["name", "study_shortfall"])  # fmt: skip
        names = {row["name"] for row in rows}
        self.assertIn("Secretary A", names)
        self.assertNotIn("Member A", names)  # 32 hours: met
        self.assertNotIn("Member B", names)  # another branch's member


@tagged("post_install", "-at_install")
class TestStudyPages(HttpCase, RequiredLearningCase):
    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("en_US")
        cls.course = cls._course(cls.branch_a, "RL Constitution", hours=(1.5, 2.0))
        cls.outsider = member_user(cls.env, "rl_outsider")
        cls.member_b.user_id = cls.outsider

    def test_the_member_sees_what_counted_on_the_study_page(self):
        self._complete(self.member_a, self.course.slide_ids[:1], date(self.year, 1, 5))
        self.authenticate("pbt_portal", "pbt_portal")
        page = self.url_open("/my/party/study").text
        self.assertIn("RL Constitution lesson 0", page)
        self.assertNotIn("RL Constitution lesson 1", page)
        self.assertIn("30.5 hours still to study this year.", page)

    def test_the_member_home_shows_the_shortfall_and_the_course(self):
        self.authenticate("pbt_portal", "pbt_portal")
        page = self.url_open("/my/party").text
        self.assertIn("32 hours still to study this year.", page)
        self.assertRegex(page, r"RL Constitution</span>: 0%")

    def test_the_member_reaches_the_course_on_slides(self):
        self.authenticate("pbt_portal", "pbt_portal")
        response = self.url_open(f"/slides/{self.course.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("RL Constitution lesson 0", response.text)

    def test_a_member_of_another_organisation_does_not_see_the_course(self):
        self.authenticate("rl_outsider", "rl_outsider")
        self.assertNotIn("RL Constitution", self.url_open("/slides/all").text)
        response = self.url_open(f"/slides/{self.course.id}")
        self.assertNotIn("RL Constitution lesson 0", response.text)

    def test_the_study_page_without_membership_sends_home(self):
        user = new_test_user(self.env, login="rl_nobody", groups="base.group_portal")
        self.authenticate(user.login, user.login)
        response = self.url_open("/my/party/study", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))

    def _post(self, url, **data):  # pragma: no cover - kept for symmetry with other pages
        return self.url_open(url, data={"csrf_token": http.Request.csrf_token(self), **data})
