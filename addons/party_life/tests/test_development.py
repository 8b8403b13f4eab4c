"""Member development (党员发展): the rules of 《中国共产党发展党员工作细则》2014.

Builds on the party_branch test tree (see party_branch/tests/common.py); no demo data.
Branch A has two full members (Secretary A, Member A), who introduce the applicants.
"""

from datetime import date, datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc

NO_CAL = {"party_meeting_no_calendar": True}
ERRORS = (UserError, ValidationError)
RULE = "发展党员工作细则"


class PartyDevelopmentCase(PartyBranchCase):
    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.Dev = cls.env["party.development"]
        cls.Meeting = cls.env["party.meeting"]
        cls.Activity = cls.env["mail.activity"]
        cls.introducers = cls.secretary_a | cls.member_a
        # Branch A: 2 full members due to vote.
        cls.assembly = cls._assembly(cls.branch_a, date(2024, 6, 3))
        cls.conversion_assembly = cls._assembly(cls.branch_a, date(2025, 6, 10))

    @classmethod
    def _assembly(cls, org, day, state="held", present=True):
        """A branch member assembly on ``day``; the members on its list were present
        (``present``): a vote needs more than half of the full members due present."""
        start = datetime(day.year, day.month, day.day, 9, 0)
        meeting = cls.Meeting.with_context(**NO_CAL).create(
            {
                "organization_id": org.id,
                "meeting_type": "branch_assembly",
                "start": start,
                "stop": start + timedelta(hours=2),
                "state": state,
            }
        )
        if present:
            meeting.attendance_ids.write({"state": "present"})
        return meeting

    def _dev(self, name="Applicant", org=None, **vals):
        partner = self.env["res.partner"].create({"name": name})
        values = {
            "partner_id": partner.id,
            "organization_id": (org or self.branch_a).id,
            "birthdate": date(2000, 1, 1),
            "application_date": date(2023, 1, 10),
            **vals,
        }
        return self.Dev.create(values)

    def _recommend(self, dev, day=date(2023, 1, 25)):
        """The recommendation by Party members (第八条), before the selection as activist."""
        dev.write(
            {
                "recommendation_date": day,
                "recommendation_method": "members",
                "recommended_by": "Secretary A, Member A",
            }
        )

    def _contacts(self, dev):
        """Two full members of Branch A named the activist's contact persons."""
        dev.write(
            {
                "contact_member_ids": [Command.set(self.introducers.ids)],
                "contact_date": dev.activist_date,
            }
        )

    def _activist(self, dev):
        """Recommended, selected as activist, contact persons named."""
        self._recommend(dev, min(dev.talk_date or dev.application_date, date(2023, 1, 25)))
        dev.action_to_activist()
        self._contacts(dev)
        return dev

    # the steps before the admission vote of 2024-06-03 (self.assembly): the political
    # review, the pre-examination, a public notice of 5 working days (Monday 2024-05-13
    # to Friday 2024-05-17), the application form
    BEFORE_VOTE = {
        "political_review_done": True,
        "political_review_date": date(2024, 5, 1),
        "political_review_by": "Branch A committee",
        "training_hours": 24,
        "preexam_date": date(2024, 5, 10),
        "notice_start": date(2024, 5, 13),
        "application_form_date": date(2024, 5, 20),
    }

    def _target(self, **vals):
        """A development target of Branch A, ready for the admission vote."""
        dev = self._dev(talk_date=date(2023, 1, 20))
        dev.write({"activist_date": date(2023, 3, 1)})
        self._activist(dev)
        dev.write({"target_date": date(2024, 3, 2)})
        dev.action_to_target()
        dev.write(
            {
                **self.BEFORE_VOTE,
                "preexam_organization_id": self.committee.id,
                "introducer_ids": [Command.set(self.introducers.ids)],
                "admission_meeting_id": self.assembly.id,
                "votes_for": 2,
                **vals,
            }
        )
        return dev

    def _probationary(self, **vals):
        dev = self._target()
        dev.action_admission_vote()
        dev.write({"approval_date": date(2024, 7, 1)})
        dev.action_approve_admission()
        if vals:
            dev.write(vals)
        return dev

    def _activities(self, dev, xmlid):
        return self.Activity.search(
            [
                ("res_model", "=", "party.development"),
                ("res_id", "=", dev.id),
                ("activity_type_id", "=", self.env.ref(f"party_life.{xmlid}").id),
            ]
        )


