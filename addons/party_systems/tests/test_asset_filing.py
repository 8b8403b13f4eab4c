"""Asset filing (备案资产登记): the branch files, the superior accepts or returns, a
filing is locked once submitted and stays on record, one open filing per asset and
type (in the database too), the asset's figures as filed."""

from datetime import date, timedelta
from unittest.mock import patch

from psycopg2 import IntegrityError, errors

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.party_branch.models.party_compliance import ComplianceRun
from odoo.addons.party_branch.tests.common import appoint_secretary
from odoo.addons.party_branch.tests.concurrency import (
    CommittedCase,
    build_tree,
    committed,
    race,
    remove_organizations,
)
from odoo.addons.party_branch.tests.rpc import rpc
from odoo.addons.party_life.tests.common import fixed_asset_profile
from odoo.addons.party_systems.models.party_asset_filing import PartyAssetFiling

from .common import PartySystemsCase


class AssetFilingCase(PartySystemsCase):
    """PartySystemsCase plus an asset profile of the company and helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.profile = fixed_asset_profile(cls.env, "Party facilities")
        cls.Filing = cls.env["party.asset.filing"]

    @classmethod
    def _asset(cls, org, name="Meeting room chairs", value=1200.0, start=None, state="open"):
        asset = cls.env["account.asset"].create(
            {"name": name, "profile_id": cls.profile.id, "purchase_value": value,
             "date_start": start or cls.today, "party_organization_id": org.id if org else False}
        )  # fmt: skip
        if state != "draft":
            asset.validate()
        return asset

    def _filing(self, asset=None, user=None, filing_type="acquisition", **vals):
        asset = asset or self.chairs
        Filing = self.Filing.with_user(user) if user else self.Filing
        return Filing.create(
            {"organization_id": asset.party_organization_id.id, "asset_id": asset.id,
             "filing_type": filing_type, "note": "Bought for the activity room", **vals}
        )  # fmt: skip

    def _submitted(self, **vals):
        filing = self._filing(user=self.officer_a, **vals)
        filing.with_user(self.officer_a).action_submit()
        return filing


@tagged("post_install", "-at_install")
class TestAssetFiling(AssetFilingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.chairs = cls._asset(cls.branch_a)

    # ------------------------------------------------------------------ the flow

    def test_branch_submits_superior_accepts(self):
        filing = self._filing(user=self.officer_a)
        self.assertEqual(filing.state, "draft")
        filing.with_user(self.officer_a).action_submit()
        self.assertEqual(filing.state, "submitted")
        self.assertEqual((filing.submitted_on, filing.submitted_by_id),
                         (self.today, self.officer_a))  # fmt: skip
        with self.assertRaises(AccessError):  # the branch does not accept its own filing
            filing.with_user(self.officer_a).action_accept()
        filing.with_user(self.officer_c).action_accept()
        self.assertEqual(filing.state, "accepted")
        self.assertEqual((filing.reviewed_on, filing.reviewed_by_id), (self.today, self.officer_c))
        self.chairs.invalidate_recordset()
        self.assertEqual((self.chairs.party_filing_count, self.chairs.party_filing_state),
                         (1, "accepted"))  # fmt: skip

    def test_party_administrator_accepts(self):
        filing = self._submitted()
        filing.with_user(self.admin).action_accept()
        self.assertEqual(filing.state, "accepted")

    def test_superior_reviews_only_submitted_filings(self):
        filing = self._filing(user=self.officer_a)
        with self.assertRaisesRegex(UserError, "does not apply in its state"):
            filing.with_user(self.officer_c).action_accept()
        filing.with_user(self.officer_a).action_submit()
        with self.assertRaisesRegex(UserError, "does not apply in its state"):
            filing.with_user(self.officer_a).action_submit()
        self.assertTrue(filing.with_user(self.officer_c).can_review)
        self.assertFalse(filing.with_user(self.officer_a).can_review)

    def test_return_needs_the_reason_and_a_new_filing_corrects_it(self):
        filing = self._submitted()
        with self.assertRaisesRegex(UserError, "write the reason"):
            filing.with_user(self.officer_c).action_return()
        with self.assertRaises(AccessError):  # the branch does not write the superior's note
            filing.with_user(self.officer_a).review_note = "Fine"
        filing.with_user(self.officer_c).review_note = "The invoice is missing."
        filing.with_user(self.officer_c).action_return()
        self.assertEqual(filing.state, "returned")
        action = filing.with_user(self.officer_a).action_new_correction()
        self.assertEqual(action["context"]["default_corrects_id"], filing.id)
        correction = (
            self.Filing.with_user(self.officer_a)
            .with_context(**action["context"])
            .create({"note": "With the invoice"})
        )
        self.assertEqual((correction.corrects_id, correction.asset_id, correction.state),
                         (filing, self.chairs, "draft"))  # fmt: skip
        self.assertEqual(filing.state, "returned")

    def test_correction_refers_to_a_returned_filing_of_the_same_asset(self):
        accepted = self._submitted()
        accepted.with_user(self.officer_c).action_accept()
        with self.assertRaisesRegex(ValidationError, "returned filing of the same asset"):
            self._filing(user=self.officer_a, filing_type="change", corrects_id=accepted.id)
        with self.assertRaisesRegex(UserError, "Only a returned filing"):
            accepted.with_user(self.officer_a).action_new_correction()

    def test_only_the_holding_branch_files(self):
        with self.assertRaises(AccessError):  # officer of a sibling branch
            self._filing(user=self.officer_b)
        filing = self._filing(user=self.officer_a)
        with self.assertRaises(AccessError):
            filing.with_user(self.officer_b).action_submit()
        with self.assertRaises(AccessError):  # the sibling does not see it either
            filing.with_user(self.officer_b).read(["state"])
        self.assertEqual(filing.state, "draft")

    def test_superior_sees_its_branches_filings(self):
        filing = self._filing(user=self.officer_a)
        self.assertIn(filing, self.Filing.with_user(self.officer_c).search([]))
        self.assertNotIn(filing, self.Filing.with_user(self.officer_b).search([]))
        self.assertIn(filing, self.Filing.with_user(self.auditor).search([]))

    # ---------------------------------------------------------- lock and record

    def test_locked_once_submitted(self):
        filing = self._submitted()
        for vals in ({"note": "Changed"}, {"filing_type": "change"}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "locked"):
                filing.with_user(self.officer_a).write(vals)
        with self.assertRaisesRegex(UserError, "stays on record"):
            filing.with_user(self.officer_a).unlink()
        filing.with_user(self.officer_c).action_accept()
        with self.assertRaisesRegex(UserError, "locked"):
            filing.with_user(self.officer_c).write({"note": "Changed"})
        with self.assertRaisesRegex(UserError, "stays on record"):
            filing.with_user(self.admin).unlink()
        self.assertEqual((filing.state, filing.note), ("accepted", "Bought for the activity room"))

    def test_returned_filing_stays_on_record(self):
        filing = self._submitted()
        filing.with_user(self.officer_c).write({"review_note": "Wrong asset"})
        filing.with_user(self.officer_c).action_return()
        with self.assertRaisesRegex(UserError, "stays on record"):
            filing.with_user(self.officer_a).unlink()
        with self.assertRaisesRegex(UserError, "locked"):
            filing.with_user(self.officer_a).write({"note": "Again"})
        with self.assertRaisesRegex(UserError, "while the filing is submitted"):
            filing.with_user(self.officer_c).write({"review_note": "Changed my mind"})

    def test_draft_is_deleted(self):
        filing = self._filing(user=self.officer_a)
        filing.with_user(self.officer_a).unlink()
        self.assertFalse(filing.exists())

    def test_snapshot_unchanged_when_the_asset_depreciates(self):
        filing = self._submitted()
        self.assertEqual(
            (filing.filed_purchase_value, filing.filed_value_residual, filing.filed_date_start,
             filing.filed_asset_state),
            (1200.0, 1200.0, self.today, "open"),
        )  # fmt: skip
        line = self.chairs.depreciation_line_ids.filtered(lambda x: x.type == "depreciate")[:1]
        line.init_entry = True  # a depreciation booked
        self.assertLess(self.chairs.value_residual, 1200.0)
        filing.invalidate_recordset()
        self.assertEqual(filing.filed_value_residual, 1200.0)

    # ---------------------------------------------------------------- uniqueness

    def test_one_open_filing_per_asset_and_type(self):
        first = self._filing(user=self.officer_a)
        with self.assertRaisesRegex(ValidationError, "already has an open Acquisition filing"):
            self._filing(user=self.officer_a)
        disposal = self._filing(user=self.officer_a, filing_type="disposal")
        with self.assertRaisesRegex(ValidationError, "already has an open Acquisition filing"):
            disposal.with_user(self.officer_a).filing_type = "acquisition"
        first.with_user(self.officer_a).action_submit()
        with self.assertRaisesRegex(ValidationError, "already has an open"):
            self._filing(user=self.officer_a)
        first.with_user(self.officer_c).action_accept()
        second = self._filing(user=self.officer_a)  # the first is closed: a new one is open
        self.assertEqual(second.state, "draft")

    def test_one_open_filing_under_the_rpc_dispatch(self):
        vals = {"organization_id": self.branch_a.id, "asset_id": self.chairs.id,
                "filing_type": "acquisition"}  # fmt: skip
        rpc(self.env, self.officer_a, "party.asset.filing", "create", [vals])
        with self.assertRaisesRegex(ValidationError, "already has an open"):
            rpc(self.env, self.officer_a, "party.asset.filing", "create", [vals])
        with self.assertRaisesRegex(ValidationError, "already has an open"):
            rpc(self.env, self.officer_a, "party.asset.filing", "create", [vals, vals])
        self.assertEqual(self.Filing.search_count([("asset_id", "=", self.chairs.id)]), 1)

    def test_database_refuses_a_second_open_filing(self):
        """Two transactions that both passed the Python check meet the exclusion
        constraint; its message reaches the client."""
        vals = {"organization_id": self.branch_a.id, "asset_id": self.chairs.id}
        rpc(self.env, self.officer_a, "party.asset.filing", "create", [vals])
        with patch.object(PartyAssetFiling, "_check_open_clash", lambda self, pairs: None):
            with self.assertRaisesRegex(ValidationError, "open filing of this type"):
                rpc(self.env, self.officer_a, "party.asset.filing", "create", [vals])
            with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                with self.env.cr.savepoint():
                    self.Filing.create([vals])
                    self.env.flush_all()

    # ------------------------------------------------------- assets of others

    def test_asset_of_another_organisation_refused(self):
        other = self._asset(self.branch_b, "Branch B printer")
        with self.assertRaisesRegex(ValidationError, "does not hold this asset") as caught:
            self._filing(user=self.officer_a, asset=other, organization_id=self.branch_a.id)
        self.assertNotIn("printer", str(caught.exception))
        unheld = self._asset(False, "Nobody's desk")
        with self.assertRaisesRegex(ValidationError, "does not hold this asset"):
            self._filing(user=self.officer_a, asset=unheld, organization_id=self.branch_a.id)

    def test_no_answer_about_other_organisations_assets(self):
        """Whether another branch's asset has an open filing, or exists at all, gets the
        same answer as an asset the branch does not hold."""
        other = self._asset(self.branch_b, "Branch B printer")
        self._filing(asset=other, user=self.officer_b)  # an open filing of Branch B
        for asset_id in (other.id, other.id + 10**6):
            with (
                self.subTest(asset_id=asset_id),
                self.assertRaisesRegex(ValidationError, "Branch A does not hold this asset"),
            ):
                rpc(self.env, self.officer_a, "party.asset.filing", "create",
                    {"organization_id": self.branch_a.id, "asset_id": asset_id})  # fmt: skip

    def test_who_submitted_does_not_accept_or_return(self):
        """An officer of the superior may file for a branch below; someone else reviews."""
        filing = self._filing(user=self.officer_c)
        filing.with_user(self.officer_c).action_submit()
        filing.with_user(self.officer_c).review_note = "Missing the invoice"
        for action in ("action_accept", "action_return"):
            with self.subTest(action=action), self.assertRaisesRegex(UserError, "You submitted"):
                rpc(self.env, self.officer_c, "party.asset.filing", action, ids=filing.ids)
        self.assertEqual(filing.state, "submitted")
        filing.with_user(self.admin).action_accept()
        self.assertEqual(filing.state, "accepted")

    def test_asset_moved_away_before_submission_is_refused(self):
        filing = self._filing(user=self.officer_a)
        self.chairs.party_organization_id = self.branch_b
        with self.assertRaisesRegex(ValidationError, "does not hold this asset"):
            filing.with_user(self.officer_a).action_submit()
        self.assertEqual(filing.state, "draft")

    def test_asset_of_another_company_refused(self):
        company_x = self.env["res.company"].create({"name": "Asset Company X"})
        foreign = self._asset(self.branch_a, "Foreign asset", state="draft")
        self.env.cr.execute(
            "UPDATE account_asset SET company_id = %s WHERE id = %s", (company_x.id, foreign.id)
        )
        foreign.invalidate_recordset()
        with self.assertRaisesRegex(UserError, "must belong to the record's company"):
            self._filing(user=self.officer_a, asset=foreign)

    def test_officer_reads_only_the_assets_of_their_organisations(self):
        other = self._asset(self.branch_b, "Branch B printer")
        Asset = self.env["account.asset"].with_user(self.officer_a)
        self.assertEqual(Asset.search([("id", "in", (self.chairs | other).ids)]), self.chairs)
        self.assertEqual(Asset.browse(self.chairs.id).party_filing_count, 0)
        with self.assertRaises(AccessError):
            Asset.browse(self.chairs.id).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            Asset.browse(other.id).read(["name"])
        # the superior reads its branches' assets
        self.assertIn(self.chairs, self.env["account.asset"].with_user(self.officer_c).search([]))

    def test_accountant_officer_keeps_every_asset(self):
        """Group rules add up: an officer who is also an accountant reads every asset of
        the company, not only the Party's."""
        self.officer_b.groups_id |= self.env.ref("account.group_account_user")
        unheld = self._asset(False, "Nobody's desk")
        Asset = self.env["account.asset"].with_user(self.officer_b)
        self.assertEqual(Asset.search([("id", "in", (self.chairs | unheld).ids)]),
                         self.chairs | unheld)  # fmt: skip
        Asset.browse(unheld.id).write({"party_organization_id": self.branch_b.id})
        self.assertEqual(unheld.party_organization_id, self.branch_b)

    # ------------------------------------------------------------------ attacks

    def test_not_created_accepted(self):
        vals = {"organization_id": self.branch_a.id, "asset_id": self.chairs.id}
        for extra in ({"state": "accepted"}, {"reviewed_by_id": self.officer_c.id},
                      {"filed_purchase_value": 1.0}, {"submitted_on": "2026-01-01"}):  # fmt: skip
            with self.subTest(extra=extra), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.asset.filing", "create", [{**vals, **extra}])
        with self.assertRaisesRegex(UserError, "while the filing is submitted"):
            rpc(self.env, self.officer_a, "party.asset.filing", "create",
                [{**vals, "review_note": "Accepted, says the branch"}])  # fmt: skip
        for key in ("default_state", "default_reviewed_by_id"):
            value = "accepted" if key == "default_state" else self.officer_c.id
            with self.subTest(key=key), self.assertRaises(AccessError):
                rpc(self.env, self.officer_a, "party.asset.filing", "create", [vals],
                    context={key: value})  # fmt: skip
        self.assertFalse(self.Filing.search([("asset_id", "=", self.chairs.id)]))

    def test_hostile_values_are_clear_errors(self):
        vals = {"organization_id": self.branch_a.id, "asset_id": self.chairs.id}
        for bad in ({"asset_id": "1 OR 1=1"}, {"asset_id": -1}, {"filing_type": "gift"},
                    {"note": ["x"]}, {"unknown": 1}):  # fmt: skip
            with self.subTest(bad=bad), self.assertRaises(UserError):
                rpc(self.env, self.officer_a, "party.asset.filing", "create", [{**vals, **bad}])
        self.assertFalse(self.Filing.search([("asset_id", "=", self.chairs.id)]))

    def test_state_and_review_not_written(self):
        filing = self._submitted()
        for user in (self.officer_a, self.officer_c):
            for vals in ({"state": "accepted"}, {"reviewed_by_id": user.id},
                         {"reviewed_on": "2026-01-01"}, {"filed_value_residual": 0.0},
                         {"asset_id": self._asset(self.branch_a, "Other").id},
                         {"organization_id": self.branch_b.id}):  # fmt: skip
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                    rpc(self.env, user, "party.asset.filing", "write", vals, ids=filing.ids)
        self.assertEqual((filing.state, filing.reviewed_by_id.id), ("submitted", False))

    def test_hostile_callers_of_the_actions(self):
        filing = self._submitted()
        for user in (self.portal, self.officer_b, self.auditor):
            for method in ("action_accept", "action_return", "action_submit"):
                with self.subTest(user=user.login, method=method), self.assertRaises(AccessError):
                    rpc(self.env, user, "party.asset.filing", method, ids=filing.ids)
        with self.assertRaises(AccessError):
            rpc(self.env, self.portal, "account.asset", "action_view_party_asset_filings",
                ids=self.chairs.ids)  # fmt: skip
        self.assertEqual(filing.state, "submitted")


