"""The blocks party_life adds to the member's home (``/my/party``): the next meeting,
with the room's sign-in code while sign-in is open; the dues owed and the last
receipt; the democratic appraisal while it is open; the study of the year against
what is required. Each reads as the caller (record rules), a fixed number of
queries whatever the number of the member's meetings or dues."""

from odoo.http import request

from odoo.addons.party_branch.controllers.portal import PartyPortal

from ..models.party_meeting import SIGN_IN_MARGIN
from ..models.party_member import STUDY_HOURS_REQUIRED


class PartyLifeHome(PartyPortal):
    def _party_home_blocks(self, member):
        blocks = super()._party_home_blocks(member)
        return blocks + [
            self._party_home_meeting(member),
            self._party_home_dues(member),
            self._party_home_appraisal(member),
            self._party_home_study(member),
        ]

    def _party_home_meeting(self, member):
        """The caller's next meeting (or the one under way): the first not cancelled
        whose sign-in window has not closed, on whose attendance list they stand."""
        Meeting = request.env["party.meeting"]
        meeting = Meeting
        if Meeting.has_access("read"):
            meeting = Meeting.search(
                [
                    ("attendance_ids.member_id", "=", member.id),
                    ("state", "!=", "cancelled"),
                    ("stop", ">=", Meeting._now() - SIGN_IN_MARGIN),
                ],
                order="start, id",
                limit=1,
            )
        return {
            "name": "meeting",
            "sequence": 10,
            "template": "party_life.portal_home_meeting",
            "url": "/my/meetings",
            "empty": not meeting,
            "meeting": meeting,
        }

    def _party_home_dues(self, member):
        """What the member owes, the months in arrears and the last receipt."""
        Dues = request.env["party.dues"]
        Payment = request.env["party.dues.payment"]
        dues = payment = False
        if Dues.has_access("read") and Payment.has_access("read"):
            dues = bool(Dues.search_count([("member_id", "=", member.id)], limit=1))
            payment = Payment.search(
                [("member_id", "=", member.id), ("state", "=", "posted")],
                order="date desc, id desc",
                limit=1,
            )
        return {
            "name": "dues",
            "sequence": 30,
            "template": "party_life.portal_home_dues",
            "url": "/my/dues",
            "empty": not (dues or payment),
            "member": member,
            "payment": payment or Payment,
        }

    def _party_home_appraisal(self, member):
        """The democratic appraisal of the member's organisation while it is open
        (self-assessment or peer appraisal), when the member is one of its members."""
        Appraisal = request.env["party.appraisal"]
        appraisal = voter = Appraisal
        voted = False
        if Appraisal.has_access("read"):
            appraisal = Appraisal.search(
                [
                    ("organization_id", "=", member.organization_id.id),
                    ("state", "in", ("self_assessment", "voting")),
                ],
                order="year desc, id desc",
                limit=1,
            )
            voter = appraisal._voter_member() if appraisal else voter
            voted = bool(voter) and appraisal._has_voted(voter)
        return {
            "name": "appraisal",
            "sequence": 50,
            "template": "party_life.portal_home_appraisal",
            "url": f"/my/appraisals/{appraisal.id}" if voter else "/my/appraisals",
            "empty": not voter,
            "appraisal": appraisal,
            "voted": voted,
        }

    def _party_home_study(self, member):
        """The hours of Party courses completed this year against the hours required of
        the member's category (party.study.requirement), the shortfall and the required
        courses' progress."""
        member_sudo = member.sudo()
        hours = member_sudo.study_hours_year
        required = member_sudo.study_hours_required or STUDY_HOURS_REQUIRED
        courses = (
            request.env["slide.channel.partner"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", member_sudo.partner_id.id),
                    ("channel_id.is_party_course", "=", True),
                    ("channel_id.party_organization_ids", "!=", False),
                ],
                order="id desc",
                limit=3,
            )
        )
        return {
            "name": "study",
            "sequence": 60,
            "template": "party_life.portal_home_study",
            "url": "/my/party/study",
            # never empty: no hours yet is 0 of the hours required
            "empty": False,
            "hours": hours,
            "required": required,
            "shortfall": member_sudo.study_shortfall,
            "met": hours >= required,
            # rounded down: 31.9 hours are not 100 %
            "percent": min(100, int(100 * hours // required)),
            "courses": courses,
        }
