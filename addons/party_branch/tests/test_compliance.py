from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import escape

from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import PartyBranchCase

COMMITTEE_ORDER = (
    "secretary",
    "organization",
    "propaganda",
    "discipline",
    "deputy_secretary",
    "committee_member",
    "committee_member",
    "committee_member",
)


@tagged("post_install", "-at_install")
class TestCompliance(PartyBranchCase):
    """party.organization.action_check_compliance and the party.finding it keeps."""

    def _branch(self, full=3, probationary=0, org_type="branch", secretary=True, **vals):
        """A branch under the committee with ``full`` full members (the first one secretary)."""
        branch = self._org("Checked", org_type, self.committee, **vals)
        members = self._members(branch, full, "full")
        if probationary:
            members |= self._members(branch, probationary, "probationary")
        if secretary and members:
            self._position(branch, members[0], "secretary", start=self.today)
        return branch, members

    def _committee(self, branch, members, size):
        for member, code in zip(members[:size], COMMITTEE_ORDER[:size], strict=True):
            self._position(branch, member, code, start=self.today)

    # ------------------------------------------------------- committee_required

    def test_committee_required_not_raised_with_6_full_members(self):
        branch, _members = self._branch(full=6, probationary=3)
        self.assertFalse(self._check(branch, code="committee_required"))

    def test_committee_required_raised_with_7_full_members(self):
        branch, _members = self._branch(full=7)
        findings = self._check(branch, code="committee_required")
        self.assertEqual(len(findings), 1)
        self.assertIn("7 full members", findings.message)
        self.assertIn("支部工作条例", findings.rule)

    def test_committee_required_not_raised_once_committee_set_up(self):
        branch, members = self._branch(full=7, secretary=False)
        branch.has_committee = True
        self._committee(branch, members, 3)
        self.assertFalse(self._check(branch, code="committee_required"))

    # ----------------------------------------------------------- committee_size

    def test_committee_size_2_members_raised(self):
        branch, members = self._branch(full=8, secretary=False, has_committee=True)
        self._committee(branch, members, 2)
        findings = self._check(branch, code="committee_size")
        self.assertEqual(len(findings), 1)
        self.assertIn("2 members", findings.message)

    def test_committee_size_3_members_accepted(self):
        branch, members = self._branch(full=8, secretary=False, has_committee=True)
        self._committee(branch, members, 3)
        self.assertFalse(self._check(branch, code="committee_size"))

    def test_committee_size_7_members_accepted(self):
        branch, members = self._branch(full=8, secretary=False, has_committee=True)
        self._committee(branch, members, 7)
        self.assertFalse(self._check(branch, code="committee_size"))

    def test_committee_size_8_members_raised(self):
        branch, members = self._branch(full=8, secretary=False, has_committee=True)
        self._committee(branch, members, 8)
        findings = self._check(branch, code="committee_size")
        self.assertEqual(len(findings), 1)
        self.assertIn("8 members", findings.message)

    def test_committee_size_counts_a_member_with_two_positions_once(self):
        branch, members = self._branch(full=8, secretary=False, has_committee=True)
        self._committee(branch, members, 2)
        self._position(branch, members[1], "committee_member", start=self.today)
        self.assertEqual(branch.committee_size, 2)
        self.assertTrue(self._check(branch, code="committee_size"))

    # ---------------------------------------------------------- position_vacant

    def test_secretary_vacant_in_branch(self):
        branch, _members = self._branch(full=3, secretary=False)
        findings = self._check(branch, code="position_vacant")
        self.assertEqual(findings.mapped("key"), ["secretary"])
        self.assertIn("Secretary", findings.message)

    def test_committee_officers_not_required_without_committee(self):
        branch, _members = self._branch(full=3)
        self.assertFalse(self._check(branch, code="position_vacant"))

    def test_committee_officers_vacant_with_committee(self):
        branch, _members = self._branch(full=7, has_committee=True)
        findings = self._check(branch, code="position_vacant")
        self.assertEqual(
            sorted(findings.mapped("key")), ["discipline", "organization", "propaganda"]
        )

    def test_group_leader_vacant(self):
        branch, members = self._branch(full=3)
        group = self._org("Group", "group", branch)
        members[1].group_id = group
        findings = self._check(group, code="position_vacant")
        self.assertEqual(findings.mapped("key"), ["group_leader"])

    def test_filling_position_closes_vacancy_finding(self):
        branch, members = self._branch(full=3, secretary=False)
        finding = self._check(branch, code="position_vacant")
        self.assertEqual(len(finding), 1)
        self._position(branch, members[0], "secretary", start=self.today)
        self.assertFalse(self._check(branch, code="position_vacant"))
        self.assertEqual(finding.state, "closed")
        self.assertEqual(finding.date_closed, self.today)

    # ----------------------------------------------------- term_expired / term_due

    def _termed_branch(self):
        branch, _members = self._branch(full=3, term_start=date(2021, 7, 1))
        self.assertEqual(branch.term_end, date(2024, 6, 30))
        return branch

    def test_term_expired_day_after_term_end(self):
        branch = self._termed_branch()
        on_date = date(2024, 7, 1)
        findings = self._check(branch, on_date)
        self.assertEqual(len(findings.filtered(lambda f: f.code == "term_expired")), 1)
        self.assertNotIn("term_due", findings.mapped("code"))

    def test_term_not_expired_on_term_end(self):
        branch = self._termed_branch()
        findings = self._check(branch, date(2024, 6, 30))
        self.assertNotIn("term_expired", findings.mapped("code"))
        self.assertIn("term_due", findings.mapped("code"))

    def test_term_due_day_before_term_end(self):
        branch = self._termed_branch()
        findings = self._check(branch, date(2024, 6, 29))
        self.assertNotIn("term_expired", findings.mapped("code"))
        self.assertIn("term_due", findings.mapped("code"))

    def test_term_due_90_days_ahead(self):
        branch = self._termed_branch()
        findings = self._check(branch, date(2024, 6, 30) - timedelta(days=90), "term_due")
        self.assertEqual(len(findings), 1)
        self.assertIn("2024-06-30", findings.message)

    def test_term_not_due_91_days_ahead(self):
        branch = self._termed_branch()
        findings = self._check(branch, date(2024, 6, 30) - timedelta(days=91))
        self.assertFalse({"term_due", "term_expired"} & set(findings.mapped("code")))

    def test_term_due_finding_replaced_by_term_expired(self):
        branch = self._termed_branch()
        due = self._check(branch, date(2024, 6, 30), "term_due")
        expired = self._check(branch, date(2024, 7, 1), "term_expired")
        self.assertEqual(due.state, "closed")
        self.assertEqual(due.date_closed, date(2024, 7, 1))
        self.assertEqual(len(expired), 1)

    # ------------------------------------------------ too_few / too_many members

    def test_too_few_members_with_2_full_members(self):
        branch, _members = self._branch(full=2, probationary=2)
        findings = self._check(branch, code="too_few_members")
        self.assertEqual(len(findings), 1)
        self.assertIn("2 full members", findings.message)

    def test_no_too_few_members_with_3_full_members(self):
        branch, _members = self._branch(full=3)
        self.assertFalse(self._check(branch, code="too_few_members"))

    def test_too_few_members_not_raised_for_joint_branch(self):
        branch, _members = self._branch(full=2, org_type="joint_branch")
        self.assertFalse(self._check(branch, code="too_few_members"))

    def test_too_many_members_not_raised_with_50_members(self):
        branch, _members = self._branch(full=30, probationary=20)
        self.assertFalse(self._check(branch, code="too_many_members"))

    def test_too_many_members_raised_with_51_members(self):
        branch, _members = self._branch(full=30, probationary=21)
        findings = self._check(branch, code="too_many_members")
        self.assertEqual(len(findings), 1)
        self.assertIn("51 members", findings.message)

    def test_members_who_left_do_not_count(self):
        branch, members = self._branch(full=3, probationary=48)
        members[-1].status = "transferred_out"
        self.assertFalse(self._check(branch, code="too_many_members"))

    # ------------------------------------------------------------- lost_contact

    def test_contact_exactly_6_months_ago_is_lost(self):
        # 失去联系6个月以上: 以上 includes the number, so exactly 6 months is lost contact
        # (the suite used to start one day later, at 6 months and 1 day)
        branch, members = self._branch(full=3)
        members[1].last_contact_date = date(2024, 4, 15)
        findings = self._check(branch, date(2024, 10, 15), "lost_contact")
        self.assertEqual(findings.member_id, members[1])

    def test_contact_6_months_less_a_day_ago_is_not_lost(self):
        branch, members = self._branch(full=3)
        members[1].last_contact_date = date(2024, 4, 16)
        self.assertFalse(self._check(branch, date(2024, 10, 15), "lost_contact"))

    def test_contact_6_months_and_1_day_ago_is_lost(self):
        branch, members = self._branch(full=3)
        members[1].last_contact_date = date(2024, 4, 14)
        findings = self._check(branch, date(2024, 10, 15), "lost_contact")
        self.assertEqual(findings.member_id, members[1])
        self.assertIn("2024-04-14", findings.message)

    def test_member_with_lost_contact_status_is_reported(self):
        branch, members = self._branch(full=3)
        members[2].status = "lost_contact"
        findings = self._check(branch, code="lost_contact")
        self.assertEqual(findings.member_id, members[2])

    def test_one_lost_contact_finding_per_member(self):
        branch, members = self._branch(full=4)
        members[1:3].last_contact_date = date(2020, 1, 1)
        findings = self._check(branch, date(2024, 10, 15), "lost_contact")
        self.assertEqual(findings.member_id, members[1:3])
        self.assertEqual(len(findings), 2)

    def test_recording_contact_closes_lost_contact_finding(self):
        branch, members = self._branch(full=3)
        members[1].write({"status": "lost_contact", "last_contact_date": date(2020, 1, 1)})
        finding = self._check(branch, code="lost_contact")
        members[1].action_record_contact()
        self.assertEqual(members[1].status, "active")
        self.assertFalse(self._check(branch, code="lost_contact"))
        self.assertEqual(finding.state, "closed")

    # ------------------------------------------------------------------ no_file

    def test_member_without_file_is_reported(self):
        branch, members = self._branch(full=3)
        members[2].file_recorded = False
        findings = self._check(branch, code="no_file")
        self.assertEqual(findings.member_id, members[2])
        self.assertIn(members[2].name, findings.message)

    def test_members_with_files_are_not_reported(self):
        branch, _members = self._branch(full=3)
        self.assertFalse(self._check(branch, code="no_file"))

    # --------------------------------------------------------- finding lifecycle

    def test_rerun_creates_no_duplicate_findings(self):
        branch, members = self._branch(full=2, secretary=False)
        members[1].file_recorded = False
        first = self._check(branch)
        self.assertEqual(
            sorted(first.mapped("code")), ["no_file", "position_vacant", "too_few_members"]
        )
        second = self._check(branch)
        self.assertEqual(second, first)
        self.assertEqual(len(self._findings(branch, state=None)), 3)

    def test_open_finding_message_follows_the_breach(self):
        branch, members = self._branch(full=2)
        finding = self._check(branch, code="too_few_members")
        self.assertIn("2 full members", finding.message)
        members[1].status = "deceased"
        self.assertEqual(self._check(branch, code="too_few_members"), finding)
        self.assertIn("1 full members", finding.message)

    def test_gone_breach_closes_finding(self):
        branch, _members = self._branch(full=2)
        finding = self._check(branch, code="too_few_members")
        self._member(branch, "Third full member")
        on_date = self.today + timedelta(days=1)
        self.assertFalse(self._check(branch, on_date, "too_few_members"))
        self.assertEqual(finding.state, "closed")
        self.assertEqual(finding.date_closed, on_date)

    def test_closed_finding_marks_its_activity_done(self):
        branch, _members = self._branch(full=2)
        finding = self._check(branch, code="too_few_members")
        self.assertEqual(len(self._activities(finding)), 1)
        self._member(branch, "Third full member")
        self._check(branch)
        self.assertFalse(self._activities(finding))
        done = self.env["mail.message"].search(
            [
                ("model", "=", "party.organization"),
                ("res_id", "=", branch.id),
                ("mail_activity_type_id", "=", self.finding_activity_type.id),
            ]
        )
        self.assertEqual(len(done), 1)
        self.assertIn("resolved", done.body)

    def test_breach_again_after_closing_opens_new_finding(self):
        branch, members = self._branch(full=3)
        members[2].file_recorded = False
        first = self._check(branch, code="no_file")
        members[2].file_recorded = True
        self._check(branch)
        members[2].file_recorded = False
        second = self._check(branch, code="no_file")
        self.assertEqual(first.state, "closed")
        self.assertEqual(len(second), 1)
        self.assertNotEqual(second, first)

    def test_secretary_gets_one_digest_of_the_days_findings(self):
        branch, members = self._branch(full=2)
        secretary_user = new_test_user(
            self.env, login="pbt_branch_secretary", groups="party_branch.group_party_officer"
        )
        members[0].user_id = secretary_user
        members[1].file_recorded = False
        findings = self._check(branch)
        self.assertEqual(sorted(findings.mapped("code")), ["no_file", "too_few_members"])
        activity = self._activities(findings)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.res_model, "party.organization")
        self.assertEqual(activity.res_id, branch.id)
        self.assertEqual(activity.user_id, secretary_user)
        self.assertEqual(activity.activity_type_id, self.finding_activity_type)
        self.assertEqual(activity.summary, "2 compliance finding(s) to resolve")
        self.assertEqual(findings.responsible_user_id, secretary_user)

    def test_digest_names_each_finding_with_its_rule_and_link(self):
        branch, members = self._branch(full=2)
        members[1].file_recorded = False
        findings = self._check(branch)
        note = str(self._activities(findings).note)
        for finding in findings:
            self.assertIn(
                f'href="/odoo/party.organization/{branch.id}/party.finding/{finding.id}"', note
            )
            self.assertIn(escape(finding.message), note)
            self.assertIn(escape(finding.rule), note)
        self.assertIn(
            f"/odoo/party.organization/{branch.id}/action-party_branch."
            "party_finding_action_organization",
            note,
        )

    def test_digest_link_lists_the_organisations_findings(self):
        branch, _members = self._branch(full=2)
        self._check(branch)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_branch.party_finding_action_organization"
        )
        domain = safe_eval(action["domain"], {"active_id": branch.id})
        self.assertEqual(self.Finding.search(domain), self._findings(branch, state=None))

    def test_rerun_does_not_duplicate_activities(self):
        branch, members = self._branch(full=2)
        members[1].file_recorded = False
        findings = self._check(branch)
        self._check(branch)
        self._check(branch, self.today + timedelta(days=1))
        self.assertEqual(len(findings), 2)
        self.assertEqual(len(self._activities(findings)), 1)

    def test_findings_of_a_later_day_get_that_days_digest(self):
        branch, members = self._branch(full=2)
        first = self._check(branch)
        members[1].file_recorded = False
        later = self._check(branch, self.today + timedelta(days=1)) - first
        self.assertEqual(later.code, "no_file")
        self.assertNotEqual(self._activities(later), self._activities(first))
        self.assertNotIn(later.message, str(self._activities(first).note))
        self.assertIn(later.message, str(self._activities(later).note))

    def test_findings_of_the_same_day_join_its_digest(self):
        branch, members = self._branch(full=2)
        first = self._check(branch)
        members[1].file_recorded = False
        both = self._check(branch)
        self.assertEqual(len(both), 2)
        self.assertEqual(self._activities(both), self._activities(first))
        self.assertEqual(self._activities(both).summary, "2 compliance finding(s) to resolve")

    def test_digest_stays_open_until_all_its_findings_are_closed(self):
        branch, members = self._branch(full=2)
        members[1].file_recorded = False
        findings = self._check(branch)
        activity = self._activities(findings)
        members[1].file_recorded = True
        self._check(branch)
        self.assertTrue(activity.exists())
        self.assertEqual(activity.summary, "1 compliance finding(s) to resolve")
        self.assertNotIn("is not recorded", str(activity.note))
        self._member(branch, "Third full member")
        self._check(branch)
        self.assertFalse(activity.exists())

    def test_activity_goes_to_nearest_superior_secretary(self):
        branch, members = self._branch(full=3, secretary=False)
        group = self._org("Group", "group", branch)
        members[1].group_id = group
        findings = self._check(branch | group, code="position_vacant")
        self.assertEqual(len(findings), 2)
        self.assertEqual(findings.responsible_user_id, self.officer_c)
        self.assertEqual(self._activities(findings).user_id, self.officer_c)

    def test_activity_for_group_goes_to_branch_secretary(self):
        group = self._org("Group A2", "group", self.branch_a)
        findings = self._check(group, code="position_vacant")
        self.assertEqual(self._activities(findings).user_id, self.officer_a)

    def test_check_logs_no_translation_warning(self):
        branch, members = self._branch(full=7, secretary=False, term_start=date(2021, 7, 1))
        members[1].write({"file_recorded": False, "last_contact_date": date(2020, 1, 1)})
        with self.assertNoLogs("odoo.tools.translate", level="WARNING"):
            findings = self._check(branch)
        self.assertEqual(
            sorted(findings.mapped("code")),
            ["committee_required", "lost_contact", "no_file", "position_vacant", "term_expired"],
        )

    def test_cron_checks_all_organisations(self):
        branch_1, _members = self._branch(full=3, secretary=False)
        branch_2, _members = self._branch(full=3, secretary=False)
        self.Org._cron_check_compliance()
        for branch in (branch_1, branch_2):
            findings = self._findings(branch, "position_vacant")
            self.assertEqual(findings.mapped("key"), ["secretary"], branch.name)
        self.assertTrue(self._findings(self.committee, "position_vacant"))

    def test_finding_counts_on_member_and_organisation(self):
        branch, members = self._branch(full=3)
        members[1].last_contact_date = date(2020, 1, 1)
        self._check(branch)
        self.assertEqual(members[1].finding_count, 1)
        self.assertEqual(branch.open_finding_count, 1)

    def test_lost_contact_limit_follows_calendar_months(self):
        # 6 months before 31 August is 28 February (2025): last reached that day is "6 months
        # or more" (失去联系6个月以上, 以上 includes the number: it used to start a day later);
        # the day after is not.
        branch, members = self._branch(full=3)
        on_date = date(2025, 8, 31)
        limit = on_date - relativedelta(months=6)
        self.assertEqual(limit, date(2025, 2, 28))
        members[0].last_contact_date = limit + timedelta(days=1)
        members[1].last_contact_date = limit
        members[2].last_contact_date = limit - timedelta(days=1)
        findings = self._check(branch, on_date, "lost_contact")
        self.assertEqual(findings.member_id, members[1] | members[2])


