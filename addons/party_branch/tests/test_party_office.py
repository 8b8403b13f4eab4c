"""The company's Party office receives what no secretary takes; Party users read
times in the company's Party time zone (issue 21: reminders to the wrong person,
times in UTC)."""

import re

from odoo.tests import HttpCase, new_test_user, tagged

from .common import PartyBranchCase, member_user


@tagged("post_install", "-at_install")
class TestPartyOffice(PartyBranchCase):
    def _orphan_findings(self):
        root = self._org("Root Without Secretary", "committee", False)
        branch = self._org("Orphan Branch", "branch", root)
        self._members(branch, 2, "full")
        return self._check(branch, code="too_few_members")

    def test_finding_without_secretary_skips_the_system_administrator(self):
        system_admin = new_test_user(
            self.env,
            login="pbt_office_sysadmin",
            groups="base.group_system,party_branch.group_party_admin",
        )
        findings = self._orphan_findings()
        responsible = findings.responsible_user_id
        self.assertTrue(responsible)
        self.assertNotEqual(responsible, system_admin)
        self.assertFalse(responsible.has_group("base.group_system"))
        self.assertTrue(responsible.has_group("party_branch.group_party_admin"))
        self.assertEqual(self._activities(findings).user_id, responsible)

    def test_the_party_office_named_by_the_company_receives_the_finding(self):
        office = new_test_user(
            self.env, login="pbt_office_clerk", groups="party_branch.group_party_admin"
        )
        self.env.company.party_office_user_ids = office
        findings = self._orphan_findings()
        self.assertEqual(findings.responsible_user_id, office)
        self.assertEqual(self._activities(findings).user_id, office)

    def test_the_system_administrator_only_when_there_is_nobody_else(self):
        others = self.env.ref("party_branch.group_party_admin").users.filtered(
            lambda u: not u.has_group("base.group_system")
        )
        others.write({"groups_id": [(3, self.env.ref("party_branch.group_party_admin").id)]})
        office = self.env.company._party_office_users()[self.env.company.id]
        self.assertTrue(office)
        self.assertTrue(all(u.has_group("base.group_system") for u in office))

    def test_a_member_login_without_time_zone_reads_the_party_time_zone(self):
        self.env.company.party_tz = "Asia/Shanghai"
        self.portal.tz = False
        context = self.env["res.users"].with_user(self.portal).context_get()
        self.assertEqual(context["tz"], "Asia/Shanghai")

    def test_a_login_outside_the_party_keeps_odoos_time_zone(self):
        self.env.company.party_tz = "Asia/Shanghai"
        outsider = new_test_user(self.env, login="pbt_office_outsider", groups="base.group_user")
        outsider.tz = False
        context = self.env["res.users"].with_user(outsider).context_get()
        self.assertFalse(context.get("tz"))

    def test_officer_sees_when_a_members_time_zone_differs(self):
        self.env.company.party_tz = "Asia/Shanghai"
        self.portal.tz = "UTC"
        self.member_a.invalidate_recordset(["party_tz_warning"])
        warning = self.member_a.with_user(self.officer_a).party_tz_warning
        self.assertIn("UTC", warning)
        self.assertIn("Asia/Shanghai", warning)
        self.portal.tz = "Asia/Shanghai"
        self.member_a.invalidate_recordset(["party_tz_warning"])
        self.assertFalse(self.member_a.with_user(self.officer_a).party_tz_warning)


@tagged("post_install", "-at_install")
class TestFirstLoginTimeZone(HttpCase):
    def _login_from_browser_in(self, login, browser_tz):
        page = self.url_open("/web/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.opener.cookies.set("tz", browser_tz)
        return self.url_open(
            "/web/login",
            data={"login": login, "password": login, "csrf_token": token},
        )

    def test_first_login_from_a_utc_browser_keeps_the_members_time_zone(self):
        self.env.company.party_tz = "Asia/Shanghai"
        member = member_user(self.env, "pbt_tz_member", tz="Asia/Shanghai")
        self._login_from_browser_in("pbt_tz_member", "UTC")
        member.invalidate_recordset(["tz", "login_date"])
        self.assertTrue(member.login_date, "the login went through")
        self.assertEqual(member.tz, "Asia/Shanghai")

    def test_first_login_without_time_zone_takes_the_party_time_zone(self):
        self.env.company.party_tz = "Asia/Shanghai"
        member = member_user(self.env, "pbt_tz_newcomer", tz=False)
        self._login_from_browser_in("pbt_tz_newcomer", "UTC")
        member.invalidate_recordset(["tz", "login_date"])
        self.assertTrue(member.login_date)
        self.assertEqual(member.tz, "Asia/Shanghai")

    def test_first_login_outside_the_party_takes_the_browsers_time_zone(self):
        self.env.company.party_tz = "Asia/Shanghai"
        user = new_test_user(self.env, login="pbt_tz_employee", groups="base.group_user", tz=False)
        self._login_from_browser_in("pbt_tz_employee", "Europe/Paris")
        user.invalidate_recordset(["tz", "login_date"])
        self.assertEqual(user.tz, "Europe/Paris")
