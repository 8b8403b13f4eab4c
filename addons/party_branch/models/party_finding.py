import json

from markupsafe import Markup, escape

from odoo import api, fields, models, tools
from odoo.tools import SQL


def _jsonb(value):
    """``value`` as the JSON text of a ``jsonb`` parameter, its text as it is (not
    escaped to ASCII: Chinese text is a third of the size)."""
    return json.dumps(value, ensure_ascii=False)


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

        One statement compares the breaches (their texts in every language) with the
        open findings and returns the differences only: the breaches without a finding,
        the findings without a breach, the texts changed, the findings no digest lists.
        A re-run where nothing changed reads no finding and writes nothing (issue 27).

        Returns the findings opened and the findings closed."""
        quiet = self.with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )
        wanted = {}  # one breach per key: the last one given
        for breach in breaches:
            key = (
                breach["organization_id"],
                breach.get("member_id") or 0,
                breach["code"],
                breach.get("key") or "",
            )
            wanted[key] = breach
        wanted = list(wanted.values())
        # the rule of a check is the same for all its breaches: sent once per check
        rules = {breach["code"]: breach["rule"] for breach in wanted}
        self.flush_model()
        self.env.cr.execute(
            SQL(
                """
                WITH v AS (
                    SELECT * FROM jsonb_to_recordset(%(rows)s::jsonb) AS v(
                        n int, organization_id int, member_id int, code varchar, key varchar,
                        message jsonb)
                ), f AS (
                    SELECT id, organization_id, member_id, code, key, message, rule,
                           responsible_user_id, digest_activity_id
                      FROM party_finding
                     WHERE organization_id = ANY(%(orgs)s) AND state = 'open'
                       AND code = ANY(%(codes)s)
                )
                SELECT f.id, v.n, f.responsible_user_id, f.digest_activity_id,
                       f.message IS DISTINCT FROM v.message
                       OR f.rule IS DISTINCT FROM %(rules)s::jsonb -> v.code
                  FROM v FULL JOIN f
                    ON f.organization_id = v.organization_id
                   AND COALESCE(f.member_id, 0) = COALESCE(v.member_id, 0)
                   AND f.code = v.code AND COALESCE(f.key, '') = COALESCE(v.key, '')
                 WHERE f.id IS NULL OR v.n IS NULL
                    OR f.message IS DISTINCT FROM v.message
                    OR f.rule IS DISTINCT FROM %(rules)s::jsonb -> v.code
                    OR (f.responsible_user_id IS NOT NULL AND f.digest_activity_id IS NULL)
                """,
                rows=_jsonb(
                    [
                        {
                            "n": n,
                            "organization_id": breach["organization_id"],
                            "member_id": breach.get("member_id") or None,
                            "code": breach["code"],
                            "key": breach.get("key") or None,
                            "message": breach["message"],
                        }
                        for n, breach in enumerate(wanted)
                    ]
                ),
                orgs=orgs.ids,
                codes=list(codes),
                rules=_jsonb(rules),
            )
        )
        new, gone_ids, changed, unlisted = [], [], [], []
        for finding_id, n, user_id, digest_id, texts_changed in self.env.cr.fetchall():
            if finding_id is None:
                new.append(wanted[n])
            elif n is None:
                gone_ids.append(finding_id)
            else:
                if texts_changed:
                    breach = wanted[n]
                    changed.append(
                        (finding_id, {"message": breach["message"], "rule": breach["rule"]})
                    )
                if user_id and not digest_id:
                    unlisted.append(finding_id)
        new_orgs = orgs.browse({breach["organization_id"] for breach in new})
        responsible = self._responsible_users(new_orgs) if new_orgs else {}
        to_create = []
        for breach in new:
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
        self._write_texts(changed)
        gone = quiet.browse(gone_ids)
        if gone:
            gone.write({"state": "closed", "date_closed": on_date})
            gone._close_activities()
        if changed:
            self.browse([finding_id for finding_id, __ in changed])._refresh_activities()
        # the findings reminded of no more (their digest marked done by hand, or from
        # before the digest) go to the digest of the day with the new ones
        quiet.browse(unlisted)._schedule_activities(on_date)
        created = self._create_with_digests(to_create, on_date)
        return created, gone

    @api.model
    def _close_retired(self, orgs, known_codes, on_date):
        """Close the open findings of ``orgs`` whose check is no longer in the table (its
        addon uninstalled): no pass runs that check again, so nothing else would ever
        close them or render them in another language. One query when there are none."""
        retired = self.with_context(tracking_disable=True).search(
            [
                ("organization_id", "in", orgs.ids),
                ("state", "=", "open"),
                ("code", "not in", list(known_codes)),
            ]
        )
        if retired:
            retired.write({"state": "closed", "date_closed": on_date})
            retired._close_activities()
        return retired

    @api.model
    def _create_with_digests(self, rows, on_date):
        """Open the findings of ``rows`` (their texts in every language) and put them in
        the digest of their organisation, person and day (a first pass over 1,000
        organisations opens over ten thousand): the findings' ids are drawn first, so
        that the new digests are inserted with their texts in one statement and the
        findings in another; the digests of the day joined are rewritten last.
        Findings are the compliance engine's only (no client writes them,
        ``_party_workflow_fields``): no guard, no chatter, no tracking to run; the
        EXCLUDE constraint still holds. Returns the findings."""
        if not rows:
            return self.browse()
        users = (
            self.env["res.users"]
            .sudo()
            .browse({row["responsible_user_id"] for row in rows if row["responsible_user_id"]})
        )
        deadlines = {user.id: self._digest_deadline(user, on_date) for user in users}
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"{self._table}_id_seq",
                len(rows),
            )
        )
        items = {}
        for (finding_id,), row in zip(self.env.cr.fetchall(), rows, strict=True):
            row["id"] = finding_id
            if row["responsible_user_id"]:
                items.setdefault((row["organization_id"], row["responsible_user_id"]), []).append(
                    row
                )
        texts = {}
        for (org_id, user_id), listed in items.items():
            user = users.browse(user_id)
            lang = user.lang or "en_US"
            found = [
                (
                    row["id"],
                    row["code"],
                    self._text_in(row["message"], lang),
                    self._text_in(row["rule"], lang),
                )  # fmt: skip
                for row in listed
            ]
            texts[org_id, user_id] = self._digest_values(org_id, user, found)
        digests, joined = self._digest_activities(
            [(org_id, user_id, deadlines[user_id]) for org_id, user_id in items], texts
        )
        for row in rows:
            user_id = row["responsible_user_id"]
            row["digest_activity_id"] = (
                digests[(row["organization_id"], user_id)].id if user_id else None
            )
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO party_finding (
                    id, organization_id, company_id, member_id, code, key, rule, message,
                    severity, state, date_found, responsible_user_id, digest_activity_id,
                    create_uid, create_date, write_uid, write_date)
                SELECT v.id, v.organization_id, o.company_id, v.member_id, v.code, v.key,
                       %(rules)s::jsonb -> v.code, v.message, v.severity, 'open', v.date_found,
                       v.responsible_user_id, v.digest_activity_id, %(uid)s,
                       now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM jsonb_to_recordset(%(rows)s::jsonb) AS v(
                       id int, organization_id int, member_id int, code varchar, key varchar,
                       message jsonb, severity varchar, date_found date,
                       responsible_user_id int, digest_activity_id int)
                  JOIN party_organization o ON o.id = v.organization_id
                """,
                uid=self.env.uid,
                # the rule of a check, the same for all its findings: sent once per check
                rules=_jsonb({row["code"]: row["rule"] for row in rows}),
                rows=_jsonb(
                    [{key: value for key, value in row.items() if key != "rule"} for row in rows]
                ),
            )
        )
        created = self.browse(sorted(row["id"] for row in rows))
        self.invalidate_model()
        # the digests of the day that were open already list the new findings too
        joined = self.env["mail.activity"].browse(joined)
        self._write_digest_texts(self._digest_rows(joined))
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
                _jsonb(payload),
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
        Built from escaped text (no sanitiser pass: a first run writes a thousand), by
        plain string joins (``Markup %`` per line costs a second on a first pass)."""
        env = self.with_context(lang=user.lang or "en_US").env
        labels = self._code_labels(env.lang)
        org_name = self.env["party.organization"].browse(org_id).name
        lines = "".join(
            f'<li><a href="/odoo/party.organization/{int(org_id)}/party.finding/'
            f'{int(finding_id)}">{escape(labels.get(code, code))}</a>: {escape(message)}'
            f"<br/><small>{escape(rule or '')}</small></li>"
            for finding_id, code, message, rule in items
        )
        link = Markup(
            '<p><a href="/odoo/party.organization/%s/action-party_branch.'
            'party_finding_action_organization">%s</a></p>'
        ) % (org_id, env._("All open findings of %(organization)s", organization=org_name))
        return {
            "summary": env._("%(count)s compliance finding(s) to resolve", count=len(items)),
            "note": Markup("<ul>") + Markup(lines) + Markup("</ul>") + link,
        }

    @api.model
    @tools.ormcache("lang")
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
    def _digest_activities(self, keys, texts=None):
        """The digests of ``keys`` (organisation id, user id, deadline): the open one of
        that day when there is one, else a new one, with its summary and note from
        ``texts`` ({(org id, user id): values}) when given. Returns
        ({(org id, user id): activity}, {ids of the digests joined})."""
        if not keys:
            return {}, set()
        activity_type = self._digest_activity_type()
        Activity = self.env["mail.activity"].sudo()
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
        digests.update(self._insert_digests(new_keys, activity_type, texts or {}))
        return digests, {activity.id for activity in same_day.values()}

    @api.model
    def _insert_digests(self, keys, activity_type, texts):
        """New digests for ``keys`` (organisation id, user id, deadline), one per
        organisation and user: real activities of the organisation, in their user's to-do
        and activity menu, their user following the organisation, as
        ``mail.activity.create`` makes them (quick update: no e-mail), in two statements
        instead of the ORM's create and follower records one by one (a first pass
        opens a thousand). Returns {(org id, user id): activity}."""
        if not keys:
            return {}
        Activity = self.env["mail.activity"].sudo()
        orgs = self.env["party.organization"].sudo().browse({org_id for org_id, __, __ in keys})
        names = dict(zip(orgs.ids, orgs.mapped("display_name"), strict=True))
        users = self.env["res.users"].sudo().browse({user_id for __, user_id, __ in keys})
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO mail_activity (
                    res_model_id, res_model, res_id, res_name, activity_type_id, user_id,
                    user_tz, summary, note, date_deadline, automated, active,
                    create_uid, create_date, write_uid, write_date)
                SELECT %(model_id)s, 'party.organization', v.res_id, v.res_name, %(type)s,
                       v.user_id, v.user_tz, v.summary, v.note, v.date_deadline, FALSE, TRUE,
                       %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
                  FROM jsonb_to_recordset(%(rows)s::jsonb) AS v(
                       res_id int, res_name varchar, user_id int, user_tz varchar,
                       summary varchar, note text, date_deadline date)
                RETURNING id, res_id, user_id
                """,
                model_id=self.env["ir.model"]._get_id("party.organization"),
                type=activity_type.id,
                uid=self.env.uid,
                rows=_jsonb(
                    [
                        {
                            "res_id": org_id,
                            "res_name": names[org_id],
                            "user_id": user_id,
                            "user_tz": users.browse(user_id).tz or None,
                            "date_deadline": str(deadline),
                            "summary": texts.get((org_id, user_id), {}).get("summary"),
                            "note": str(texts.get((org_id, user_id), {}).get("note") or "") or None,
                        }
                        for org_id, user_id, deadline in keys
                    ]
                ),
            )
        )
        created = {
            (org_id, user_id): activity_id
            for activity_id, org_id, user_id in self.env.cr.fetchall()
        }
        # the user follows the organisation (mail.activity.create: message_subscribe),
        # with the default subtypes, a portal user with the external ones
        partners = users.partner_id.filtered("active")
        default, __, external = self.env["mail.message.subtype"].default_subtypes(
            "party.organization"
        )
        self.env.cr.execute(
            SQL(
                """
                WITH new AS (
                    INSERT INTO mail_followers (res_model, res_id, partner_id)
                    SELECT DISTINCT 'party.organization', v.res_id, v.partner_id
                      FROM jsonb_to_recordset(%(rows)s::jsonb) AS v(res_id int, partner_id int)
                    ON CONFLICT DO NOTHING
                    RETURNING id, partner_id
                )
                INSERT INTO mail_followers_mail_message_subtype_rel (
                    mail_followers_id, mail_message_subtype_id)
                SELECT new.id, s.id
                  FROM new, unnest(CASE WHEN new.partner_id = ANY(%(customers)s)
                                        THEN %(external)s::int[]
                                        ELSE %(default)s::int[] END) AS s(id)
                """,
                rows=_jsonb(
                    [
                        {"res_id": org_id, "partner_id": users.browse(user_id).partner_id.id}
                        for org_id, user_id in created
                        if users.browse(user_id).partner_id in partners
                    ]
                ),
                customers=partners.filtered("partner_share").ids,
                external=external.ids,
                default=default.ids,
            )
        )
        Activity.invalidate_model()
        self.env["mail.followers"].invalidate_model()
        orgs.invalidate_recordset()
        due = users.browse(
            {user_id for __, user_id, deadline in keys if deadline <= fields.Date.today()}
        )
        if due:
            due._bus_send("mail.activity/updated", {"activity_created": True})
        return {key: Activity.browse(activity_id) for key, activity_id in created.items()}

    def _digest_rows(self, digests, by_digest=None):
        """Summary and note of ``digests`` from their open findings: [{id, summary, note}]."""
        if not digests:
            return []
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
        return rows

    def _render_digests(self, digests, by_digest=None):
        """Rewrite summary and note of ``digests`` from their open findings."""
        self._write_digest_texts(self._digest_rows(digests, by_digest))

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
                _jsonb([{**row, "note": str(row["note"])} for row in rows]),
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
                _jsonb(links),
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
