import datetime
import re

from odoo.tests import HttpCase, tagged

from odoo.addons.party_branch.tests.common import create_branch, member_user

from .common import voting_appraisal


@tagged("post_install", "-at_install")
class TestAppraisalPortal(HttpCase):
    """Members reach the appraisal from the portal, on a phone."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        env = cls.env
        cls.voter = member_user(env, "pat_voter")
        cls.branch, cls.members = create_branch(
            env,
            "Appraisal Branch",
            "PAT-B",
            [
                ("PAT Voter", datetime.date(1980, 1, 1), 21),
                ("PAT Colleague One", datetime.date(1981, 2, 2), 23),
                ("PAT Colleague Two", datetime.date(1982, 3, 3), 25),
            ],
            user=cls.voter,
        )
        cls.appraisal = voting_appraisal(env, cls.branch, 2031)

    def test_portal_pages(self):
        self.authenticate("pat_voter", "pat_voter")
        response = self.url_open("/my/appraisals")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Appraisal Branch", response.text)
        response = self.url_open(f"/my/appraisals/{self.appraisal.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("PAT Colleague One", response.text)
        self.assertIn(f'name="rating_{self.members[1].id}"', response.text)
        self.assertNotIn(f'name="rating_{self.members[0].id}"', response.text)
        # Self-assessment.
        response = self.url_open(
            f"/my/appraisals/{self.appraisal.id}/self_assessment",
            data={
                "self_assessment": "I studied the Party constitution.",
                "csrf_token": self.csrf(),
            },
        )
        self.assertEqual(response.status_code, 200)
        line = self.appraisal.line_ids.filtered(lambda ln: ln.member_id == self.members[0])
        self.assertEqual(line.self_assessment, "I studied the Party constitution.")
        # Ballot, then a second one is refused.
        data = {
            f"rating_{self.members[1].id}": "excellent",
            f"rating_{self.members[2].id}": "qualified",
            "csrf_token": self.csrf(),
        }
        response = self.url_open(f"/my/appraisals/{self.appraisal.id}/ballot", data=data)
        self.assertIn("cast anonymously", response.text)
        response = self.url_open(f"/my/appraisals/{self.appraisal.id}/ballot", data=data)
        self.assertIn("already cast your ballot", response.text)
        url = f"/my/appraisals/{self.appraisal.id}"
        self.assertNotIn("already cast your ballot", self.url_open(url).text)
        self.assertNotIn("PATforged", self.url_open(url + "?error=PATforged+call+us").text)
        self.assertEqual(self.appraisal.ballot_count, 1)
        # Results are shown once closed.
        self.appraisal.action_close()
        response = self.url_open(f"/my/appraisals/{self.appraisal.id}")
        self.assertIn("Peer Appraisal Results", response.text)
        # Another organisation's campaign is not found.
        other = self.env["party.appraisal"].create(
            {
                "organization_id": self.env["party.organization"]
                .create({"name": "Other Branch", "code": "PAT-O", "org_type": "branch"})
                .id,
                "year": 2031,
            }
        )
        response = self.url_open(f"/my/appraisals/{other.id}")
        self.assertEqual(response.status_code, 404)

    def csrf(self):
        page = self.url_open(f"/my/appraisals/{self.appraisal.id}").text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def test_portal_tour_on_phone(self):
        self.start_tour("/my/appraisals", "party_appraisal_portal_tour", login="pat_voter")
        self.assertEqual(self.appraisal.ballot_count, 1)
        self.appraisal.action_close()
        results = {r["member"]: r for r in self.appraisal.get_results()}
        self.assertEqual(results["PAT Colleague One"]["excellent"], 1)
        self.assertEqual(results["PAT Colleague Two"]["qualified"], 1)
