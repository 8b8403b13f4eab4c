from collections import defaultdict

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import email_normalize

from ..tools.guard import in_action_scope

# What a message on a Party record says about itself: who wrote it, what kind of
# message it is, when, and which changes of the record it records. Set by the server
# when the message is posted, never rewritten by a client.
PARTY_MESSAGE_FIXED_FIELDS = frozenset(
    {
        "author_id",
        "author_guest_id",
        "email_from",
        "message_type",
        "subtype_id",
        "date",
        "tracking_value_ids",
        "mail_activity_type_id",
        "is_internal",
        "record_name",
    }
)
# Who a message on a Party record went to: its recipients and the partners notified of it,
# each of whom reads it (mail.message's read rule). Set when it is posted; afterwards no
# client adds a reader to a text they wrote (a note's internal discussion included).
PARTY_MESSAGE_RECIPIENT_FIELDS = frozenset(
    {"partner_ids", "notified_partner_ids", "notification_ids"}
)
# The kinds of message a user who does not manage a Party record posts on it: a
# message (what the portal's and the backend's chatter send) or a note.
PARTY_CLIENT_SUBTYPES = ("mail.mt_comment", "mail.mt_note")


def _command_ids(value):
    """The ids a many2many value of ``mail.message`` (``partner_ids``,
    ``attachment_ids``) links (ids or x2many commands)."""
    ids = set()
    for item in value or ():
        if isinstance(item, int):
            ids.add(item)
        elif isinstance(item, (list, tuple)) and item:
            if item[0] == 4 and len(item) > 1:
                ids.add(item[1])
            elif item[0] == 6 and len(item) > 2:
                ids.update(item[2] or ())
    return ids


