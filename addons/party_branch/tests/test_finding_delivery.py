"""Findings reach a person, on their day, in their language (issue: what a person sees)."""

from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import PartyBranchCase, activate_chinese


@tagged("post_install", "-at_install")
class TestFindingDelivery(PartyBranchCase):
    def _branch_with_secretary_user(self, full=7, **user_vals):
        branch = self._org("Delivered", "branch", self.committee)
        members = self._members(branch, full, "full")
        self._position(branch, members[0], "secretary", start=date(2026, 1, 1))
        user = new_test_user(
            self.env,
            login="pbt_delivery_secretary",
            groups="party_branch.group_party_officer",
            **user_vals,
        )
        members[0].user_id = user
        return branch, members, user

    def test_finding_without_any_secretary_reaches_a_party_administrator(self):
        root = self._org("Root Without Secretary", "committee", False)
        branch = self._org("Orphan Branch", "branch", root)
        self._members(branch, 2, "full")
        findings = self._check(branch, code="too_few_members")
        self.assertEqual(len(findings), 1)
        responsible = findings.responsible_user_id
        self.assertTrue(responsible.has_group("party_branch.group_party_admin"))
        self.assertIn(branch.company_id, responsible.company_ids)
        self.assertEqual(self._activities(findings).user_id, responsible)

    def test_every_open_finding_has_a_responsible_person(self):
        root = self._org("Root Without Secretary", "committee", False)
        orgs = root | self._org("Orphan Branch", "branch", root) | self.branch_a
        self._check(orgs)
        findings = self._findings(orgs)
        self.assertTrue(findings)
        self.assertFalse(findings.filtered(lambda f: not f.responsible_user_id))

    def _retire(self, finding):
        """The finding's check leaves the table, as when its addon is uninstalled (the
        selection refuses an unknown code: written in SQL, like the finding left)."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE party_finding SET code = 'retired_check' WHERE id = %s", [finding.id]
        )
        self.env.invalidate_all()

    def test_finding_of_a_check_no_longer_installed_is_closed_by_the_next_pass(self):
        root = self._org("Root Without Secretary", "committee", False)
        branch = self._org("Orphan Branch", "branch", root)
        self._members(branch, 2, "full")
        finding = self._check(branch, code="too_few_members")
        self._retire(finding)
        self.env["party.compliance"]._run(branch, self.today)  # every check of the table
        self.assertEqual(finding.state, "closed")
        self.assertFalse(self._activities(finding))

    def test_finding_of_a_check_no_longer_installed_stays_through_a_pass_of_other_checks(self):
        root = self._org("Root Without Secretary", "committee", False)
        branch = self._org("Orphan Branch", "branch", root)
        self._members(branch, 2, "full")
        finding = self._check(branch, code="too_few_members")
        self._retire(finding)
        self.env["party.compliance"]._run(branch, self.today, codes=["too_few_members"])
        self.assertEqual(finding.state, "open")

    def test_activity_deadline_is_the_responsible_users_day(self):
        """17:00 UTC on 1 March is already 2 March in Asia/Shanghai."""
        branch, __, user = self._branch_with_secretary_user(tz="Asia/Shanghai")
        with freeze_time(datetime(2026, 3, 1, 17, 0)):
            findings = self._check(branch, on_date=date(2026, 3, 1), code="committee_required")
        self.assertEqual(findings.date_found, date(2026, 3, 1))
        activity = self._activities(findings)
        self.assertEqual(activity.user_id, user)
        self.assertEqual(activity.date_deadline, date(2026, 3, 2))

    def test_activity_deadline_same_day_before_midnight_in_shanghai(self):
        branch, __, __ = self._branch_with_secretary_user(tz="Asia/Shanghai")
        with freeze_time(datetime(2026, 3, 1, 15, 59)):
            findings = self._check(branch, on_date=date(2026, 3, 1), code="committee_required")
        self.assertEqual(self._activities(findings).date_deadline, date(2026, 3, 1))

    def test_activity_text_follows_the_finding(self):
        branch, __, __ = self._branch_with_secretary_user()
        findings = self._check(branch, code="committee_required")
        self.assertIn("7 full members", str(self._activities(findings).note))
        self._members(branch, 1, "full")
        again = self._check(branch, code="committee_required")
        self.assertEqual(again, findings)
        self.assertIn("8 full members", findings.message)
        note = str(self._activities(findings).note)
        self.assertIn("8 full members", note)
        self.assertNotIn("7 full members", note)

    def test_finding_reads_in_the_readers_language(self):
        """Checked in English (the nightly cron), read in Chinese by the secretary."""
        activate_chinese(self.env, ["party_branch"])
        branch, __, user = self._branch_with_secretary_user(lang="zh_CN")
        findings = self._check(branch, code="committee_required")
        self.assertEqual(
            findings.message, f"{branch.name} has 7 full members but no branch committee."
        )
        in_chinese = findings.with_context(lang="zh_CN")
        self.assertEqual(in_chinese.message, f"{branch.name}有7名正式党员，但未设立支部委员会。")
        self.assertIn("正式党员7人以上", in_chinese.rule)
        self.assertNotIn("branch", in_chinese.rule)
        note = str(self._activities(findings).note)
        self.assertEqual(self._activities(findings).user_id, user)
        self.assertIn("未设立支部委员会", note)
        self.assertIn("正式党员7人以上", note)  # the rule, in her language too

    def test_activity_names_and_closes_the_finding_in_the_users_language(self):
        """The digest names the findings and says it is done when the cause is fixed, in
        the secretary's language, though the check runs in English."""
        activate_chinese(self.env, ["party_branch"])
        branch, __, __ = self._branch_with_secretary_user(lang="zh_CN")
        findings = self._check(branch, code="committee_required")
        activity = self._activities(findings)
        self.assertEqual(activity.summary, "1个合规问题待整改")
        label = findings.with_context(lang="zh_CN").display_name.split(":")[0]
        self.assertIn(label, str(activity.note))
        self.assertNotIn("Committee", str(activity.note))
        # the cause is fixed: a committee
        branch.has_committee = True
        self._check(branch, code="committee_required")
        self.assertEqual(findings.state, "closed")
        self.assertFalse(activity.exists())
        done = branch.message_ids.filtered(lambda m: "这些合规问题均已整改" in (m.body or ""))
        self.assertTrue(done, branch.message_ids.mapped("body"))
        self.assertNotIn("The findings are resolved", done.body)

    def test_database_in_chinese_only_still_stores_the_english_source(self):
        """A database made in Chinese only (en_US not installed): the cron reads the
        findings in en_US, so the English source is stored too and no activity is empty."""
        activate_chinese(self.env, ["party_branch"])
        branch, __, __ = self._branch_with_secretary_user(lang="zh_CN")
        Lang = type(self.env["res.lang"])
        with patch.object(Lang, "get_installed", lambda self: [("zh_CN", "Chinese")]):
            findings = self._check(branch, code="committee_required")
        self.assertIn("7 full members", findings.with_context(lang="en_US").message)
        self.assertIn("未设立支部委员会", findings.with_context(lang="zh_CN").message)
        self.assertIn("未设立支部委员会", str(self._activities(findings).note))

    def test_check_compliance_says_what_it_found(self):
        branch, members, __ = self._branch_with_secretary_user()
        action = branch.action_check_compliance()
        self.assertEqual(action["tag"], "display_notification")
        open_count = len(self._findings(branch))
        self.assertTrue(open_count)
        self.assertIn(
            f"{open_count} open finding(s), {open_count} new, 0 resolved",
            action["params"]["message"],
        )
        self.assertEqual(action["params"]["next"]["tag"], "soft_reload")
        members[-1].status = "deceased"  # 6 full members: no committee required any more
        action = branch.action_check_compliance()
        self.assertIn("0 new, 1 resolved", action["params"]["message"])
