"""The reminders of party_systems (see party_branch/models/party_reminder.py): the
decisions a member votes on themselves, open while they have not voted, and the
secretary's report of their branch open for rating."""

from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.party_branch.tools import voting


class PartyReminder(models.AbstractModel):
    _inherit = "party.reminder"

    @api.model
    def _item_labels(self):
        return {
            **super()._item_labels(),
            "decision": self.env._("Decision"),
            "secretary_report": self.env._("Secretary's report"),
        }

    @api.model
    def _reminder_vote_open(self, run):
        """party_life's appraisals, and the decisions in voting that the members vote
        themselves, for the full members recorded present at the meeting who are still
        in the decision's organisation and have not voted (``_cast_vote`` decides)."""
        found = defaultdict(list, super()._reminder_vote_open(run))
        decisions = (
            self.env["party.decision"]
            .sudo()
            .search([("state", "=", "voting"), ("voting_method", "=", "members")], order="id")
        )
        if not decisions:
            return found
        # who may vote: the one rule of party_branch/tools/voting.py, as the vote decides
        voters, present = decisions._voters(), decisions._present_member_ids()
        voted = defaultdict(set)
        for decision, member in (
            self.env["party.decision.vote"]
            .sudo()
            ._read_group([("decision_id", "in", decisions.ids)], ["decision_id", "member_id"])
        ):
            voted[decision.id].add(member.id)
        for decision in decisions:
            due = voters.get(decision.id, self.env["party.member"])
            for member in voting.voters_present(due, present.get(decision.id, set())):
                if member.id not in voted[decision.id]:
                    found[member.id].append(
                        {
                            "label": "decision",
                            "title": decision.name,
                            "url": f"/my/party/decisions/{decision.id}",
                        }
                    )
        return found

    @api.model
    def _reminder_report_rating(self, run):
        """The secretary's report of the member's branch open for rating that they have
        not rated (the secretary does not rate their own); members with a login."""
        return self._reminder_items(
            SQL(
                """SELECT mb.id, r.id, CONCAT(r.year, ' · ', o.name)
                     FROM party_secretary_report r
                     JOIN party_organization o ON o.id = r.organization_id
                     JOIN party_member mb
                       ON mb.organization_id = r.organization_id AND mb.id <> r.member_id
                      AND mb.status IN ('active', 'lost_contact') AND mb.user_id IS NOT NULL
                    WHERE r.state = 'rating'
                      AND NOT EXISTS (SELECT 1 FROM party_secretary_report_rating x
                                       WHERE x.report_id = r.id AND x.member_id = mb.id)
                    ORDER BY r.id"""
            ),
            "secretary_report",
            "/my/party/secretary-reports/{}",
        )