@tagged("post_install", "-at_install")
class TestRecheckOnSave(PartyBranchCase):
    """Fixing the cause closes the finding when the record is saved (issue 21, item 8)."""

    def _branch_with_unfiled_member(self):
        branch = self._org("Recheck Branch", "branch", self.committee)
        members = self._members(branch, 3, "full")
        members[2].file_recorded = False
        finding = self._check(branch, code="no_file")
        self.assertEqual(len(finding), 1)
        return branch, members, finding

    def test_recording_the_file_closes_the_finding_on_save(self):
        __, members, finding = self._branch_with_unfiled_member()
        digest = self._activities(finding)
        members[2].with_user(self.officer_c).write({"file_recorded": True})
        self.assertEqual(finding.state, "closed")
        self.assertFalse(self._activities(finding))
        # the branch's other findings of the day remain in its digest, this one no more
        if digest.exists():
            self.assertNotIn("is not recorded", str(digest.note))

    def test_a_save_that_changes_nothing_checked_leaves_the_finding(self):
        __, members, finding = self._branch_with_unfiled_member()
        members[2].with_user(self.officer_c).write({"phone": "+86 27 0000 0000"})
        self.assertEqual(finding.state, "open")

    def test_recording_one_file_closes_only_that_members_finding(self):
        branch, members, first = self._branch_with_unfiled_member()
        members[1].file_recorded = False
        both = self._check(branch, code="no_file")
        self.assertEqual(len(both), 2)
        members[2].with_user(self.officer_c).write({"file_recorded": True})
        self.assertEqual(first.state, "closed")
        self.assertEqual((both - first).state, "open")