@tagged("post_install", "-at_install")
class TestAssetFilingDays(AssetFilingCase):
    """The asset_not_filed check: 30 days (以内, the 30th day included)."""

    def _findings(self, on_date=None):
        orgs = self.committee | self.branch_a | self.group_a | self.branch_b
        self.env["party.compliance"]._run(orgs, on_date or self.today, ("asset_not_filed",))
        return self.env["party.finding"].search(
            [("organization_id", "in", orgs.ids), ("state", "=", "open"),
             ("code", "=", "asset_not_filed")]
        )  # fmt: skip

    def test_acquisition_filed_within_30_days(self):
        asset = self._asset(self.branch_a, "Projector", start=self.today - timedelta(days=30))
        self.assertFalse(self._findings())
        finding = self._findings(self.today + timedelta(days=1))
        self.assertEqual(finding.organization_id, self.branch_a)
        self.assertIn("Projector", finding.message)
        self.assertIn("30 days", finding.message)
        self.assertIn("Acquisition", finding.message)
        filing = self._filing(asset=asset)
        filing.action_submit()
        self.assertTrue(self._findings(self.today + timedelta(days=1)))  # accepted counts
        filing.action_accept()
        self.assertFalse(self._findings(self.today + timedelta(days=1)))

    def test_disposal_filed_within_30_days(self):
        asset = self._asset(self.branch_a, "Old desk", start=self.today - timedelta(days=900))
        self._filing(asset=asset).action_submit()
        asset.party_filing_ids.action_accept()
        asset.write({"state": "removed", "date_remove": self.today - timedelta(days=30)})
        self.assertFalse(self._findings())
        finding = self._findings(self.today + timedelta(days=1))
        self.assertIn("Disposal", finding.message)
        disposal = self._filing(asset=asset, filing_type="disposal")
        disposal.action_submit()
        disposal.action_accept()
        self.assertFalse(self._findings(self.today + timedelta(days=1)))

    def test_draft_and_unheld_assets_do_not_count(self):
        self._asset(self.branch_a, "Not confirmed", start=self.today - timedelta(days=90),
                    state="draft")  # fmt: skip
        self._asset(False, "Company desk", start=self.today - timedelta(days=90))
        self.assertFalse(self._findings())


