from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.party_branch.tests.common import PartyBranchCase, member_user


@tagged("post_install", "-at_install")
class TestAppraisal(PartyBranchCase):
    """Democratic appraisal (民主评议党员): workflow, anonymous ballots, results, security."""

    @classmethod
    def setUpClass(cls):  # pylint: disable=invalid-name
        super().setUpClass()
        cls.Appraisal = cls.env["party.appraisal"]
        cls.Vote = cls.env["party.appraisal.vote"]
        cls.Ballot = cls.env["party.appraisal.ballot"]
        # Branch A: Secretary A (officer_a), Member A (portal), a probationary member with a
        # portal user, a lost-contact member and a transferred-out one (not appraised).
        cls.portal_2 = member_user(cls.env, "pat_portal_2")
        cls.probationary = cls._member(
            cls.branch_a, "Probationary A", category="probationary", user_id=cls.portal_2.id
        )
        cls.lost = cls._member(cls.branch_a, "Lost A", status="lost_contact")
        cls.gone = cls._member(cls.branch_a, "Gone A")
        cls.gone.status = "transferred_out"
        cls.appraisal = cls.Appraisal.create({"organization_id": cls.branch_a.id, "year": 2030})

    def _open_voting(self, appraisal=None):
        appraisal = appraisal or self.appraisal
        appraisal.action_start_self_assessment()
        appraisal.action_start_voting()
        return appraisal

    def _ballot(self, user, ratings, appraisal=None):
        appraisal = appraisal or self.appraisal
        return appraisal.with_user(user).cast_ballot({m.id: r for m, r in ratings.items()})

    def _member_a_votes(self):
        """Member A (the portal user) rates Secretary A excellent, the probationary member
        qualified and the lost-contact one unqualified."""
        return self._ballot(
            self.portal,
            {
                self.secretary_a: "excellent",
                self.probationary: "qualified",
                self.lost: "unqualified",
            },
        )

    # ------------------------------------------------------------------ workflow

    def test_lines_for_appraised_members(self):
        self.appraisal.action_start_self_assessment()
        self.assertEqual(self.appraisal.state, "self_assessment")
        self.assertEqual(
            self.appraisal.line_ids.member_id,
            self.secretary_a | self.member_a | self.probationary | self.lost,
        )
        self.assertEqual(self.appraisal.member_count, 4)

    def test_one_campaign_per_year(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.Appraisal.create({"organization_id": self.branch_a.id, "year": 2030})

    def test_self_assessment_by_member(self):
        with self.assertRaisesRegex(UserError, "self-assessment"):
            self.appraisal.action_refresh_members()
            self.appraisal.line_ids.filtered(lambda ln: ln.member_id == self.member_a).with_user(
                self.portal
            ).write({"self_assessment": "too early"})
        self.appraisal.action_start_self_assessment()
        line = self.appraisal.line_ids.filtered(lambda ln: ln.member_id == self.member_a)
        line.with_user(self.portal).write({"self_assessment": "Studied and worked hard."})
        self.assertEqual(line.self_assessment, "Studied and worked hard.")
        self.assertTrue(line.self_assessment_date)
        # Nobody else's line, and no conclusion of their own.
        other = self.appraisal.line_ids.filtered(lambda ln: ln.member_id == self.secretary_a)
        with self.assertRaises(AccessError):
            other.with_user(self.portal).write({"self_assessment": "forged"})
        with self.assertRaises(AccessError):
            line.with_user(self.portal).write({"conclusion": "excellent"})

    # ------------------------------------------------------------------ ballots

    def test_ballot_only_during_voting(self):
        self.appraisal.action_start_self_assessment()
        ratings = {
            self.secretary_a: "excellent",
            self.probationary: "qualified",
            self.lost: "qualified",
        }
        with self.assertRaisesRegex(UserError, "only be cast while"):
            self._ballot(self.portal, ratings)
        self.appraisal.action_start_voting()
        self._ballot(self.portal, ratings)
        self.appraisal.action_close()
        with self.assertRaisesRegex(UserError, "only be cast while"):
            self._ballot(self.officer_a, {self.member_a: "excellent"})

    def test_one_ballot_per_member(self):
        self._open_voting()
        ratings = {
            self.secretary_a: "excellent",
            self.probationary: "qualified",
            self.lost: "qualified",
        }
        self._ballot(self.portal, ratings)
        with self.assertRaisesRegex(UserError, "already cast your ballot"):
            self._ballot(self.portal, ratings)
        self.assertEqual(self.appraisal.ballot_count, 1)
        # The database refuses a second ballot too.
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.Ballot.sudo().create(
                {"appraisal_id": self.appraisal.id, "member_id": self.member_a.id}
            )

    def test_ratings_only_for_campaign_members_not_self(self):
        self._open_voting()
        base = {
            self.secretary_a: "excellent",
            self.probationary: "qualified",
            self.lost: "qualified",
        }
        with self.assertRaisesRegex(ValidationError, "do not rate themselves"):
            self._ballot(self.portal, {**base, self.member_a: "excellent"})
        with self.assertRaisesRegex(ValidationError, "Only members of this appraisal"):
            self._ballot(self.portal, {**base, self.member_b: "excellent"})
        with self.assertRaisesRegex(ValidationError, "Only members of this appraisal"):
            self._ballot(self.portal, {**base, self.gone: "excellent"})
        with self.assertRaisesRegex(ValidationError, "Rate every other member"):
            self._ballot(self.portal, {self.secretary_a: "excellent"})
        with self.assertRaisesRegex(ValidationError, "Unknown rating"):
            self._ballot(self.portal, {**base, self.lost: "perfect"})
        # Not a member of the organisation: no vote.
        with self.assertRaises(AccessError):
            self._ballot(self.officer_b, base)
        self.assertEqual(self.appraisal.ballot_count, 0)

    def test_votes_not_linked_to_voters(self):
        Vote = self.env["party.appraisal.vote"]
        Ballot = self.env["party.appraisal.ballot"]
        # No field of a vote points to a voter, a ballot or a user, and no log columns.
        for name, field in Vote._fields.items():
            self.assertNotIn(
                field.comodel_name,
                ("party.appraisal.ballot", "res.users", "res.partner"),
                f"party.appraisal.vote.{name} could identify a voter",
            )
        self.assertFalse(
            {"create_uid", "create_date", "write_uid", "write_date"} & set(Vote._fields)
        )
        self.assertEqual(
            {n for n, f in Vote._fields.items() if f.type == "many2one"},
            {"appraisal_id", "member_id"},
        )
        # Ballots hold no votes.
        self.assertFalse(
            [f for f in Ballot._fields.values() if f.comodel_name == "party.appraisal.vote"]
        )
        self._open_voting()
        self._member_a_votes()
        # The register was written when voting opened, one row per member in member order,
        # without log columns; only the voter's row is marked. The box holds 3 ratings.
        register = Ballot.sudo().search([("appraisal_id", "=", self.appraisal.id)], order="id")
        self.assertEqual(register.member_id, self.appraisal.line_ids.member_id.sorted("id"))
        self.assertEqual(register.filtered("voted").member_id, self.member_a)
        self.assertFalse(
            {"create_uid", "create_date", "write_uid", "write_date"} & set(Ballot._fields)
        )
        self.assertEqual(Vote.sudo().search_count([("appraisal_id", "=", self.appraisal.id)]), 3)
        # Nobody reads the box, administrators included: it is only counted at closing.
        with self.assertRaises(AccessError):
            Vote.with_user(self.admin).search([("appraisal_id", "=", self.appraisal.id)])
        # Members and officers have no access at all to votes.
        for user in (self.portal, self.officer_a, self.auditor):
            with self.assertRaises(AccessError):
                Vote.with_user(user).search([])

    # ------------------------------------------------------------------ results

    def test_results_hidden_before_closing_and_correct_after(self):
        self._open_voting()
        self._member_a_votes()
        self._ballot(
            self.officer_a,
            {
                self.member_a: "excellent",
                self.probationary: "basically_qualified",
                self.lost: "unqualified",
            },
        )
        self._ballot(
            self.portal_2,
            {
                self.secretary_a: "excellent",
                self.member_a: "qualified",
                self.lost: "basically_qualified",
            },
        )
        self.assertEqual(self.appraisal.ballot_count, 3)
        self.assertEqual(self.appraisal.get_results(), [])
        line_a = self.appraisal.line_ids.filtered(lambda ln: ln.member_id == self.member_a)
        self.assertFalse(line_a.results_published)
        self.assertEqual(line_a.votes_excellent + line_a.votes_qualified, 0)

        self.appraisal.action_close()
        results = {r["member_id"]: r for r in self.appraisal.get_results()}
        self.assertEqual(
            results[self.member_a.id],
            {
                "member": "Member A",
                "member_id": self.member_a.id,
                "excellent": 1,
                "qualified": 1,
                "basically_qualified": 0,
                "unqualified": 0,
            },
        )
        self.assertEqual(results[self.secretary_a.id]["excellent"], 2)
        self.assertEqual(results[self.lost.id]["unqualified"], 2)
        self.assertEqual(results[self.lost.id]["basically_qualified"], 1)
        self.assertEqual(results[self.probationary.id]["basically_qualified"], 1)
        self.assertTrue(line_a.results_published)
        self.assertEqual((line_a.votes_excellent, line_a.votes_qualified), (1, 1))
        # After closing, the counts are on the lines; the box itself stays closed to
        # everyone, administrators included (its row order follows the order of voting).
        with self.assertRaises(AccessError):
            self.Vote.with_user(self.admin).search([("appraisal_id", "=", self.appraisal.id)])
        self.assertEqual(
            self.Vote.sudo().search_count([("appraisal_id", "=", self.appraisal.id)]), 9
        )

    def test_conclusions_counted_on_campaign(self):
        self._open_voting()
        lines = {ln.member_id: ln for ln in self.appraisal.line_ids}
        with self.assertRaisesRegex(UserError, "conclusion"):
            other = self.Appraisal.create({"organization_id": self.branch_b.id, "year": 2030})
            other.action_start_self_assessment()
            other.line_ids[:1].conclusion = "excellent"
        self.appraisal.action_close()
        lines[self.secretary_a].with_user(self.officer_a).conclusion = "excellent"
        lines[self.member_a].with_user(self.officer_a).conclusion = "excellent"
        lines[self.probationary].with_user(self.officer_a).conclusion = "qualified"
        lines[self.lost].with_user(self.officer_a).conclusion = "unqualified"
        self.assertEqual(
            (
                self.appraisal.excellent_count,
                self.appraisal.qualified_count,
                self.appraisal.basically_qualified_count,
                self.appraisal.unqualified_count,
            ),
            (2, 1, 0, 1),
        )

    # ------------------------------------------------------------------ security

    def test_member_sees_only_own_line_and_own_campaigns(self):
        self._open_voting()
        other_campaign = self.Appraisal.create({"organization_id": self.branch_b.id, "year": 2030})
        Line = self.env["party.appraisal.line"].with_user(self.portal)
        self.assertEqual(Line.search([]).member_id, self.member_a)
        self.assertEqual(
            self.Appraisal.with_user(self.portal).search([("year", "=", 2030)]), self.appraisal
        )
        with self.assertRaises(AccessError):
            other_campaign.with_user(self.portal).read(["name"])
        with self.assertRaises(AccessError):
            self.env["party.appraisal.ballot"].with_user(self.portal).search([])
        with self.assertRaises(AccessError):
            self.appraisal.with_user(self.portal).write({"note": "x"})

    def test_officer_and_auditor(self):
        campaign_b = self.Appraisal.create({"organization_id": self.branch_b.id, "year": 2030})
        appraisal_a = self.Appraisal.with_user(self.officer_a)
        self.assertEqual(appraisal_a.search([("year", "=", 2030)]), self.appraisal)
        with self.assertRaises(AccessError):
            appraisal_a.create({"organization_id": self.branch_b.id, "year": 2031})
        mine = appraisal_a.create({"organization_id": self.branch_a.id, "year": 2031})
        mine.action_start_self_assessment()
        self.assertEqual(len(mine.line_ids), 4)
        # The auditor reads campaigns and lines, changes nothing.
        auditor_env = self.Appraisal.with_user(self.auditor)
        self.assertEqual(auditor_env.search([("year", "=", 2030)]), self.appraisal | campaign_b)
        self.assertEqual(
            len(
                self.env["party.appraisal.line"]
                .with_user(self.auditor)
                .search([("year", "=", 2031)])
            ),
            4,
        )
        with self.assertRaises(AccessError):
            campaign_b.with_user(self.auditor).write({"note": "x"})
