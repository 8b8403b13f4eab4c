"""Member development (党员发展), from application to full membership.

Rules (《中国共产党发展党员工作细则》2014; how they count: docs/architecture.md):

- 第九条: an applicant is at least 18 years old; 第十一条: the branch talks with
  the applicant within 1 month of the application.
- 第十四条/第十五条: an activist (入党积极分子) is trained for 1 year or more
  (经过一年以上培养教育和考察) before becoming a development target (发展对象): 以上
  includes the number, so the anniversary of the selection qualifies.
- 第二十条/第二十一条: the development target passes a political review and a
  concentrated training (generally at least 3 days or 24 hours).
- 第二十二条: two full members are the introducers (入党介绍人).
- 第二十五条/第二十六条: admission as probationary member by vote of the branch member
  assembly (more than half of the full members due to vote; probationary members
  have no vote), 第二十八条: approval by the superior committee within 3 months.
  The full members due are counted by the server (``party_branch.tools.voting``:
  the branch's full members in good standing, whatever the meeting's list says),
  never typed; more than half of them must be present at the assembly, and the
  votes cast do not exceed the voting members present.
- 第三十一条/第三十二条: probation of 1 year, then conversion (转正) by vote, or
  extension once (6 to 12 months), or cancellation of the probationary membership.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.party_branch.tools import voting


def _lt(message):
    """Mark ``message`` for the translation template (Odoo extracts ``_lt(...)``);
    ``PartyDevelopment._refuse`` translates and fills it in the user's language."""
    return message


RULE = "《中国共产党发展党员工作细则》"
STAGES = [
    ("applicant", "Applicant"),
    ("activist", "Activist"),
    ("target", "Development Target"),
    ("probationary", "Probationary Member"),
    ("full", "Full Member"),
    ("closed", "Closed"),
]
# Counting (docs/architecture.md, "Numeric rules"): 以上/以下/以内/届满 include the number, 超过/不满 exclude it.
MIN_AGE = 18  # 第九条 年满十八岁: from the 18th birthday
TALK_MONTHS = 1  # 第十一条 一个月内: the talk on the deadline day is in time
ACTIVIST_YEARS = 1  # 第十五条 经过一年以上培养教育和考察: the anniversary qualifies
TRAINING_HOURS = 24  # 第二十一条 一般不少于3天或24个学时: 24 hours qualify
TRAINING_DAYS = 3
INTRODUCERS = 2  # 第二十二条 两名正式党员作入党介绍人
APPROVAL_MONTHS = 3  # 第二十八条 三个月内审批: approval on the deadline day is in time
PROBATION_YEARS = 1  # 第三十一条 预备期为一年: conversion from the anniversary
EXTENSION_MIN, EXTENSION_MAX = 6, 12  # 第三十二条 延长预备期不能少于半年，最长不超过一年

