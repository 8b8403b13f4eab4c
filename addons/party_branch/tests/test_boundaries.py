"""Every numeric rule of party_branch, tested at both sides of its boundary.

Counting (docs/architecture.md, "Numeric rules"): 以上/以下/以内/届满 include the number itself, 超过/不满/以外
exclude it (《中华人民共和国民法典》第一千二百五十九条; Party practice reads them the
same way). Each test is named after its rule and cites the wording it counts by.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PartyBranchCase

COMMITTEE = ("secretary", "organization", "propaganda", "discipline", "committee_member")
BRANCH_RULES = "《中国共产党支部工作条例（试行）》"


@tagged("post_install", "-at_install")
class TestBoundaries(PartyBranchCase):
    def _branch(self, full, probationary=0, **vals):
        branch = self._org("Bounded", "branch", self.committee, **vals)
        members = self._members(branch, full, "full")
        if probationary:
            members |= self._members(branch, probationary, "probationary")
        self._position(branch, members[0], "secretary", start=self.today)
        return branch, members

    def _codes(self, org, on_date=None):
        return set(self._check(org, on_date).mapped("code"))

    def test_committee_required_from_7_full_members(self):
        """正式党员7人以上的党支部，设立党支部委员会 (BRANCH_RULES 第二十条): 7 included."""
        six, _m = self._branch(full=6, probationary=2)
        seven, _m = self._branch(full=7)
        self.assertNotIn("committee_required", self._codes(six))
        self.assertIn("committee_required", self._codes(seven))

    def test_committee_size_3_to_7(self):
        """支部委员会由3至5人组成，一般不超过7人 (BRANCH_RULES 第二十条): 3 and 7 allowed."""
        for size, breach in ((2, True), (3, False), (7, False), (8, True)):
            with self.subTest(size=size):
                branch, members = self._branch(full=max(size, 7))
                branch.has_committee = True
                codes = list(COMMITTEE) + ["committee_member"] * 3
                for member, code in zip(members[1:size], codes[1:size], strict=True):
                    self._position(branch, member, code, start=self.today)
                self.assertEqual("committee_size" in self._codes(branch), breach)

    def test_branch_needs_3_full_members(self):
        """正式党员3人以上的，应当成立党支部 (BRANCH_RULES 第四条): 3 included."""
        two, _m = self._branch(full=2)
        three, _m = self._branch(full=3)
        self.assertIn("too_few_members", self._codes(two))
        self.assertNotIn("too_few_members", self._codes(three))

    def test_branch_generally_no_more_than_50_members(self):
        """党员人数一般不超过50名 (BRANCH_RULES 第四条): 50 allowed, 51 flagged."""
        fifty, _m = self._branch(full=40, probationary=10)
        fifty_one, _m = self._branch(full=40, probationary=11)
        self.assertNotIn("too_many_members", self._codes(fifty))
        self.assertIn("too_many_members", self._codes(fifty_one))

    def test_lost_contact_from_6_months(self):
        """失去联系6个月以上 (6 months or more): reached exactly 6 months ago is lost contact —
        one day earlier than the suite used to count — reached a day later is not."""
        branch, members = self._branch(full=3)
        limit = self.today - relativedelta(months=6)
        members[1].last_contact_date = limit
        members[2].last_contact_date = limit + timedelta(days=1)
        lost = self._check(branch).filtered(lambda f: f.code == "lost_contact")
        self.assertEqual(lost.member_id, members[1])

    def test_term_expires_the_day_after_its_last_day(self):
        """任期届满 (中办《关于党的基层组织任期的意见》): the term's last day is still in
        office; the election is overdue from the next day."""
        branch, _m = self._branch(full=3, term_start=date(2020, 5, 1))
        self.assertEqual(branch.term_end, date(2023, 4, 30))
        self.assertNotIn("term_expired", self._codes(branch, date(2023, 4, 30)))
        self.assertIn("term_expired", self._codes(branch, date(2023, 5, 1)))

    def test_term_due_within_90_days(self):
        """Suite policy: prepare the election 90 days (以内, included) before the term ends."""
        branch, _m = self._branch(full=3, term_start=date(2020, 5, 1))
        end = branch.term_end
        self.assertIn("term_due", self._codes(branch, end - timedelta(days=90)))
        self.assertNotIn("term_due", self._codes(branch, end - timedelta(days=91)))

    def test_election_postponed_at_most_12_months(self):
        """延期或提前换届，时间一般不超过1年 (中办《关于党的基层组织任期的意见》): 12 months
        allowed, 13 refused."""
        branch, _m = self._branch(full=3, term_start=date(2020, 5, 1))
        branch.write({"term_adjust_months": 12, "term_adjust_approval": "Approved 2023-01"})
        self.assertEqual(branch.term_end, date(2024, 4, 30))
        with self.assertRaisesRegex(ValidationError, "at most 12 months"):
            branch.write({"term_adjust_months": -13})

    def test_transfer_letter_valid_3_months(self):
        """组织关系介绍信有效期一般为3个月: completed on the same day 3 months after it was
        sent, refused the day after."""
        sent = date(2026, 1, 10)
        for day, ok in ((date(2026, 4, 10), True), (date(2026, 4, 11), False)):
            with self.subTest(day=day):
                member = self._member(self.branch_a, f"Mover {day}")
                transfer = self.Transfer.create(
                    {"member_id": member.id, "to_organization_id": self.branch_b.id,
                     "letter_number": f"L-BOUND-{day}"}
                )  # fmt: skip
                with freeze_time(sent):
                    transfer.action_send()
                self.assertEqual(transfer.date_valid_until, date(2026, 4, 10))
                with freeze_time(day):
                    if ok:
                        transfer.action_complete()
                        self.assertEqual(member.organization_id, self.branch_b)
                    else:
                        with self.assertRaisesRegex(UserError, "expired"):
                            transfer.action_complete()