@tagged("post_install", "-at_install")
class TestAssetFilingScreens(AssetFilingCase):
    def test_officer_opens_the_filing_screens(self):
        Filing = self.env["party.asset.filing"].with_user(self.officer_a)
        views = Filing.get_views([(False, "list"), (False, "form"), (False, "search"),
                                  (False, "activity")])  # fmt: skip
        self.assertIn("action_accept", views["views"]["form"]["arch"])
        asset = self._asset(self.branch_a, "Flag stand")
        form = Form(Filing)
        form.asset_id = asset
        self.assertEqual(form.organization_id, self.branch_a)
        filing = form.save()
        self.assertEqual(filing.asset_id, asset)

    def test_asset_form_shows_the_filings_to_party_readers_only(self):
        accountant = new_test_user(self.env, login="asset_accountant",
                                   groups="account.group_account_manager")  # fmt: skip
        arch = self.env["account.asset"].with_user(accountant).get_views([(False, "form")])
        self.assertNotIn("party_filing_count", arch["views"]["form"]["arch"])
        self.assertIn("party_organization_id", arch["views"]["form"]["arch"])
        accountant.groups_id |= self.env.ref("party_branch.group_party_auditor")
        arch = self.env["account.asset"].with_user(accountant).get_views([(False, "form")])
        self.assertIn("party_filing_count", arch["views"]["form"]["arch"])
        asset = self._asset(self.branch_a, "Flag stand")
        action = asset.with_user(accountant).action_view_party_asset_filings()
        self.assertEqual(action["domain"], [("asset_id", "=", asset.id)])

    def test_the_check_queries_the_same_for_2_and_8_assets(self):
        """Set-based: the number of queries does not grow with the assets."""
        start = self.today - timedelta(days=90)
        Compliance = self.env["party.compliance"]
        orgs = self.committee | self.branch_a | self.branch_b

        def queries(count, prefix):
            for index in range(count):
                self._asset(self.branch_a if index % 2 else self.branch_b,
                            f"{prefix} {index}", start=start)  # fmt: skip
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            breaches = Compliance._check_asset_not_filed(orgs, ComplianceRun(orgs, self.today))
            return self.env.cr.sql_log_count - before, len(breaches)

        two = queries(2, "Desk")
        eight = queries(6, "Chair")
        self.assertEqual((two[1], eight[1]), (2, 8))
        self.assertEqual(two[0], eight[0])


