"""Heart-to-heart talks (谈心谈话, 联系服务群众制度).

Rule (《中国共产党支部工作条例（试行）》2018 第二十二条; 《关于新形势下党内政治生活的若干
准则》): heart-to-heart talks are held at least once a year between the members of
the committee (the secretary, where there is no committee), and between each of
them and the members of their organisation.

A talk records its participants (two or more; a group talk counts for every
pair in it), the topic, what was said in brief and a follow-up. The coverage of
an organisation for a year is the share of the pairs the rule asks for that a
talk of that year covered.
"""

from collections import defaultdict
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES


class PartyTalk(models.Model):
    _name = "party.talk"
    _description = "Heart-to-Heart Talk"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    _party_workflow_fields = ("follow_up_done",)
    _party_rpc_methods = {
        "action_follow_up_done": "_party_check_manage: officer of the talk's organisation",
    }

    name = fields.Char(string="Topic", required=True)
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="restrict"
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    participant_ids = fields.Many2many(
        "party.member",
        "party_talk_member_rel",
        "talk_id",
        "member_id",
        string="Participants",
        check_company=True,
        default=lambda self: self._default_participants(),
    )
    summary = fields.Text(help="What was said, in brief (no personal details beyond need).")
    follow_up = fields.Text(help="What was agreed to do afterwards.")
    follow_up_date = fields.Date()
    follow_up_done = fields.Boolean(readonly=True, copy=False)

    @api.model
    def _default_participants(self):
        """The caller's own membership in the current companies: the one who records a
        talk took part in it (their own record only, found by their user)."""
        member = (
            self.env["party.member"]
            .sudo()
            .search(
                [
                    ("user_id", "=", self.env.uid),
                    ("status", "in", IN_ORG_STATUSES),
                    ("company_id", "in", self.env.companies.ids),
                ],
                limit=1,
            )
        )
        return [fields.Command.set(member.ids)] if member else []

    @api.constrains("participant_ids")
    def _check_participants(self):
        for talk in self:
            if len(talk.participant_ids) < 2:
                raise ValidationError(
                    self.env._("%(name)s: a talk has two participants or more.", name=talk.name)
                )

    def action_follow_up_done(self):
        self._party_check_manage()
        self._party_action_write({"follow_up_done": True})
        return True

    # ------------------------------------------------------------------ coverage

    @api.model
    def _coverage(self, orgs, year):
        """{org_id: {"required": n, "covered": n, "missing": {(member_id, member_id)}}}.

        The pairs required per organisation: every two of its committee members
        (current positions of committee members; the secretary where there is no
        committee), and every committee member with every member of the
        organisation. Set-based: one search for the members, one for the positions
        (``_position_state``) and one SQL query for the pairs the year's talks
        covered, whatever the number of organisations.
        """
        orgs = orgs.sudo()
        on_date = date(year, 12, 31)
        positions = orgs._position_state(on_date)
        members = defaultdict(set)
        for org_id, member_ids in (
            self.env["party.member"]
            .sudo()
            ._read_group(
                [("organization_id", "in", orgs.ids), ("status", "in", IN_ORG_STATUSES)],
                ["organization_id"],
                ["id:array_agg"],
            )
        ):
            members[org_id.id] = set(member_ids)
        self.env.cr.execute(
            SQL(
                """
                SELECT t.organization_id, array_agg(DISTINCT
                           LEAST(a.member_id, b.member_id) || ',' || GREATEST(a.member_id, b.member_id))
                  FROM party_talk t
                  JOIN party_talk_member_rel a ON a.talk_id = t.id
                  JOIN party_talk_member_rel b ON b.talk_id = t.id AND a.member_id < b.member_id
                 WHERE t.organization_id = ANY(%s) AND t.date BETWEEN %s AND %s
                 GROUP BY t.organization_id
                """,
                orgs.ids,
                date(year, 1, 1),
                on_date,
            )
        )
        talked = {
            org_id: {tuple(int(x) for x in pair.split(",")) for pair in pairs}
            for org_id, pairs in self.env.cr.fetchall()
        }
        result = {}
        for org in orgs:
            state = positions[org.id]
            committee = set(state["committee"]) or (
                {state["secretary"].id} if state["secretary"] else set()
            )
            everyone = members[org.id] | committee
            required = {(min(c, m), max(c, m)) for c in committee for m in everyone if c != m}
            covered = required & talked.get(org.id, set())
            result[org.id] = {
                "required": len(required),
                "covered": len(covered),
                "missing": required - covered,
            }
        return result
