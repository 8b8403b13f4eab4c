"""Members of the branch and officers of the superior committee rate the secretary's
yearly report on the portal (phone first); nobody else sees it."""

import datetime

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.party_branch.tests.common import appoint_secretary, create_full_members

from .common import PortalForms


@tagged("post_install", "-at_install")
class TestSecretaryReportPortal(PortalForms, HttpCase):
    login_prefix = "psr_"

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        env = cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Org = env["party.organization"]
        cls.committee = Org.create(
            {"name": "PSR Committee", "code": "PSR-C", "org_type": "committee"}
        )
        cls.branch = Org.create(
            {
                "name": "PSR Branch",
                "code": "PSR-A",
                "org_type": "branch",
                "parent_id": cls.committee.id,
            }
        )
        cls.other_branch = Org.create(
            {
                "name": "PSR Other",
                "code": "PSR-B",
                "org_type": "branch",
                "parent_id": cls.committee.id,
            }
        )
        logins = {
            "secretary": "base.group_user,party_branch.group_party_officer",
            "reader": "base.group_portal,party_branch.group_party_member",
            "second": "base.group_portal,party_branch.group_party_member",
            "outsider": "base.group_portal,party_branch.group_party_member",
            "superior": "base.group_user,party_branch.group_party_officer",
        }
        cls.users = {
            key: new_test_user(env, login=f"psr_{key}", name=f"PSR {key}", groups=groups)
            for key, groups in logins.items()
        }
        born = datetime.date(1980, 6, 6)
        members = create_full_members(
            env,
            cls.branch,
            [("PSR Secretary", born, 31), ("PSR Reader", born, 33), ("PSR Second", born, 35)],
        )
        (outsider,) = create_full_members(env, cls.other_branch, [("PSR Outsider", born, 37)])
        (superior,) = create_full_members(env, cls.committee, [("PSR Superior", born, 39)])
        cls.members = dict(
            zip(
                ("secretary", "reader", "second", "outsider", "superior"),
                (*members, outsider, superior),
                strict=True,
            )
        )
        for key, member in cls.members.items():
            member.user_id = cls.users[key]
        for org, member in ((cls.branch, members[0]), (cls.committee, superior)):
            appoint_secretary(env, org, member, "2020-01-01")
        Report = env["party.secretary.report"]
        year = datetime.date.today().year - 1
        cls.report = Report.create(
            {
                "organization_id": cls.branch.id,
                "member_id": members[0].id,
                "year": year,
                "duty_report": "<p>PSR duties text</p>",
                "integrity_report": "<p>PSR integrity text</p>",
            }
        )
        cls.report.with_user(cls.users["secretary"]).action_file()
        cls.report.with_user(cls.users["secretary"]).action_open_rating()
        cls.draft = Report.create(
            {"organization_id": cls.branch.id, "member_id": members[0].id, "year": year - 1}
        )
        cls.url = f"/my/party/secretary-reports/{cls.report.id}"

    def _rate(self, rating, report=None):
        return self._post(
            f"/my/party/secretary-reports/{(report or self.report).id}/rate", rating=rating
        )

    def test_member_rates_once_on_the_portal(self):
        self._login("reader")
        home = self.url_open("/my").text
        self.assertIn("/my/party/secretary-reports", home)
        listing = self.url_open("/my/party/secretary-reports").text
        self.assertIn(self.url, listing)
        self.assertIn("To Rate", listing)
        page = self.url_open(self.url).text
        self.assertIn("PSR duties text", page)
        self.assertIn("PSR integrity text", page)
        self.assertIn("o_party_rate_excellent", page)

        response = self._rate("good")
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(self.url))
        rating = self.report.report_rating_ids
        self.assertEqual(
            (rating.member_id, rating.rater_kind, rating.rating),
            (self.members["reader"], "member", "good"),
        )
        page = self.url_open(self.url).text
        self.assertIn("o_party_secretary_report_rated", page)
        self.assertIn("o_party_secretary_report_my_rating", page)
        self.assertNotIn("o_party_rate_excellent", page)

        response = self._rate("excellent")  # a second rating: refused, nothing written
        self.assertTrue(response.headers["Location"].endswith(self.url))
        self.assertIn("You have already rated", self.url_open(self.url).text)
        self.assertEqual(len(self.report.report_rating_ids), 1)
        self.assertEqual(self.report.report_rating_ids.rating, "good")
        self.assertIn("Rated", self.url_open("/my/party/secretary-reports").text)

    def test_home_counter_leaves_out_a_report_already_rated(self):
        self._login("reader")

        def counter():
            return self.make_jsonrpc_request(
                "/my/counters", {"counters": ["party_secretary_report_count"]}
            )["party_secretary_report_count"]

        self.assertEqual(counter(), 1)
        self._rate("good")
        self.assertEqual(counter(), 0)

    def test_superior_committee_rates_on_the_portal(self):
        self._login("superior")
        self.assertIn(self.url, self.url_open("/my/party/secretary-reports").text)
        self.assertEqual(self._rate("fair").status_code, 303)
        self.assertEqual(self.report.report_rating_ids.rater_kind, "superior")

    def test_nobody_else_sees_or_rates_the_report(self):
        for key in ("secretary", "outsider"):  # the secretary does not rate themself
            with self.subTest(user=key):
                self._login(key)
                self.assertNotIn(self.url, self.url_open("/my/party/secretary-reports").text)
                self.assertEqual(self.url_open(self.url).status_code, 404)
                self.assertEqual(self._rate("poor").status_code, 404)
        self._login("reader")  # a report not yet filed is not shown to the members
        self.assertEqual(
            self.url_open(f"/my/party/secretary-reports/{self.draft.id}").status_code, 404
        )
        self.assertEqual(self._rate("poor", self.draft).status_code, 404)
        self.assertEqual(self.url_open("/my/party/secretary-reports/999999999").status_code, 404)
        self.assertFalse(self.report.report_rating_ids)

    def test_secretary_on_the_superior_committee_does_not_rate_their_own_report(self):
        self.env["party.position"].create(
            {
                "organization_id": self.committee.id,
                "member_id": self.members["secretary"].id,
                "position_type_id": self.env.ref("party_branch.position_type_committee_member").id,
                "date_start": "2020-01-01",
            }
        )
        self.env.invalidate_all()
        self._login("secretary")
        self.assertNotIn(self.url, self.url_open("/my/party/secretary-reports").text)
        self.assertEqual(self._rate("excellent").status_code, 404)
        with self.assertRaises(AccessError):
            self.report.with_user(self.users["secretary"]).action_rate_excellent()
        self.assertFalse(self.report.report_rating_ids)

    def test_unknown_rating_and_error_texts(self):
        self._login("second")
        self.assertTrue(self._rate("brilliant").headers["Location"].endswith(self.url))
        self.assertIn("A rating is excellent, good, fair or poor.", self.url_open(self.url).text)
        self.assertFalse(self.report.report_rating_ids)
        page = self.url_open(f"{self.url}?error=<b>PSRinjected</b>").text
        self.assertNotIn("PSRinjected", page)

    def test_refused_rating_is_shown_on_the_next_page_once(self):
        self._login("second")
        self._rate("good")
        self.url_open(self.url)  # the success, shown once
        self._rate("poor")  # a second rating
        page = self.url_open(self.url).text
        self.assertIn(f"You have already rated {self.report.name}.", page)
        self.assertIn("o_party_flash", page)
        self.assertNotIn("You have already rated", self.url_open(self.url).text)
        self.assertEqual(self.report.report_rating_ids.rating, "good")

    def test_crafted_error_and_message_params_show_nothing(self):
        self._login("second")
        for query in ("error=rated", "error=closed", "error=rating", "message=rated"):
            with self.subTest(query=query):
                page = self.url_open(f"{self.url}?{query}").text
                self.assertNotIn("o_party_flash", page)
                self.assertNotIn("You have already rated", page)
                self.assertNotIn("not open for rating", page)
                self.assertNotIn("Your rating has been recorded", page)

    def test_closed_report_shows_the_counts(self):
        self.report.with_user(self.users["reader"]).action_rate_excellent()
        self.report.with_user(self.users["second"]).action_rate_excellent()
        self.report.with_user(self.users["superior"]).action_rate_good()
        self.report.with_user(self.users["superior"]).action_close()
        self.assertEqual(
            self.report._portal_counts(),
            [("Excellent", 0, 2), ("Good", 1, 0), ("Fair", 0, 0), ("Poor", 0, 0)],
        )
        self._login("second")
        page = self.url_open(self.url).text
        self.assertIn("o_party_secretary_report_results", page)
        self.assertNotIn("o_party_rate_excellent", page)
        self.report.report_rating_ids.filtered(
            lambda r: r.member_id == self.members["second"]
        ).sudo().unlink()  # as if the member had not rated: the closed report takes none
        self.assertTrue(self._rate("poor").headers["Location"].endswith(self.url))
        self.assertIn("is not open for rating", self.url_open(self.url).text)
        self.assertEqual(len(self.report.report_rating_ids), 2)

    def test_member_rates_on_a_phone(self):
        self.start_tour("/my", "party_secretary_report_portal_tour", login="psr_second")
        self.assertEqual(self.report.report_rating_ids.rating, "good")
