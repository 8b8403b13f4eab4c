"""The compliance pass at scale (issue 27): its digests are written in bulk, in SQL, and
stay what ``mail.activity.create`` makes (an activity of the organisation in its
person's to-do and activity menu, that person following the organisation); a re-run
where nothing changed writes nothing."""

import re
from contextlib import contextmanager
from datetime import date
from unittest.mock import patch

from odoo.sql_db import Cursor
from odoo.tests import new_test_user, tagged

from .common import PartyBranchCase

WRITES = re.compile(r"^\s*(?:WITH\b.*?\)\s*)?(INSERT|UPDATE|DELETE)\b", re.IGNORECASE | re.DOTALL)


@tagged("post_install", "-at_install")
class TestComplianceDigestInsert(PartyBranchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch = cls._org("Digest Scale", "branch", cls.committee)
        members = cls._members(cls.branch, 7, "full")
        cls._position(cls.branch, members[0], "secretary", start=date(2026, 1, 1))
        cls.user = new_test_user(
            cls.env,
            login="pbt_digest_scale_secretary",
            groups="party_branch.group_party_officer",
            tz="Asia/Shanghai",
        )
        members[0].user_id = cls.user
        # two breaches of the branch: no committee (7 full members), one file missing
        members[1].file_recorded = False

    @contextmanager
    def _statements(self):
        """The SQL statements the block runs, as text."""
        seen = []
        execute = Cursor.execute

        def logged(cursor, query, params=None, log_exceptions=True):
            seen.append(query.code if hasattr(query, "code") else str(query))
            return execute(cursor, query, params, log_exceptions)

        with patch.object(Cursor, "execute", logged):
            yield seen

    def test_digest_is_an_activity_in_the_responsible_users_menu(self):
        findings = self._check(self.branch)
        self.assertEqual(set(findings.mapped("code")), {"committee_required", "no_file"})
        digest = self._activities(findings)
        self.assertEqual(len(digest), 1)
        self.assertEqual(digest.user_id, self.user)
        self.assertEqual(self.branch.activity_ids, digest)
        self.assertEqual(self.branch.activity_user_id, self.user)
        self.assertEqual(digest.res_name, self.branch.display_name)
        self.assertEqual(digest.user_tz, "Asia/Shanghai")
        self.assertTrue(digest.active)
        self.assertEqual(digest.summary, "2 compliance finding(s) to resolve")
        # the activity menu of the user (what the web client's systray shows)
        groups = self.env["res.users"].with_user(self.user)._get_activity_groups()
        organisations = [g for g in groups if g["model"] == "party.organization"]
        self.assertEqual(len(organisations), 1)
        counts = organisations[0]
        self.assertEqual(
            counts["today_count"] + counts["overdue_count"] + counts["planned_count"], 1
        )

    def test_responsible_user_follows_the_organisation_with_default_subtypes(self):
        self._check(self.branch)
        follower = self.branch.message_follower_ids.filtered(
            lambda f: f.partner_id == self.user.partner_id
        )
        self.assertEqual(len(follower), 1)
        default, __, __ = self.env["mail.message.subtype"].default_subtypes("party.organization")
        self.assertEqual(follower.subtype_ids, default)

    def test_second_digest_of_the_organisation_follows_once(self):
        """A later day's digest subscribes nobody twice."""
        self._check(self.branch, on_date=date(2026, 3, 2))
        self.branch.member_ids.filtered(lambda m: not m.file_recorded).file_recorded = True
        self.branch.member_ids[:1].file_recorded = False
        self._check(self.branch, on_date=date(2026, 3, 3))
        followers = self.branch.message_follower_ids.filtered(
            lambda f: f.partner_id == self.user.partner_id
        )
        self.assertEqual(len(followers), 1)

    def test_rerun_without_change_writes_nothing(self):
        self._check(self.branch)
        self.env.flush_all()
        with self._statements() as seen:
            findings = self._check(self.branch)
            self.env.flush_all()
        self.assertEqual(len(findings), 2)
        writes = [query for query in seen if WRITES.match(query)]
        self.assertEqual(writes, [])