# What the rules refuse: one entry a refusal, the error raised and its message.
# ``%(name)s`` is the applicant and ``%(rule)s`` the regulation (RULE), filled in
# by ``PartyDevelopment._refuse``; other parameters are given by the caller.
REFUSALS = {
    "under_18": (
        ValidationError,
        _lt(
            "%(name)s was under 18 on the application date (%(date)s): an applicant must be at "
            "least 18 years old (%(rule)s 第九条)."
        ),
    ),
    "talk_before_application": (
        ValidationError,
        _lt("The talk cannot come before the application (%(rule)s 第十一条)."),
    ),
    "talk_late": (
        ValidationError,
        _lt(
            "%(name)s: the branch talks with the applicant within 1 month of the application, by "
            "%(deadline)s (%(rule)s 第十一条)."
        ),
    ),
    "activist_not_applicant": (
        ValidationError,
        _lt("An activist is selected among applicants (%(rule)s 第十二条)."),
    ),
    "target_too_early": (
        ValidationError,
        _lt(
            "%(name)s: an activist is trained for 1 year or more (一年以上) before becoming a "
            "development target, from %(eligible)s (%(rule)s 第十五条)."
        ),
    ),
    "introducers_too_many": (
        ValidationError,
        _lt("%(name)s: there are exactly two introducers (%(rule)s 第二十二条)."),
    ),
    "introducer_not_full": (
        ValidationError,
        _lt(
            "%(member)s cannot introduce %(name)s: introducers are full members in good standing "
            "(%(rule)s 第二十二条)."
        ),
    ),
    "vote_not_branch_assembly": (
        ValidationError,
        _lt(
            "%(name)s: admission and conversion are voted by the branch member assembly of "
            "%(org)s (%(rule)s 第二十五条)."
        ),
    ),
    "approval_before_vote": (
        ValidationError,
        _lt("The superior approves after the branch's vote (%(rule)s 第二十八条)."),
    ),
    "approval_late": (
        ValidationError,
        _lt(
            "%(name)s: the superior committee approves the admission within 3 months of the "
            "branch assembly's vote, by %(deadline)s (%(rule)s 第二十八条)."
        ),
    ),
    "extension_range": (
        ValidationError,
        _lt(
            "%(name)s: the probation is extended once, by no less than 6 months and no more than "
            "1 year (%(rule)s 第三十二条)."
        ),
    ),
    "votes_exceed": (
        ValidationError,
        _lt(
            "%(name)s: the votes cast cannot exceed the full members due to vote (%(rule)s "
            "第二十六条)."
        ),
    ),
    "vote_no_meeting": (
        UserError,
        _lt(
            "%(name)s: the vote is taken at a branch member assembly: choose the meeting "
            "(%(rule)s 第二十五条)."
        ),
    ),
    "vote_meeting_not_held": (
        UserError,
        _lt(
            "%(meeting)s has not been held: record the vote once the branch member assembly took "
            "place (%(rule)s 第二十五条)."
        ),
    ),
    "vote_date_mismatch": (
        UserError,
        _lt("The vote date %(date)s is not the date of %(meeting)s."),
    ),
    "vote_not_passed": (
        UserError,
        _lt(
            "%(name)s: %(votes)s votes for out of %(due)s full members due to vote is not more "
            "than half: the branch member assembly did not pass the resolution; probationary "
            "members have no vote (%(rule)s 第二十六条)."
        ),
    ),
    "vote_no_quorum": (
        UserError,
        _lt(
            "%(name)s: %(present)s of the %(due)s full members due to vote were present at "
            "%(meeting)s: the branch member assembly decides with more than half of them present "
            "(%(rule)s 第二十六条)."
        ),
    ),
    "votes_exceed_present": (
        UserError,
        _lt(
            "%(name)s: %(votes)s votes cast, but %(present)s full members with a vote were "
            "present at %(meeting)s (%(rule)s 第二十六条)."
        ),
    ),
    "wrong_stage": (
        UserError,
        _lt("%(name)s is at the stage %(stage)s: this step is for %(expected)s."),
    ),
    "internal_contact": (
        AccessError,
        _lt("The contact of an internal user is entered by a Party administrator."),
    ),
    "talk_missing": (
        UserError,
        _lt("%(name)s: record the talk with the applicant first (%(rule)s 第十一条)."),
    ),
    "vote_recorded": (
        UserError,
        _lt("The admission vote is already recorded."),
    ),
    "review_missing": (
        UserError,
        _lt(
            "%(name)s: the political review of the development target is recorded before the "
            "admission (%(rule)s 第二十条)."
        ),
    ),
    "training_short": (
        UserError,
        _lt(
            "%(name)s: the development target attends a concentrated training of generally at "
            "least 3 days or 24 hours before the admission; %(hours)s hours recorded (%(rule)s "
            "第二十一条)."
        ),
    ),
    "introducers_missing": (
        UserError,
        _lt(
            "%(name)s: two full members are the introducers; %(count)s recorded (%(rule)s "
            "第二十二条)."
        ),
    ),
    "vote_before_target": (
        UserError,
        _lt(
            "%(name)s: the admission vote comes after the target stage and the political review "
            "(%(rule)s 第二十条)."
        ),
    ),
    "approval_without_vote": (
        UserError,
        _lt(
            "%(name)s: the branch member assembly votes the admission before the superior "
            "approves it (%(rule)s 第二十五条)."
        ),
    ),
    "conversion_too_early": (
        UserError,
        _lt(
            "%(name)s: the probation ends on %(end)s; the conversion is voted when it has ended "
            "(%(rule)s 第三十一条)."
        ),
    ),
    "extended_twice": (
        UserError,
        _lt("%(name)s: the probation can be extended only once (%(rule)s 第三十二条)."),
    ),
    "extension_missing": (
        UserError,
        _lt("Enter the extension, 6 to 12 months (%(rule)s 第三十二条)."),
    ),
    "close_reason_missing": (
        UserError,
        _lt("Record the reason for closing the development of %(name)s."),
    ),
}

