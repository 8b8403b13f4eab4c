"""Reminders that arrive: one digest per member per day (e-mail, or the inbox of an
internal user), in the member's language.

An extension point like the compliance checks (``party_compliance.py``): each addon
that owns something to remind contributes its *kinds*, in its own
``models/party_reminder.py`` (``_inherit = "party.reminder"``):

* a ``party.reminder.kind`` record in the addon's data (code, name, link label,
  ``required`` and the reason, written as data: the member turns optional kinds off,
  never the required ones);
* one set-based function ``_reminder_<code>(run)``: it receives the
  :class:`ReminderRun` (the day of the digest, each company's Party time zone) and
  returns ``{member_id: [item, ...]}`` for every member at once, in one query (no
  query per member). An item is a plain dict: ``title`` and ``url`` (the page, a path
  such as ``/my/meetings``), optionally ``label`` (a key of :meth:`_item_labels`,
  translated when the message is written), ``start`` (ISO UTC date-time, shown in the
  member's time zone), ``date`` (ISO date), ``place``, ``amount`` with
  ``currency_id``. Another addon extends a kind by calling ``super()`` and adding its
  own items (``vote_open``: the appraisals of party_life, the decisions of
  party_systems).

:meth:`PartyReminder._run` (the daily cron) gathers every kind, drops the optional
kinds each member turned off and the members no longer in an organisation or who
cannot be reached (no e-mail address, no inbox), writes one ``party.reminder.digest``
per member in one ``INSERT … ON CONFLICT DO NOTHING`` (a unique member and date: a
second run of the day sends nothing), renders the messages per language in batches
with the mail template ``party_branch.mail_template_reminder_digest`` and writes the
messages, mails and notifications in a few statements per batch. The daily cron
runs it as a run of jobs in chunks of organisations (``party.job.run``,
:meth:`PartyReminder._cron_send_digests`): the job runners of every Odoo process share
the chunks, a chunk's digests and messages are one transaction, and a chunk retried or
a run resumed sends each digest once.

The member's private calendar feed (``/my/party/calendar.ics?token=…``) is built here
too: each addon adds its events to :meth:`_calendar_entries` (party_life: meetings).
"""

import json
import logging
import re
import secrets
import socket
from collections import defaultdict
from datetime import datetime, time, timedelta
from functools import cached_property
from time import perf_counter

import pytz
from dateutil.relativedelta import relativedelta
from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import ical
from ..tools.sql import pg_array
from .party_organization import IN_ORG_STATUSES

_logger = logging.getLogger(__name__)

BATCH = 2000  # digests rendered and written per batch
RUN_LOCK = "party.reminder.run"  # the advisory lock of the digests' run (see _lock_run)
BODY_VIEW = "party_branch.reminder_digest_body"
# the shipped body of the mail template: the view above, rendered compiled once per
# language; a body an administrator rewrote is rendered by the template itself
SHIPPED_BODY = re.compile(
    r"\s*(<div>)?\s*<t t-call=\"party_branch\.reminder_digest_body\"\s*(/>|>\s*</t>)"
    r"\s*(</div>)?\s*"
)
# what a digest's subject and sender may read and still be shared by every digest of
# one day and company (see _render_headers)
HEADER_FIELD = re.compile(r"\bobject\.(\w+)")
SHARED_FIELDS = {"date", "company_id", "lang"}
# what the body's view may read of a digest and still be rendered once for every digest
# of the same reminders (see _body_shared): the fields that stand for the values the
# run gives it
BODY_OBJECT = re.compile(r"\bobject\b(?:\s*\.\s*(\w+))?")
BODY_FIELDS = {"mail_greeting", "mail_sections", "mail_settings_url"}
CALENDAR_PAST = relativedelta(months=1)
CALENDAR_FUTURE = relativedelta(months=6)


