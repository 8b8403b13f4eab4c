"""Deliberation and decisions (议事决策制度).

A decision goes from proposal to the agenda of a committee meeting (支委会) or a
branch member assembly (支部党员大会), is voted on by the members entitled to vote
who are present, is resolved by the rules below and is then executed by an owner
before a deadline.

Rules (《中国共产党支部工作条例（试行）》2018; 《中国共产党章程》第十条、第十六条;
中共中央办公厅《关于进一步推进国有企业贯彻落实"三重一大"决策制度的意见》2010):

- major matters (三重一大: major decisions, important appointments and removals,
  major projects, the use of large amounts of funds) are decided collectively at
  a meeting; only ordinary matters may be settled outside one;
- probationary members have no vote (党章第七条); a member votes once, and only
  when present at the meeting;
- quorum: more than half (过半数, strictly) of the voting members due to attend
  are present;
- a resolution passes with the votes for of more than half of the voting members
  due to attend: exactly half is not enough.

Who is due and who may vote is ``party_branch.tools.voting`` (its docstring gives
the meaning per kind of meeting): the organisation's full members in good standing
for an assembly, the committee's members for a committee meeting, never the
meeting's attendance list, which only says who was present.

A resolution is final once passed: a correction is a new decision that refers to it.
"""

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
