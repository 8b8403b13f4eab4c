"""Member development (党员发展), from application to full membership.

Rules (《中国共产党发展党员工作细则》2014; how they count: docs/architecture.md):

- 第五条: an applicant is at least 18 years old; 第七条: the branch talks with
  the applicant within 1 month of the application.
- 第十三条: an activist (入党积极分子) is trained for 1 year or more
  (经过一年以上培养教育和考察) before becoming a development target (发展对象): 以上
  includes the number, so the anniversary of the selection qualifies.
- 第十六条/第十七条: the development target passes a political review and a
  concentrated training (generally at least 3 days or 24 hours).
- 第十四条: two full members are the introducers (入党介绍人).
- 第二十条/第二十一条: admission as probationary member by vote of the branch member
  assembly (more than half of the full members due, counted by the server:
  ``party_branch.tools.voting``; more than half present; probationary members have no
  vote), 第二十八条 (not verified against the text): approval by the superior
  committee (never the branch's own officers) within 3 months.
- 第三十二条/第三十三条: probation of 1 year, then conversion (转正) by vote, or
  extension once (6 to 12 months), or cancellation of the probationary membership.

The other steps (recommendation … oath) and the refusals: tools/development_rules.py.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.party_branch.tools import voting
from odoo.addons.party_branch.tools.superior import not_superior

from ..tools.development_rules import (  # noqa: F401 (STAGES: party_cockpit)
    ACTIVIST_YEARS,
    APPROVAL_MONTHS,
    CONTACTS_MAX,
    CONTACTS_MIN,
    EXTENSION_MAX,
    EXTENSION_MIN,
    INTRODUCERS,
    MIN_AGE,
    NOTICE_PARAM,
    NOTICE_WORKING_DAYS,
    PROBATION_YEARS,
    RECOMMENDATION_METHODS,
    REFUSALS,
    RULE,
    RULE_CONSTITUTION,
    STAGES,
    TALK_MONTHS,
    TRAINING_DAYS,
    TRAINING_HOURS,
)

# the files of each step: only files the writer may read are linked (the backend shows
# them to the organisation's officers)
ATTACHMENT_FIELDS = (
    "recommendation_attachment_ids", "political_review_attachment_ids",
    "preexam_attachment_ids", "notice_attachment_ids", "application_form_attachment_ids",
    "oath_attachment_ids",
)  # fmt: skip


def _documents(step, string):
    """The scanned documents of one step of the file (a Many2many of attachments, with
    its own table: one per step)."""
    return fields.Many2many(
        "ir.attachment",
        f"party_development_{step}_attachment_rel",
        "development_id",
        "attachment_id",
        string=string,
        copy=False,
    )


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
        "voters_due", "conversion_voters_due", "notice_end",
    )  # fmt: skip
    _party_rpc_methods = {
        "create": "ACL, record rules and party.access.mixin (organisation managed, stage "
        "applicant); an internal user's contact only by a Party administrator",
        "write": "ACL, record rules and party.access.mixin (no move, no stage)",
        "action_to_activist": "_party_check_manage: officer of the organisation",
        "action_to_target": "_party_check_manage: officer of the organisation",
        "action_admission_vote": "_party_check_manage: officer of the organisation",
        "action_approve_admission": "_party_check_manage, not_superior: the committee above",
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
    can_approve = fields.Boolean(compute="_compute_can_approve")  # the superior's button

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

    # Recommendation (推荐, 第八条)
    recommendation_date = fields.Date(tracking=True, copy=False)
    recommendation_method = fields.Selection(
        RECOMMENDATION_METHODS, tracking=True, copy=False, string="Recommended By (Way)"
    )
    recommended_by = fields.Char(
        tracking=True,
        copy=False,
        help="The recommending Party members, or the mass organisation (the Youth League "
        "branch for 推优).",
    )
    recommendation_attachment_ids = _documents("recommendation", "Recommendation Documents")

    # Activist
    activist_date = fields.Date(tracking=True, copy=False)
    contact_member_ids = fields.Many2many(
        "party.member",
        "party_development_contact_rel",
        "development_id",
        "member_id",
        string="Contact Persons",
        copy=False,
        help="One or two full members of the organisation (培养联系人): they follow the "
        "activist and acknowledge the activist's reports.",
    )
    contact_date = fields.Date(string="Contact Persons Named", tracking=True, copy=False)
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
    political_review_by = fields.Char(
        tracking=True,
        copy=False,
        help="Who reviewed: the branch, or the superior organisation.",
    )
    political_review_attachment_ids = _documents("review", "Political Review Conclusion")
    # Pre-examination by the superior committee (预审, 第十九条)
    preexam_date = fields.Date(string="Pre-examination Date", tracking=True, copy=False)
    preexam_organization_id = fields.Many2one(
        "party.organization",
        string="Pre-examined By",
        tracking=True,
        copy=False,
        ondelete="restrict",
        help="The superior Party committee with approval power.",
    )
    preexam_attachment_ids = _documents("preexam", "Pre-examination Result")
    # Public notice (公示) before the admission
    notice_start = fields.Date(string="Public Notice From", tracking=True, copy=False)
    notice_end = fields.Date(
        string="Public Notice Until",
        compute="_compute_notice_end",
        store=True,
        help="The last of the working days of the notice (a period set as data).",
    )
    notice_attachment_ids = _documents("notice", "Public Notice")
    # Application form (入党志愿书, issued after the pre-examination, 第十九条)
    application_form_date = fields.Date(tracking=True, copy=False)
    application_form_attachment_ids = _documents("form", "Application Form")
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
    # the thought reports the applicant hands in (party.thought.report, read under its rules)
    thought_report_ids = fields.One2many(
        "party.thought.report", "development_id", string="Thought Reports", readonly=True
    )

    # Oath (入党宣誓, 党章第六条)
    oath_date = fields.Date(tracking=True, copy=False)
    oath_led_by = fields.Char(tracking=True, copy=False, help="Who led the oath (领誓人).")
    oath_attachment_ids = _documents("oath", "Oath Documents")

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

    @api.model
    def _notice_working_days(self):
        """The working days of the public notice (data: NOTICE_PARAM, default 5)."""
        value = self.env["ir.config_parameter"].sudo().get_param(NOTICE_PARAM)
        try:
            days = int(value)
        except (TypeError, ValueError):
            days = NOTICE_WORKING_DAYS
        return max(days, 1)

    @staticmethod
    def _add_working_days(start, days):
        """The ``days``-th working day (Monday to Friday) counted from ``start``, ``start``
        included when it is one: a notice from Monday for 5 working days ends on Friday."""
        day = start
        while day.weekday() >= 5:
            day += timedelta(days=1)
        left = days - 1
        while left:
            day += timedelta(days=1)
            if day.weekday() < 5:
                left -= 1
        return day

    @api.depends("notice_start")
    def _compute_notice_end(self):
        days = self._notice_working_days()
        for dev in self:
            dev.notice_end = dev.notice_start and self._add_working_days(dev.notice_start, days)

    # --------------------------------------------------------------- constraints

    @api.constrains("recommendation_date", "application_date", "activist_date")
    def _check_recommendation(self):
        for dev in self:
            if dev.recommendation_date and (
                dev.recommendation_date < dev.application_date
                or (dev.activist_date and dev.stage != "applicant"
                    and dev.recommendation_date > dev.activist_date)
            ):  # fmt: skip
                dev._refuse("recommendation_order")

    @api.constrains("contact_member_ids", "contact_date", "activist_date", "organization_id")
    def _check_contacts(self):
        for dev in self:
            contacts = dev.sudo().contact_member_ids
            if not contacts and not dev.contact_date:
                continue
            if len(contacts) > CONTACTS_MAX:
                dev._refuse("contacts_count")
            if (
                dev.stage == "applicant"
                or not dev.activist_date
                or (dev.contact_date and dev.contact_date < dev.activist_date)
            ):
                dev._refuse("contacts_before_activist")
            for member in contacts:
                if (
                    member.member_category != "full"
                    or member.status != "active"
                    or member.organization_id != dev.organization_id
                ):
                    dev._refuse(
                        "contact_not_full", member=member.name, org=dev.organization_id.name
                    )

    @api.constrains("political_review_date", "target_date")
    def _check_review_date(self):
        for dev in self:
            if dev.political_review_date and (
                not dev.target_date or dev.political_review_date < dev.target_date
            ):
                dev._refuse("review_before_target")

    @api.constrains(
        "preexam_date", "preexam_organization_id", "political_review_date", "admission_date",
        "organization_id",
    )  # fmt: skip
    def _check_preexam(self):
        for dev in self:
            if dev.admission_voted and not dev.preexam_date:
                dev._refuse("preexam_missing")
            if not dev.preexam_date:
                continue
            if (
                not dev.political_review_date
                or dev.preexam_date < dev.political_review_date
                or (dev.admission_date and dev.preexam_date > dev.admission_date)
            ):
                dev._refuse("preexam_order")
            superior = dev.sudo().preexam_organization_id
            org = dev.sudo().organization_id
            if superior and (
                superior == org
                or superior.id not in [int(x) for x in org.parent_path.split("/")[:-1] if x]
            ):
                dev._refuse("preexam_not_superior", org=org.name)

    @api.constrains("notice_start", "target_date", "admission_date")
    def _check_notice(self):
        for dev in self:
            if dev.admission_voted and not dev.notice_start:
                dev._refuse("notice_missing", days=self._notice_working_days())
            if dev.notice_start and (
                not dev.target_date
                or dev.notice_start < dev.target_date
                or (dev.admission_date and dev.admission_date <= dev.notice_end)
            ):
                dev._refuse("notice_order", end=dev.notice_end)

    @api.constrains("application_form_date", "preexam_date", "admission_date")
    def _check_application_form(self):
        for dev in self:
            if dev.admission_voted and not dev.application_form_date:
                dev._refuse("form_missing")
            if dev.application_form_date and (
                not dev.preexam_date
                or dev.application_form_date < dev.preexam_date
                or (dev.admission_date and dev.application_form_date > dev.admission_date)
            ):
                dev._refuse("form_order")

    @api.constrains("oath_date", "approval_date", "stage")
    def _check_oath(self):
        for dev in self:
            if dev.oath_date and (
                dev.stage in ("applicant", "activist", "target")
                or not dev.approval_date
                or dev.oath_date < dev.approval_date
            ):
                dev._refuse("oath_before_admission")

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
        values = {
            "name": self[:1].partner_id.name,
            "rule": RULE,
            "constitution": RULE_CONSTITUTION,
            **params,
        }
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
        present, and passes with the votes for of more than half of them (第二十条, 第二十一条).

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

    def _check_action(self, *stages):
        """The first check of an action: the caller manages every development, and each
        is at one of ``stages``."""
        self._party_check_manage()
        self._check_stage(*stages)

    def _check_stage(self, *stages):
        labels = dict(self._fields["stage"]._description_selection(self.env))
        for dev in self:
            if dev.stage not in stages:
                dev._refuse(
                    "wrong_stage",
                    stage=labels[dev.stage],
                    expected=", ".join(labels[s] for s in stages),
                )

    # ------------------------------------------------------------ next step

    def _party_next_step(self):
        """The next step of the development and its date, for the applicant's own page:
        ``{"step": label, "deadline": date or False, "earliest": date or False}`` (the
        deadline the 细则 sets, or the first day the step may be taken), or False when the
        development is over. Never reads the political review's content."""
        self.ensure_one()
        dev = self.sudo()
        env = self.env
        trained = dev.training_hours >= TRAINING_HOURS or dev.training_days >= TRAINING_DAYS
        # per stage, in order: (step still to do, its label, its deadline, its first day)
        steps = {
            "applicant": [
                (not dev.talk_date, env._("Talk with the branch"), dev.talk_deadline, False),
                (
                    not dev.recommendation_date,
                    env._("Recommendation by Party members or the Youth League"),
                    False,
                    False,
                ),
                (True, env._("Selection as activist by the branch committee"), False, False),
            ],
            "activist": [
                (
                    not dev.contact_member_ids,
                    env._("Contact persons named by the branch"),
                    False,
                    False,
                ),
                (True, env._("Selection as development target"), False, dev.target_eligible_date),
            ],
            "target": [
                (
                    dev.admission_voted,
                    env._("Approval by the superior Party committee"),
                    dev.approval_deadline,
                    False,
                ),
                (
                    not (dev.political_review_done and dev.political_review_date),
                    env._("Political review"),
                    False,
                    False,
                ),
                (not trained, env._("Concentrated training"), False, False),
                (
                    not dev.preexam_date,
                    env._("Pre-examination by the superior Party committee"),
                    False,
                    False,
                ),
                (not dev.notice_start, env._("Public notice"), False, False),
                (
                    not dev.application_form_date,
                    env._("Application form (入党志愿书)"),
                    False,
                    False,
                ),
                (
                    True,
                    env._("Admission vote of the branch member assembly"),
                    False,
                    dev.notice_end and dev.notice_end + timedelta(days=1),
                ),
            ],
            "probationary": [
                (not dev.oath_date, env._("Oath facing the Party flag"), False, False),
                (True, env._("Conversion to full member"), False, dev.probation_end_date),
            ],
        }
        for todo, label, deadline, earliest in steps.get(dev.stage, []):
            if todo:
                return {"step": label, "deadline": deadline, "earliest": earliest}
        return False

    def _party_portal_values(self):
        """What the applicant's own page and home block show: the stage, the next step
        and its date, the steps done with their dates. Plain values, never the record:
        nothing of the political review, the votes or the files."""
        self.ensure_one()
        dev = self.sudo()
        env = self.env
        stages = dict(self._fields["stage"]._description_selection(self.env))
        done = [
            (env._("Application"), dev.application_date),
            (env._("Talk with the branch"), dev.talk_date),
            (env._("Recommendation"), dev.recommendation_date),
            (env._("Selected as activist"), dev.activist_date),
            (env._("Contact persons named"), dev.contact_date),
            (env._("Selected as development target"), dev.target_date),
            (env._("Pre-examination passed"), dev.preexam_date),
            (env._("Public notice"), dev.notice_start),
            (env._("Application form"), dev.application_form_date),
            (env._("Admission voted by the branch member assembly"), dev.admission_voted
             and dev.admission_date),
            (env._("Admission approved"), dev.approval_date),
            (env._("Oath"), dev.oath_date),
            (env._("Full member"), dev.stage == "full" and dev.full_date),
        ]  # fmt: skip
        return {
            "stage": dev.stage,
            "stage_label": stages[dev.stage],
            "organization": dev.organization_id.name,
            "contacts": dev.contact_member_ids.mapped("name"),
            "next": dev._party_next_step(),
            "done": [(label, day) for label, day in done if day],
        }

    def _demo_name_contacts(self, member_ids):
        """Demo data: name ``member_ids`` the contact persons of each development, on the
        day of its selection as activist."""
        for dev in self:
            dev.write(
                {"contact_member_ids": [(6, 0, member_ids)], "contact_date": dev.activist_date}
            )

    @api.model
    def _party_portal_own(self):
        """The caller's own development, found by the caller's user (their contact, or the
        membership the admission made, linked to their login), never by an id the request
        sent: the newest one. Read with sudo(): an applicant has no access to the model;
        the portal shows its stage and next step only."""
        user = self.env.user
        return self.sudo().search(
            ["|", ("partner_id", "=", user.partner_id.id), ("member_id.user_id", "=", user.id)],
            order="application_date desc, id desc",
            limit=1,
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

    def _party_check_attachments(self, fields_written):
        """The files linked to a step are files the caller may read: another record's
        file id would otherwise be shown to this record's readers."""
        if self._party_trusted():
            return
        for name in set(fields_written) & set(ATTACHMENT_FIELDS):
            self.sudo()[name].with_env(self.env).check("read")

    def _party_after_create(self, vals_list):
        self._party_check_attachments({key for vals in vals_list for key in vals})
        for dev in self.filtered(lambda d: d.stage == "applicant" and not d.talk_date):
            dev._schedule(
                ACTIVITY_TALK,
                dev.talk_deadline,
                self.env._("Talk with the applicant within 1 month (%(rule)s 第七条)", rule=RULE),
            )
        return super()._party_after_create(vals_list)

    def _party_after_write(self, vals, before):
        self._party_check_attachments(vals)
        if vals.get("talk_date"):
            self._done(ACTIVITY_TALK)
        return super()._party_after_write(vals, before)

    # ----------------------------------------------------------------- actions

    def action_to_activist(self):
        """Applicant → activist, after the talk (第七条, 第八条)."""
        self._check_action("applicant")
        today = fields.Date.context_today(self)
        for dev in self:
            if not dev.talk_date:
                dev._refuse("talk_missing")
            if not dev.recommendation_date:
                dev._refuse("recommendation_missing")
            dev._party_action_write(
                {"stage": "activist", "activist_date": dev.activist_date or today}
            )
            dev._done(ACTIVITY_TALK)
            dev._schedule(
                ACTIVITY_TARGET,
                dev.target_eligible_date,
                self.env._(
                    "Activist trained for 1 year (一年以上): consider as development target "
                    "(%(rule)s 第十三条)",
                    rule=RULE,
                ),
            )
        return True

    def action_to_target(self):
        """Activist → development target, after 1 year or more (第十三条, 一年以上)."""
        self._check_action("activist")
        today = fields.Date.context_today(self)
        for dev in self:
            if len(dev.contact_member_ids) < CONTACTS_MIN:
                dev._refuse("contacts_missing")
            dev._party_action_write({"stage": "target", "target_date": dev.target_date or today})
            dev._done(ACTIVITY_TARGET)
        return True

    def action_admission_vote(self):
        """Record the branch member assembly's admission vote (第二十至二十六条)."""
        self._check_action("target")
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
            if not dev.preexam_date:
                dev._refuse("preexam_missing")
            if not dev.notice_start:
                dev._refuse("notice_missing", days=self._notice_working_days())
            if not dev.application_form_date:
                dev._refuse("form_missing")
            if vote_date and vote_date <= dev.notice_end:
                dev._refuse("notice_order", end=dev.notice_end)
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

    @api.depends_context("uid")
    def _compute_can_approve(self):
        refused = not_superior(self.env, self.sudo().organization_id)
        self.can_approve = False
        self.filtered(lambda d: d.sudo().organization_id not in refused).can_approve = True

    def action_approve_admission(self):
        """The committee above approves (上级党委审批, tools/superior.py): probationary."""
        self._party_check_manage()
        if not_superior(self.env, self.sudo().organization_id):
            self._refuse("approval_not_superior")
        self._check_stage("target")
        today = fields.Date.context_today(self)
        Member = self.env["party.member"].sudo()
        for dev in self:
            if not dev.admission_voted:
                dev._refuse("approval_without_vote")
            if not dev.application_form_date:
                dev._refuse("form_missing")
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
                    "(%(rule)s 第三十二条)",
                    rule=RULE,
                ),
            )
        return True

    def action_convert(self):
        """Conversion (转正) voted by the branch member assembly at the end of the probation."""
        self._check_action("probationary")
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
        self._check_action("probationary")
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
        self._check_action("applicant", "activist", "target", "probationary")
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