ACTIVITY_TALK = "party_life.mail_activity_type_dev_talk"
ACTIVITY_TARGET = "party_life.mail_activity_type_dev_target"
ACTIVITY_APPROVAL = "party_life.mail_activity_type_dev_approval"
ACTIVITY_PROBATION = "party_life.mail_activity_type_dev_probation"


class PartyDevelopment(models.Model):
    _name = "party.development"
    _description = "Member Development"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "application_date desc, id desc"
    _check_company_auto = True
    _rec_name = "partner_id"

    # The person is fixed (another person is another file); the stage, the vote
    # record, the member created on admission and the deadlines the rules compute
    # change only through the actions below, which check the rules.
    _party_fixed_fields = ("partner_id",)
    # the full members due to vote are counted by the action, never typed
    _party_workflow_fields = (
        "stage", "admission_voted", "member_id", "extension_date",
        "talk_deadline", "target_eligible_date", "approval_deadline", "probation_end_date",
        "voters_due", "conversion_voters_due",
    )  # fmt: skip
    _party_rpc_methods = {
        "create": "ACL, record rules and party.access.mixin (organisation managed, stage "
        "applicant); an internal user's contact only by a Party administrator",
        "write": "ACL, record rules and party.access.mixin (no move, no stage)",
        "action_to_activist": "_party_check_manage: officer of the organisation",
        "action_to_target": "_party_check_manage: officer of the organisation",
        "action_admission_vote": "_party_check_manage: officer of the organisation",
        "action_approve_admission": "_party_check_manage: officer of the organisation",
        "action_convert": "_party_check_manage: officer of the organisation",
        "action_extend_probation": "_party_check_manage: officer of the organisation",
        "action_close": "_party_check_manage: officer of the organisation",
        "action_view_member": "navigation: read access on the development record",
    }

    partner_id = fields.Many2one(
        "res.partner",
        string="Applicant",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    organization_id = fields.Many2one(
        "party.organization",
        string="Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("org_type", "!=", "group")],
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    stage = fields.Selection(
        STAGES,
        required=True,
        default="applicant",
        tracking=True,
        index=True,
        copy=False,
        group_expand="_expand_stages",
    )
    color = fields.Integer()

    def _expand_stages(self, stages, domain):
        """The pipeline in its order, empty stages included (the kanban's columns)."""
        return [key for key, __ in STAGES]

    birthdate = fields.Date(string="Date of Birth", required=True)
    note = fields.Html()

    # Application and talk
    application_date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    talk_date = fields.Date(
        tracking=True, help="The branch talks with the applicant within 1 month (谈话)."
    )
    talk_deadline = fields.Date(compute="_compute_deadlines", store=True)

    # Activist
    activist_date = fields.Date(tracking=True, copy=False)
    target_eligible_date = fields.Date(
        string="Target From",
        compute="_compute_deadlines",
        store=True,
        help="First day the activist can become a development target: the anniversary of "
        "the selection (一年以上 includes the year).",
    )

    # Development target
    target_date = fields.Date(tracking=True, copy=False)
    political_review_done = fields.Boolean(tracking=True)
    political_review_date = fields.Date(tracking=True)
    training_hours = fields.Float(tracking=True, help="Concentrated training (集中培训).")
    training_days = fields.Float(tracking=True)
    introducer_ids = fields.Many2many(
        "party.member",
        "party_development_introducer_rel",
        "development_id",
        "member_id",
        string="Introducers",
        help="Two full members (入党介绍人).",
    )

    # Admission vote (branch member assembly)
    admission_meeting_id = fields.Many2one(
        "party.meeting",
        string="Admission Assembly",
        domain="[('meeting_type', '=', 'branch_assembly'), "
        "('organization_id', '=', organization_id)]",
        ondelete="restrict",
        check_company=True,
        tracking=True,
        copy=False,
    )
    admission_date = fields.Date(
        string="Admission Vote Date", tracking=True, copy=False, help="Date of the vote."
    )
    voters_due = fields.Integer(
        copy=False,
        readonly=True,
        help="Full members of the branch due to vote, counted when the vote is recorded; "
        "probationary members have no vote.",
    )
    votes_for = fields.Integer(copy=False)
    votes_against = fields.Integer(copy=False)
    votes_abstain = fields.Integer(string="Abstentions", copy=False)
    admission_voted = fields.Boolean(readonly=True, copy=False)
    approval_deadline = fields.Date(compute="_compute_deadlines", store=True)
    approval_date = fields.Date(
        tracking=True, copy=False, help="Approval by the superior Party committee."
    )
    member_id = fields.Many2one(
        "party.member", string="Party Member", readonly=True, copy=False, ondelete="restrict"
    )

    # Probation
    extension_months = fields.Integer(
        tracking=True, copy=False, help="Probation extended once, 6 to 12 months."
    )
    extension_date = fields.Date(tracking=True, copy=False)
    probation_end_date = fields.Date(compute="_compute_deadlines", store=True)
    conversion_meeting_id = fields.Many2one(
        "party.meeting",
        string="Conversion Assembly",
        domain="[('meeting_type', '=', 'branch_assembly'), "
        "('organization_id', '=', organization_id)]",
        ondelete="restrict",
        check_company=True,
        tracking=True,
        copy=False,
    )
    conversion_date = fields.Date(string="Conversion Vote Date", tracking=True, copy=False)
    conversion_voters_due = fields.Integer(
        copy=False,
        readonly=True,
        help="Full members of the branch due to vote, counted when the vote is recorded.",
    )
    conversion_votes_for = fields.Integer(copy=False)
    conversion_votes_against = fields.Integer(copy=False)
    conversion_votes_abstain = fields.Integer(string="Conversion Abstentions", copy=False)
    full_date = fields.Date(
        string="Full Membership Date", tracking=True, copy=False, help="End of the probation."
    )
    closed_date = fields.Date(tracking=True, copy=False)
    closed_reason = fields.Text(tracking=True, copy=False)

    # ------------------------------------------------------------------ computes

    @api.depends(
        "application_date", "activist_date", "admission_date", "extension_months", "approval_date"
    )
    def _compute_deadlines(self):
        for dev in self:
            dev.talk_deadline = dev.application_date and dev.application_date + relativedelta(
                months=TALK_MONTHS
            )
            # 一年以上 includes the year: eligible on the anniversary (formerly the day after)
            dev.target_eligible_date = dev.activist_date and dev.activist_date + relativedelta(
                years=ACTIVIST_YEARS
            )
            dev.approval_deadline = dev.admission_date and dev.admission_date + relativedelta(
                months=APPROVAL_MONTHS
            )
            dev.probation_end_date = dev.admission_date and dev.admission_date + relativedelta(
                years=PROBATION_YEARS, months=dev.extension_months
            )

    # --------------------------------------------------------------- constraints

    @api.constrains("birthdate", "application_date")
    def _check_age(self):
        for dev in self:
            if dev.application_date < dev.birthdate + relativedelta(years=MIN_AGE):
                dev._refuse("under_18", date=dev.application_date)

    @api.constrains("application_date", "talk_date")
    def _check_talk(self):
        for dev in self:
            if not dev.talk_date:
                continue
            if dev.talk_date < dev.application_date:
                dev._refuse("talk_before_application")
            if dev.talk_date > dev.talk_deadline:
                dev._refuse("talk_late", deadline=dev.talk_deadline)

    @api.constrains("activist_date", "target_date", "application_date")
    def _check_activist(self):
        for dev in self:
            if dev.activist_date and dev.activist_date < dev.application_date:
                dev._refuse("activist_not_applicant")
            if dev.target_date and (
                not dev.activist_date or dev.target_date < dev.target_eligible_date
            ):
                dev._refuse("target_too_early", eligible=dev.target_eligible_date or "-")

    @api.constrains("introducer_ids")
    def _check_introducers(self):
        for dev in self:
            if len(dev.introducer_ids) > INTRODUCERS:
                dev._refuse("introducers_too_many")
            for member in dev.introducer_ids.sudo():
                if member.member_category != "full" or member.status != "active":
                    dev._refuse("introducer_not_full", member=member.name)

    @api.constrains("admission_meeting_id", "conversion_meeting_id", "organization_id")
    def _check_meetings(self):
        for dev in self:
            for meeting in dev.admission_meeting_id | dev.conversion_meeting_id:
                if (
                    meeting.meeting_type != "branch_assembly"
                    or meeting.organization_id != dev.organization_id
                ):
                    dev._refuse("vote_not_branch_assembly", org=dev.organization_id.name)

    @api.constrains("admission_date", "approval_date")
    def _check_approval(self):
        for dev in self:
            if not dev.approval_date:
                continue
            if not dev.admission_date or dev.approval_date < dev.admission_date:
                dev._refuse("approval_before_vote")
            if dev.approval_date > dev.approval_deadline:
                dev._refuse("approval_late", deadline=dev.approval_deadline)

    @api.constrains("extension_months")
    def _check_extension(self):
        for dev in self:
            if dev.extension_months and not (
                EXTENSION_MIN <= dev.extension_months <= EXTENSION_MAX
            ):
                dev._refuse("extension_range")

    @api.constrains(
        "votes_for", "votes_against", "votes_abstain", "voters_due",
        "conversion_votes_for", "conversion_votes_against", "conversion_votes_abstain",
        "conversion_voters_due",
    )  # fmt: skip
    def _check_vote_counts(self):
        for dev in self:
            for prefix in ("", "conversion_"):
                votes = [dev[f"{prefix}votes_{k}"] for k in ("for", "against", "abstain")]
                due = dev[f"{prefix}voters_due"]
                if min(votes + [due]) < 0 or (due and sum(votes) > due):
                    dev._refuse("votes_exceed")

    # ----------------------------------------------------------------- helpers

    def _refuse(self, code, **params):
        """Raise the refusal ``code`` of REFUSALS for this development (one record, or
        none at creation), in the user's language."""
        error, message = REFUSALS[code]
        values = {"name": self[:1].partner_id.name, "rule": RULE, **params}
        raise error(self.env._(message, **values))

    def _secretary_user(self):
        self.ensure_one()
        return self.organization_id.sudo().secretary_id.user_id

    def _schedule(self, xmlid, deadline, summary):
        """Remind the organisation's secretary of a deadline (mail.activity)."""
        for dev in self:
            user = dev._secretary_user()
            if not user or not deadline:
                continue
            dev.activity_schedule(xmlid, date_deadline=deadline, summary=summary, user_id=user.id)

    def _done(self, xmlid):
        self.activity_feedback([xmlid])

    def _check_vote(self, prefix, meeting, vote_date):
        """The branch member assembly decides with more than half of the full members due
        present, and passes with the votes for of more than half of them (第二十六条).

        The full members due are the branch's (party_branch.tools.voting), never the
        meeting's list nor a number typed in; returns their number."""
        self.ensure_one()
        if not meeting:
            self._refuse("vote_no_meeting")
        meeting = meeting.sudo()
        if meeting.state != "held":
            self._refuse("vote_meeting_not_held", meeting=meeting.name)
        if vote_date and vote_date != fields.Date.context_today(self, meeting.start):
            self._refuse("vote_date_mismatch", date=vote_date, meeting=meeting.name)
        members = voting.voters_due(self.organization_id, vote_date, "assembly")
        due = len(members)
        present_ids = set(
            meeting.attendance_ids.filtered(lambda a: a.state == "present").member_id.ids
        )
        present = len(voting.voters_present(members, present_ids))
        if not voting.more_than_half(present, due):
            self._refuse("vote_no_quorum", present=present, due=due, meeting=meeting.name)
        votes_for = self[f"{prefix}votes_for"]
        cast = votes_for + self[f"{prefix}votes_against"] + self[f"{prefix}votes_abstain"]
        if cast > present:
            self._refuse("votes_exceed_present", votes=cast, present=present, meeting=meeting.name)
        if not voting.more_than_half(votes_for, due):
            self._refuse("vote_not_passed", votes=votes_for, due=due)
        return due

    def _check_stage(self, *stages):
        labels = dict(self._fields["stage"]._description_selection(self.env))
        for dev in self:
            if dev.stage not in stages:
                dev._refuse(
                    "wrong_stage",
                    stage=labels[dev.stage],
                    expected=", ".join(labels[s] for s in stages),
                )

    # -------------------------------------------------------------------- CRUD

    def _party_validate_create(self, vals_list):
        if not self._party_trusted() and not self._party_is_admin():
            partners = (
                self.env["res.partner"]
                .sudo()
                .browse([vals["partner_id"] for vals in vals_list if vals.get("partner_id")])
            )
            if partners.user_ids.filtered(lambda u: not u.share):
                # admission makes the contact a member's and renames it as the member
                self._refuse("internal_contact")
        return super()._party_validate_create(vals_list)

    def _party_after_create(self, vals_list):
        for dev in self.filtered(lambda d: d.stage == "applicant" and not d.talk_date):
            dev._schedule(
                ACTIVITY_TALK,
                dev.talk_deadline,
                self.env._("Talk with the applicant within 1 month (%(rule)s 第十一条)", rule=RULE),
            )
        return super()._party_after_create(vals_list)

    def _party_after_write(self, vals, before):
        if vals.get("talk_date"):
            self._done(ACTIVITY_TALK)
        return super()._party_after_write(vals, before)

    # ----------------------------------------------------------------- actions

    def action_to_activist(self):
        """Applicant → activist, after the talk (第十一条, 第十二条)."""
        self._party_check_manage()
        self._check_stage("applicant")
        today = fields.Date.context_today(self)
        for dev in self:
            if not dev.talk_date:
                dev._refuse("talk_missing")
            dev._party_action_write(
                {"stage": "activist", "activist_date": dev.activist_date or today}
            )
            dev._done(ACTIVITY_TALK)
            dev._schedule(
                ACTIVITY_TARGET,
                dev.target_eligible_date,
                self.env._(
                    "Activist trained for 1 year (一年以上): consider as development target "
                    "(%(rule)s 第十五条)",
                    rule=RULE,
                ),
            )
        return True

    def action_to_target(self):
        """Activist → development target, after 1 year or more (第十五条, 一年以上)."""
        self._party_check_manage()
        self._check_stage("activist")
        today = fields.Date.context_today(self)
        for dev in self:
            dev._party_action_write({"stage": "target", "target_date": dev.target_date or today})
            dev._done(ACTIVITY_TARGET)
        return True

    def action_admission_vote(self):
        """Record the branch member assembly's admission vote (第二十至二十六条)."""
        self._party_check_manage()
        self._check_stage("target")
        for dev in self:
            if dev.admission_voted:
                dev._refuse("vote_recorded")
            meeting = dev.admission_meeting_id
            vote_date = dev.admission_date or (
                meeting and fields.Date.context_today(dev, meeting.start)
            )
            if not dev.political_review_done or not dev.political_review_date:
                dev._refuse("review_missing")
            if dev.training_hours < TRAINING_HOURS and dev.training_days < TRAINING_DAYS:
                dev._refuse("training_short", hours=dev.training_hours)
            if len(dev.introducer_ids) != INTRODUCERS:
                dev._refuse("introducers_missing", count=len(dev.introducer_ids))
            due = dev._check_vote("", meeting, vote_date)
            if vote_date and (vote_date < dev.target_date or vote_date < dev.political_review_date):
                dev._refuse("vote_before_target")
            dev._party_action_write(
                {"admission_date": vote_date, "voters_due": due, "admission_voted": True}
            )
            dev._schedule(
                ACTIVITY_APPROVAL,
                dev.approval_deadline,
                self.env._(
                    "Superior approval of the admission within 3 months (%(rule)s 第二十八条)",
                    rule=RULE,
                ),
            )
        return True

    def action_approve_admission(self):
        """Superior approval: the applicant becomes a probationary member (第二十八条)."""
        self._party_check_manage()
        self._check_stage("target")
        today = fields.Date.context_today(self)
        Member = self.env["party.member"].sudo()
        for dev in self:
            if not dev.admission_voted:
                dev._refuse("approval_without_vote")
            dev._party_action_write(
                {"approval_date": dev.approval_date or today, "stage": "probationary"}
            )
            member = Member.create(
                {
                    "partner_id": dev.partner_id.id,
                    "organization_id": dev.organization_id.id,
                    "member_category": "probationary",
                    "join_date": dev.admission_date,
                    "birthdate": dev.birthdate,
                }
            )
            dev._party_action_write({"member_id": member.id})
            dev._done(ACTIVITY_APPROVAL)
            dev._schedule(
                ACTIVITY_PROBATION,
                dev.probation_end_date,
                self.env._(
                    "End of the probation: conversion, extension or cancellation "
                    "(%(rule)s 第三十一条)",
                    rule=RULE,
                ),
            )
        return True

    def action_convert(self):
        """Conversion (转正) voted by the branch member assembly at the end of the probation."""
        self._party_check_manage()
        self._check_stage("probationary")
        for dev in self:
            meeting = dev.conversion_meeting_id
            vote_date = dev.conversion_date or (
                meeting and fields.Date.context_today(dev, meeting.start)
            )
            due = dev._check_vote("conversion_", meeting, vote_date)
            if vote_date < dev.probation_end_date:
                dev._refuse("conversion_too_early", end=dev.probation_end_date)
            dev._party_action_write(
                {
                    "stage": "full",
                    "conversion_date": vote_date,
                    "conversion_voters_due": due,
                    "full_date": dev.probation_end_date,
                }
            )
            dev.member_id.sudo().write(
                {"member_category": "full", "full_date": dev.probation_end_date}
            )
            dev._done(ACTIVITY_PROBATION)
        return True

    def action_extend_probation(self):
        """Extend the probation once, by 6 to 12 months (第三十二条)."""
        self._party_check_manage()
        self._check_stage("probationary")
        today = fields.Date.context_today(self)
        for dev in self:
            if dev.extension_date:
                dev._refuse("extended_twice")
            if not dev.extension_months:
                dev._refuse("extension_missing")
            dev._party_action_write({"extension_date": today})
            dev.activity_unlink([ACTIVITY_PROBATION])
            dev._schedule(
                ACTIVITY_PROBATION,
                dev.probation_end_date,
                self.env._(
                    "End of the extended probation: conversion or cancellation "
                    "(%(rule)s 第三十二条)",
                    rule=RULE,
                ),
            )
        return True

    def action_close(self):
        """Close the development; for a probationary member, cancel the membership (第三十二条)."""
        self._party_check_manage()
        self._check_stage("applicant", "activist", "target", "probationary")
        today = fields.Date.context_today(self)
        for dev in self:
            if not (dev.closed_reason or "").strip():
                dev._refuse("close_reason_missing")
            if dev.stage == "probationary" and dev.member_id:
                dev.member_id.sudo().write({"status": "withdrawn"})
            dev._party_action_write({"stage": "closed", "closed_date": dev.closed_date or today})
            dev.activity_unlink(
                [ACTIVITY_TALK, ACTIVITY_TARGET, ACTIVITY_APPROVAL, ACTIVITY_PROBATION]
            )
        return True

    def action_view_member(self):
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.member",
            "res_id": self.member_id.id,
            "view_mode": "form",
        }
