"""Assessment rules per company: the defaults (no company) are edited by system
administrators only; a company's Party administrator gives their company its own
rule for a source, which replaces the default in that company and nowhere else."""

import importlib.util
from pathlib import Path

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.party_branch.tests.common import OtherCompanyCase
from odoo.addons.party_branch.tests.rpc import rpc

MIGRATION = Path(__file__).parents[1] / "migrations" / "18.0.1.1.0" / "post-migrate.py"


@tagged("post_install", "-at_install")
class TestAssessmentRuleCompany(OtherCompanyCase):
    other_prefix = "PSV"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["party.assessment.rule"]
        cls.company = cls.env.company
        cls.default = cls.env.ref("party_service.assessment_rule_meeting")
        cls.admin_b = cls._other_company_admin("psv_admin_b")

    def _own_rule(self, user, company, points, source="meeting"):
        return rpc(
            self.env, user, "party.assessment.rule", "create",
            {"source": source, "name": "Own rule", "points": points, "cap": 30,
             "company_id": company.id},
        )  # fmt: skip

    def test_company_rule_replaces_the_default_there_only(self):
        default = self.Rule._weights(self.company)["meeting"]
        self._own_rule(self.admin_b, self.company_b, 4.0)
        self.assertEqual(self.Rule._weights(self.company_b)["meeting"], (4.0, 30.0, False))
        self.assertEqual(self.Rule._weights(self.company)["meeting"], default)
        # the other sources keep the defaults in company B
        self.assertEqual(
            self.Rule._weights(self.company_b)["study"], self.Rule._weights(self.company)["study"]
        )

    def test_party_admin_does_not_change_the_defaults_or_another_company(self):
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin_b, "party.assessment.rule", "write", {"points": 99},
                ids=self.default.ids)  # fmt: skip
        self.env.ref("party_service.assessment_rule_volunteer").unlink()
        with self.assertRaises(AccessError):  # a new default
            rpc(self.env, self.admin_b, "party.assessment.rule", "create",
                {"source": "volunteer", "name": "Volunteering", "points": 9,
                 "company_id": False})  # fmt: skip
        own_b = self._own_rule(self.admin_b, self.company_b, 2.0, source="volunteer")
        for company in (False, self.company.id):  # its own rule made a default, or A's
            with self.subTest(company=company), self.assertRaises(AccessError):
                rpc(self.env, self.admin_b, "party.assessment.rule", "write",
                    {"company_id": company}, ids=[own_b])  # fmt: skip
        self.assertEqual(self.Rule.browse(own_b).company_id, self.company_b)
        self.assertNotIn("volunteer", self.Rule._weights(self.company))
        own_a = self._own_rule(self.admin, self.company, 3.0)
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin_b, "party.assessment.rule", "write", {"points": 99},
                ids=[own_a])  # fmt: skip
        with self.assertRaises(AccessError):
            rpc(self.env, self.admin_b, "party.assessment.rule", "unlink", ids=[own_a])
        self.assertEqual(self.Rule.browse(own_a).points, 3.0)
        self.assertEqual(self.default.points, self.env.ref(
            "party_service.assessment_rule_meeting").points)  # fmt: skip
        # company B's admin reads the defaults and its own rules, not company A's
        visible = self.Rule.with_user(self.admin_b).search([]).mapped("company_id")
        self.assertNotIn(self.company, visible)

    def test_one_rule_per_source_and_company_in_the_database(self):
        self._own_rule(self.admin_b, self.company_b, 4.0)
        for company in (self.company_b, self.env["res.company"]):
            with (
                self.subTest(company=company.name),
                self.assertRaises(IntegrityError),
                mute_logger("odoo.sql_db"),
                self.cr.savepoint(),
            ):
                self.Rule.create(
                    {"source": "meeting", "name": "Twice", "points": 1,
                     "company_id": company.id}
                )  # fmt: skip
                self.env.flush_all()

    def test_migration_makes_the_shipped_rules_defaults(self):
        spec = importlib.util.spec_from_file_location("party_service_post_migrate_1_1", MIGRATION)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        self.default.company_id = self.company  # what adding the column did
        own = self.Rule.create(
            {"source": "study", "name": "Study", "points": 2, "company_id": self.company_b.id}
        )
        self.env.flush_all()
        module.migrate(self.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertFalse(self.default.company_id)
        self.assertEqual(own.company_id, self.company_b)