@tagged("post_install", "-at_install")
class TestDevelopmentRules(PartyDevelopmentCase):
    def test_applicant_under_18_refused(self):
        with self.assertRaisesRegex(ValidationError, "18.*" + RULE):
            self._dev(birthdate=date(2000, 1, 1), application_date=date(2017, 12, 31))
        dev = self._dev(birthdate=date(2000, 1, 1), application_date=date(2018, 1, 1))
        self.assertEqual(dev.stage, "applicant")

    def test_talk_within_one_month(self):
        dev = self._dev(application_date=date(2023, 1, 31))
        self.assertEqual(dev.talk_deadline, date(2023, 2, 28))
        with self.assertRaisesRegex(ValidationError, "1 month.*" + RULE):
            dev.talk_date = date(2023, 3, 1)
        dev.talk_date = date(2023, 2, 28)
        dev2 = self._dev(application_date=date(2023, 1, 10))
        with self.assertRaisesRegex(ValidationError, "1 month"):
            dev2.talk_date = date(2023, 2, 11)
        dev2.talk_date = date(2023, 2, 10)

    def test_activist_needs_the_talk(self):
        dev = self._dev()
        with self.assertRaisesRegex(UserError, "talk"):
            dev.action_to_activist()

    def test_activist_one_year_or_more(self):
        # 一年以上 includes the year: eligible on the anniversary, 2024-03-01 (it used to be
        # the day after, 2024-03-02, when the rule was read as "more than 1 year")
        dev = self._dev(talk_date=date(2023, 1, 20), activist_date=date(2023, 3, 1))
        self._activist(dev)
        self.assertEqual(dev.stage, "activist")
        self.assertEqual(dev.target_eligible_date, date(2024, 3, 1))
        with self.assertRaisesRegex(ValidationError, "1 year or more.*" + RULE):
            dev.write({"target_date": date(2024, 2, 29)})
        dev.write({"target_date": date(2024, 3, 1)})
        dev.action_to_target()
        self.assertEqual(dev.stage, "target")

    def test_target_today_refused_for_new_activist(self):
        dev = self._dev(talk_date=date(2023, 1, 20))
        self._activist(dev)
        with self.assertRaisesRegex(ValidationError, "1 year or more"):
            dev.action_to_target()

    def test_introducers(self):
        dev = self._target(introducer_ids=[Command.set(self.secretary_a.ids)])
        with self.assertRaisesRegex(UserError, "two full members.*" + RULE):
            dev.action_admission_vote()
        third = self._member(self.branch_a, "Third Full")
        with self.assertRaisesRegex(ValidationError, "exactly two"):
            dev.introducer_ids = self.introducers | third
        probationary = self._member(self.branch_a, "Probationary A", category="probationary")
        with self.assertRaisesRegex(ValidationError, "full members.*" + RULE):
            dev.introducer_ids = self.secretary_a | probationary
        dev.introducer_ids = self.introducers
        dev.action_admission_vote()
        self.assertTrue(dev.admission_voted)

    def test_political_review_before_admission(self):
        dev = self._target(political_review_done=False)
        with self.assertRaisesRegex(UserError, "political review.*" + RULE):
            dev.action_admission_vote()

    def test_training_hours(self):
        dev = self._target(training_hours=23)
        with self.assertRaisesRegex(UserError, "24 hours.*" + RULE):
            dev.action_admission_vote()
        dev.training_days = 3
        dev.action_admission_vote()
        self.assertTrue(dev.admission_voted)
        dev2 = self._target(training_hours=24)
        dev2.action_admission_vote()
        self.assertTrue(dev2.admission_voted)

    def test_vote_majority_boundary(self):
        # 4 full members due (counted, not typed), all present: 2 for is not more than half
        self._members(self.branch_a, 2, prefix="Full Voter")
        assembly = self._assembly(self.branch_a, date(2024, 6, 4))
        dev = self._target(admission_meeting_id=assembly.id, votes_for=2, votes_against=2)
        with self.assertRaisesRegex(UserError, "more than half.*" + RULE):
            dev.action_admission_vote()
        dev.write({"votes_for": 3, "votes_against": 1})
        dev.action_admission_vote()
        self.assertEqual((dev.admission_date, dev.voters_due), (date(2024, 6, 4), 4))

    def test_voters_due_are_full_members(self):
        """Probationary members have no vote: 3 full members due, 2 votes pass."""
        self._member(self.branch_a, "Probationary Voter", category="probationary")
        self._member(self.branch_a, "Full Voter")
        dev = self._target(votes_for=1)
        with self.assertRaisesRegex(UserError, "1 votes for out of 3"):
            dev.action_admission_vote()
        dev.votes_for = 2
        dev.action_admission_vote()
        self.assertEqual(dev.voters_due, 3)

    def test_votes_cannot_exceed_voters(self):
        dev = self._target()
        with self.assertRaisesRegex(ValidationError, "cannot exceed"):
            dev.write({"voters_due": 2, "votes_for": 2, "votes_against": 1})

    def test_vote_at_held_branch_assembly(self):
        planned = self._assembly(self.branch_a, date(2024, 6, 5), state="planned")
        dev = self._target(admission_meeting_id=planned.id)
        with self.assertRaisesRegex(UserError, "not been held"):
            dev.action_admission_vote()
        other = self._assembly(self.branch_b, date(2024, 6, 5))
        with self.assertRaisesRegex(ValidationError, "branch member assembly.*" + RULE):
            dev.admission_meeting_id = other
        lecture = self.Meeting.with_context(**NO_CAL).create(
            {
                "organization_id": self.branch_a.id,
                "meeting_type": "party_lecture",
                "start": datetime(2024, 6, 5, 9),
                "state": "held",
            }
        )
        with self.assertRaisesRegex(ValidationError, "branch member assembly"):
            dev.admission_meeting_id = lecture

    def test_approval_within_three_months(self):
        dev = self._target()
        dev.action_admission_vote()
        self.assertEqual(dev.approval_deadline, date(2024, 9, 3))
        with self.assertRaisesRegex(ValidationError, "3 months.*" + RULE):
            dev.approval_date = date(2024, 9, 4)
        dev.approval_date = date(2024, 9, 3)
        dev.action_approve_admission()
        self.assertEqual(dev.stage, "probationary")

    def test_approval_needs_the_vote(self):
        dev = self._target()
        with self.assertRaisesRegex(UserError, "votes the admission"):
            dev.action_approve_admission()

    def test_member_created_on_admission(self):
        dev = self._probationary()
        member = dev.member_id
        self.assertTrue(member)
        self.assertEqual(member.partner_id, dev.partner_id)
        self.assertEqual(member.member_category, "probationary")
        self.assertEqual(member.join_date, date(2024, 6, 3))
        self.assertEqual(member.organization_id, self.branch_a)
        self.assertEqual(member.birthdate, date(2000, 1, 1))
        self.assertFalse(member.full_date)
        self.assertEqual(dev.probation_end_date, date(2025, 6, 3))

    def test_conversion_makes_full(self):
        dev = self._probationary(
            conversion_meeting_id=self.conversion_assembly.id, conversion_votes_for=2
        )
        dev.action_convert()
        self.assertEqual(dev.stage, "full")
        self.assertEqual(dev.full_date, date(2025, 6, 3))
        self.assertEqual(dev.conversion_date, date(2025, 6, 10))
        self.assertEqual(dev.member_id.member_category, "full")
        self.assertEqual(dev.member_id.full_date, date(2025, 6, 3))

    def test_conversion_not_before_probation_end(self):
        early = self._assembly(self.branch_a, date(2025, 6, 2))
        dev = self._probationary(conversion_meeting_id=early.id, conversion_votes_for=2)
        with self.assertRaisesRegex(UserError, "probation ends.*" + RULE):
            dev.action_convert()

    def test_conversion_vote_majority(self):
        dev = self._probationary(
            conversion_meeting_id=self.conversion_assembly.id, conversion_votes_for=1
        )
        with self.assertRaisesRegex(UserError, "more than half"):
            dev.action_convert()
        self.assertEqual(dev.member_id.member_category, "probationary")

    def test_extension(self):
        dev = self._probationary()
        with self.assertRaisesRegex(ValidationError, "6 months.*" + RULE):
            dev.extension_months = 5
        with self.assertRaisesRegex(ValidationError, "6 months"):
            dev.extension_months = 13
        dev.extension_months = 12
        dev.extension_months = 6
        dev.action_extend_probation()
        self.assertEqual(dev.probation_end_date, date(2025, 12, 3))
        with self.assertRaisesRegex(UserError, "only once.*" + RULE):
            dev.action_extend_probation()

    def test_extension_of_twelve_months_then_conversion(self):
        dev = self._probationary(extension_months=12)
        dev.action_extend_probation()
        self.assertEqual(dev.probation_end_date, date(2026, 6, 3))
        late = self._assembly(self.branch_a, date(2026, 6, 8))
        dev.write({"conversion_meeting_id": late.id, "conversion_votes_for": 2})
        dev.action_convert()
        self.assertEqual(dev.member_id.full_date, date(2026, 6, 3))

    def test_cancellation_closes(self):
        dev = self._probationary()
        with self.assertRaisesRegex(UserError, "reason"):
            dev.action_close()
        dev.closed_reason = "Did not meet the conditions of a Party member."
        dev.action_close()
        self.assertEqual(dev.stage, "closed")
        self.assertEqual(dev.closed_date, self.today)
        self.assertEqual(dev.member_id.status, "withdrawn")
        with self.assertRaises(UserError):
            dev.action_convert()


