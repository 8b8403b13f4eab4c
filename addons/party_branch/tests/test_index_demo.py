"""The demo's organisations differ on the Five Modernizations index (issue 25): a strong
branch that earns its scores from the facts the addons' demo data record (生产运营党支部:
every meeting due held, the dues paid on time, the required reading read, its room in
use, its positions filled …), a weak one (工程项目第一党支部) and one whose facts are
missing (水质检测中心党支部: no service request, assessment or fund of its own).

The compliance checks and the index of the quarter under way are run again on the
demo's facts, as the nightly jobs do, for every dimension the installed addons
contribute. What makes the weak branch weak and the missing one missing is recorded by
party_life (meetings, dues, reading) and the addons after it: with party_branch alone
(its own dimension, standardisation: positions, terms, member files, open findings) the
weak branch only scores below the strong one, and no fact is missing."""

from odoo import fields
from odoo.tests import TransactionCase, tagged

STRONG = "party_branch.org_branch_production"
WEAK = "party_branch.org_branch_project1"
MISSING = "party_branch.org_branch_quality"


@tagged("post_install", "-at_install")
class TestIndexDemo(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.committee = cls.env.ref("party_branch.org_committee", raise_if_not_found=False)
        if not cls.committee:
            return
        tree = cls.env["party.organization"].search([("id", "child_of", cls.committee.id)])
        tree.action_check_compliance()
        Index = cls.env["party.index"].sudo()
        cls.dimensions = [d.code for d in Index._party_index_dimensions()]
        today = fields.Date.context_today(Index)
        cls.start, __ = Index._party_index_period("quarter", today)
        Index._party_index_compute(cls.committee, "quarter", today, force=True)

    def _index(self, xmlid):
        if not self.committee:
            self.fail("the suite's demo data is installed")
        org = self.env.ref(xmlid)
        index = self.env["party.index"].search(
            [
                ("organization_id", "=", org.id),
                ("period_type", "=", "quarter"),
                ("date_from", "=", self.start),
            ]
        )
        self.assertEqual(len(index), 1, org.name)
        return index

    def _life_installed(self):
        """Whether party_life, whose demo facts make the weak and the missing branch, is
        installed (party_branch's tests also run on a database of party_branch alone)."""
        return bool(
            self.env["ir.module.module"].search_count(
                [("name", "=", "party_life"), ("state", "=", "installed")]
            )
        )

    def test_strong_branch_scores_80_in_every_dimension(self):
        index = self._index(STRONG)
        scores = {code: index.own_scores[code] for code in self.dimensions}
        for code, own in scores.items():
            with self.subTest(dimension=code):
                self.assertIsNotNone(own, f"{code} applies to the strong branch")
                score, __ = own
                self.assertIsNotNone(score, f"{code} is measured from the demo's facts")
                self.assertGreaterEqual(score, 80.0, index.line_ids.mapped("detail"))
                self.assertGreaterEqual(index[f"score_{code}"], 80.0)
        self.assertGreaterEqual(index.score_total, 80.0)

    def test_strong_branch_earns_its_scores_from_facts(self):
        """Every measured line of the strong branch has the figures behind it."""
        index = self._index(STRONG)
        measured = index.line_ids.filtered(lambda line: not line.is_missing)
        self.assertTrue(measured)
        for line in measured:
            with self.subTest(indicator=line.indicator_id.code):
                self.assertTrue(line.detail, "the figures behind the value")

    def test_weak_branch_scores_below_60(self):
        index = self._index(WEAK)
        self.assertTrue(index.is_measured)
        if self._life_installed():
            self.assertLess(index.score_total, 60.0)
        else:  # its own facts only: fewer member files, more open findings
            self.assertLess(index.score_total, self._index(STRONG).score_total)

    def test_missing_facts_shown_as_missing(self):
        index = self._index(MISSING)
        missing = index.line_ids.filtered("is_missing")
        if not self._life_installed():
            # party_branch's own facts (positions, terms, files, findings) are on record
            self.assertFalse(missing, "party_branch alone records every fact it measures")
            self.assertEqual(index.missing_count, 0)
            return
        self.assertTrue(missing, "the branch's index shows facts as missing")
        self.assertEqual(index.missing_count, len(missing))
        for line in missing:
            with self.subTest(indicator=line.indicator_id.code):
                self.assertFalse(line.score, "a missing fact scores nothing")
                self.assertTrue(line.missing_hint, "the line says what would supply it")
