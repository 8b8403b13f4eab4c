"""Thought reports (思想汇报) and reflections (心得体会) a member hands in.

Applicants, activists and development targets (a ``party.development`` of their
contact) and probationary and full members (a ``party.member`` of their user) hand them
in on the portal (``/my/party/thought-reports``) through :meth:`submit`: the text, the
period it covers and files checked by their bytes (``party_branch.tools.uploads``).
The author is always the caller, found by their user: an id the caller sends is never
the author. The organisation's officers or the development's contact persons
(培养联系人) acknowledge a report with a comment (:meth:`action_acknowledge`).

Who reads a report (record rules, ``security/party_thought_report_security.xml``): its
author, the officers who manage its organisation (and Party administrators), and the
contact persons of its development. No auditor, no other member. Its files are
``ir.attachment`` rows of the report (``res_model``/``res_id``): ``/web/content`` and
the mail routes read them with the report's own access.

The interval at which activists and probationary members hand one in is data
(``ir.config_parameter`` ``party_life.thought_report_months``, default 3, with its
source in ``data/party_thought_report_data.xml``): they are reminded in the week before
one is due (reminder kind ``thought_report_due``), and a report overdue is a compliance
finding (``thought_report_overdue``).
"""

import base64
import binascii
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES
from odoo.addons.party_branch.tools.uploads import DOCUMENT_TYPES, check_files

INTERVAL_PARAM = "party_life.thought_report_months"
DEFAULT_INTERVAL_MONTHS = 3  # quarterly: the suite's default (data/party_thought_report_data.xml)
REMIND_DAYS_BEFORE = 7  # the reminder comes in the week before a report is due
TEXT_MAX = 20000
COMMENT_MAX = 2000
# who hands in as a development: the stages before membership
DEVELOPMENT_STAGES = ("applicant", "activist", "target")
# who is expected to hand in regularly (and is reminded)
DUE_STAGES = ("activist",)


def files_message(env):
    return env._(
        "Attachments are PDF documents or PNG, JPEG, GIF or WebP images of at most 5 MB each "
        "(up to 5 files)."
    )


