"""A meeting's attendance as the decisions see it: the roll of a meeting whose
decision is being voted on, or was voted, is kept (party_decision.py holds the rules
of deliberation and decisions)."""

from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.party_branch.tools.voting import more_than_half  # noqa: F401 (re-exported)

from .party_decision import CLOSED_STATES


class PartyMeetingAttendance(models.Model):
    _inherit = "party.meeting.attendance"

    @api.ondelete(at_uninstall=False)
    def _unlink_not_voting(self):
        """Once a decision of the meeting is put to the vote, its roll stays: who was
        present is part of the count (the voters due never read the roll)."""
        voting_on = (
            self.env["party.decision"]
            .sudo()
            .search(
                [
                    ("meeting_id", "in", self.sudo().meeting_id.ids),
                    ("state", "in", ("voting", *CLOSED_STATES)),
                ],
                limit=1,
            )
        )
        if voting_on:
            raise UserError(
                self.env._(
                    "%(name)s has been put to the vote at %(meeting)s: its attendance list "
                    "stays as recorded.",
                    name=voting_on.name,
                    meeting=voting_on.meeting_id.name,
                )
            )