class ReminderRun:
    """What the kinds of one run share: the day, each company's Party time zone."""

    def __init__(self, env, on_date):
        self.env = env
        self.on_date = on_date

    @cached_property
    def company_tz(self):
        """{company id: time zone name} of every company (few)."""
        Company = self.env["res.company"].sudo()
        return {
            company.id: Company._party_tz_of(company) or "UTC"
            for company in Company.search([("active", "in", (True, False))])
        }

    def day_bounds(self, days=0):
        """{company id: (start, stop)}: the day ``on_date + days`` in each company's
        Party time zone, as naive UTC datetimes (start included, stop excluded)."""
        day = self.on_date + timedelta(days=days)
        bounds = {}
        for company_id, tz_name in self.company_tz.items():
            tz = pytz.timezone(tz_name) if tz_name in pytz.all_timezones_set else pytz.utc
            start = tz.localize(datetime.combine(day, time.min))
            stop = tz.localize(datetime.combine(day + timedelta(days=1), time.min))
            bounds[company_id] = (
                start.astimezone(pytz.utc).replace(tzinfo=None),
                stop.astimezone(pytz.utc).replace(tzinfo=None),
            )
        return bounds

    def on_day(self, company, moment, days=0):
        """SQL condition: ``moment`` (a UTC timestamp column) falls on the day
        ``on_date + days`` in the Party time zone of ``company`` (a company id column)."""
        bounds = self.day_bounds(days)
        ids = list(bounds)
        return SQL(
            """EXISTS (SELECT 1 FROM unnest(%s::int[], %s::timestamp[], %s::timestamp[])
                                  AS w(company_id, lo, hi)
                        WHERE w.company_id = %s AND %s >= w.lo AND %s < w.hi)""",
            ids,
            [bounds[i][0] for i in ids],
            [bounds[i][1] for i in ids],
            company,
            moment,
            moment,
        )


