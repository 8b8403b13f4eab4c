from datetime import date, datetime

import pytz

from odoo import api, fields, models
from odoo.tools import format_amount, format_date, format_time


class PartyReminderDigest(models.Model):
    """The reminders one member received on one day: one message (an e-mail, or the
    inbox of an internal user) however many there were.

    Written by the daily run (``party.reminder._run``) only, in one statement for all
    members; one per member and day (a unique constraint), so a second run of the
    same day sends nothing. Never written afterwards: the log of what was sent."""

    _name = "party.reminder.digest"
    _description = "Reminder Digest"
    _inherit = ["party.access.mixin"]
    _order = "date desc, id desc"
    _rec_name = "member_id"

    _party_org_field = False
    _party_scope_field = "organization_id"
    _party_fixed_fields = (
        "member_id", "date", "organization_id", "company_id", "kind_codes", "items",
        "item_count", "lang", "channel",
    )  # fmt: skip
    _party_rpc_methods = {
        "create": "ACL: nobody (the daily run writes digests)",
        "write": "ACL: nobody",
    }

    # searched by member through the unique (member_id, date) index
    member_id = fields.Many2one("party.member", required=True, ondelete="restrict", readonly=True)
    date = fields.Date(required=True, readonly=True, index=True)
    organization_id = fields.Many2one(
        "party.organization",
        string="Organisation",
        ondelete="restrict",
        readonly=True,
        index=True,
        help="The member's organisation on the day of the digest.",
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    kind_codes = fields.Char(string="Kinds", readonly=True)
    kind_names = fields.Char(string="Reminders", compute="_compute_kind_names")
    items = fields.Json(readonly=True)
    item_count = fields.Integer(string="Reminders Sent", readonly=True)
    lang = fields.Char(string="Language", readonly=True)
    channel = fields.Selection(
        [("email", "E-mail"), ("inbox", "Inbox")],
        readonly=True,
        help="E-mail to the member's address, or Odoo's inbox for an internal user who "
        "reads notifications there.",
    )
    # the message the digest was sent as (e-mail or inbox): the mail.message of the
    # digest itself (model, res_id), written with it
    message_id = fields.Many2one("mail.message", compute="_compute_message_id")
    mail_sections = fields.Json(compute="_compute_mail_sections")
    mail_greeting = fields.Char(compute="_compute_mail_greeting")
    mail_settings_url = fields.Char(string="Reminders Page", compute="_compute_mail_greeting")

    _sql_constraints = [
        (
            "member_date_uniq",
            "unique(member_id, date)",
            "A member receives one reminder digest a day.",
        ),
    ]

    @api.depends("kind_codes")
    @api.depends_context("lang")
    def _compute_kind_names(self):
        names = {kind.code: kind.name for kind in self.env["party.reminder.kind"].sudo().search(
            [("active", "in", (True, False))])}  # fmt: skip
        for digest in self:
            codes = (digest.kind_codes or "").split(",")
            digest.kind_names = ", ".join(names.get(code, code) for code in codes if code)

    @api.depends("member_id.name")
    @api.depends_context("lang")
    def _compute_mail_greeting(self):
        values = self._mail_values()
        for digest in self:
            digest.mail_greeting = values[digest.id]["party_greeting"]
            digest.mail_settings_url = values[digest.id]["party_settings_url"]

    def _compute_message_id(self):
        messages = (
            self.env["mail.message"]
            .sudo()
            .search_fetch([("model", "=", self._name), ("res_id", "in", self.ids)], ["res_id"])
        )
        by_digest = {message.res_id: message for message in messages}
        for digest in self:
            digest.message_id = by_digest.get(digest.id, False)

    @api.depends("items")
    @api.depends_context("lang")
    def _compute_mail_sections(self):
        values = self._mail_values()
        for digest in self:
            digest.mail_sections = values[digest.id]["party_sections"]

    def _mail_values(self):
        """{digest id: what the message says}, in the reader's language: the greeting,
        one section per kind (its name and the label of its links) with its reminders,
        dates in the member's time zone, amounts in the company's currency, links
        absolute; and the address of the member's reminders page. A date, time or
        amount is formatted once for all the digests that show it (a meeting's start,
        for all its members). The message's view reads these (``party_sections`` …),
        given by the daily run (:meth:`_mail_sections`, once per distinct set of
        reminders), or the digest's fields."""
        context = self._mail_context()
        greeting = self._mail_greeting_format()
        Company = self.env["res.company"]
        company_tz = {}
        values = {}
        for digest in self:
            sudo = digest.sudo()
            company = sudo.company_id
            if company.id not in company_tz:
                company_tz[company.id] = Company._party_tz_of(company) or "UTC"
            tz = sudo.member_id.partner_id.tz or company_tz[company.id]
            values[digest.id] = {
                "party_greeting": greeting % {"name": sudo.member_id.name},
                "party_sections": self._mail_sections(digest.items or {}, tz, context),
                "party_settings_url": context["settings_url"],
            }
        return values

    @api.model
    def _mail_greeting_format(self):
        """The greeting of a message, in this environment's language: translated once,
        filled per member (``%(name)s``)."""
        return self.env._("Dear %(name)s,")

    @api.model
    def _mail_context(self):
        """What the messages of one language share: the kinds' order, names and link
        labels, the items' labels, the base URL and what was formatted already (see
        :meth:`_mail_item`)."""
        kinds = self.env["party.reminder.kind"].sudo().search([("active", "in", (True, False))])
        base_url = self[:1].get_base_url()
        return {
            "order": {kind.code: (kind.sequence, kind.id) for kind in kinds},
            "names": {kind.code: kind.name for kind in kinds},
            "links": {kind.code: kind.link_label or kind.name for kind in kinds},
            "labels": self.env["party.reminder"]._item_labels(),
            "base_url": base_url,
            "settings_url": f"{base_url}/my/reminders",
            "formatted": {},
        }

    @api.model
    def _mail_sections(self, items, tz, context):
        """The sections of a message of ``items`` (a digest's ``{kind code: [item]}``)
        for a reader in the time zone ``tz``: one per kind, in the kinds' order."""
        order, names, links = context["order"], context["names"], context["links"]
        sections = [
            {
                "code": code,
                "name": names.get(code, code),
                "link_label": links.get(code, code),
                "items": [
                    self._mail_item(item, tz, context["labels"], context["base_url"],
                                    context["formatted"])
                    for item in kind_items
                ],
            }
            for code, kind_items in items.items()
        ]  # fmt: skip
        sections.sort(key=lambda s: (order.get(s["code"], (0, 0)), s["code"]))
        return sections

    def _mail_item(self, item, tz, labels, base_url, formatted):
        """One reminder as the message shows it; ``formatted`` keeps what was formatted
        already (dates, times and amounts), for the other digests of the batch."""
        when = ""
        if item.get("start"):
            key = ("start", item["start"], tz)
            if key not in formatted:
                # the day in full and the hour, in the member's time zone: 2031年5月15日 10:00
                zone = pytz.timezone(tz if tz in pytz.all_timezones_set else "UTC")
                local = pytz.utc.localize(datetime.fromisoformat(item["start"])).astimezone(zone)
                formatted[key] = (
                    f"{format_date(self.env, local.date(), date_format='long')} "
                    f"{format_time(self.env, local.time(), time_format='short')}"
                )
            when = formatted[key]
        elif item.get("date"):
            key = ("date", item["date"])
            if key not in formatted:
                formatted[key] = format_date(self.env, date.fromisoformat(item["date"]))
            when = formatted[key]
        amount = ""
        if item.get("amount") is not None and item.get("currency_id"):
            key = ("amount", item["amount"], item["currency_id"])
            if key not in formatted:
                currency = self.env["res.currency"].sudo().browse(item["currency_id"])
                formatted[key] = format_amount(self.env, item["amount"], currency)
            amount = formatted[key]
        url = item.get("url") or ""
        return {
            "label": labels.get(item.get("label"), ""),
            "title": item.get("title") or "",
            "when": when,
            "place": item.get("place") or "",
            "amount": amount,
            "url": f"{base_url}{url}" if url.startswith("/") else url,
        }