@tagged("post_install", "-at_install")
class TestAssetFilingConcurrency(CommittedCase):
    """Two officers file the same asset at the same moment (docs/security.md, rule 5):
    real transactions in threads (party_branch/tests/concurrency.py); the database
    decides, the loser writes nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tag = cls.tag

        def build(env):
            committee_id, branch_id, __ = build_tree(env, f"AF{tag}", 0)
            company = env.company
            Account = env["account.account"]
            fixed = Account.search(
                [("account_type", "=", "asset_fixed"), ("company_ids", "in", company.ids)],
                limit=1,
            )
            journal = env["account.journal"].search(
                [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
            )
            profile = env["account.asset.profile"].create(
                {"name": f"Conc {tag}", "account_asset_id": fixed.id,
                 "account_depreciation_id": fixed.id, "account_expense_depreciation_id": fixed.id,
                 "journal_id": journal.id}
            )  # fmt: skip
            asset = env["account.asset"].create(
                {"name": f"Conc asset {tag}", "profile_id": profile.id, "purchase_value": 10.0,
                 "date_start": date(2031, 1, 1), "party_organization_id": branch_id}
            )  # fmt: skip
            return committee_id, branch_id, profile.id, asset.id

        cls.committee_id, cls.branch_id, cls.profile_id, cls.asset_id = committed(cls.db, build)

    @classmethod
    def tearDownClass(cls):
        filings = "SELECT id FROM party_asset_filing WHERE asset_id = %s"
        extra = [
            (f"DELETE FROM mail_message WHERE model = 'party.asset.filing' AND res_id IN ({filings})",  # noqa: S608
             [cls.asset_id]),
            (f"DELETE FROM mail_followers WHERE res_model = 'party.asset.filing' AND res_id IN ({filings})",  # noqa: S608
             [cls.asset_id]),
            ("DELETE FROM party_asset_filing WHERE asset_id = %s", [cls.asset_id]),
            ("DELETE FROM mail_message WHERE model = 'account.asset' AND res_id = %s",
             [cls.asset_id]),
            ("DELETE FROM mail_followers WHERE res_model = 'account.asset' AND res_id = %s",
             [cls.asset_id]),
            ("DELETE FROM account_asset_line WHERE asset_id = %s", [cls.asset_id]),
            ("DELETE FROM account_asset WHERE id = %s", [cls.asset_id]),
            ("DELETE FROM account_asset_profile WHERE id = %s", [cls.profile_id]),
            ("DELETE FROM party_finding WHERE organization_id IN %s",
             [(cls.branch_id, cls.committee_id)]),
        ]  # fmt: skip
        remove_organizations(cls.db, [cls.branch_id, cls.committee_id], extra)
        super().tearDownClass()

    def test_same_asset_filed_twice_at_once(self):
        def file(env):
            return (
                env["party.asset.filing"]
                .create({"organization_id": self.branch_id, "asset_id": self.asset_id})
                .id
            )

        outcome = race(self.db, file, file)
        self.assertIsInstance(outcome["first"], int)
        error = outcome["second"]
        self.assertIsInstance(error, errors.ExclusionViolation)
        self.assertIn("open filing of this type", str(_as_validation_error(self.env, error)))
        count = committed(
            self.db,
            lambda env: env["party.asset.filing"].search_count([("asset_id", "=", self.asset_id)]),
        )
        self.assertEqual(count, 1)


WAIT_FOR = """
const waitFor = async (test, what) => {
    for (let i = 0; i < 150; i++) {
        const found = test();
        if (found) { return found; }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("not found: " + what);
};
"""


@tagged("post_install", "-at_install")
class TestAssetFilingBrowser(HttpCase):
    """The filing form in the browser: the superior accepts; the branch sees no Accept."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, tz="UTC"))
        Org = cls.env["party.organization"]
        committee = Org.create({"name": "Filing Tour Committee", "code": "PAF-C",
                                "org_type": "committee"})  # fmt: skip
        branch = Org.create({"name": "Filing Tour Branch", "code": "PAF-B", "org_type": "branch",
                             "parent_id": committee.id})  # fmt: skip
        for org, login in ((committee, "paf_superior"), (branch, "paf_branch")):
            user = new_test_user(cls.env, login=login, tz="UTC",
                                 groups="base.group_user,party_branch.group_party_officer")  # fmt: skip
            member = cls.env["party.member"].create(
                {"name": f"{login} member", "organization_id": org.id, "user_id": user.id,
                 "member_category": "full", "join_date": "2010-03-01",
                 "full_date": "2011-03-01"}
            )  # fmt: skip
            appoint_secretary(cls.env, org, member, "2024-01-01")
        company = cls.env.company
        fixed = cls.env["account.account"].search(
            [("account_type", "=", "asset_fixed"), ("company_ids", "in", company.ids)], limit=1
        )
        journal = cls.env["account.journal"].search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1
        )
        profile = cls.env["account.asset.profile"].create(
            {"name": "Filing tour profile", "account_asset_id": fixed.id,
             "account_depreciation_id": fixed.id, "account_expense_depreciation_id": fixed.id,
             "journal_id": journal.id}
        )  # fmt: skip
        asset = cls.env["account.asset"].create(
            {"name": "Tour flag stand", "profile_id": profile.id, "purchase_value": 800.0,
             "date_start": date(2026, 1, 5), "party_organization_id": branch.id}
        )  # fmt: skip
        cls.filing = cls.env["party.asset.filing"].create(
            {"organization_id": branch.id, "asset_id": asset.id, "note": "For the room"}
        )
        cls.filing.action_submit()

    def test_superior_accepts_on_the_form(self):
        url = f"/odoo/action-party_systems.party_asset_filing_action/{self.filing.id}"
        self.browser_js(url, WAIT_FOR + """
            (async () => {
                await waitFor(() => document.querySelector(".o_form_view .o_field_widget[name=filed_purchase_value]"), "snapshot");
                if (document.querySelector("button[name=action_accept]")) {
                    throw new Error("the branch sees Accept");
                }
                console.log("test successful");
            })().catch((error) => console.error(error.message));
        """, login="paf_branch")  # fmt: skip
        self.browser_js(url, WAIT_FOR + """
            (async () => {
                const accept = await waitFor(() => document.querySelector("button[name=action_accept]"), "Accept");
                accept.click();
                await waitFor(() => !document.querySelector("button[name=action_accept]"), "accepted");
                console.log("test successful");
            })().catch((error) => console.error(error.message));
        """, login="paf_superior")  # fmt: skip
        self.assertEqual(self.filing.state, "accepted")
        self.assertEqual(self.filing.reviewed_by_id.login, "paf_superior")
