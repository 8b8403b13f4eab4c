import json

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL


class PartyFinding(models.Model):
    """One open finding per breach of a rule, kept as a trace once closed.

    Findings are produced by ``party.organization.action_check_compliance``;
    nobody creates or deletes them by hand. The secretary responsible gets one
    activity per organisation and day listing the findings found that day (the
    digest), marked done when they are all closed.
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
        "date_found", "date_closed", "responsible_user_id", "digest_activity_id",
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
    # the activity (digest of its organisation and day) that lists the finding
    digest_activity_id = fields.Many2one(
        "mail.activity",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        groups="base.group_system",
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

        def key_of(org_id, member_id, code, key):
            return (org_id, member_id or False, code, key or False)

        # the open findings as stored (texts in every language), in one query: a
        # re-run over 1,000 organisations reads over ten thousand
        self.flush_model()
        self.env.cr.execute(
            SQL(
                "SELECT id, organization_id, member_id, code, key, message, rule, "
                "responsible_user_id, digest_activity_id FROM party_finding "
                "WHERE organization_id = ANY(%s) AND state = 'open' AND code = ANY(%s)",
                orgs.ids,
                list(codes),
            )
        )
        by_key = {
            key_of(org_id, member_id, code, key): (finding_id, message, rule, user_id, digest_id)
            for finding_id, org_id, member_id, code, key, message, rule, user_id, digest_id
            in self.env.cr.fetchall()
        }  # fmt: skip
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
        new_orgs = orgs.browse({b["organization_id"] for k, b in wanted.items() if k not in by_key})
        responsible = self._responsible_users(new_orgs) if new_orgs else {}
        to_create = []
        changed = []
        for key, breach in wanted.items():
            texts = {"message": breach["message"], "rule": breach["rule"]}
            found = by_key.get(key)
            if found:
                if {"message": found[1] or {}, "rule": found[2] or {}} != texts:
                    changed.append((quiet.browse(found[0]), texts))
                continue
            user = responsible.get(breach["organization_id"])
            to_create.append(
                {
                    "organization_id": breach["organization_id"],
                    "member_id": breach.get("member_id") or None,
                    "code": breach["code"],
                    "key": breach.get("key") or None,
                    "rule": breach["rule"],
                    "message": breach["message"],
                    "severity": breach["severity"],
                    "date_found": str(on_date),
                    "responsible_user_id": user.id if user else None,
                }
            )
        self._write_texts([(finding.id, texts) for finding, texts in changed])
        gone = quiet.browse([found[0] for key, found in by_key.items() if key not in wanted])
        if gone:
            gone.write({"state": "closed", "date_closed": on_date})
            gone._close_activities()
        if changed:
            self.browse([finding.id for finding, __ in changed])._refresh_activities()
        # the findings reminded of no more (their digest marked done by hand, or from
        # before the digest) go to the digest of the day with the new ones
        quiet.browse(
            [
                finding_id
                for key, (finding_id, __, __, user_id, digest_id) in by_key.items()
                if key in wanted and user_id and not digest_id
            ]
        )._schedule_activities(on_date)
        created = self._create_with_digests(to_create, on_date)
        return created, gone

    @api.model
    def _create_with_digests(self, rows, on_date):
        """Open the findings of ``rows`` (their texts in every language) and put them in
        the digest of their organisation, person and day: one INSERT for all of them
        (a first pass over 1,000 organisations opens over ten thousand), then the
        digests' texts. Findings are the compliance engine's only (no client writes
        them, ``_party_workflow_fields``): no guard, no chatter, no tracking to run;
        the EXCLUDE constraint still holds. Returns the findings."""
        if not rows:
            return self.browse()
        users = (
            self.env["res.users"]
            .sudo()
            .browse({row["responsible_user_id"] for row in rows if row["responsible_user_id"]})
        )
        deadlines = {user.id: self._digest_deadline(user, on_date) for user in users}
        keys = {
            (row["organization_id"], row["responsible_user_id"])
            for row in rows
            if row["responsible_user_id"]
        }
        digests, joined = self._digest_activities(
            [(org_id, user_id, deadlines[user_id]) for org_id, user_id in keys]
        )
        for n, row in enumerate(rows):
            row["n"] = n
            user_id = row["responsible_user_id"]
            row["digest_activity_id"] = (
                digests[(row["organization_id"], user_id)].id if user_id else None
            )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO party_finding (
                    organization_id, company_id, member_id, code, key, rule, message,
                    severity, state, date_found, responsible_user_id, digest_activity_id,
                    create_uid, create_date, write_uid, write_date)
                SELECT v.organization_id, o.company_id, v.member_id, v.code, v.key, v.rule,
                       v.message, v.severity, 'open', v.date_found, v.responsible_user_id,
                       v.digest_activity_id, %(uid)s, now() at time zone 'UTC', %(uid)s,
                       now() at time zone 'UTC'
                  FROM jsonb_to_recordset(%(rows)s::jsonb) AS v(
                       organization_id int, member_id int, code varchar, key varchar,
                       rule jsonb, message jsonb, severity varchar, date_found date,
                       responsible_user_id int, digest_activity_id int, n int)
                  JOIN party_organization o ON o.id = v.organization_id
                 ORDER BY v.n
                RETURNING id
                """,
                uid=self.env.uid,
                rows=json.dumps(rows),
            )
        )
        ids = sorted(row[0] for row in self.env.cr.fetchall())
        created = self.browse(ids)
        self.invalidate_model()
        # the digests' texts, in their users' languages, from the texts at hand
        items = {}
        for finding_id, row in zip(ids, rows, strict=True):
            if row["digest_activity_id"]:
                items.setdefault(row["digest_activity_id"], []).append((finding_id, row))
        texts = []
        for (org_id, user_id), activity in digests.items():
            if activity.id in joined:
                continue
            user = users.browse(user_id)
            lang = user.lang or "en_US"
            found = [
                (
                    finding_id,
                    row["code"],
                    self._text_in(row["message"], lang),
                    self._text_in(row["rule"], lang),
                )  # fmt: skip
                for finding_id, row in items[activity.id]
            ]
            texts.append({"id": activity.id, **self._digest_values(org_id, user, found)})
        self._write_digest_texts(texts)
        self._render_digests(self.env["mail.activity"].browse(joined))
        return created

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

    # The digest (issue 27): one activity per organisation, person and day lists the
    # findings found that day (each with its rule, linking to the organisation's finding
    # list), instead of one activity per finding (12,800 on a first pass over 1,000
    # organisations with the five addons). It is done when all its findings are closed; a finding found on a
    # later day goes to that day's activity; the open ones of a digest follow their
    # findings (text changed, some resolved).

    def _digest_activity_type(self):
        return self.env.ref("party_branch.mail_activity_type_party_finding")

    def _legacy_activities(self):
        """The activities of these findings from before the digest (one per finding)."""
        if not self:
            return self.env["mail.activity"]
        return (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )

    def _close_activities(self):
        """These findings are resolved: a digest whose findings are all closed is marked
        done (its chatter line in the language of its user, not the cron's); the others
        list the findings left."""
        digests = self.sudo().digest_activity_id.exists()
        legacy = self._legacy_activities()
        if not digests and not legacy:
            return
        still_open = self._digest_findings(digests)
        done = digests.filtered(lambda a: a.id not in still_open) | legacy
        self._render_digests(digests - done, still_open)
        by_lang = {}
        for activity in done:
            lang = activity.user_id.lang or self.env.lang or "en_US"
            by_lang[lang] = by_lang.get(lang, self.env["mail.activity"]) | activity
        for lang, activities in by_lang.items():
            activities = activities.with_context(lang=lang)
            activities.action_feedback(feedback=activities.env._("The findings are resolved."))

    @api.model
    def _digest_findings(self, digests):
        """{activity id: its open findings}, in one query."""
        if not digests:
            return {}
        findings = self.sudo().search(
            [("digest_activity_id", "in", digests.ids), ("state", "=", "open")],
            order="code, id",
        )
        grouped = {}
        for finding in findings:
            grouped.setdefault(finding.digest_activity_id.id, []).append(finding.id)
        return {
            activity_id: findings.browse(ids).with_prefetch(findings._prefetch_ids)
            for activity_id, ids in grouped.items()
        }

    @api.model
    def _digest_values(self, org_id, user, items):
        """Summary and note of the digest of ``items`` (finding id, code, message, rule,
        in the user's language) of the organisation ``org_id`` for ``user``: each
        finding with its rule, linking to it, then to the organisation's finding list.
        Built from escaped text (no sanitiser pass: a first run writes a thousand)."""
        env = self.with_context(lang=user.lang or "en_US").env
        labels = self._code_labels(env.lang)
        org_name = self.env["party.organization"].browse(org_id).name
        lines = Markup().join(
            Markup(
                '<li><a href="/odoo/party.organization/%s/party.finding/%s">%s</a>: %s'
                "<br/><small>%s</small></li>"
            )
            % (org_id, finding_id, labels.get(code, code), message, rule or "")
            for finding_id, code, message, rule in items
        )
        link = Markup(
            '<p><a href="/odoo/party.organization/%s/action-party_branch.'
            'party_finding_action_organization">%s</a></p>'
        ) % (org_id, env._("All open findings of %(organization)s", organization=org_name))
        return {
            "summary": env._("%(count)s compliance finding(s) to resolve", count=len(items)),
            "note": Markup("<ul>%s</ul>%s") % (lines, link),
        }

    @api.model
    def _code_labels(self, lang):
        return dict(self._fields["code"]._description_selection(self.with_context(lang=lang).env))

    @api.model
    def _digest_deadline(self, user, found):
        """The day the findings are found, in ``user``'s time zone: a check run by the
        nightly cron (UTC) is not overdue the moment it reaches a user in Asia/Shanghai,
        for whom the next day has begun."""
        user_today = fields.Date.context_today(
            self.with_context(tz=user.tz or self.env.context.get("tz"))
        )
        return max(found, user_today) if found else user_today

    @api.model
    def _digest_activities(self, keys):
        """The digests of ``keys`` (organisation id, user id, deadline): the open one of
        that day when there is one, else a new one (texts to write). Returns
        ({(org id, user id): activity}, {ids of the digests joined})."""
        if not keys:
            return {}, set()
        activity_type = self._digest_activity_type()
        Activity = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
        same_day = {
            (activity.res_id, activity.user_id.id, activity.date_deadline): activity
            for activity in Activity.search(
                [
                    ("res_model", "=", "party.organization"),
                    ("res_id", "in", list({org_id for org_id, __, __ in keys})),
                    ("activity_type_id", "=", activity_type.id),
                    ("user_id", "in", list({user_id for __, user_id, __ in keys})),
                    ("date_deadline", "in", list({deadline for __, __, deadline in keys})),
                ]
            )
        }
        digests = {}
        new_keys = []
        for key in keys:
            if key in same_day:
                digests[key[:2]] = same_day[key]
            else:
                new_keys.append(key)
        model_id = self.env["ir.model"]._get_id("party.organization")
        created = Activity.create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": org_id,
                    "activity_type_id": activity_type.id,
                    "user_id": user_id,
                    "date_deadline": deadline,
                }
                for org_id, user_id, deadline in new_keys
            ]
        )
        digests.update({key[:2]: activity for key, activity in zip(new_keys, created, strict=True)})
        return digests, {activity.id for activity in same_day.values()}

    def _render_digests(self, digests, by_digest=None):
        """Rewrite summary and note of ``digests`` from their open findings."""
        if not digests:
            return
        if by_digest is None:
            by_digest = self._digest_findings(digests)
        rows = []
        for activity in digests.sudo():
            findings = by_digest.get(activity.id)
            if not findings:
                continue
            findings = findings.with_context(lang=activity.user_id.lang or "en_US")
            items = [(f.id, f.code, f.message, f.rule) for f in findings]
            values = self._digest_values(activity.res_id, activity.user_id, items)
            rows.append({"id": activity.id, **values})
        self._write_digest_texts(rows)

    def _write_digest_texts(self, rows):
        if not rows:
            return
        Activity = self.env["mail.activity"]
        Activity.flush_model(["summary", "note"])
        self.env.cr.execute(
            SQL(
                "UPDATE mail_activity a SET summary = v.summary, note = v.note "
                "FROM jsonb_to_recordset(%s::jsonb) AS v(id int, summary varchar, note text) "
                "WHERE a.id = v.id",
                json.dumps([{**row, "note": str(row["note"])} for row in rows]),
            )
        )
        Activity.invalidate_model(["summary", "note"])

    def _schedule_activities(self, on_date=None):
        """The open findings no activity lists (their digest marked done by hand, or
        from before the digest) go to the digest of their organisation, responsible
        user and day (``on_date``, today by default): the one of that day if it is
        still open, else a new one."""
        todo = self.sudo().filtered(
            lambda f: f.state == "open" and f.responsible_user_id and not f.digest_activity_id
        )
        if not todo:
            return
        # one per finding, from before the digest: the digest replaces them
        todo._legacy_activities().unlink()
        on_date = on_date or fields.Date.context_today(self)
        keys = {
            (f.organization_id.id, f.responsible_user_id.id): self._digest_deadline(
                f.responsible_user_id, on_date
            )
            for f in todo
        }
        digests, __ = self._digest_activities([(*key, day) for key, day in keys.items()])
        links = [
            {
                "finding": f.id,
                "activity": digests[(f.organization_id.id, f.responsible_user_id.id)].id,
            }
            for f in todo
        ]
        self.flush_model(["digest_activity_id"])
        self.env.cr.execute(
            SQL(
                "UPDATE party_finding f SET digest_activity_id = v.activity "
                "FROM jsonb_to_recordset(%s::jsonb) AS v(finding int, activity int) "
                "WHERE f.id = v.finding",
                json.dumps(links),
            )
        )
        self.invalidate_model(["digest_activity_id"])
        self._render_digests(self.env["mail.activity"].browse({a.id for a in digests.values()}))

    def _refresh_activities(self):
        """The open digests follow their findings when a re-check changes their text."""
        self._render_digests(self.sudo().digest_activity_id)

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