class PartyReminder(models.AbstractModel):
    _name = "party.reminder"
    _description = "Reminder Engine"

    # ------------------------------------------------------------------ the kinds

    @api.model
    def _item_labels(self):
        """{label key: what it is}, in this environment's language: the word before an
        item's title where a kind gathers several sorts (a vote: a decision or an
        appraisal). Addons add theirs."""
        return {"notice": self.env._("Notice")}

    @api.model
    def _reminder_items(self, query, label, url):
        """{member_id: [items]} of ``query``, whose rows are ``(member_id, record id,
        title)``: each an item of ``label`` linking to ``url`` (``{}``: the record's
        id). The kinds whose items are a record to open and its title."""
        self.env.cr.execute(query)
        found = defaultdict(list)
        for member_id, res_id, title in self.env.cr.fetchall():
            found[member_id].append({"label": label, "title": title, "url": url.format(res_id)})
        return found

    @api.model
    def _reminder_notice_unread(self, run):
        """A notice still unread 3 days after it was published (the day it was
        published + 3, in the Party's time zone): once, then the officer's own
        reminder (``party.notice.action_remind_unread``) takes over."""
        return self._reminder_items(
            SQL(
                """SELECT r.member_id, n.id, n.title
                     FROM party_notice_receipt r
                     JOIN party_notice n ON n.id = r.notice_id
                    WHERE n.state = 'published' AND r.first_opened IS NULL AND %s
                    ORDER BY n.publish_date, n.id""",
                run.on_day(SQL("n.company_id"), SQL("n.publish_date"), days=-3),
            ),
            "notice",
            "/my/notices/{}",
        )

    @api.model
    def _collect(self, run, kinds):
        """{member_id: {kind code: [items]}} of every kind, one query per kind."""
        found = defaultdict(dict)
        for kind in kinds:
            function = getattr(self, f"_reminder_{kind.code}", None)
            if function is None:
                _logger.warning("reminder kind %s has no function _reminder_%s", kind.code,
                                kind.code)  # fmt: skip
                continue
            for member_id, items in function(run).items():
                if items:
                    found[member_id][kind.code] = items
        return found

    # ------------------------------------------------------------------ the run

    @api.model
    def _today(self):
        """The day of the digest: today in the Party time zone of the main company."""
        tz = self.env["res.company"]._party_tz_of(self.env.company) or "UTC"
        return fields.Date.context_today(self.with_context(tz=tz))

    @api.model
    def _lock_run(self, shared=False):
        """Whether this transaction holds the lock of the digests' run: exclusive for a
        whole run (:meth:`_run`), shared by the chunks of a run as jobs (each on its own
        organisations, side by side; never beside a whole run)."""
        function = "pg_try_advisory_xact_lock_shared" if shared else "pg_try_advisory_xact_lock"
        self.env.cr.execute(SQL("SELECT %s(hashtext(%s))", SQL(function), RUN_LOCK))
        return self.env.cr.fetchone()[0]

    @api.model
    def _cron_send_digests(self, sync=None):
        """Daily: the digests of the day, as a run of jobs in chunks of organisations
        (``party.job.run``: the chunks of the members' organisations) that the job
        runners of every Odoo process share; in this transaction when no job runner is
        configured, or with ``sync``. Returns the run (none when a whole run of the
        digests is under way: it sends them)."""
        if not self.env.su:
            return self.sudo()._cron_send_digests(sync=sync)
        if not self._lock_run():
            _logger.info("reminder digests: another run is under way")
            return self.env["party.job.run"]
        on_date = self._today()
        self.env["party.member"].flush_model(["organization_id", "status"])
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT organization_id FROM party_member WHERE status IN %s",
                IN_ORG_STATUSES,
            )
        )
        return self.env["party.job.run"]._party_start(
            f"party.reminder.digest:{on_date}",
            self.env._("Reminder digests of %(date)s", date=on_date),
            "party.reminder",
            "_party_job_send",
            [row[0] for row in self.env.cr.fetchall()],
            {"on_date": str(on_date)},
            sync=sync,
        )

    @api.model
    def _party_job_send(self, org_ids, on_date):
        """One chunk of the daily digests (a job of ``party.job.run``): the digests of
        ``on_date`` of the members of ``org_ids``. Idempotent: a member who has their
        digest of the day is left out (one per member and day, a unique index), and the
        chunk's digests and messages are written in its one transaction: a chunk that
        failed halfway left nothing, a chunk retried or resumed sends each digest once.
        Chunks share the run's lock with each other, never with a whole run: refused
        (and retried by the job) while one is under way."""
        if not self._lock_run(shared=True):
            raise UserError(
                self.env._("The reminder digests are being sent: try again in a moment.")
            )
        return self._run(fields.Date.to_date(on_date), org_ids=org_ids)

    @api.model
    def _run(self, on_date, member_ids=None, org_ids=None):
        """Send the digests of ``on_date``: one per member who has something to be
        reminded of and has not had their digest of the day yet. ``member_ids``:
        only those members (demo data); ``org_ids``: only the members of those
        organisations (a chunk of the daily run, :meth:`_party_job_send`). Returns the
        digests written. Server code: the cron, as superuser."""
        if not self.env.su:
            return self.sudo()._run(on_date, member_ids=member_ids, org_ids=org_ids)
        # a whole run takes the lock alone; a chunk holds it shared already (taking the
        # exclusive lock too would wait on the other chunks: not tried)
        if org_ids is None and not self._lock_run():
            _logger.info("reminder digests: another run is under way")
            return self.env["party.reminder.digest"]
        started = perf_counter()
        self.env.flush_all()  # the kinds read the tables in SQL
        run = ReminderRun(self.env, on_date)
        kinds = self.env["party.reminder.kind"].search([("active", "=", True)])
        found = self._collect(run, kinds)
        if member_ids is not None:
            wanted = set(member_ids)
            found = {mid: value for mid, value in found.items() if mid in wanted}
        collected = perf_counter()
        recipients = self._recipients(list(found), on_date, org_ids=org_ids)
        required = {kind.id for kind in kinds if kind.required}
        code_of = {kind.id: kind.code for kind in kinds}
        sequence = {kind.code: index for index, kind in enumerate(kinds)}
        rows = []
        for member_id, info in recipients.items():
            off = {code_of[k] for k in info["off"] if k in code_of and k not in required}
            items = {code: found[member_id][code] for code in sorted(
                found[member_id], key=sequence.get) if code not in off}  # fmt: skip
            if not items:
                continue
            rows.append(
                {
                    "member_id": member_id,
                    "organization_id": info["organization_id"],
                    "company_id": info["company_id"],
                    "kind_codes": ",".join(items),
                    "items": json.dumps(items),
                    "item_count": sum(len(v) for v in items.values()),
                    "lang": info["lang"],
                    "channel": info["channel"],
                }
            )
        digest_of = self._insert_digest_rows(rows, on_date)
        written = perf_counter()
        # what the messages need of each digest written, as written (not read back)
        messages = [
            dict(
                row,
                id=digest_of[row["member_id"]],
                name=recipients[row["member_id"]]["name"],
                partner_id=recipients[row["member_id"]]["partner_id"],
                tz=recipients[row["member_id"]]["tz"]
                or run.company_tz.get(row["company_id"])
                or "UTC",
            )
            for row in rows
            if row["member_id"] in digest_of
        ]
        self._send(messages, on_date)
        digest_ids = sorted(digest_of.values())
        _logger.info(
            "reminder digests of %s: %s sent in %.1f s (reminders found in %.1f s, digests "
            "written in %.1f s, messages in %.1f s)",
            on_date, len(digest_ids), perf_counter() - started, collected - started,
            written - collected, perf_counter() - written,
        )  # fmt: skip
        return self.env["party.reminder.digest"].browse(digest_ids)

    @api.model
    def _recipients(self, member_ids, on_date, org_ids=None):
        """{member_id: {...}} of the members still in an organisation (one of
        ``org_ids``, when given) who have no digest of ``on_date`` yet and can be
        reached: an internal user who reads notifications in Odoo gets the inbox, anyone
        else with an e-mail address the e-mail. One query."""
        if not member_ids or (org_ids is not None and not org_ids):
            return {}
        in_orgs = SQL("TRUE") if org_ids is None else SQL("m.organization_id = ANY(%s)",
                                                          list(org_ids))  # fmt: skip
        installed = {code for code, __ in self.env["res.lang"].get_installed()}
        off_rel = self.env["party.member"]._fields["reminder_off_kind_ids"]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT m.id, m.organization_id, m.company_id, p.id, p.lang, p.email,
                          u.id IS NOT NULL AND NOT u.share AND u.notification_type = 'inbox',
                          COALESCE(r.kinds, '{}'), cp.lang, p.name, p.tz
                     FROM unnest(%s::int[]) AS wanted(id)
                     JOIN party_member m ON m.id = wanted.id
                     JOIN res_partner p ON p.id = m.partner_id
                     LEFT JOIN res_users u ON u.id = m.user_id AND u.active
                     LEFT JOIN res_company c ON c.id = m.company_id
                     LEFT JOIN res_partner cp ON cp.id = c.partner_id
                     LEFT JOIN (SELECT %s AS member_id, array_agg(%s) AS kinds
                                  FROM %s GROUP BY %s) r ON r.member_id = m.id
                     LEFT JOIN party_reminder_digest d ON d.member_id = m.id AND d.date = %s
                    WHERE m.status IN %s AND %s AND d.id IS NULL""",
                member_ids,
                SQL.identifier(off_rel.column1),
                SQL.identifier(off_rel.column2),
                SQL.identifier(off_rel.relation),
                SQL.identifier(off_rel.column1),
                on_date,
                IN_ORG_STATUSES,
                in_orgs,
            )
        )
        recipients = {}
        for (
            member_id,
            org_id,
            company_id,
            partner_id,
            lang,
            email,
            inbox,
            off,
            company_lang,
            name,
            tz,
        ) in self.env.cr.fetchall():
            if inbox:
                channel = "inbox"
            elif email and "@" in email:
                channel = "email"
            else:
                continue  # nobody to write to: no digest
            for candidate in (lang, company_lang, "en_US"):
                if candidate in installed:
                    lang = candidate
                    break
            recipients[member_id] = {
                "organization_id": org_id,
                "company_id": company_id,
                "partner_id": partner_id,
                "lang": lang,
                "channel": channel,
                "off": set(off),
                "name": name,
                "tz": tz,
            }
        return recipients

    @api.model
    def _insert_digests(self, rows, on_date):
        """Write the digests in one statement; a member who already has one of the day
        keeps it (a run at the same time as this one): returns the ids written."""
        return sorted(self._insert_digest_rows(rows, on_date).values())

    @api.model
    def _insert_digest_rows(self, rows, on_date):
        """:meth:`_insert_digests`: returns ``{member id: digest id}`` of the digests
        written."""
        if not rows:
            return {}
        now = self.env.cr.now()
        columns = {
            "member_id": "int4", "organization_id": "int4", "company_id": "int4",
            "kind_codes": "varchar", "items": "jsonb", "item_count": "int4", "lang": "varchar",
            "channel": "varchar",
        }  # fmt: skip
        self.env.cr.execute(
            SQL(
                """INSERT INTO party_reminder_digest
                          (create_uid, write_uid, create_date, write_date, date, %s)
                   SELECT %s, %s, %s, %s, %s, * FROM unnest(%s)
                   ON CONFLICT (member_id, date) DO NOTHING
                   RETURNING member_id, id""",
                SQL(", ").join(SQL.identifier(name) for name in columns),
                self.env.uid,
                self.env.uid,
                now,
                now,
                on_date,
                SQL(", ").join(
                    SQL("%s::" + kind + "[]", pg_array([row[name] for row in rows]))
                    for name, kind in columns.items()
                ),
            )
        )
        written = dict(self.env.cr.fetchall())
        self.env["party.reminder.digest"].invalidate_model()
        return written

    # ------------------------------------------------------------------ the messages

    @api.model
    def _template(self):
        return self.env.ref("party_branch.mail_template_reminder_digest").sudo()

    @api.model
    def _send(self, messages, on_date):
        """Render and write the messages of the digests written (``messages``: a dict
        per digest, its row and ``id``, ``name``, ``partner_id``, ``tz`` of its member),
        per language and in batches."""
        if not messages:
            return
        template = self._template()
        shipped = bool(SHIPPED_BODY.fullmatch(template.with_context(lang="en_US").body_html or ""))
        shared = shipped and self._body_shared()
        by_lang = defaultdict(list)
        for message in sorted(messages, key=lambda m: m["id"]):
            by_lang[message["lang"] or "en_US"].append(message)
        for lang, entries in sorted(by_lang.items()):
            localized = template.with_context(lang=lang)
            cache = {"headers": {}, "bodies": {}, "sections": {}}
            for start in range(0, len(entries), BATCH):
                self._send_batch(localized, lang, entries[start : start + BATCH], shipped,
                                 shared, cache)  # fmt: skip
                self.env.invalidate_all()
        self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()

    @api.model
    def _body_shared(self):
        """Whether the body's view (``BODY_VIEW``, with what an administrator may have
        added to it) reads nothing of a digest but what the run gives it (its greeting,
        sections and settings link, or the digest's fields of the same) and calls no
        other template: then one body is rendered for every digest of the same
        reminders, time zone and company, and only the greeting is filled per member."""
        view = self.env.ref(BODY_VIEW, raise_if_not_found=False)
        if not view:
            return False
        read = set()
        for node in view.sudo()._get_combined_arch().iter():
            if "t-call" in node.attrib:
                return False
            for value in node.attrib.values():  # QWeb evaluates attributes only
                read.update(BODY_OBJECT.findall(value))
        return read <= BODY_FIELDS

    @api.model
    def _render_headers(self, template, entries, cache):
        """({id: subject}, {id: sender}) of the digests of ``entries``. When the
        template's subject and sender read nothing of a digest but its day, company and
        language (the shipped template: "Your Party reminders for <day>"), they are
        rendered once per company (the day and language are the run's and the batch's)
        and kept in ``cache`` for the next batches; otherwise once per digest."""
        shared = all(
            set(HEADER_FIELD.findall(template[fname] or "")) <= SHARED_FIELDS
            for fname in ("subject", "email_from")
        )
        groups = defaultdict(list)
        for entry in entries:
            groups[entry["company_id"] if shared else entry["id"]].append(entry["id"])
        missing = {key: ids[0] for key, ids in groups.items() if key not in cache}
        if missing:
            firsts = list(missing.values())
            rendered = [
                template._render_field(fname, firsts) for fname in ("subject", "email_from")
            ]
            for key, first in missing.items():
                cache[key] = tuple(values[first] for values in rendered)
        subjects, senders = {}, {}
        for key, ids in groups.items():
            subject, sender = cache[key]
            for digest_id in ids:
                subjects[digest_id], senders[digest_id] = subject, sender
        if not shared:
            cache.clear()  # per digest: nothing kept for the next batch
        return subjects, senders

    @api.model
    def _render_bodies(self, template, lang, entries, shared, cache):
        """{digest id: body} of ``entries``, the shipped body (the view ``BODY_VIEW``,
        compiled once): its sections are made once per distinct reminders, time zone and
        company; when the view is ``shared`` (:meth:`_body_shared`), the body too, with
        a mark where the greeting goes, filled per member (escaped as the view escapes
        it). Kept in ``cache`` for the next batches of the language."""
        Digest = self.env["party.reminder.digest"].with_context(lang=lang)
        # what ir.qweb._render does for each call (prepare the values, find the compiled
        # view), done once for the batch; then the view's compiled function
        values = template._render_eval_context()
        qweb = self.env["ir.qweb"].with_context(lang=lang)._prepare_environment(values)
        functions, name = qweb._compile(BODY_VIEW)
        render = functions[name]
        if "context" not in cache:
            cache["context"] = Digest._mail_context()
        context = cache["context"]
        greeting = Digest._mail_greeting_format()
        groups = defaultdict(list)
        for entry in entries:
            groups[(entry["items"], entry["tz"], entry["company_id"])].append(entry)
        bodies = {}
        for key, group in groups.items():
            if key not in cache["sections"]:
                cache["sections"][key] = Digest._mail_sections(json.loads(key[0]), key[1],
                                                               context)  # fmt: skip
            shown = {
                **values,
                "party_sections": cache["sections"][key],
                "party_settings_url": context["settings_url"],
            }
            if shared and key not in cache["bodies"]:
                mark = f"party-greeting-{secrets.token_hex(8)}"
                # the mark is the first digest's own greeting too: a view that reads
                # object.mail_greeting as well shows the mark twice (then each body is
                # rendered per digest), never the first member's name in the others'
                first = Digest.browse(group[0]["id"])
                self.env.cache.set(first, Digest._fields["mail_greeting"], mark)
                html = "".join(render(qweb, {**shown, "party_greeting": mark,
                                             "object": first}))  # fmt: skip
                first.invalidate_recordset(["mail_greeting"])
                head, found, tail = html.partition(mark)
                cache["bodies"][key] = (head, tail) if found and mark not in tail else None
            parts = cache["bodies"].get(key) if shared else None
            for entry in group:
                text = greeting % {"name": entry["name"]}
                if parts:
                    bodies[entry["id"]] = f"{parts[0]}{escape(text)}{parts[1]}"
                else:
                    bodies[entry["id"]] = "".join(render(qweb, {
                        **shown, "party_greeting": text, "object": Digest.browse(entry["id"])
                    }))  # fmt: skip
        return bodies

    @api.model
    def _send_batch(self, template, lang, entries, shipped, shared, cache):
        ids = [entry["id"] for entry in entries]
        subjects, senders = self._render_headers(template, entries, cache["headers"])
        if shipped:
            bodies = self._render_bodies(template, lang, entries, shared, cache)
        else:
            bodies = template._render_field("body_html", ids, options={"post_process": True})
        default_from = self.env["ir.mail_server"]._get_default_from_address()
        companies = {
            company.id: (company.partner_id.id, company.email_formatted)
            for company in self.env["res.company"].browse(
                {entry["company_id"] for entry in entries if entry["company_id"]}
            )
        }
        # the Message-Id of each mail: the digest and a random key of the batch
        batch_key, host = secrets.token_hex(8), socket.gethostname()
        note = self.env.ref("mail.mt_note").id
        now = self.env.cr.now()
        messages = []
        for entry in entries:
            digest_id = entry["id"]
            author_id, company_from = companies.get(entry["company_id"], (None, False))
            sender = senders.get(digest_id) or company_from or default_from
            messages.append(
                {
                    "subject": subjects.get(digest_id) or "",
                    "body": bodies.get(digest_id) or "",
                    "model": "party.reminder.digest",
                    "res_id": digest_id,
                    "record_name": entry["name"],
                    "message_type": "user_notification",
                    "subtype_id": note,
                    "author_id": author_id,
                    "email_from": sender or None,
                    "reply_to": sender or None,
                    "message_id": f"<party-reminder-{digest_id}.{batch_key}@{host}>",
                    "date": now,
                    "is_internal": False,
                    "email_add_signature": False,
                    "record_company_id": entry["company_id"],
                }
            )
        message_of = dict(
            _insert(self.env, "mail_message", messages, returning="res_id", types=MESSAGE_TYPES)
        )
        by_channel = defaultdict(list)
        for entry in entries:
            by_channel[entry["channel"]].append(
                (entry, message_of[entry["id"]], entry["partner_id"])
            )
        # the inbox: the message to the user's partner and its unread notification; an
        # e-mail: the mail to the member's partner (no notification row: the digest is
        # the record of who received what, and a mail's failure stays on the mail)
        inbox = by_channel["inbox"]
        _insert_pairs(
            self.env,
            self.env["mail.message"]._fields["partner_ids"],
            [(message_id, partner_id) for __, message_id, partner_id in inbox],
        )
        _insert(
            self.env,
            "mail_notification",
            [
                {
                    "mail_message_id": message_id,
                    "res_partner_id": partner_id,
                    "author_id": companies.get(entry["company_id"], (None,))[0],
                    "notification_type": "inbox",
                    "notification_status": "sent",
                    "is_read": False,
                }
                for entry, message_id, partner_id in inbox
            ],
            types=NOTIFICATION_TYPES,
            log_access=False,
        )
        emails = by_channel["email"]
        mail_of = dict(
            _insert(
                self.env,
                "mail_mail",
                [
                    {
                        "mail_message_id": message_id,
                        "body_html": bodies.get(entry["id"]) or "",
                        "state": "outgoing",
                        "auto_delete": True,
                        "is_notification": True,
                    }
                    for entry, message_id, __ in emails
                ],
                returning="mail_message_id",
                types=MAIL_TYPES,
            )
        )
        _insert_pairs(
            self.env,
            self.env["mail.mail"]._fields["recipient_ids"],
            [(mail_of[message_id], partner_id) for __, message_id, partner_id in emails],
        )

    # ------------------------------------------------------------------ calendar feed

    @api.model
    def _calendar_entries(self, member, start, stop):
        """The member's events between ``start`` and ``stop`` (naive UTC datetimes), as
        dicts for :func:`party_branch.tools.ical.calendar` (``uid``, ``start``,
        ``stop``, ``summary``, ``location``, ``url``, ``status``). Addons add theirs."""
        return []

    @api.model
    def _calendar_feed(self, member):
        """The iCalendar text of the member's feed: their events from a month ago to six
        months ahead."""
        now = fields.Datetime.now()
        events = self._calendar_entries(member.sudo(), now - CALENDAR_PAST,
                                        now + CALENDAR_FUTURE)  # fmt: skip
        events.sort(key=lambda event: (event["start"], event["uid"]))
        return ical.calendar(events, name=member.sudo().company_id.name or "", now=now)

    # ------------------------------------------------------------------ demo

    @api.model
    def _demo_send(self, user_id):
        """Demo data: the digest of today of the member of ``user_id``."""
        member = self.env["party.member"].sudo().search([("user_id", "=", user_id)], limit=1)
        return self._run(self._today(), member_ids=member.ids)


# column types of the rows written in bulk (PostgreSQL array casts)
MESSAGE_TYPES = {
    "subject": "varchar", "body": "text", "model": "varchar", "res_id": "int4",
    "record_name": "varchar", "message_type": "varchar", "subtype_id": "int4",
    "author_id": "int4", "email_from": "varchar", "reply_to": "varchar",
    "message_id": "varchar", "date": "timestamp", "is_internal": "bool",
    "email_add_signature": "bool", "record_company_id": "int4",
}  # fmt: skip
MAIL_TYPES = {
    "mail_message_id": "int4", "body_html": "text", "state": "varchar", "auto_delete": "bool",
    "is_notification": "bool",
}  # fmt: skip
NOTIFICATION_TYPES = {
    "mail_message_id": "int4", "res_partner_id": "int4", "author_id": "int4",
    "notification_type": "varchar", "notification_status": "varchar", "is_read": "bool",
}  # fmt: skip


def _insert(env, table, rows, types, returning=None, log_access=True):
    """INSERT ``rows`` (dicts with a value for each column of ``types``) into ``table``
    in one statement; returns ``[(row's ``returning`` column, new id)]``. The mail rows of
    the digests: Odoo's own ``create`` costs several milliseconds a message (defaults,
    sanitising a body the template already escaped), a minute for 20,000 members."""
    if not rows:
        return []
    now = env.cr.now()
    access_columns = (
        SQL("create_uid, write_uid, create_date, write_date, ") if log_access else SQL()
    )
    access_values = SQL("%s, %s, %s, %s, ", env.uid, env.uid, now, now) if log_access else SQL()
    env.cr.execute(
        SQL(
            "INSERT INTO %s (%s%s) SELECT %s* FROM unnest(%s) RETURNING %s, id",
            SQL.identifier(table),
            access_columns,
            SQL(", ").join(SQL.identifier(name) for name in types),
            access_values,
            SQL(", ").join(
                SQL("%s::" + kind + "[]", pg_array([row[name] for row in rows]))
                for name, kind in types.items()
            ),
            SQL.identifier(returning) if returning else SQL("id"),
        )
    )
    return env.cr.fetchall()


def _insert_pairs(env, field, pairs):
    """Rows of the many2many table of ``field``: ``[(record id, comodel id)]``."""
    if not pairs:
        return
    env.cr.execute(
        SQL(
            "INSERT INTO %s (%s, %s) SELECT * FROM unnest(%s::int[], %s::int[]) "
            "ON CONFLICT DO NOTHING",
            SQL.identifier(field.relation),
            SQL.identifier(field.column1),
            SQL.identifier(field.column2),
            pg_array([pair[0] for pair in pairs]),
            pg_array([pair[1] for pair in pairs]),
        )
    )
