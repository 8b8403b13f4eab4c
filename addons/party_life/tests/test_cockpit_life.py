"""party_life's sections of the cockpit (party_branch/models/party_cockpit.py): meeting
completion, dues collection (members and amount), study hours and the development
pipeline, on a branch of its own for the first quarter of last year, through the RPC
dispatch."""

from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.party_branch.tests.rpc import rpc

from .common import PartyDuesCase, completed_lesson

NO_CAL = {"party_meeting_no_calendar": True}


@tagged("post_install", "-at_install")
class TestCockpitLife(PartyDuesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.year = cls.today.year - 1
        cls.branch = cls._org("Cockpit Life Branch", "branch", cls.committee)
        cls.first = cls._dues_member(cls.branch, "Cockpit First", base=2000)  # 10.00 a month
        cls.second = cls._dues_member(cls.branch, "Cockpit Second", base=2000)
        Meeting = cls.env["party.meeting"].with_context(**NO_CAL)
        meetings = Meeting.browse()
        for month, state in ((1, "held"), (2, "held"), (3, "planned"), (3, "cancelled")):
            start = datetime(cls.year, month, 10 + len(meetings), 9, 0)
            meetings |= Meeting.create(
                {
                    "name": f"Cockpit meeting {month} {state}",
                    "organization_id": cls.branch.id,
                    "meeting_type": "theme_day",
                    "start": start,
                    "stop": start + timedelta(hours=2),
                    "state": state,
                }
            )
        cls.held = meetings.filtered(lambda m: m.state == "held")
        # 3 of the 4 members expected at the two meetings held were present
        cls.held.attendance_ids.sorted("id")[:3].write({"state": "present"})
        # a 4-hour Party lesson completed by the first member in February
        completed_lesson(cls.env, "Cockpit course", 4.0, cls.first, date(cls.year, 2, 1))
        for name in ("Cockpit Applicant 1", "Cockpit Applicant 2"):
            cls.env["party.development"].create(
                {
                    "partner_id": cls.env["res.partner"].create({"name": name}).id,
                    "organization_id": cls.branch.id,
                    "birthdate": date(2000, 1, 1),
                    "application_date": date(cls.year, 1, 5),
                }
            )

    def _data(self):
        return rpc(
            self.env,
            self.admin,
            "party.cockpit",
            "get_cockpit_data",
            self.branch.id,
            "quarter",
            str(date(self.year, 1, 1)),
        )

    @staticmethod
    def _kpis(data, code):
        section = next(s for s in data["sections"] if s["code"] == code)
        return {kpi["label"]: (kpi["display"], kpi.get("detail")) for kpi in section["kpis"]}

    def test_meeting_completion_counts_the_held_of_those_due(self):
        kpis = self._kpis(self._data(), "meetings")
        self.assertEqual(kpis["Completion Rate"], ("66.7%", "2 / 3"))
        self.assertEqual(kpis["Held"][0], "2")
        self.assertEqual(kpis["Attendance"], ("75.0%", "3 / 4"))
        self.assertEqual(kpis["Not Recorded"][0], "1")

    def test_meeting_completion_opens_the_meetings_behind_it(self):
        section = next(s for s in self._data()["sections"] if s["code"] == "meetings")
        held = section["kpis"][1]["action"]
        self.assertEqual(held["res_model"], "party.meeting")
        self.assertEqual(
            self.env["party.meeting"].with_user(self.admin).search(held["domain"]), self.held
        )

    def test_dues_collection_in_members_and_amount(self):
        self._generate(
            [date(self.year, month, 1) for month in (1, 2, 3)], organizations=self.branch
        )
        self._pay(self.first, 30.0, pay_date=date(self.year, 3, 31))
        kpis = self._kpis(self._data(), "dues")
        self.assertEqual(kpis["Members Paid"], ("50.0%", "3 / 6"))
        self.assertEqual(kpis["Amount Paid"][0], "50.0%")
        self.assertIn("30.00 / ", kpis["Amount Paid"][1])
        self.assertTrue(kpis["Amount Paid"][1].endswith("60.00"))

    def test_dues_without_rows_are_shown_missing_not_zero(self):
        self.assertEqual(self._kpis(self._data(), "dues")["Members Paid"], ("—", "0 / 0"))

    def test_study_hours_in_total_and_per_member(self):
        kpis = self._kpis(self._data(), "study")
        self.assertEqual(kpis["Hours"][0], "4.0")
        self.assertEqual(kpis["Hours per Member"], ("2.0", "4.0 / 2"))
        self.assertEqual(kpis["Members Who Studied"], ("1", "1 / 2"))

    def test_development_pipeline_by_stage(self):
        section = next(s for s in self._data()["sections"] if s["code"] == "pipeline")
        bars = {item["label"]: item["display"] for item in section["bars"]}
        self.assertEqual(bars["Applicant"], "2")
        self.assertEqual(bars["Activist"], "0")
        found = (
            self.env["party.development"]
            .with_user(self.admin)
            .search(section["bars"][0]["action"]["domain"])
        )
        self.assertEqual(len(found), 2)

    def test_officer_of_another_branch_reads_none_of_it(self):
        with self.assertRaisesRegex(AccessError, "organisations you manage"):
            rpc(self.env, self.officer_b, "party.cockpit", "get_cockpit_data", self.branch.id)