@tagged("post_install", "-at_install")
class TestDevelopmentActivities(PartyDevelopmentCase):
    def test_activities_for_the_secretary(self):
        dev = self._dev()
        talk = self._activities(dev, "mail_activity_type_dev_talk")
        self.assertEqual(talk.user_id, self.officer_a)
        self.assertEqual(talk.date_deadline, date(2023, 2, 10))
        dev.write({"talk_date": date(2023, 1, 20), "activist_date": date(2023, 3, 1)})
        self.assertFalse(talk.exists(), "The talk activity is done once the talk is recorded.")
        self._activist(dev)
        target = self._activities(dev, "mail_activity_type_dev_target")
        self.assertEqual(target.user_id, self.officer_a)
        # due on the anniversary of the selection (一年以上 includes the year), not the day after
        self.assertEqual(target.date_deadline, date(2024, 3, 1))

        dev = self._target()
        dev.action_admission_vote()
        approval = self._activities(dev, "mail_activity_type_dev_approval")
        self.assertEqual(approval.user_id, self.officer_a)
        self.assertEqual(approval.date_deadline, date(2024, 9, 3))
        dev.approval_date = date(2024, 7, 1)
        dev.action_approve_admission()
        self.assertFalse(approval.exists())
        probation = self._activities(dev, "mail_activity_type_dev_probation")
        self.assertEqual(probation.user_id, self.officer_a)
        self.assertEqual(probation.date_deadline, date(2025, 6, 3))
        dev.extension_months = 6
        dev.action_extend_probation()
        probation = self._activities(dev, "mail_activity_type_dev_probation")
        self.assertEqual(probation.date_deadline, date(2025, 12, 3))


