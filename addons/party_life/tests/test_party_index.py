"""The normalisation dimension of the Five Modernizations index (party_life).

Builds on the party_branch test tree (see party_branch/tests/common.py); the periods are
the last complete year and its months, so that every fact is dated.
"""

from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.common import IndexTestMixin, PartyBranchCase
from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyDuesCase, completed_lesson

NO_CAL = {"party_meeting_no_calendar": True}


@tagged("post_install", "-at_install")
class TestNormalisation(IndexTestMixin, PartyBranchCase):
    compliance_codes = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # one rule only: the monthly theme Party day (12 periods in a year)
        cls.theme_day = cls.env.ref("party_life.meeting_frequency_theme_day")
        cls.env["party.meeting.frequency"].search([("id", "!=", cls.theme_day.id)]).active = False
        cls.branch = cls._org("Index Life Branch", "branch", cls.committee)
        cls.members = cls._members(cls.branch, 4)
        cls.meetings = cls.env["party.meeting"]
        for month in range(1, 6):
            start = datetime(cls.year, month, 10, 9, 0)
            cls.meetings |= (
                cls.env["party.meeting"]
                .with_context(**NO_CAL)
                .create(
                    {
                        "name": f"Theme day {month}",
                        "organization_id": cls.branch.id,
                        "meeting_type": "theme_day",
                        "start": start,
                        "stop": start + timedelta(hours=2),
                        "state": "held",
                    }
                )
            )
        # 15 of the 20 members expected present
        attendances = cls.meetings.attendance_ids.sorted("id")
        attendances[:15].write({"state": "present"})
        # a Party course: a 4-hour lesson completed by 2 of the 4 members in the year
        cls.lesson = completed_lesson(
            cls.env, "Index course", 4.0, cls.members[:2], date(cls.year, 6, 1)
        )

    def test_five_of_twelve_monthly_meetings_score_what_the_table_says(self):
        """Meetings 5 / 12 = 41.67 (weight 35), attendance 15 / 20 = 75 % against a
        target of 90 = 83.33 (15), study 8 h / 4 members = 2 h against 32 = 6.25 (15);
        dues missing (20); appraisal not applicable (its rule is off):
        (35 * 41.67 + 15 * 83.33 + 15 * 6.25) / 65 = 43.11, coverage 65 / 85 = 76.47."""
        index = self._compute(self.branch)
        self.assertEqual(
            self._figures(index, "normalisation", missing=True),
            {
                "nor_meetings": (41.67, 41.67, "5 / 12", False),
                "nor_attendance": (75.0, 83.33, "15 / 20", False),
                "nor_dues_on_time": (0.0, 0.0, False, True),
                "nor_study_hours": (2.0, 6.25, "8.0 h / 4", False),
            },
        )
        self.assertEqual(index.score_normalisation, 43.11)
        self.assertEqual(index.coverage_normalisation, 76.47)

    def test_a_month_prorates_the_study_target(self):
        """June: 8 h / 4 members = 2 h against 32 / 12 = 2.67 h: 75.0."""
        index = self._compute(self.branch, "month", date(self.year, 6, 1))
        line = self._line(index, "nor_study_hours")
        self.assertEqual((line.value, line.target, line.score), (2.0, 2.67, 75.0))

    def test_a_month_with_its_meeting_and_one_without(self):
        held = self._line(
            self._compute(self.branch, "month", date(self.year, 3, 1)), "nor_meetings"
        )
        self.assertEqual((held.value, held.detail), (100.0, "1 / 1"))
        none = self._line(
            self._compute(self.branch, "month", date(self.year, 7, 1)), "nor_meetings"
        )
        self.assertEqual((none.value, none.detail), (0.0, "0 / 1"))

    def test_attendance_missing_without_a_meeting_held(self):
        branch = self._org("Index Quiet Branch", "branch", self.committee)
        self._members(branch, 2)
        line = self._line(self._compute(branch), "nor_attendance")
        self.assertTrue(line.is_missing)
        self.assertIn("attendance", line.missing_hint)
        meetings = self._line(self._compute(branch), "nor_meetings")
        self.assertEqual((meetings.value, meetings.detail), (0.0, "0 / 12"))

    def test_appraisal_done_in_the_last_twelve_months(self):
        self.env.ref("party_life.meeting_frequency_appraisal_meeting").active = True
        line = self._line(self._compute(self.branch), "nor_appraisal")
        self.assertEqual((line.value, line.is_missing), (0.0, False))
        appraisal = self.env["party.appraisal"].create(
            {"organization_id": self.branch.id, "year": self.year}
        )
        appraisal.write({"state": "closed", "date_closed": date(self.year, 11, 20)})
        line = self._line(self._compute(self.branch), "nor_appraisal")
        self.assertEqual(
            (line.value, line.score, line.detail), (100.0, 100.0, f"{self.year}-11-20")
        )
        # a Party committee is not appraised by this rule: no line
        committee = self._compute(self.committee).filtered(
            lambda i: i.organization_id == self.committee
        )
        self.assertFalse(self._line(committee, "nor_appraisal"))

    def test_records_behind_the_meetings(self):
        line = self._line(self._compute(self.branch), "nor_meetings")
        action = line.action_open_records()
        self.assertEqual(action["res_model"], "party.meeting")
        self.assertEqual(self.env["party.meeting"].search(action["domain"]), self.meetings)

    def test_officer_of_another_branch_reads_no_line(self):
        index = self._compute(self.committee)
        lines = index.filtered(lambda i: i.organization_id == self.branch_a).line_ids
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.index.line", "read", ["score"], ids=lines.ids)
        with self.assertRaises(AccessError):
            rpc(self.env, self.officer_b, "party.index.line", "action_open_records",
                ids=lines[:1].ids)  # fmt: skip

    def test_the_dimension_is_shown(self):
        codes = [d.code for d in self.env["party.index"]._party_index_dimensions()]
        self.assertIn("normalisation", codes)
        self.assertIn("score_normalisation", self.env["party.index"]._fields)


