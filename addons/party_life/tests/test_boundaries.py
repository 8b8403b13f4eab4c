"""Boundaries of party_life's numeric rules that the rule tests do not already pin on
both sides (test_development.py: 18 years, 1 month, 24 hours / 3 days, more than half,
3 months, 6–12 months; test_meeting.py: 7 days; test_dues_arrears.py: 6 months).

Counting (docs/architecture.md, "Numeric rules"): 以上/以下/以内/届满 include the number itself.
"""

from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .test_development import RULE, PartyDevelopmentCase


@tagged("post_install", "-at_install")
class TestDevelopmentBoundaries(PartyDevelopmentCase):
    def test_development_target_from_the_anniversary(self):
        """经过一年以上培养教育和考察 (第十三条): selected 2025-03-01, a development target from
        2026-03-01 (one day earlier than the suite used to count); the officer's reminder is
        due that day too."""
        dev = self._dev(talk_date=date(2023, 1, 20), activist_date=date(2025, 3, 1))
        self._activist(dev)
        self.assertEqual(dev.target_eligible_date, date(2026, 3, 1))
        reminder = self._activities(dev, "mail_activity_type_dev_target")
        self.assertEqual(reminder.date_deadline, date(2026, 3, 1))
        with self.assertRaisesRegex(ValidationError, "1 year or more.*" + RULE):
            dev.write({"target_date": date(2026, 2, 28)})
        dev.write({"target_date": date(2026, 3, 1)})
        dev.action_to_target()
        self.assertEqual(dev.stage, "target")

    def test_conversion_from_the_anniversary_of_admission(self):
        """预备期为一年 (第三十二条): admitted 2024-06-03, converted by a vote on 2025-06-03,
        not by one on 2025-06-02."""
        eve = self._assembly(self.branch_a, date(2025, 6, 2))
        dev = self._probationary(conversion_meeting_id=eve.id, conversion_votes_for=2)
        self.assertEqual(dev.probation_end_date, date(2025, 6, 3))
        with self.assertRaisesRegex(UserError, "probation ends.*" + RULE):
            dev.action_convert()
        anniversary = self._assembly(self.branch_a, date(2025, 6, 3))
        dev.write({"conversion_meeting_id": anniversary.id})
        dev.action_convert()
        self.assertEqual(dev.member_id.member_category, "full")
        self.assertEqual(dev.member_id.full_date, date(2025, 6, 3))
