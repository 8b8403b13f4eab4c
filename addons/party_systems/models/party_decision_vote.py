from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.party_branch.tools import voting

from .party_decision import VOTE_CHOICES


class PartyDecisionVote(models.Model):
    """One vote of one member on one decision: for, against or abstain.

    Only one of the decision's voters due (``party_branch.tools.voting``: a full
    member in good standing of the organisation for an assembly, a member of the
    committee for a committee meeting; probationary members have no vote, 党章第七条)
    who is on the meeting's attendance list, marked present, votes, once (a unique constraint
    of the database), while the decision is open for voting. A vote is never
    changed. The decision's voting method says who records the votes, never both:
    the members themselves (``_cast_vote``, no ``recorded_by_id``; nobody deletes
    such a vote), or an officer of the organisation from a show of hands, in the
    members' names (``recorded_by_id`` is then that officer, set by the server);
    only that officer removes such a row, while voting is still open, to correct
    a count they mistook.
    """

    _name = "party.decision.vote"
    _description = "Decision Vote"
    _inherit = ["party.access.mixin"]
    _order = "decision_id, id"
    _check_company_auto = True
    _rec_name = "member_id"

    _party_org_field = False  # the decision's (related, stored)
    _party_parent_field = "decision_id"
    _party_fixed_fields = ("decision_id", "member_id", "choice")
    _party_workflow_fields = ("recorded_by_id",)
    _party_rpc_methods = {
        "create": "ACL, record rules and write access on the decision; voting rights checked; "
        "marked as recorded by the caller",
        "write": "ACL, record rules; a vote never changes (fixed fields)",
        "unlink": "ACL, record rules; only a row the caller recorded, while voting is open "
        "(a member's own vote is never deleted)",
    }

    decision_id = fields.Many2one("party.decision", required=True, index=True, ondelete="cascade")
    organization_id = fields.Many2one(related="decision_id.organization_id", store=True, index=True)
    company_id = fields.Many2one(related="decision_id.company_id", store=True)
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", check_company=True
    )
    choice = fields.Selection(VOTE_CHOICES, required=True)
    recorded_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="The officer who recorded this vote from a show of hands; empty when the member "
        "cast it themself.",
    )

    _sql_constraints = [
        (
            "decision_member_uniq",
            "unique(decision_id, member_id)",
            "A member votes once on a decision.",
        ),
    ]

    def _party_validate_create(self, vals_list):
        if self._party_trusted():
            self._check_rights(vals_list)
            return super()._party_validate_create(vals_list)
        # who may record votes at all, before the voting rights are looked at
        self.check_access("create")
        self._check_rights(vals_list)
        members_vote = (
            self.env["party.decision"]
            .sudo()
            .browse({vals["decision_id"] for vals in vals_list})
            .filtered(lambda d: d.voting_method == "members")
        )
        if members_vote:
            raise UserError(
                self.env._(
                    "On %(name)s the members vote themselves: an officer does not record votes "
                    "in their names.",
                    name=members_vote[0].name,
                )
            )
        return super()._party_validate_create(vals_list)

    def _party_prepare_create(self, vals_list):
        vals_list = super()._party_prepare_create(vals_list)
        if not self._party_trusted():
            # a vote a client sends is an officer's record of a show of hands, marked as
            # such (after the guard, which refuses a recorded_by_id the client sends)
            vals_list = [{**vals, "recorded_by_id": self.env.uid} for vals in vals_list]
        return vals_list

    @api.model
    def _create_votes(self, vals_list):
        """Votes from server code after its checks (the member's own vote)."""
        self._check_rights(vals_list)
        return self.sudo().create(vals_list)

    @api.model
    def _check_rights(self, vals_list):
        """Voting rights, before anything is written (the database keeps the once-only)."""
        Decision = self.env["party.decision"].sudo()
        Member = self.env["party.member"].sudo()
        # the voters due of every decision voted on and the members present at their
        # meetings, counted once
        decisions = Decision.browse(
            {vals["decision_id"] for vals in vals_list if vals.get("decision_id")}
        ).exists()
        due = decisions._voters()
        present = decisions._present_member_ids()
        seen = set()
        for vals in vals_list:
            decision = Decision.browse(vals.get("decision_id")).exists()
            member = Member.browse(vals.get("member_id")).exists()
            if not decision or not member:
                raise UserError(self.env._("A vote names its decision and its member."))
            if vals.get("choice") not in dict(VOTE_CHOICES):
                raise UserError(self.env._("A vote is for, against or abstain."))
            if decision.state != "voting":
                raise UserError(self.env._("%(name)s is not open for voting.", name=decision.name))
            kind, on_date = decision._vote_kind()
            voting.check_may_vote(
                member,
                decision.organization_id,
                on_date,
                kind,
                present=member.id in present[decision.id],
                due=due[decision.id],
            )
            key = (decision.id, member.id)
            if key in seen or self.search_count(
                [("decision_id", "=", decision.id), ("member_id", "=", member.id)]
            ):
                raise UserError(
                    self.env._(
                        "%(member)s has already voted on %(name)s: a member votes once.",
                        member=member.name,
                        name=decision.name,
                    )  # fmt: skip
                )
            seen.add(key)

    @api.ondelete(at_uninstall=False)
    def _unlink_while_voting(self):
        votes = self.sudo()
        if votes.filtered(lambda v: v.decision_id.state != "voting"):
            raise UserError(
                self.env._("Voting is closed: the votes of a resolution stay as they were cast.")
            )
        if self.env.su:
            return
        if votes.filtered(lambda v: not v.recorded_by_id):
            raise AccessError(
                self.env._("A vote a member cast themself is never deleted, nor replaced.")
            )
        if votes.filtered(lambda v: v.recorded_by_id.id != self.env.uid):
            raise AccessError(
                self.env._("Only the officer who recorded a vote removes it, while voting is open.")
            )

    def unlink(self):
        """The removal of recorded votes is written in the decision's history."""
        labels = dict(self._fields["choice"]._description_selection(self.env))
        for decision in self.sudo().decision_id:
            mine = self.sudo().filtered(lambda v, d=decision: v.decision_id == d)
            decision.message_post(
                body=self.env._(
                    "Recorded votes removed by %(user)s: %(votes)s",
                    user=self.env.user.name,
                    votes=", ".join(f"{v.member_id.name} ({labels[v.choice]})" for v in mine),
                )
            )
        return super().unlink()