class PartyThoughtReport(models.Model):
    _name = "party.thought.report"
    _description = "Thought Report"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "submitted_on desc, id desc"
    _check_company_auto = True

    _party_org_field = "organization_id"
    _party_fixed_fields = (
        "partner_id", "member_id", "development_id", "organization_id", "kind", "name",
        "period_start", "period_end", "body",
    )  # fmt: skip
    _party_workflow_fields = (
        "state", "submitted_on", "acknowledged_by_id", "acknowledged_on", "comment",
        "attachment_ids",
    )  # fmt: skip
    _party_rpc_methods = {
        "submit": "the caller's own membership or development, found by their user or "
        "contact (never an id they send): AccessError for anyone else or for another "
        "person's report; files checked by their bytes",
        "action_acknowledge": "_party_check_acknowledge: an officer who manages the report's "
        "organisation or a contact person of its development (AccessError otherwise)",
    }
    _party_rpc_sample_args = {
        "submit": ({"body": "My thinking", "period_start": "2026-01-01"},),
        "action_acknowledge": ("Read, thank you",),
    }

    name = fields.Char(string="Title", required=True, readonly=True)
    kind = fields.Selection(
        [("thought", "Thought Report (思想汇报)"), ("reflection", "Reflections (心得体会)")],
        required=True,
        default="thought",
        readonly=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Author",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    member_id = fields.Many2one("party.member", index=True, ondelete="restrict", readonly=True)
    development_id = fields.Many2one(
        "party.development", index=True, ondelete="restrict", readonly=True
    )
    organization_id = fields.Many2one(
        "party.organization",
        string="Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        readonly=True,
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    period_start = fields.Date(required=True, readonly=True)
    period_end = fields.Date(required=True, readonly=True)
    body = fields.Text(string="Report", required=True, readonly=True)
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_thought_report_attachment_rel",
        "report_id",
        "attachment_id",
        string="Attachments",
        readonly=True,
    )
    state = fields.Selection(
        [("submitted", "Handed In"), ("acknowledged", "Acknowledged")],
        default="submitted",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    submitted_on = fields.Datetime(string="Handed In On", readonly=True, index=True)
    acknowledged_by_id = fields.Many2one("res.users", readonly=True)
    acknowledged_on = fields.Datetime(readonly=True)
    comment = fields.Text(readonly=True, help="The comment of who acknowledged the report.")
    is_contact_person = fields.Boolean(
        compute="_compute_is_contact_person",
        search="_search_is_contact_person",
        help="The caller is a contact person (培养联系人) of the report's development.",
    )

    @api.constrains("period_start", "period_end")
    def _check_period(self):
        for report in self:
            if report.period_end < report.period_start:
                raise ValidationError(self.env._("A report's period ends after it starts."))

    # ------------------------------------------------------------------ contact persons

    @api.model
    def _contact_field(self):
        """The development's contact persons (培养联系人, 细则第九条), once the
        pipeline has them (``party.development.contact_member_ids``)."""
        field = self.env["party.development"]._fields.get("contact_member_ids")
        return "contact_member_ids" if field and field.comodel_name == "party.member" else None

    @api.model
    def _contact_domain(self, user):
        field = self._contact_field()
        if not field:
            return [("id", "=", 0)]
        return [(f"development_id.{field}.user_id", "=", user.id)]

    def _compute_is_contact_person(self):
        mine = self.sudo().filtered_domain(self._contact_domain(self.env.user))
        for report in self:
            report.is_contact_person = report in mine

    def _search_is_contact_person(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the contact person."))
        field = self._contact_field()
        if not field:
            ids = []
        else:
            ids = (
                self.env["party.development"]
                .sudo()
                .search([(f"{field}.user_id", "=", self.env.uid)])
                .ids
            )
        positive = (operator == "=") == value
        return [("development_id", "in" if positive else "not in", ids)]

    # ------------------------------------------------------------------ the author

    @api.model
    def _party_my_author(self):
        """(member, development, organisation) of the caller (sudo), by their user: an
        active membership, else a development of their contact before membership.
        AccessError for anyone else."""
        user = self.env.user
        member = (
            self.env["party.member"]
            .sudo()
            .search([("user_id", "=", user.id), ("status", "in", IN_ORG_STATUSES)], limit=1)
        )
        Development = self.env["party.development"].sudo()
        if member:
            development = Development.search([("member_id", "=", member.id)], limit=1)
            return member, development, member.organization_id
        development = (
            Development.search(
                [("partner_id", "=", user.partner_id.id), ("stage", "in", DEVELOPMENT_STAGES)],
                order="application_date desc, id desc",
                limit=1,
            )
            if user.id != SUPERUSER_ID and not user._is_public()
            else Development
        )
        if not development:
            raise AccessError(
                self.env._(
                    "Only a Party member, an applicant or an activist hands in a thought report."
                )
            )
        return self.env["party.member"].sudo(), development, development.organization_id

    @api.model
    def _party_my_domain(self):
        """The caller's own reports (as author)."""
        return [("partner_id", "=", self.env.user.partner_id.id)]

    @api.model
    def _default_period(self, today):
        """The quarter of ``today``."""
        start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        return start, start + relativedelta(months=3, days=-1)

    @api.model
    def submit(self, values, files=None):
        """Hand in a report as the caller: ``values`` has ``body`` (required), ``kind``,
        ``name``, ``period_start`` and ``period_end``; ``files`` is a list of
        ``{"name", "data"}`` (``data`` in base64 over RPC, bytes from the portal).
        Returns the new report's id."""
        member, development, organization = self._party_my_author()
        if not isinstance(values, dict):
            raise ValidationError(self.env._("Write your report."))
        own = {
            "member_id": member.id,
            "development_id": development.id,
            "partner_id": self.env.user.partner_id.id,
            "organization_id": organization.id,
        }
        for key, value in own.items():
            if values.get(key) not in (None, False, value):
                raise AccessError(self.env._("You hand in only your own thought reports."))
        unknown = set(values) - set(own) - {"body", "kind", "name", "period_start", "period_end"}
        if unknown:
            raise ValidationError(
                self.env._(
                    "A thought report has no field %(fields)s.", fields=", ".join(sorted(unknown))
                )
            )
        body = values.get("body")
        body = body.strip() if isinstance(body, str) else ""
        if not body:
            raise UserError(self.env._("Write your report."))
        if len(body) > TEXT_MAX:
            raise UserError(self.env._("A report has at most %(max)s characters.", max=TEXT_MAX))
        kind = values.get("kind") or "thought"
        if kind not in dict(self._fields["kind"].selection):
            raise ValidationError(self.env._("A report is a thought report or reflections."))
        today = fields.Date.context_today(self)
        try:
            start = (
                fields.Date.to_date(values.get("period_start")) or self._default_period(today)[0]
            )
            end = fields.Date.to_date(values.get("period_end")) or (self._default_period(start)[1])
        except (TypeError, ValueError) as exc:
            raise ValidationError(self.env._("The period is given as two dates.")) from exc
        if end < start:
            raise ValidationError(self.env._("A report's period ends after it starts."))
        if start > today:
            raise ValidationError(self.env._("A report covers a period that has begun."))
        decoded = []
        for item in files or []:
            if not isinstance(item, dict):
                raise ValidationError(files_message(self.env))
            data = item.get("data")
            if isinstance(data, str):
                try:
                    data = base64.b64decode(data, validate=True)
                except (binascii.Error, ValueError) as exc:
                    raise ValidationError(files_message(self.env)) from exc
            decoded.append((str(item.get("name") or "file")[:200], data))
        checked = check_files(decoded, files_message(self.env), types=DOCUMENT_TYPES)
        name = values.get("name")
        name = name.strip()[:200] if isinstance(name, str) and name.strip() else False
        if not name:
            label = dict(
                self.with_context(lang=self.env.lang)
                ._fields["kind"]
                ._description_selection(self.env)
            )[kind]
            name = f"{label} {start.year}-Q{(start.month - 1) // 3 + 1}"
        report = (
            self.sudo()
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "name": name,
                    "kind": kind,
                    "partner_id": self.env.user.partner_id.id,
                    "member_id": member.id,
                    "development_id": development.id,
                    "organization_id": organization.id,
                    "period_start": start,
                    "period_end": end,
                    "body": body,
                }
            )
        )
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": item["name"],
                        "raw": item["data"],
                        "mimetype": item["mimetype"],
                        "res_model": self._name,
                        "res_id": report.id,
                    }
                    for item in checked
                ]
            )
        )
        report._party_action_write(
            {
                "submitted_on": fields.Datetime.now(),
                "attachment_ids": [fields.Command.set(attachments.ids)],
            }
        )
        report._party_schedule_acknowledgement()
        return report.id

    def _party_readers_to_ack(self):
        """Who acknowledges: the development's contact persons with a login, else the
        organisation's secretary (party.finding's rule)."""
        self.ensure_one()
        report = self.sudo()
        field = self._contact_field()
        users = report.development_id[field].user_id if field and report.development_id else None
        users = (users or self.env["res.users"]).filtered(lambda u: not u.share)
        if users:
            return users
        org = report.organization_id
        return (
            self.env["party.finding"]
            .sudo()
            ._responsible_users(org)
            .get(org.id, self.env["res.users"])
        )

    def _party_schedule_acknowledgement(self):
        for report in self.sudo():
            for user in report._party_readers_to_ack():
                report.with_context(lang=user.lang).activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=user.id,
                    summary=report.with_context(lang=user.lang).env._(
                        "Acknowledge the thought report of %(author)s",
                        author=report.partner_id.name,
                    ),
                )

    # ------------------------------------------------------------------ acknowledging

    def _party_check_acknowledge(self):
        """The caller manages every report's organisation, or is a contact person of
        every report's development."""
        if self.env.su:
            return
        reports = self.sudo()
        user = self.env.user
        if any(r.partner_id == user.partner_id or r.member_id.user_id == user for r in reports):
            # a secretary hands in reports too: someone else reads and acknowledges them
            raise AccessError(
                self.env._(
                    "Nobody acknowledges their own thought report: another officer of the "
                    "organisation or a contact person does."
                )
            )
        managed = self._party_managed(reports.organization_id)
        contact = reports.filtered_domain(self._contact_domain(user))
        for report in reports:
            if report.organization_id not in managed and report not in contact:
                raise AccessError(
                    self.env._(
                        "A thought report is acknowledged by the officers of its organisation or "
                        "the author's contact persons."
                    )
                )

    def action_acknowledge(self, comment=None):
        """Acknowledge the reports with a comment (posted on the report, to its author)."""
        self._party_check_acknowledge()
        text = comment.strip() if isinstance(comment, str) else ""
        if not text:
            raise UserError(self.env._("Write a comment for the author."))
        if len(text) > COMMENT_MAX:
            raise UserError(
                self.env._("A comment has at most %(max)s characters.", max=COMMENT_MAX)
            )
        reports = self.sudo()
        if any(report.state != "submitted" for report in reports):
            raise UserError(self.env._("This report is already acknowledged."))
        reports._party_action_write(
            {
                "state": "acknowledged",
                "acknowledged_by_id": self.env.uid,
                "acknowledged_on": fields.Datetime.now(),
                "comment": text,
            }
        )
        author = self.env.user.partner_id
        for report in reports:
            # a comment to the author (who reads it on the report's portal page too)
            report.message_post(
                body=text,
                author_id=author.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=report.partner_id.ids,
            )
            report.activity_ids.action_done()
        return True

    # ------------------------------------------------------------------ when one is due

    @api.model
    def _interval_months(self):
        value = self.env["ir.config_parameter"].sudo().get_param(INTERVAL_PARAM)
        try:
            months = int(value)
        except (TypeError, ValueError):
            return DEFAULT_INTERVAL_MONTHS
        return months if months > 0 else DEFAULT_INTERVAL_MONTHS

    @api.model
    def _due_dates(self, on_date, org_ids=None):
        """The reports due: ([(member_id, development_id, org_id, name, due date)]) of the
        activists (from their selection, 确定为入党积极分子) and the probationary members
        (from their admission), the due date being the interval after their last report
        handed in, or after that start. Two queries."""
        if org_ids is not None and not org_ids:
            return []
        months = self._interval_months()
        self.env.flush_all()
        rows = self._last_reports(
            "party_development",
            "development_id",
            "activist_date",
            SQL("t.stage IN %s", DUE_STAGES),
            org_ids,
        ) + self._last_reports(
            "party_member",
            "member_id",
            "join_date",
            SQL("t.member_category = 'probationary' AND t.status IN %s", IN_ORG_STATUSES),
            org_ids,
        )
        delta = relativedelta(months=months)
        return [
            (member_id, development_id, org_id, name, last + delta)
            for member_id, development_id, org_id, name, last in rows
            if last and on_date >= last  # nothing due for a start in the future
        ]

    @api.model
    def _last_reports(self, table, report_column, start_column, condition, org_ids):
        """[(member_id, development_id, org_id, name, last)] of the rows of ``table``
        (developments or members, of ``org_ids`` if given) matching ``condition`` whose
        ``start_column`` is set: ``last`` is the day of their last report handed in
        (``report_column``, ``member_id`` or ``development_id``, names them on the
        report), or that start if later or without a report. One query."""
        orgs = SQL("AND t.organization_id = ANY(%s)", list(org_ids)) if org_ids else SQL()
        person = SQL("t.id, NULL::int")
        if report_column == "development_id":
            person = SQL("NULL::int, t.id")
        self.env.cr.execute(
            SQL(
                """SELECT %(person)s, t.organization_id, p.name,
                          GREATEST(t.%(start)s, (SELECT max(r.submitted_on)::date
                             FROM party_thought_report r WHERE r.%(report)s = t.id))
                     FROM %(table)s t
                     JOIN res_partner p ON p.id = t.partner_id
                    WHERE t.%(start)s IS NOT NULL AND %(condition)s %(orgs)s""",
                person=person,
                start=SQL.identifier(start_column),
                report=SQL.identifier(report_column),
                table=SQL.identifier(table),
                condition=condition,
                orgs=orgs,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _remind_window(self):
        return timedelta(days=REMIND_DAYS_BEFORE)

    @api.model
    def _today(self):
        return fields.Date.context_today(self)

    @api.model
    def _party_next_due(self, member, development):
        """The date the caller's next report is due (activists and probationary members),
        or False."""
        if member and member.member_category == "probationary":
            start, domain = member.join_date, [("member_id", "=", member.id)]
        elif development and development.stage in DUE_STAGES:
            start, domain = development.activist_date, [("development_id", "=", development.id)]
        else:
            return False
        if not start:
            return False
        last = self.sudo().search(domain, order="submitted_on desc", limit=1).submitted_on
        if last:
            start = max(start, last.date())
        return start + relativedelta(months=self._interval_months())

    # ------------------------------------------------------------------ demo

    @api.model
    def _demo_hand_in(self, author_xmlid, reports):
        """Demo data: reports of a member or a development (its xmlid), each a dict with
        ``name``, ``kind``, ``body``, ``days_ago`` and, when acknowledged, ``ack_user``
        (a user's xmlid) and ``comment``."""
        author = self.env.ref(author_xmlid)
        now = fields.Datetime.now()
        for values in reports:
            if author._name == "party.member":
                member, development = (
                    author,
                    self.env["party.development"].search([("member_id", "=", author.id)], limit=1),
                )
                partner = author.user_id.partner_id or author.partner_id
            else:
                member, development, partner = author.member_id, author, author.partner_id
            submitted = now - timedelta(days=values["days_ago"])
            start, end = self._default_period(submitted.date() - timedelta(days=30))
            report = self.sudo().create(
                {
                    "name": values["name"],
                    "kind": values.get("kind", "thought"),
                    "partner_id": partner.id,
                    "member_id": member.id,
                    "development_id": development.id,
                    "organization_id": (member or development).organization_id.id,
                    "period_start": start,
                    "period_end": end,
                    "body": values["body"],
                    "state": "submitted",
                    "submitted_on": submitted,
                }
            )
            if values.get("ack_user"):
                report.with_user(self.env.ref(values["ack_user"])).action_acknowledge(
                    values["comment"]
                )
            else:
                report._party_schedule_acknowledgement()
        return True

    @api.model
    def _demo_check(self):
        """Demo data: the overdue reports' findings, at once."""
        orgs = self.env["party.organization"].search([("active", "=", True)])
        self.env["party.compliance"].sudo()._run(
            orgs, self._today(), codes=["thought_report_overdue"]
        )
        return True
