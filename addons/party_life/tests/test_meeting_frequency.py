"""Meeting frequency rules: organisation types as fields, and the 18.0.1.1.0 migration."""

import importlib.util
from datetime import date
from pathlib import Path

from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_meeting import PartyMeetingCase

MIGRATION = Path(__file__).parents[1] / "migrations" / "18.0.1.1.0" / "pre-migrate.py"


@tagged("post_install", "-at_install")
class TestMeetingFrequencyTypes(PartyMeetingCase):
    def setUp(self):
        super().setUp()
        self.frequency_model = self.env["party.meeting.frequency"]
        self.frequency_model.search([]).active = False
        self.year = (date(2025, 1, 1), date(2025, 3, 31))

    def _rule(self, **types):
        return self.frequency_model.create(
            {"name": "Theme day", "meeting_type": "theme_day", "period_months": 1, **types}
        )

    def test_a_rule_applies_to_the_types_flagged_only(self):
        self._rule(for_branch=True)
        gaps = self.env["party.compliance"]._meeting_gaps(self.branch_a | self.group_a, *self.year)
        self.assertIn("theme_day", gaps[self.branch_a.id])
        self.assertNotIn(self.group_a.id, gaps)
        self._rule(for_group=True)
        gaps = self.env["party.compliance"]._meeting_gaps(self.group_a, *self.year)
        self.assertEqual(len(gaps[self.group_a.id]["theme_day"]), 3)

    def test_org_types_of_a_rule(self):
        rule = self._rule(for_committee=True, for_joint_branch=True)
        self.assertEqual(rule._org_types(), {"committee", "joint_branch"})

    def test_a_rule_for_no_type_is_refused(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._rule()

    def test_migration_keeps_the_types_of_a_comma_separated_rule(self):
        spec = importlib.util.spec_from_file_location("party_life_pre_migrate_1_1", MIGRATION)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        rule = self._rule(for_group=True)
        self.env.flush_all()
        self.cr.execute("ALTER TABLE party_meeting_frequency ADD COLUMN org_types varchar")
        self.cr.execute(
            "UPDATE party_meeting_frequency SET org_types = %s WHERE id = %s",
            ("committee, general_branch,branch", rule.id),
        )
        module.migrate(self.cr, "18.0.1.0.0")
        rule.invalidate_recordset()
        self.assertEqual(rule._org_types(), {"committee", "general_branch", "branch"})


@tagged("post_install", "-at_install")
class TestShippedMeetingRules(PartyMeetingCase):
    def test_a_party_committee_is_not_asked_for_a_branch_committee_meeting(self):
        rule = self.env.ref("party_life.meeting_frequency_committee_meeting")
        self.assertNotIn("committee", rule._org_types())
        self.assertIn("branch", rule._org_types())

    def test_the_upgrade_takes_the_party_committee_off_the_shipped_rule(self):
        path = Path(__file__).parents[1] / "migrations" / "18.0.1.2.0" / "post-migrate.py"
        spec = importlib.util.spec_from_file_location("party_life_post_migrate_1_2", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        rule = self.env.ref("party_life.meeting_frequency_committee_meeting")
        rule.for_committee = True
        self.env.flush_all()
        module.migrate(self.cr, "18.0.1.1.0")
        rule.invalidate_recordset()
        self.assertFalse(rule.for_committee)
        self.assertTrue(rule.for_branch)