class MailMessage(models.Model):
    """Messages on Party records (docs/security.md, "Messages on Party records").

    A client's message on a Party record is its own and says what it is: its author is
    the caller, never dated by the client nor carrying tracking values, and, from a
    user who does not manage the record's organisation (a member, an employee without
    Party groups, an officer of another branch), a message or a note only (no
    notification, no other subtype, no to-do marker), sent from the caller's own
    address, to the record's followers only. Checked on ``create`` outside superuser
    mode (``message_post`` and ``mail.message.create`` over RPC, and Odoo lets the
    followers of a record post on it without write access), and on the values of
    mail's ``/mail/message/post`` route, which posts with ``sudo()``
    (``controllers/mail_thread.py``). Written afterwards, those fields stay as they
    are. A message is rewritten by its author, or by who may write the record: never
    by a recipient only because they were notified of it (Odoo lets the partners a
    message notified write it: a member would rewrite the officers' answer, a notice's
    message, through ``mail.message.write`` over RPC)."""

    _inherit = "mail.message"

    _party_rpc_methods = {
        "create": "ACL and mail's rules; on a Party record (outside superuser mode) "
        "_party_check_client_messages: the caller is the author, no date nor tracking; "
        "a message or a note to the followers unless the caller manages the record",
        "write": "ACL and mail's rules; on a Party record the author, type, subtype, "
        "date, tracking and recipients stay (_party_check_fixed_fields), files only the "
        "caller's own (_party_check_own_attachments), and only the author or who may "
        "write the record rewrites a message (_get_forbidden_access)",
    }

    @api.model
    def _party_model(self, model):
        return bool(
            model
            and model in self.env
            and isinstance(self.env[model], self.pool["party.access.mixin"])
        )

    @api.model
    def _party_client_trusted(self):
        return self.env.su or in_action_scope()

    @api.model
    def _party_record_managers(self, records):
        """The ids of ``records`` (a Party model) whose organisations the caller all
        manages; a record without organisation: the caller may write it."""
        records = records.exists()
        orgs_of = {record.id: record._party_organizations() for record in records}
        all_orgs = self.env["party.organization"].union(*orgs_of.values())
        managed_orgs = self.env["party.access.mixin"]._party_managed(all_orgs)
        managed = {rid for rid, orgs in orgs_of.items() if orgs and not orgs - managed_orgs}
        without = records.browse([rid for rid, orgs in orgs_of.items() if not orgs])
        if without:
            result = without._check_access("write")
            forbidden = set(result[0]._ids) if result else set()
            managed.update(set(without.ids) - forbidden)
        return managed

    @api.model
    def _party_check_client_messages(self, vals_list):
        """Refuse a client's message on a Party record that is not its own or says it
        is something it is not (see the class)."""
        if self._party_client_trusted():
            return
        partner = self.env.user.partner_id
        subtypes = {
            self.env["ir.model.data"]._xmlid_to_res_id(xmlid) for xmlid in PARTY_CLIENT_SUBTYPES
        }
        by_model = defaultdict(list)
        for vals in vals_list:
            if self._party_model(vals.get("model")) and vals.get("res_id"):
                by_model[vals["model"]].append(vals)
        self._party_check_reply_parents([vals for group in by_model.values() for vals in group])
        for model, model_vals in by_model.items():
            records = self.env[model].browse({vals["res_id"] for vals in model_vals})
            managed = self._party_record_managers(records)
            followers = defaultdict(set)
            for follower in (
                self.env["mail.followers"]
                .sudo()
                .search([("res_model", "=", model), ("res_id", "in", records.ids)])
            ):
                followers[follower.res_id].add(follower.partner_id.id)
            for vals in model_vals:
                if "author_id" in vals and vals["author_id"] != partner.id:
                    raise AccessError(
                        self.env._("A message on a Party record is posted as yourself.")
                    )
                if vals.get("author_guest_id"):
                    raise AccessError(
                        self.env._("A message on a Party record is posted as yourself.")
                    )
                if vals.get("date") or vals.get("tracking_value_ids"):
                    raise AccessError(
                        self.env._(
                            "The date and the recorded changes of a message on a Party "
                            "record are the server's."
                        )
                    )
                if vals["res_id"] in managed:
                    continue
                self._party_check_plain_message(vals, partner, subtypes, followers[vals["res_id"]])

    @api.model
    def _party_check_reply_parents(self, vals_list):
        """A client's reply on a Party record answers a message of that record. Odoo
        lets a user create a reply to any message they received, whatever record the
        reply names (mail.message's parent condition of ``create``): without this, a
        member who sent themselves a message would post on any organisation's record,
        and ``message_post`` would mail its followers."""
        parent_ids = {vals["parent_id"] for vals in vals_list if vals.get("parent_id")}
        if not parent_ids:
            return
        parents = {
            message.id: (message.model, message.res_id)
            for message in self.sudo().browse(parent_ids).exists()
        }
        for vals in vals_list:
            if vals.get("parent_id") and parents.get(vals["parent_id"]) != (
                vals["model"],
                vals["res_id"],
            ):
                raise AccessError(
                    self.env._("On a Party record, a reply answers a message of the same record.")
                )

    @api.model
    def _party_check_plain_message(self, vals, partner, subtypes, followers):
        """A user who does not manage the record posts a message or a note, from their
        own address, to the record's followers."""
        kind_ok = (
            vals.get("message_type", "comment") == "comment"
            and vals.get("subtype_id") in subtypes
            and not vals.get("mail_activity_type_id")
        )
        if not kind_ok:
            raise AccessError(
                self.env._(
                    "On a Party record you do not manage you post a message or a note "
                    "only: notifications and other kinds of message are the server's and "
                    "its officers'."
                )
            )
        email = vals.get("email_from")
        if email and email_normalize(email) != partner.email_normalized:
            raise AccessError(self.env._("A message on a Party record is posted as yourself."))
        recipients = _command_ids(vals.get("partner_ids")) | _command_ids(
            vals.get("notified_partner_ids")
        )
        if vals.get("notification_ids") or recipients - followers - {partner.id}:
            raise AccessError(
                self.env._(
                    "On a Party record you do not manage, a message goes to its followers only."
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        # the ``default_<field>`` keys of the client's context are values too: the record
        # (``default_model``, ``default_res_id``), the kind or the parent given that way
        # are checked like those of the values
        defaults = {
            key[8:]: value
            for key, value in self.env.context.items()
            if key.startswith("default_") and key[8:] in self._fields
        }
        self._party_check_client_messages([dict(defaults, **vals) for vals in vals_list])
        return super().create(vals_list)

    def _party_check_fixed_fields(self, vals):
        """Who wrote a message on a Party record, its kind, date, tracking and recipients
        stay: a client rewrites only its content (the author may give a message without
        author, received by mail, to the contact it came from, as Odoo does)."""
        fixed = (PARTY_MESSAGE_FIXED_FIELDS | PARTY_MESSAGE_RECIPIENT_FIELDS) & set(vals)
        if self._party_client_trusted() or not fixed:
            return
        party = self.sudo().filtered(lambda m: m.res_id and self._party_model(m.model))
        if not party:
            return
        if fixed & PARTY_MESSAGE_RECIPIENT_FIELDS:
            self._party_raise_recipients_kept()
        if fixed == {"author_id"} and not party.author_id:
            return
        raise AccessError(
            self.env._(
                "Who wrote a message on a Party record, its kind and its date are kept: "
                "only its content is edited."
            )
        )

    @api.model
    def _party_raise_recipients_kept(self):
        raise AccessError(
            self.env._(
                "A message on a Party record keeps the recipients it was posted to: only "
                "its text is edited, nobody is added to it afterwards."
            )
        )

    @api.model
    def _party_kept_recipients(self, message, partner_ids):
        """The ``partner_ids`` of mail's ``_message_update_content`` (the partners the
        edited text mentions) for ``message``: ``None`` (its recipients unchanged) when
        they are among its recipients already, refused when they would add anyone.
        Mail writes them as superuser, past ``write``'s check."""
        if not partner_ids or self._party_client_trusted():
            return partner_ids
        if not self._party_model(message.model) or not message.res_id:
            return partner_ids
        given = list(partner_ids) if isinstance(partner_ids, (list, tuple)) else [partner_ids]
        if not all(isinstance(pid, int) and not isinstance(pid, bool) for pid in given):
            self._party_raise_recipients_kept()
        if set(given) - set(message.sudo().partner_ids.ids):
            self._party_raise_recipients_kept()
        return None

    def _party_check_own_attachments(self, attachment_ids):
        """A client edits a message of a Party record with the files they uploaded
        themselves (or those it has already): never a file of another record or of
        another user that they happen to read, shown afterwards to the message's
        readers. Checked on ``write`` and on mail's ``/mail/message/update_content``
        (which links them as superuser: ``mail.thread._message_update_content``)."""
        if not attachment_ids or self._party_client_trusted():
            return
        party = self.sudo().filtered(lambda m: m.res_id and self._party_model(m.model))
        if not party:
            return
        added = (
            self.env["ir.attachment"]
            .sudo()
            .browse(set(attachment_ids) - set(party.attachment_ids.ids))
        )
        if added and (
            len(added.exists()) != len(added)
            or any(attachment.create_uid.id != self.env.uid for attachment in added)
        ):
            raise AccessError(
                self.env._(
                    "A message on a Party record carries the files you uploaded yourself only."
                )
            )

    def write(self, vals):
        self._party_check_fixed_fields(vals)
        if vals.get("attachment_ids"):
            self._party_check_own_attachments(_command_ids(vals["attachment_ids"]))
        return super().write(vals)

    def _get_forbidden_access(self, operation):
        forbidden = super()._get_forbidden_access(operation)
        if operation != "write" or self.env.su:
            return forbidden
        partner = self.env.user.partner_id
        documents = defaultdict(lambda: defaultdict(list))
        for message in (self - forbidden).sudo():
            if message.author_id != partner and self._party_model(message.model) and message.res_id:
                documents[message.model][message.res_id].append(message.id)
        for model, messages_of in documents.items():
            result = self.env[model].browse(list(messages_of))._check_access("write")
            for doc_id in result[0]._ids if result else ():
                forbidden += self.browse(messages_of[doc_id])
        return forbidden
