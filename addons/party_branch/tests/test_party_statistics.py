"""The annual statistics (党内统计年报): the register on a past date, its tables, the
wizard's refusals and the report routes as an attacker uses them.

The date of the statistics is 60 days ago (``cls.on``); what happens "today" (a transfer
completed, a death recorded) happened after it, so the statistics put it back.
"""

import io
import json
from datetime import timedelta

import openpyxl

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES

from .common import PartyBranchCase, activate_chinese, pdf_text
from .rpc import rpc

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class StatisticsCase(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.on = cls.today - timedelta(days=60)
        cls.period_start = cls.on.replace(month=1, day=1)
        a = cls.branch_a
        cls.mover = cls._member(a, "Mover", gender="male", occupation="worker")
        cls.newcomer = cls._member(
            a, "Newcomer", "probationary", join_date=cls.today - timedelta(days=10)
        )
        cls.deceased = cls._member(a, "Deceased", gender="male", ethnicity="hui")
        cls.converted = cls._member(
            a,
            "Converted",
            join_date=cls.today - timedelta(days=400),
            full_date=cls.today - timedelta(days=5),
        )
        cls.admitted = cls._member(a, "Admitted", "probationary", join_date=cls.on)
        cls.withdrawn = cls._member(a, "Withdrawn")
        cls.expelled = cls._member(a, "Expelled")
        # what happened on the date itself: they left that day
        cls.withdrawn.write({"status": "withdrawn", "left_date": cls.on})
        cls.expelled.write({"status": "expelled", "left_date": cls.on})
        # what happened today, after the date
        transfer = cls.Transfer.create(
            {"member_id": cls.mover.id, "to_organization_id": cls.branch_b.id,
             "letter_number": "PBT-STAT-1"}
        )  # fmt: skip
        transfer.action_send()
        transfer.action_complete()
        cls.deceased.write({"status": "deceased"})
        cls.members_a_on = (
            cls.secretary_a | cls.member_a | cls.mover | cls.deceased | cls.converted
        ) | cls.admitted

    def _on(self, orgs, day, **kwargs):
        return self.Member._party_members_on(orgs, day, **kwargs)

    def _ids(self, rows):
        return {row.id for row in rows}

    def _stats(self, org, day=None):
        tables = self.env["party.statistics"]._party_statistics(
            org, self.period_start, day or self.on
        )
        return {table.code: table for table in tables}

    @staticmethod
    def _row(table, label):
        return dict(table.rows)[label]


@tagged("post_install", "-at_install")
class TestMembersOnDate(StatisticsCase):
    def test_members_today_are_the_member_list(self):
        rows = self._on(self.committee, self.today)
        register = self.Member.search(
            [("organization_id", "child_of", self.committee.id), ("status", "in", IN_ORG_STATUSES)]
        )
        self.assertEqual(self._ids(rows), set(register.ids))

    def test_member_transferred_since_counts_where_they_were(self):
        self.assertIn(self.mover.id, self._ids(self._on(self.branch_a, self.on)))
        self.assertNotIn(self.mover.id, self._ids(self._on(self.branch_b, self.on)))
        self.assertIn(self.mover.id, self._ids(self._on(self.branch_b, self.today)))
        self.assertNotIn(self.mover.id, self._ids(self._on(self.branch_a, self.today)))

    def test_member_joined_since_is_not_counted(self):
        self.assertNotIn(self.newcomer.id, self._ids(self._on(self.branch_a, self.on)))
        self.assertIn(self.newcomer.id, self._ids(self._on(self.branch_a, self.today)))

    def test_member_lost_since_is_counted(self):
        self.assertIn(self.deceased.id, self._ids(self._on(self.branch_a, self.on)))
        self.assertNotIn(self.deceased.id, self._ids(self._on(self.branch_a, self.today)))

    def test_member_who_left_on_the_date_is_not_counted(self):
        ids = self._ids(self._on(self.branch_a, self.on))
        self.assertNotIn(self.withdrawn.id, ids)
        self.assertNotIn(self.expelled.id, ids)

    def test_the_list_on_the_date(self):
        self.assertEqual(self._ids(self._on(self.branch_a, self.on)), set(self.members_a_on.ids))

    def test_category_is_that_of_the_date(self):
        rows = {row.id: row for row in self._on(self.branch_a, self.on)}
        self.assertEqual(rows[self.converted.id].category, "probationary")
        self.assertEqual(rows[self.mover.id].category, "full")

    def test_lost_in_the_period_come_apart(self):
        rows = self._on(self.branch_a, self.on, lost_since=self.period_start)
        lost = {row.id for row in rows if not row.present}
        self.assertEqual(lost, {self.withdrawn.id, self.expelled.id})

    def test_left_date_set_when_the_status_records_a_loss(self):
        self.assertEqual(self.deceased.left_date, self.today)

    def test_left_date_cleared_when_the_member_is_back(self):
        self.withdrawn.write({"status": "active"})
        self.assertFalse(self.withdrawn.left_date)

    def test_left_date_in_the_future_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be in the future"):
            self.deceased.write({"left_date": self.today + timedelta(days=1)})


@tagged("post_install", "-at_install")
class TestStatisticsTables(StatisticsCase):
    MEMBER_TABLES = (
        "category", "gender", "ethnicity", "age", "education", "occupation", "standing",
        "by_organization",
    )  # fmt: skip

    def test_every_member_table_totals_the_list_on_the_date(self):
        tables = self._stats(self.branch_a)
        count = len(self.members_a_on)
        self.assertEqual(self._row(tables["overview"], "Members"), [count])
        for code in self.MEMBER_TABLES:
            with self.subTest(table=code):
                table = tables[code]
                self.assertEqual(table.total[0], count)
                self.assertEqual(sum(values[0] for __, values in table.rows), count)
                self.assertEqual(
                    [sum(values[i] for __, values in table.rows) for i in range(3)],
                    table.total,
                )

    def test_subtree_counts_each_member_once_where_they_were(self):
        tables = self._stats(self.committee)
        expected = len(self.members_a_on) + 2 + 1  # branch B's two, the committee's secretary
        self.assertEqual(tables["category"].total, [expected, expected - 2, 2])
        by_org = dict(tables["by_organization"].rows)
        self.assertEqual(by_org[self.branch_a.complete_name][0], len(self.members_a_on))
        self.assertEqual(by_org[self.branch_b.complete_name][0], 2)

    def test_category_table(self):
        table = self._stats(self.branch_a)["category"]
        self.assertEqual(self._row(table, "Full"), [4, 4, 0])
        self.assertEqual(self._row(table, "Probationary"), [2, 0, 2])

    def test_gender_and_ethnicity_tables(self):
        tables = self._stats(self.branch_a)
        self.assertEqual(self._row(tables["gender"], "Female")[0], 1)
        self.assertEqual(self._row(tables["gender"], "Male")[0], 3)
        self.assertEqual(self._row(tables["gender"], "Not recorded")[0], 2)
        self.assertEqual(self._row(tables["ethnicity"], "Hui")[0], 1)
        self.assertEqual(self._row(tables["ethnicity"], "Han")[0], 5)

    def test_occupation_table(self):
        table = self._stats(self.branch_a)["occupation"]
        self.assertEqual(self._row(table, "Workers (Skilled Workers and Service Staff)")[0], 1)
        self.assertEqual(self._row(table, "Not recorded")[0], 5)

    def test_age_is_that_of_the_date(self):
        """Member A, born 1985-08-09, in the band of their age on the date."""
        age = self.on.year - 1985 - ((self.on.month, self.on.day) < (8, 9))
        band = next(label for limit, label in ((30, "30 and under"), (40, "31-40"),
                    (50, "41-50"), (60, "51-60"), (70, "61-70")) if age <= limit)  # fmt: skip
        table = self._stats(self.branch_a)["age"]
        self.assertGreaterEqual(self._row(table, band)[0], 1)
        self.assertEqual(self._row(table, "Not recorded")[0], 4)

    def test_movements_of_the_period(self):
        table = self._stats(self.branch_a)["movements"]
        self.assertEqual(self._row(table, "Admitted as probationary members"), [1])
        self.assertEqual(self._row(table, "Converted to full members"), [0])
        self.assertEqual(self._row(table, "Lost: Withdrawn"), [1])
        self.assertEqual(self._row(table, "Lost: Expelled"), [1])
        self.assertEqual(self._row(table, "Lost: Deceased"), [0])
        self.assertEqual(table.total, [2])

    def test_movements_up_to_today(self):
        tables = {
            t.code: t
            for t in self.env["party.statistics"]._party_statistics(
                self.branch_a, self.today - timedelta(days=30), self.today
            )
        }
        table = tables["movements"]
        self.assertEqual(self._row(table, "Converted to full members"), [1])
        self.assertEqual(self._row(table, "Lost: Deceased"), [1])
        self.assertEqual(self._row(table, "Admitted as probationary members"), [1])

    def test_organisations_by_type_and_committee(self):
        table = self._stats(self.committee)["organizations"]
        self.assertEqual(self._row(table, "Party Committee"), [1, 1, 0])
        self.assertEqual(self._row(table, "Branch"), [2, 0, 2])
        self.assertEqual(self._row(table, "Party Group"), [1, 0, 1])


@tagged("post_install", "-at_install")
class TestStatisticsDemo(PartyBranchCase):
    """The wizard on the demo: the demo's secretary of the committee prints the
    statistics of the whole tree, which total the demo's member list; 贾文斌 (transferred
    out of the system 7 months ago) and 戴桂芝 (died 5 months ago) count a year ago."""

    def test_demo_statistics_total_the_member_list(self):
        committee = self.env.ref("party_branch.org_committee")
        today = self.today
        tables = {
            t.code: t
            for t in self.env["party.statistics"]._party_statistics(
                committee, today.replace(month=1, day=1), today
            )
        }
        register = self.Member.search_count(
            [("organization_id", "child_of", committee.id), ("status", "in", IN_ORG_STATUSES)]
        )
        self.assertTrue(register)
        self.assertEqual(tables["category"].total[0], register)
        self.assertEqual(tables["occupation"].total[0], register)
        managers = "Managers of Enterprises, Public Institutions and Social Organisations"
        self.assertTrue(dict(tables["occupation"].rows)[managers][0])

    def test_demo_members_who_left_count_a_year_ago(self):
        committee = self.env.ref("party_branch.org_committee")
        year_ago = self.Member._party_members_on(committee, self.today - timedelta(days=365))
        ids = {row.id for row in year_ago}
        self.assertIn(self.env.ref("party_branch.member_jia_wenbin").id, ids)
        self.assertIn(self.env.ref("party_branch.member_dai_guizhi").id, ids)


@tagged("post_install", "-at_install")
class TestStatisticsWizardRefusals(StatisticsCase):
    Wizard = "party.statistics.wizard"

    def _create(self, user, org, day):
        return rpc(
            self.env, user, self.Wizard, "create", {"organization_id": org.id, "date": str(day)}
        )

    def test_officer_prints_own_subtree(self):
        wizard_id = self._create(self.officer_a, self.branch_a, self.on)
        action = rpc(self.env, self.officer_a, self.Wizard, "action_print_xlsx", ids=[wizard_id])
        self.assertEqual(action["report_name"], "party_branch.statistics_xlsx")

    def test_subtree_not_managed_refused(self):
        with self.assertRaisesRegex(AccessError, "You do not manage Branch A"):
            self._create(self.officer_b, self.branch_a, self.on)

    def test_future_date_refused(self):
        with self.assertRaisesRegex(ValidationError, "is in the future"):
            self._create(self.officer_a, self.branch_a, self.today + timedelta(days=1))

    def test_party_group_refused(self):
        with self.assertRaisesRegex(ValidationError, "take the statistics of its branch"):
            self._create(self.officer_a, self.group_a, self.on)

    def test_another_officers_wizard_refused(self):
        wizard_id = self._create(self.officer_a, self.branch_a, self.on)
        for method in ("action_print_xlsx", "action_print_pdf", "action_export_xlsx"):
            with (
                self.subTest(method=method),
                self.assertRaisesRegex(AccessError, "prepared by another user"),
            ):
                rpc(self.env, self.officer_b, self.Wizard, method, ids=[wizard_id])

    def test_portal_member_and_employee_refused(self):
        employee = self.env["res.users"].create(
            {"name": "Statistics Employee", "login": "pbt_stat_employee",
             "groups_id": [(6, 0, [self.env.ref("base.group_user").id])]}
        )  # fmt: skip
        for user in (self.portal, employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._create(user, self.branch_a, self.on)

    def test_report_computes_nothing_for_another_officers_wizard(self):
        wizard = (
            self.env[self.Wizard]
            .with_user(self.officer_a)
            .create({"organization_id": self.branch_a.id, "date": self.on})
        )
        report = self.env["report.party_branch.statistics_xlsx"].with_user(self.officer_b)
        with self.assertRaisesRegex(AccessError, "prepared by another user"):
            report._party_wizards(wizard.with_user(self.officer_b))
        pdf = self.env["report.party_branch.report_party_statistics"].with_user(self.officer_b)
        with self.assertRaisesRegex(AccessError, "prepared by another user"):
            pdf._get_report_values(wizard.ids)

    def test_report_refuses_other_records(self):
        report = self.env["report.party_branch.statistics_xlsx"].with_user(self.officer_a)
        with self.assertRaisesRegex(AccessError, "from their own window"):
            report._party_wizards(self.branch_a.with_user(self.officer_a))


@tagged("post_install", "-at_install")
class TestStatisticsRoutes(StatisticsCase, HttpCase):
    """The report routes as a browser calls them, by the author, another branch's officer
    and a portal member."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wizard = (
            cls.env["party.statistics.wizard"]
            .with_user(cls.officer_a)
            .create({"organization_id": cls.branch_a.id, "date": cls.on})
        )

    def _get(self, login, url):
        self.authenticate(login, login)
        return self.url_open(url, timeout=60)

    def _xlsx_url(self, report="statistics_xlsx"):
        return f"/report/xlsx/party_branch.{report}/{self.wizard.id}"

    def test_author_downloads_the_xlsx(self):
        response = self._get("pbt_officer_a", self._xlsx_url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        cells = {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row and row[0]}
        self.assertEqual(cells["Members"], len(self.members_a_on))

    def test_author_downloads_the_export(self):
        response = self._get("pbt_officer_a", self._xlsx_url("export_xlsx"))
        self.assertEqual(response.status_code, 200)
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book.sheetnames, ["Index", "Indicators", "Statistics"])

    def test_author_reads_the_html(self):
        response = self._get(
            "pbt_officer_a", f"/report/html/party_branch.report_party_statistics/{self.wizard.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Members by occupation", response.text)

    def _assert_refused(self, response):
        self.assertNotEqual(response.status_code, 200)
        self.assertNotIn(XLSX, response.headers.get("Content-Type", ""))
        self.assertNotIn("Members by occupation", response.text)

    def test_other_officer_gets_nothing_from_the_routes(self):
        for url in (
            self._xlsx_url(),
            self._xlsx_url("export_xlsx"),
            f"/report/pdf/party_branch.report_party_statistics/{self.wizard.id}",
            f"/report/html/party_branch.report_party_statistics/{self.wizard.id}",
            "/report/xlsx/party_branch.statistics_xlsx?context="
            + json.dumps({"active_ids": [self.wizard.id]}),
        ):
            with self.subTest(url=url):
                self._assert_refused(self._get("pbt_officer_b", url))

    def test_portal_member_gets_nothing_from_the_routes(self):
        for url in (
            self._xlsx_url(),
            f"/report/pdf/party_branch.report_party_statistics/{self.wizard.id}",
        ):
            with self.subTest(url=url):
                self._assert_refused(self._get("pbt_portal", url))

    def test_pdf_prints_in_chinese(self):
        """The PDF, rendered by wkhtmltopdf in the officer's Chinese, read back."""
        activate_chinese(self.env, ["party_branch"])
        self.officer_a.lang = "zh_CN"
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.officer_a)
            .with_context(lang="zh_CN", force_report_rendering=True)
        )
        pdf, __ = Report._render_qweb_pdf(
            "party_branch.action_report_party_statistics_pdf", self.wizard.ids
        )
        compact = pdf_text(pdf)
        self.assertIn("党员职业", compact)
        self.assertIn("党员发展、转正和减少", compact)
