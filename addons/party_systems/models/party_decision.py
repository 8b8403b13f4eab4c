"""Deliberation and decisions (议事决策制度).

A decision goes from proposal to the agenda of a committee meeting (支委会) or a
branch member assembly (支部党员大会), is voted on by the members entitled to vote
who are present, is resolved by the rules below and is then executed by an owner
before a deadline.

Rules (《中国共产党支部工作条例（试行）》2018; 《中国共产党章程》第十条、第十七条;
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

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.party_branch.tools import voting
from odoo.addons.party_branch.tools.guard import in_action_scope
from odoo.addons.party_branch.tools.voting import more_than_half  # noqa: F401 (re-exported)

MATTER_TYPES = [
    ("ordinary", "Ordinary Matter"),
    ("major_decision", "Major Decision (重大决策)"),
    ("appointment", "Important Appointment (重要人事任免)"),
    ("project", "Major Project (重大项目安排)"),
    ("fund_use", "Large Fund Use (大额资金使用)"),
]
MAJOR_MATTERS = ("major_decision", "appointment", "project", "fund_use")
DECISION_MEETING_TYPES = ("committee_meeting", "branch_assembly")
VOTE_CHOICES = [("for", "For"), ("against", "Against"), ("abstain", "Abstain")]
# Who records the votes of a decision, chosen before voting opens: the members
# themselves (on their phones, at the meeting) or the secretary from a show of
# hands. Never both on one decision: the member's own vote and the secretary's
# record of it cannot disagree.
VOTING_METHODS = [
    ("members", "Members Vote Themselves"),
    ("show_of_hands", "Show of Hands, Recorded by an Officer"),
]
CLOSED_STATES = ("passed", "rejected")
# what a closed decision keeps: the resolution and its record; only its execution moves on
LOCKED_FIELDS = (
    "name", "proposal", "matter_type", "organization_id", "meeting_id", "corrects_id",
    "voting_method",
)  # fmt: skip
# who sees the decisions of their meetings on the portal (members still in the
# organisation); who votes and counts is party_branch.tools.voting
VOTER_STATUSES = ("active", "lost_contact")


def in_organisation(member, organization):
    """The member is (still) in the organisation or one below it: a member transferred
    elsewhere after the meeting's roll was made no longer sees its decisions."""
    path = organization.parent_path or ""
    return bool(path) and (member.organization_id.parent_path or "").startswith(path)