@tagged("post_install", "-at_install")
class TestDuesOnTime(IndexTestMixin, PartyDuesCase):
    def _quarter_of_dues(self, name):
        """January to March of last year in a new branch: 10.00 a month per member."""
        year = self.today.year - 1
        branch = self._org(f"Index Dues {name}", "branch", self.committee)
        first = self._dues_member(branch, f"{name} First", base=2000)
        second = self._dues_member(branch, f"{name} Second", base=2000)
        self._generate([date(year, month, 1) for month in (1, 2, 3)], organizations=branch)
        return year, branch, first, second

    def test_dues_paid_by_the_last_day_of_their_month(self):
        """The first member pays January on 31 January and February on its last day (on
        time), March on 1 April (late); the second pays January on 1 February (late),
        then February and March on 31 March (February late, March on time): 3 of 6 on
        time = 50.0, the months the service assessment counts too."""
        year, branch, first, second = self._quarter_of_dues("Month")
        self._pay(first, 10.0, pay_date=date(year, 1, 31))
        self._pay(first, 10.0, pay_date=date(year, 3, 1) - timedelta(days=1))
        self._pay(first, 10.0, pay_date=date(year, 4, 1))
        self._pay(second, 10.0, pay_date=date(year, 2, 1))
        self._pay(second, 20.0, pay_date=date(year, 3, 31))
        index = self._compute(branch, "quarter", date(year, 1, 1))
        line = self._line(index, "nor_dues_on_time")
        self.assertEqual((line.value, line.detail), (50.0, "3 / 6"))
        # the facts of the points ledger's source "dues" (which the service assessment
        # counts): the same rule
        Point = self.env["party.point"].sudo()
        Point._party_points_refresh(date(year, 1, 1), date(year, 3, 31), first | second, ["dues"])
        assessed = Point._party_ledger_quantities(
            first | second, date(year, 1, 1), date(year, 3, 31), ["dues"]
        )
        self.assertEqual(assessed, {first.id: {"dues": (2.0, 2)}, second.id: {"dues": (1.0, 1)}})

    def test_a_quarter_paid_at_its_end_is_on_time_for_its_last_month_only(self):
        """Dues are paid monthly (按月交纳): three months paid together on 31 March are
        paid, January and February late."""
        year, branch, first, second = self._quarter_of_dues("Quarter")
        self._pay(first, 30.0, pay_date=date(year, 3, 31))
        self._pay(second, 30.0, pay_date=date(year, 3, 31))
        index = self._compute(branch, "quarter", date(year, 1, 1))
        line = self._line(index, "nor_dues_on_time")
        self.assertEqual((line.value, line.detail), (33.33, "2 / 6"))

    def test_deadline_is_the_last_day_of_the_month(self):
        deadline = self.Dues._party_on_time_deadline
        self.assertEqual(deadline(date(2024, 2, 1)), date(2024, 2, 29))
        self.assertEqual(deadline(date(2025, 12, 1)), date(2025, 12, 31))