@tagged("post_install", "-at_install")
class TestDevelopmentAccess(PartyDevelopmentCase):
    def test_officer_of_another_branch_cannot_read(self):
        dev = self._dev()
        self.assertFalse(self.Dev.with_user(self.officer_b).search([("id", "=", dev.id)]))
        with self.assertRaises(AccessError):
            dev.with_user(self.officer_b).read(["stage"])
        with self.assertRaises(AccessError):
            self.Dev.with_user(self.officer_b).create(
                {
                    "partner_id": dev.partner_id.id,
                    "organization_id": self.branch_a.id,
                    "birthdate": date(2000, 1, 1),
                }
            )

    def test_officers_of_the_branch_and_superior_manage(self):
        dev = self._dev()
        self.assertEqual(self.Dev.with_user(self.officer_a).search([("id", "=", dev.id)]), dev)
        self.assertEqual(self.Dev.with_user(self.officer_c).search([("id", "=", dev.id)]), dev)
        dev.with_user(self.officer_a).write({"talk_date": date(2023, 1, 15)})
        partner = self.env["res.partner"].create({"name": "Officer's applicant"})
        mine = self.Dev.with_user(self.officer_a).create(
            {
                "partner_id": partner.id,
                "organization_id": self.branch_a.id,
                "birthdate": date(2000, 1, 1),
            }
        )
        self.assertEqual(mine.stage, "applicant")
        self.assertEqual(self.Dev.with_user(self.admin).search([("id", "=", dev.id)]), dev)

    def test_superior_approval_creates_member(self):
        dev = self._target()
        dev.with_user(self.officer_a).action_admission_vote()
        dev.approval_date = date(2024, 7, 1)
        dev.with_user(self.officer_c).action_approve_admission()
        self.assertEqual(dev.member_id.member_category, "probationary")

    def test_branch_never_approves_its_own_admission(self):
        """The branch member assembly votes, the committee above approves: the branch's
        own secretary is refused, and the form does not offer the button to them."""
        dev = self._target()
        dev.with_user(self.officer_a).action_admission_vote()
        dev.approval_date = date(2024, 7, 1)
        self.assertFalse(dev.with_user(self.officer_a).can_approve)
        self.assertTrue(dev.with_user(self.officer_c).can_approve)
        with self.assertRaisesRegex(AccessError, "superior Party committee"):
            rpc(
                self.env,
                self.officer_a,
                "party.development",
                "action_approve_admission",
                ids=dev.ids,
            )
        self.assertEqual(dev.stage, "target")
        self.assertFalse(dev.member_id)

    def test_auditor_reads_only_member_nothing(self):
        dev = self._dev()
        self.assertEqual(self.Dev.with_user(self.auditor).search([("id", "=", dev.id)]), dev)
        with self.assertRaises(AccessError):
            dev.with_user(self.auditor).write({"talk_date": date(2023, 1, 15)})
        with self.assertRaises(AccessError):
            self.Dev.with_user(self.portal).search([])


@tagged("post_install", "-at_install")
class TestDevelopmentPipeline(PartyDevelopmentCase):
    def test_kanban_shows_the_pipeline_in_its_order_with_empty_stages(self):
        dev = self._dev()
        groups = self.env["party.development"].web_read_group(
            [("id", "=", dev.id)], ["stage"], ["stage"]
        )["groups"]
        self.assertEqual(
            [group["stage"] for group in groups],
            ["applicant", "activist", "target", "probationary", "full", "closed"],
        )
        counts = {group["stage"]: group["stage_count"] for group in groups}
        self.assertEqual(counts["applicant"], 1)
        self.assertEqual(counts["target"], 0)
