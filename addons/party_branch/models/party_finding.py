import json

from odoo import api, fields, models
from odoo.tools import SQL


class PartyFinding(models.Model):
    """One open finding per breach of a rule, kept as a trace once closed.

    Findings are produced by ``party.organization.action_check_compliance``;
    nobody creates or deletes them by hand. The secretary responsible gets
    one activity per open finding, marked done when the finding closes.
    """

    _name = "party.finding"
    _description = "Compliance Finding"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "state desc, date_found desc, id desc"
    _check_company_auto = True

    # Officers write findings only to discuss them (chatter, activities): what a
    # finding says and whether it is open is the compliance engine's.
    _party_workflow_fields = (
        "organization_id", "member_id", "code", "severity", "key", "rule", "message", "state",
        "date_found", "date_closed", "responsible_user_id",
    )  # fmt: skip
    _party_rpc_methods = {
        "action_open_subject": "navigation: read access on the finding and on its subject",
    }

    organization_id = fields.Many2one(
        "party.organization", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="organization_id.company_id", store=True, index=True)
    member_id = fields.Many2one(
        "party.member", index=True, ondelete="cascade", readonly=True, check_company=True
    )
    code = fields.Selection(
        selection="_selection_code",
        string="Check",
        required=True,
        index=True,
        readonly=True,
    )
    severity = fields.Selection(
        [("breach", "Breach"), ("reminder", "Reminder")],
        default="breach",
        required=True,
        readonly=True,
        help="A breach of the rule, or a reminder of a duty coming due.",
    )
    key = fields.Char(
        readonly=True, help="Tells apart several breaches of one check in one organisation."
    )
    # both in every installed language, rendered from the compliance table for the
    # reader whoever ran the check (party.compliance._render_breaches)
    rule = fields.Char(readonly=True, translate=True)
    message = fields.Char(required=True, readonly=True, translate=True)
    state = fields.Selection(
        [("open", "Open"), ("closed", "Closed")],
        default="open",
        required=True,
        index=True,
        readonly=True,
    )
    date_found = fields.Date(default=fields.Date.context_today, readonly=True)
    date_closed = fields.Date(readonly=True)
    responsible_user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        readonly=True,
        help="The secretary who handles the finding.",
    )

    # One open finding per breach, even when two checks run at once.
    _sql_constraints = [
        (
            "open_breach_uniq",
            "EXCLUDE USING btree (organization_id WITH =, (COALESCE(member_id, 0)) WITH =, "
            "code WITH =, (COALESCE(key, '')) WITH =) WHERE (state = 'open')",
            "This breach already has an open finding: run the check again.",
        ),
    ]

    @api.model
    def _selection_code(self):
        """The checks of the compliance table (party.compliance._checks), by code."""
        return [(check.code, check.name) for check in self.env["party.compliance"]._check_table()]

    @api.depends("code", "organization_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        labels = dict(self._fields["code"]._description_selection(self.env))
        for finding in self:
            finding.display_name = (
                f"{labels.get(finding.code, '')}: {finding.organization_id.name or ''}"
            )

    @api.model
    def _responsible_users(self, orgs):
        """{org_id: user}: the secretary's user, else the nearest superior secretary's,
        else the first of the company's Party office (``res.company._party_office_users``:
        the users the company names, by default its Party administrators who are not
        system administrators), so that every open finding reaches a person."""
        tree = orgs | self.env["party.organization"].sudo().browse(
            {int(pid) for org in orgs for pid in org.parent_path.split("/") if pid}
        )
        state = tree._position_state()
        office = orgs.company_id._party_office_users()
        users = {}
        for org in orgs:
            for ancestor_id in reversed([int(pid) for pid in org.parent_path.split("/") if pid]):
                user = state[ancestor_id]["secretary"].user_id
                if user:
                    users[org.id] = user
                    break
            else:
                if fallback := office.get(org.company_id.id):
                    users[org.id] = fallback[0]
        return users

    @api.model
    def _sync(self, orgs, codes, breaches, on_date):
        """Make the open findings of ``orgs`` for ``codes`` match ``breaches``.

        Returns the findings opened and the findings closed."""
        quiet = self.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )
        existing = quiet.search(
            [("organization_id", "in", orgs.ids), ("state", "=", "open"), ("code", "in", codes)]
        )

        def key_of(org_id, member_id, code, key):
            return (org_id, member_id or False, code, key or False)

        by_key = {key_of(f.organization_id.id, f.member_id.id, f.code, f.key): f for f in existing}
        wanted = {}
        for breach in breaches:
            wanted[
                key_of(
                    breach["organization_id"],
                    breach.get("member_id"),
                    breach["code"],
                    breach.get("key"),
                )
            ] = breach
        responsible = self._responsible_users(orgs)
        lang = self.env.lang or "en_US"
        to_create = []
        created_texts = []
        stored = self._stored_texts(existing)
        changed = []
        for key, breach in wanted.items():
            texts = {"message": breach["message"], "rule": breach["rule"]}
            finding = by_key.get(key)
            if finding:
                if stored.get(finding.id) != texts:
                    changed.append((finding, texts))
                continue
            user = responsible.get(breach["organization_id"])
            to_create.append(
                {
                    "organization_id": breach["organization_id"],
                    "member_id": breach.get("member_id") or False,
                    "code": breach["code"],
                    "key": breach.get("key") or False,
                    "rule": self._text_in(breach["rule"], lang),
                    "message": self._text_in(breach["message"], lang),
                    "severity": breach["severity"],
                    "date_found": on_date,
                    "responsible_user_id": user.id if user else False,
                }
            )
            created_texts.append(texts)
        created = quiet.create(to_create)
        self._write_texts(
            [(finding.id, texts) for finding, texts in changed]
            + [(finding.id, texts) for finding, texts in zip(created, created_texts, strict=True)]
        )
        gone = quiet.browse([f.id for key, f in by_key.items() if key not in wanted])
        if gone:
            gone.write({"state": "closed", "date_closed": on_date})
            gone._close_activities()
        if changed:
            self.browse([finding.id for finding, __ in changed])._refresh_activities()
        open_findings = existing - gone | created
        open_findings._schedule_activities()
        return created, gone

    @staticmethod
    def _text_in(texts, lang):
        return texts.get(lang) or texts.get("en_US") or next(iter(texts.values()), "")

    @api.model
    def _stored_texts(self, findings):
        """{finding id: {"message": {lang: text}, "rule": {lang: text}}} as stored."""
        if not findings:
            return {}
        self.flush_model(["message", "rule"])
        self.env.cr.execute(
            SQL(
                "SELECT id, message, rule FROM party_finding WHERE id = ANY(%s)",
                findings.ids,
            )
        )
        return {
            row[0]: {"message": row[1] or {}, "rule": row[2] or {}}
            for row in self.env.cr.fetchall()
        }

    @api.model
    def _write_texts(self, rows):
        """Store message and rule in every language for [(id, texts)], in one query."""
        if not rows:
            return
        self.flush_model(["message", "rule"])
        payload = [
            {"id": finding_id, "message": texts["message"], "rule": texts["rule"]}
            for finding_id, texts in rows
        ]
        self.env.cr.execute(
            SQL(
                "UPDATE party_finding f SET message = v.message, rule = v.rule "
                "FROM jsonb_to_recordset(%s::jsonb) AS v(id int, message jsonb, rule jsonb) "
                "WHERE f.id = v.id",
                json.dumps(payload),
            )
        )
        self.invalidate_model(["message", "rule"])

    def _close_activities(self):
        """Mark the activities of these resolved findings done, the chatter line in the
        language of the user each activity was for (not the cron's)."""
        by_lang = {}
        for activity in self.activity_ids:
            lang = activity.user_id.lang or self.env.lang or "en_US"
            by_lang[lang] = by_lang.get(lang, self.env["mail.activity"]) | activity
        for lang, activities in by_lang.items():
            activities = activities.with_context(lang=lang)
            activities.action_feedback(feedback=activities.env._("The finding is resolved."))

    def _activity_values(self):
        """The activity of this finding, in the language of the user it is for: its
        summary is the finding's sentence (the rule is one click away, on the finding;
        no HTML note to sanitise thousands of times on a first run)."""
        self.ensure_one()
        finding = self.with_context(lang=self.responsible_user_id.lang or "en_US")
        return {"summary": finding.message}

    def _activity_deadline(self):
        """The day the finding is found, in the responsible user's time zone: a check
        run by the nightly cron (UTC) is not overdue the moment it reaches a user in
        Asia/Shanghai, for whom the next day has begun."""
        self.ensure_one()
        user_today = fields.Date.context_today(
            self.with_context(tz=self.responsible_user_id.tz or self.env.context.get("tz"))
        )
        return max(self.date_found, user_today) if self.date_found else user_today

    def _schedule_activities(self):
        """One activity per open finding for its responsible user; never twice."""
        activity_type = self.env.ref("party_branch.mail_activity_type_party_finding")
        model_id = self.env["ir.model"]._get_id(self._name)
        todo = self.filtered(
            lambda f: f.state == "open" and f.responsible_user_id and not f.activity_ids
        )
        by_lang = {}
        for finding in todo:
            lang = finding.responsible_user_id.lang or "en_US"
            by_lang.setdefault(lang, []).append(finding)
        Activity = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
        names = []
        for lang, findings in by_lang.items():
            names += [
                {"id": finding.id, "name": finding.with_context(lang=lang).display_name}
                for finding in findings
            ]
            Activity.create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": finding.id,
                        "activity_type_id": activity_type.id,
                        "user_id": finding.responsible_user_id.id,
                        "date_deadline": finding._activity_deadline(),
                        **finding._activity_values(),
                    }
                    for finding in findings
                ]
            )
        if names:
            # the finding's name the activity keeps (res_name: systray, My Activities) in
            # the user's language, not the one the check runs in
            Activity.flush_model(["res_name"])
            self.env.cr.execute(
                SQL(
                    "UPDATE mail_activity a SET res_name = v.name "
                    "FROM jsonb_to_recordset(%s::jsonb) AS v(id int, name varchar) "
                    "WHERE a.res_model = %s AND a.res_id = v.id",
                    json.dumps(names),
                    self._name,
                )
            )
            Activity.invalidate_model(["res_name"])

    def _refresh_activities(self):
        """The open activities follow their finding when a re-check changes its text."""
        for finding in self.filtered("activity_ids"):
            finding.activity_ids.sudo().write(
                {
                    **finding._activity_values(),
                    # the name the activity lists the finding by, in the user's language
                    "res_name": finding.with_context(
                        lang=finding.responsible_user_id.lang or "en_US"
                    ).display_name,
                }
            )

    def action_open_subject(self):
        """Open the member or organisation the finding is about."""
        self.ensure_one()
        self.check_access("read")
        record = self.member_id or self.organization_id
        record.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
        }