class PartyDecision(models.Model):
    _name = "party.decision"
    _description = "Party Decision"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "id desc"
    _check_company_auto = True

    _party_location_fields = ("meeting_id",)
    _party_workflow_fields = (
        "state",
        "execution_state",
        "decided_on",
        "result_due",
        "result_present",
        "result_for",
        "result_against",
        "result_abstain",
    )
    _party_audit_fields = ("state", "decided_on", "execution_state", "execution_deadline")
    _party_rpc_methods = {
        "action_schedule": "_party_check_manage: officer of the decision's organisation",
        "action_open_voting": "_party_check_manage: officer of the decision's organisation",
        "action_close_voting": "_party_check_manage: officer of the decision's organisation",
        "action_decide_directly": "_party_check_manage: officer of the decision's organisation",
        "action_cancel": "_party_check_manage: officer of the decision's organisation",
        "action_assign_execution": "_party_check_manage: officer of the decision's organisation",
        "action_execution_done": "_party_check_manage: officer of the decision's organisation",
        "action_new_correction": "_party_check_manage: officer of the decision's organisation",
        "action_vote_for": "_cast_vote: the caller's own attendance at the meeting "
        "(AccessError otherwise)",
        "action_vote_against": "_cast_vote: the caller's own attendance at the meeting "
        "(AccessError otherwise)",
        "action_vote_abstain": "_cast_vote: the caller's own attendance at the meeting "
        "(AccessError otherwise)",
    }

    name = fields.Char(string="Subject", required=True, tracking=True)
    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="restrict", tracking=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    proposal = fields.Html(help="The proposal as put to the meeting.")
    proposer_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, tracking=True, string="Proposed By"
    )
    matter_type = fields.Selection(
        MATTER_TYPES,
        required=True,
        default="ordinary",
        tracking=True,
        help="三重一大 (major decisions, important appointments, major projects, large fund "
        "use) are decided collectively at a meeting.",
    )
    is_major = fields.Boolean(compute="_compute_is_major", store=True, string="三重一大")
    meeting_id = fields.Many2one(
        "party.meeting",
        tracking=True,
        index=True,
        check_company=True,
        domain="[('organization_id', '=', organization_id), "
        "('meeting_type', 'in', ('committee_meeting', 'branch_assembly')), "
        "('state', '!=', 'cancelled')]",
        help="The committee meeting or branch member assembly that deliberates the proposal.",
    )
    voting_method = fields.Selection(
        VOTING_METHODS,
        default="members",
        required=True,
        tracking=True,
        help="Members vote themselves (the portal or the form, at the meeting), or an officer "
        "records the show of hands in their names; set before voting opens.",
    )
    state = fields.Selection(
        [
            ("draft", "Proposal"),
            ("scheduled", "On the Agenda"),
            ("voting", "Voting"),
            ("passed", "Passed"),
            ("rejected", "Rejected"),
            ("cancelled", "Withdrawn"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    decided_on = fields.Date(readonly=True, copy=False, tracking=True)
    vote_ids = fields.One2many("party.decision.vote", "decision_id", copy=False)
    due_count = fields.Integer(compute="_compute_tally", string="Voters Due")
    present_count = fields.Integer(compute="_compute_tally", string="Voters Present")
    for_count = fields.Integer(compute="_compute_tally", string="For")
    against_count = fields.Integer(compute="_compute_tally", string="Against")
    abstain_count = fields.Integer(compute="_compute_tally", string="Abstentions")
    # the tally as it stood when voting closed (the meeting's attendance may change later)
    result_due = fields.Integer(readonly=True, copy=False)
    result_present = fields.Integer(readonly=True, copy=False)
    result_for = fields.Integer(readonly=True, copy=False)
    result_against = fields.Integer(readonly=True, copy=False)
    result_abstain = fields.Integer(readonly=True, copy=False)
    result_note = fields.Char(compute="_compute_tally", string="Result")
    corrects_id = fields.Many2one(
        "party.decision",
        check_company=True,
        index=True,
        domain="[('state', '=', 'passed'), ('organization_id', '=', organization_id)]",
        help="The passed resolution this decision corrects: a resolution is never edited.",
    )
    correction_ids = fields.One2many("party.decision", "corrects_id", string="Corrections")
    execution_owner_id = fields.Many2one("res.users", tracking=True, copy=False)
    execution_deadline = fields.Date(tracking=True, copy=False)
    execution_result = fields.Text(tracking=True, copy=False)
    execution_state = fields.Selection(
        [("none", "Not Assigned"), ("assigned", "In Progress"), ("done", "Done")],
        default="none",
        required=True,
        tracking=True,
        copy=False,
    )
    my_vote = fields.Selection(VOTE_CHOICES, compute="_compute_my_vote")

    @api.depends("matter_type")
    def _compute_is_major(self):
        for decision in self:
            decision.is_major = decision.matter_type in MAJOR_MATTERS

    @api.depends("vote_ids.choice", "meeting_id.attendance_ids.state", "state")
    def _compute_tally(self):
        voters = self._voters()
        present_ids = self._present_member_ids()
        for decision in self:
            if decision.state in CLOSED_STATES:
                due, present = decision.result_due, decision.result_present
                tally = {
                    "for": decision.result_for,
                    "against": decision.result_against,
                    "abstain": decision.result_abstain,
                }
            else:
                members = voters[decision.id]
                due = len(members)
                present = len(voting.voters_present(members, present_ids[decision.id]))
                tally = dict.fromkeys(("for", "against", "abstain"), 0)
                for vote in decision.sudo().vote_ids:
                    tally[vote.choice] += 1
            decision.due_count = due
            decision.present_count = present
            decision.for_count = tally["for"]
            decision.against_count = tally["against"]
            decision.abstain_count = tally["abstain"]
            decision.result_note = self.env._(
                "%(for)s for, %(against)s against, %(abstain)s abstaining; "
                "%(present)s of %(due)s voting members present",
                due=due,
                present=present,
                **tally,
            )

    @api.depends_context("uid")
    @api.depends("vote_ids")
    def _compute_my_vote(self):
        votes = (
            self.env["party.decision.vote"]
            .sudo()
            .search_fetch(
                [("decision_id", "in", self.ids), ("member_id.user_id", "=", self.env.uid)],
                ["decision_id", "choice"],
            )
        )
        mine = {vote.decision_id.id: vote.choice for vote in votes}
        for decision in self:
            decision.my_vote = mine.get(decision.id, False)

    def _vote_kind(self):
        """(kind of vote, date of the meeting) of this decision, for voting.voters_due."""
        self.ensure_one()
        meeting = self.sudo().meeting_id
        if not meeting:
            return "assembly", fields.Date.context_today(self)
        return (
            voting.MEETING_KINDS.get(meeting.meeting_type, "assembly"),
            fields.Date.context_today(self, meeting.start),
        )

    def _voters(self):
        """{decision id: party.member}: the voting members due (party_branch.tools.voting),
        whatever the meeting's attendance list says; one search per kind of meeting and
        date, whatever the number of decisions."""
        groups = {}
        for decision in self:
            groups.setdefault(decision._vote_kind(), set()).add(decision.id)
        result = {}
        for (kind, on_date), ids in groups.items():
            decisions = self.browse(ids).sudo()
            due = voting.voters_due_by_organization(decisions.organization_id, on_date, kind)
            nobody = self.env["party.member"].sudo()
            for decision in decisions:
                result[decision.id] = due.get(decision.organization_id.id, nobody)
        return result

    def _present_member_ids(self):
        """{decision id: ids of the members recorded present at its meeting}, one search."""
        attendances = (
            self.env["party.meeting.attendance"]
            .sudo()
            .search_fetch(
                [("meeting_id", "in", self.sudo().meeting_id.ids), ("state", "=", "present")],
                ["meeting_id", "member_id"],
            )
        )
        by_meeting = {}
        for attendance in attendances:
            by_meeting.setdefault(attendance.meeting_id.id, set()).add(attendance.member_id.id)
        return {d.id: by_meeting.get(d.sudo().meeting_id.id, set()) for d in self}

    # ---------------------------------------------------------------- constraints

    @api.constrains("meeting_id", "organization_id")
    def _check_meeting(self):
        for decision in self:
            meeting = decision.sudo().meeting_id
            if not meeting:
                continue
            if meeting.organization_id != decision.organization_id or (
                meeting.meeting_type not in DECISION_MEETING_TYPES
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s: a decision is deliberated at a committee meeting (支委会) or a "
                        "branch member assembly (支部党员大会) of its own organisation.",
                        name=decision.name,
                    )
                )

    @api.constrains("corrects_id", "organization_id")
    def _check_corrects(self):
        for decision in self:
            old = decision.sudo().corrects_id
            if old and (old.state != "passed" or old.organization_id != decision.organization_id):
                raise ValidationError(
                    self.env._(
                        "%(name)s: a correction refers to a passed resolution of the same "
                        "organisation.",
                        name=decision.name,
                    )
                )

    # -------------------------------------------------------------------- CRUD

    def _party_validate_write(self, vals):
        if not in_action_scope() and set(LOCKED_FIELDS).intersection(vals):
            locked = self.filtered(lambda d: d.state in (*CLOSED_STATES, "voting"))
            if locked:
                raise UserError(
                    self.env._(
                        "%(name)s is being voted on or resolved: a resolution does not change. "
                        "To correct a passed resolution, propose a new decision that refers to "
                        "it (Correct).",
                        name=locked[0].name,
                    )
                )
        if not in_action_scope() and set(vals) & {
            "execution_owner_id",
            "execution_deadline",
            "execution_result",
        }:
            if self.filtered(lambda d: d.state != "passed"):
                raise UserError(
                    self.env._("Only a passed resolution is executed (owner, deadline, result).")
                )
        if "execution_deadline" in vals and not self._party_trusted():
            self._check_deadline_change(vals["execution_deadline"])
        return super()._party_validate_write(vals)

    def _check_deadline_change(self, value):
        """Once the execution is assigned, its deadline moves only by the superior
        organisation (or a Party administrator): the branch does not postpone its own
        overdue resolution out of the ``decision_unexecuted`` finding."""
        new = fields.Date.to_date(value) if value else False
        assigned = self.filtered(
            lambda d: d.execution_state != "none" and d.execution_deadline != new
        )
        if assigned:
            orgs = assigned.sudo().organization_id
            try:
                self._party_check_organizations(
                    orgs.parent_id | orgs.filtered(lambda o: not o.parent_id)
                )
            except AccessError as exc:
                raise AccessError(
                    self.env._(
                        "%(name)s: once its execution is assigned, the deadline is changed by "
                        "the superior organisation only.",
                        name=assigned[0].name,
                    )
                ) from exc

    @api.ondelete(at_uninstall=False)
    def _unlink_only_proposals(self):
        if self.filtered(lambda d: d.state not in ("draft", "cancelled")):
            raise UserError(
                self.env._(
                    "Only a proposal not yet on an agenda is deleted: a decision that went "
                    "to a meeting stays on record."
                )
            )

    # ----------------------------------------------------------------- actions

    def _check_state(self, states):
        for decision in self:
            if decision.state not in states:
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: this step does not apply.",
                        name=decision.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            decision.state
                        ],
                    )
                )

    def action_schedule(self):
        """Put the proposal on the agenda of its meeting."""
        self._party_check_manage()
        self._check_state(("draft",))
        for decision in self:
            if not decision.meeting_id:
                raise UserError(
                    self.env._(
                        "%(name)s: choose the committee meeting or branch member assembly that "
                        "deliberates it.",
                        name=decision.name,
                    )
                )
            if decision.sudo().meeting_id.state == "cancelled":
                raise UserError(self.env._("The meeting of %(name)s is cancelled.",
                                           name=decision.name))  # fmt: skip
        self._party_action_write({"state": "scheduled"})
        return True

    def action_open_voting(self):
        self._party_check_manage()
        self._check_state(("scheduled",))
        if self.sudo().meeting_id.filtered(lambda m: m.state == "cancelled"):
            raise UserError(self.env._("The meeting is cancelled: no vote is taken."))
        self._party_action_write({"state": "voting"})
        return True

    def action_close_voting(self):
        """Count the votes and resolve (quorum and majority over the voters due)."""
        self._party_check_manage()
        self._check_state(("voting",))
        today = fields.Date.context_today(self)
        for decision in self:
            due, present = decision.due_count, decision.present_count
            passed = more_than_half(present, due) and more_than_half(decision.for_count, due)
            decision._party_action_write(
                {
                    "result_due": due,
                    "result_present": present,
                    "result_for": decision.for_count,
                    "result_against": decision.against_count,
                    "result_abstain": decision.abstain_count,
                    "state": "passed" if passed else "rejected",
                    "decided_on": today,
                }
            )
            if not more_than_half(present, due):
                decision.message_post(
                    body=self.env._(
                        "No quorum: %(present)s of %(due)s voting members present; more than "
                        "half must be present.",
                        present=present,
                        due=due,
                    )
                )
        return True

    def action_decide_directly(self):
        """Settle an ordinary matter without a meeting (within the secretary's remit).

        三重一大 matters are refused: they are decided collectively at a meeting.
        """
        self._party_check_manage()
        self._check_state(("draft",))
        # the matter itself, not a stored flag derived from it
        major = self.filtered(lambda d: d.matter_type in MAJOR_MATTERS)
        if major:
            raise UserError(
                self.env._(
                    "%(name)s is a major matter (三重一大): it is decided collectively at a "
                    "committee meeting or branch member assembly, never outside a meeting "
                    "(《关于进一步推进国有企业贯彻落实“三重一大”决策制度的意见》).",
                    name=major[0].name,
                )
            )
        self._party_action_write({"state": "passed", "decided_on": fields.Date.context_today(self)})
        return True

    def action_cancel(self):
        self._party_check_manage()
        self._check_state(("draft", "scheduled"))
        self._party_action_write({"state": "cancelled"})
        return True

    def _check_execution_owner(self):
        """The owner of the execution is given a to-do on the decision, written as
        superuser (which skips Odoo's check that the assigned user may read the
        document): the owner is a user who may read the decision."""
        for decision in self:
            owner = decision.sudo().execution_owner_id
            try:
                decision.with_env(self.env(user=owner.id, su=False, context={})).check_access(
                    "read"
                )
            except AccessError:
                raise UserError(
                    self.env._(
                        "%(user)s cannot read %(name)s: the owner of its execution is given a "
                        "to-do on it. Choose a user who may read the resolution.",
                        user=owner.name,
                        name=decision.name,
                    )
                ) from None

    def action_assign_execution(self):
        self._party_check_manage()
        self._check_state(("passed",))
        for decision in self:
            if not decision.execution_owner_id or not decision.execution_deadline:
                raise UserError(
                    self.env._(
                        "%(name)s: name the owner of the execution and its deadline.",
                        name=decision.name,
                    )
                )
        self._check_execution_owner()
        for decision in self:
            decision.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=decision.execution_deadline,
                summary=self.env._("Execute the resolution: %(name)s", name=decision.name),
                user_id=decision.execution_owner_id.id,
            )
        self._party_action_write({"execution_state": "assigned"})
        return True

    def action_execution_done(self):
        self._party_check_manage()
        self._check_state(("passed",))
        for decision in self:
            if (
                decision.execution_state != "assigned"
                or not (decision.execution_result or "").strip()
            ):
                raise UserError(
                    self.env._(
                        "%(name)s: assign the execution first, then record its result.",
                        name=decision.name,
                    )
                )
        self._party_action_write({"execution_state": "done"})
        self.sudo().activity_ids.action_feedback()
        return True

    def action_new_correction(self):
        """A new proposal that corrects this passed resolution."""
        self._party_check_manage()
        self.ensure_one()
        self._check_state(("passed",))
        correction = self.create(
            {
                "name": self.env._("Correction: %(name)s", name=self.name),
                "organization_id": self.organization_id.id,
                "matter_type": self.matter_type,
                "corrects_id": self.id,
                "proposal": self.proposal,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": correction.id,
            "view_mode": "form",
        }

    def _record_show_of_hands(self, choice="for"):
        """Server code (demo, benchmarks): the same choice for every voter present who
        has not voted yet, a unanimous show of hands, through the voting-rights check."""
        voted = {(v.decision_id.id, v.member_id.id) for v in self.sudo().vote_ids}
        voters = self._voters()
        present_ids = self._present_member_ids()
        self.env["party.decision.vote"].sudo()._create_votes(
            [
                {
                    "decision_id": decision.id,
                    "member_id": member.id,
                    "choice": choice,
                    "recorded_by_id": self.env.uid,
                }
                for decision in self
                for member in voting.voters_present(voters[decision.id], present_ids[decision.id])
                if (decision.id, member.id) not in voted
            ]
        )
        return True

    # ------------------------------------------------------------------- portal

    @api.model
    def _portal_domain(self):
        """The decisions a member sees on the portal: those of the meetings on whose
        attendance list the caller's own membership stands, once voting has opened."""
        attendances = (
            self.env["party.meeting.attendance"]
            .sudo()
            .search(
                [
                    ("member_id.user_id", "=", self.env.uid),
                    ("member_id.status", "in", VOTER_STATUSES),
                ]
            )
        )
        decisions = (
            self.sudo()
            .search(
                [
                    ("meeting_id", "in", attendances.meeting_id.ids),
                    ("state", "in", ("voting", *CLOSED_STATES)),
                ]
            )
            .filtered(
                lambda d: any(
                    in_organisation(a.member_id, d.organization_id)
                    for a in attendances
                    if a.meeting_id == d.meeting_id
                )
            )
        )
        return [("id", "in", decisions.ids)]

    def _portal_voting(self):
        """{decision id: why the caller may not vote now, or False}: 'voted', 'closed',
        'show_of_hands', 'no_vote' (no vote here: party_branch.tools.voting's
        ``refusal_code`` other than absent) or 'absent' (not recorded present), the
        reasons ``_cast_vote`` refuses with."""
        decisions = self.sudo()
        attendances = (
            self.env["party.meeting.attendance"]
            .sudo()
            .search_fetch(
                [
                    ("meeting_id", "in", decisions.meeting_id.ids),
                    ("member_id.user_id", "=", self.env.uid),
                ],
                ["meeting_id", "member_id", "state"],
            )
        )
        mine = {a.meeting_id.id: a for a in attendances}
        voted = {decision.id for decision in decisions if decision.my_vote}
        due = decisions._voters()
        result = {}
        for decision in decisions:
            attendance = mine.get(decision.meeting_id.id)
            member = attendance.member_id if attendance else None
            if decision.id in voted:
                result[decision.id] = "voted"
            elif decision.state != "voting":
                result[decision.id] = "closed"
            elif decision.voting_method != "members":
                result[decision.id] = "show_of_hands"
            elif not member:
                result[decision.id] = "no_vote"
            else:
                # the rule of the vote itself (party.decision.vote._check_rights)
                code = voting.refusal_code(
                    member.sudo(), due[decision.id], attendance.state == "present"
                )
                result[decision.id] = {None: False, "absent": "absent"}.get(code, "no_vote")
        return result

    def action_vote_for(self):
        return self._cast_vote("for")

    def action_vote_against(self):
        return self._cast_vote("against")

    def action_vote_abstain(self):
        return self._cast_vote("abstain")

    def _cast_vote(self, choice):
        """The caller votes, for their own membership, at a meeting they attend."""
        attendance = (
            self.env["party.meeting.attendance"]
            .sudo()
            .search(
                [
                    ("meeting_id", "in", self.sudo().exists().meeting_id.ids),
                    ("member_id.user_id", "=", self.env.uid),
                ],
                limit=1,
            )
        )
        if not attendance or len(self) != 1:
            # says nothing about a decision the caller may not read
            raise AccessError(self.env._("You are not on the attendance list of this meeting."))
        if self.sudo().voting_method != "members":
            raise UserError(
                self.env._(
                    "%(name)s is voted by a show of hands: an officer records the votes.",
                    name=self.sudo().name,
                )
            )
        self.env["party.decision.vote"].sudo()._create_votes(
            [{"decision_id": self.id, "member_id": attendance.member_id.id, "choice": choice}]
        )
        return True
