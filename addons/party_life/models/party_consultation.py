"""Online consultation (在线咨询) of a member with their organisation, on the portal.

One thread per member and organisation: the member asks on ``/my/party/consultation``
(a first question through :meth:`PartyConsultation.ask`, then Odoo's portal chatter),
the organisation's officers answer from the backend (the record's chatter, "Send
message"; a "Log note" stays among the officers: the portal never shows internal
messages). A member's questions are theirs: no other member reads them.

Who posts on a consultation (:meth:`_party_may_post`, on every path: Odoo's
``/mail/message/post`` posts with ``sudo()`` after ``_get_thread_with_access``, a client
calls ``message_post`` or creates a ``mail.message`` over RPC):

- the member it belongs to, while their membership is kept by its organisation
  (a member transferred elsewhere reads their past consultation, and asks their new
  organisation);
- the officers who manage its organisation (record rules on the organisation tree).

Auditors and everyone else post nothing (auditors do not read consultations either:
they are one member's questions to their organisation).
"""

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, plaintext2html

from odoo.addons.party_branch.models.party_organization import IN_ORG_STATUSES

# the longest question the portal's form takes (characters)
QUESTION_MAX = 2000


class PartyConsultation(models.Model):
    _name = "party.consultation"
    _description = "Party Consultation"
    _inherit = ["mail.thread", "mail.activity.mixin", "party.access.mixin"]
    _order = "last_question_at desc, id desc"
    _check_company_auto = True
    # posting needs read access here, and _party_may_post on every path (see the module)
    _mail_post_access = "read"

    _party_fixed_fields = ("member_id", "organization_id")
    _party_workflow_fields = ("state", "last_question_at")
    _party_rpc_methods = {
        "ask": "the caller's own membership, found by their user (AccessError otherwise): "
        "the question goes to their consultation with their current organisation",
        "message_post": "_party_check_may_post: the consultation's member while in its "
        "organisation, or an officer who manages it (AccessError otherwise)",
    }
    _party_rpc_sample_args = {"ask": ("A question",)}

    name = fields.Char(compute="_compute_name", store=True)
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict", readonly=True
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
    state = fields.Selection(
        [("waiting", "Waiting for an Answer"), ("answered", "Answered")],
        default="waiting",
        required=True,
        readonly=True,
        index=True,
    )
    last_question_at = fields.Datetime(string="Last Question", readonly=True, copy=False)

    _sql_constraints = [
        (
            "member_organization_uniq",
            "unique(member_id, organization_id)",
            "A member has one consultation with an organisation.",
        ),
    ]

    @api.depends("member_id.name", "organization_id.name")
    def _compute_name(self):
        for consultation in self.sudo():
            consultation.name = (
                f"{consultation.member_id.name or ''} · {consultation.organization_id.name or ''}"
            )

    # ------------------------------------------------------------------ asking

    @api.model
    def _party_my_membership(self):
        """The caller's own membership kept by an organisation (sudo), by their user."""
        member = (
            self.env["party.member"]
            .sudo()
            .search([("user_id", "=", self.env.uid), ("status", "in", IN_ORG_STATUSES)], limit=1)
        )
        if not member:
            raise AccessError(self.env._("Only a Party member consults their organisation."))
        return member

    @api.model
    def _party_mine(self, create=False):
        """The caller's consultation with their current organisation (sudo), made on
        the first question when ``create``."""
        member = self._party_my_membership()
        consultation = self.sudo().search(
            [("member_id", "=", member.id), ("organization_id", "=", member.organization_id.id)],
            limit=1,
        )
        if not consultation and create:
            consultation = self._party_insert_mine(member)
            responsible = consultation._party_responsible()
            consultation.message_subscribe(
                partner_ids=(member.partner_id | responsible.partner_id).ids
            )
        return consultation

    @api.model
    def _party_insert_mine(self, member):
        """The member's consultation with their organisation, inserted once whatever
        the number of first questions sent at the same time (two tabs, a double tap).

        ``INSERT … ON CONFLICT DO NOTHING`` on the unique pair: a second transaction
        that meets the first one's row waits for it to commit and then, as it cannot
        see that row (repeatable read), fails to serialise instead of breaking the
        uniqueness; Odoo's dispatch runs the request again, which finds the thread and
        posts the question on it. The member sees their question posted, never an
        error."""
        Consultation = self.sudo()
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                "INSERT INTO party_consultation (member_id, organization_id, company_id, "
                "state, create_uid, create_date, write_uid, write_date) "
                "VALUES (%s, %s, %s, 'waiting', %s, %s, %s, %s) "
                "ON CONFLICT (member_id, organization_id) DO NOTHING RETURNING id",
                member.id,
                member.organization_id.id,
                member.organization_id.company_id.id,
                self.env.uid,
                now,
                self.env.uid,
                now,
            )
        )
        row = self.env.cr.fetchone()
        if not row:  # made earlier in this transaction
            return Consultation.search(
                [
                    ("member_id", "=", member.id),
                    ("organization_id", "=", member.organization_id.id),
                ],
                limit=1,
            )
        consultation = Consultation.browse(row[0])
        self.env.add_to_compute(self._fields["name"], consultation)
        consultation._message_log(body=consultation._creation_message())
        return consultation

    def _party_responsible(self):
        """Who answers: the organisation's secretary, else the nearest secretary above,
        else the company's Party office (party.finding's rule)."""
        self.ensure_one()
        org = self.sudo().organization_id
        return (
            self.env["party.finding"]
            .sudo()
            ._responsible_users(org)
            .get(org.id, self.env["res.users"])
        )

    @api.model
    def ask(self, question):
        """The member asks their organisation: the question is posted on their own
        consultation with their current organisation (made on the first question), as
        them. Returns the consultation's id."""
        consultation = self._party_mine(create=False)  # checks the caller's membership
        text = question.strip() if isinstance(question, str) else ""
        if not text:
            raise UserError(self.env._("Write your question."))
        if len(text) > QUESTION_MAX:
            raise UserError(
                self.env._(
                    "A question has at most %(max)s characters: split it in several.",
                    max=QUESTION_MAX,
                )
            )
        consultation = consultation or self._party_mine(create=True)
        consultation.message_post(
            body=plaintext2html(text), message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        return consultation.id

    # ------------------------------------------------------------------ posting

    def _party_may_post(self):
        """True when the caller may post on every consultation of ``self``: its member
        while their membership is kept by its organisation, or an officer who manages
        it. Read as the caller, whatever ``sudo()`` the mail routes add."""
        if self.env.uid == SUPERUSER_ID:
            return True  # the server itself (mail gateway, scheduled actions)
        user = self.env.user
        consultations = self.sudo()
        managed = self.sudo(False)._party_managed(consultations.organization_id)
        for consultation in consultations:
            member = consultation.member_id
            own = (
                member.user_id == user
                and member.status in IN_ORG_STATUSES
                and member.organization_id == consultation.organization_id
            )
            if not own and consultation.organization_id not in managed:
                return False
        return True

    def _party_check_may_post(self):
        if not self._party_may_post():
            raise AccessError(
                self.env._(
                    "You may write only to your own consultation with your organisation; its "
                    "officers answer it."
                )
            )

    def _party_check_post_values(self, kwargs):
        """Who posts is the author (never another partner, nor one found by an address
        the caller gives); a member notifies only the consultation's followers (the
        server does not mail other people in their name)."""
        if self.env.uid == SUPERUSER_ID:
            return
        partner = self.env.user.partner_id
        author_id, __ = self._message_compute_author(
            kwargs.get("author_id"), kwargs.get("email_from"), raise_on_email=False
        )
        orgs = self.sudo().organization_id
        officer = self.sudo(False)._party_managed(orgs) == orgs
        if author_id != partner.id or (kwargs.get("email_from") and not officer):
            raise AccessError(self.env._("A message on a consultation is posted as yourself."))
        extra = set(kwargs.get("partner_ids") or []) - set(self.sudo().message_partner_ids.ids)
        if extra and not officer:
            raise AccessError(
                self.env._(
                    "A consultation's messages go to its member and the officers who answer it."
                )
            )

    def message_post(self, **kwargs):
        self._party_check_may_post()
        self._party_check_post_values(kwargs)
        message = super().message_post(**kwargs)
        self._party_after_post(message)
        return message

    def _get_mail_message_access(self, res_ids, operation, model_name=None):
        """A message created directly (``mail.message.create`` over RPC) is checked like
        a post: read access for who may post, write access (which members and auditors
        lack) for anyone else."""
        mode = super()._get_mail_message_access(res_ids, operation, model_name=model_name)
        if operation == "create" and (model_name or self._name) == self._name:
            if not self.browse(list(res_ids))._party_may_post():
                return "write"
        return mode

    def _party_after_post(self, message):
        """A member's question waits for an answer (an activity for who answers); an
        officer's answer (a message, not a note) closes it."""
        message = message.sudo()
        if (
            message.message_type != "comment"
            or message.is_internal
            or message.subtype_id != self.env.ref("mail.mt_comment")
        ):
            return
        user = self.env.user
        for consultation in self.sudo():
            if consultation.member_id.user_id == user:
                consultation._party_action_write(
                    {"state": "waiting", "last_question_at": fields.Datetime.now()}
                )
                responsible = consultation._party_responsible()
                if responsible and not consultation.activity_ids:
                    consultation.with_context(lang=responsible.lang).activity_schedule(
                        "mail.mail_activity_data_todo",
                        user_id=responsible.id,
                        summary=consultation.with_context(lang=responsible.lang).env._(
                            "Answer the consultation of %(member)s",
                            member=consultation.member_id.name,
                        ),
                    )
            else:
                consultation._party_action_write({"state": "answered"})
                consultation.activity_ids.action_done()

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=None):
        """The member (a portal user) receives the answers, with a button to their
        consultation on the portal (Odoo leaves portal users out of a record that is
        not portal-enabled)."""
        groups = super()._notify_get_recipients_groups(
            message, model_description, msg_vals=msg_vals
        )
        for name, _check, data in groups:
            if name == "portal":
                data.update(
                    {
                        "active": True,
                        "has_button_access": True,
                        "button_access": {
                            "url": "/my/party/consultation",
                            "title": self.env._("Open the Consultation"),
                        },
                    }
                )
        return groups

    # ------------------------------------------------------------------ demo

    @api.model
    def _demo_consult(self, member_xmlid, officer_xmlid, messages):
        """Demo data: the member (as their user) and the officer (as theirs) take turns,
        the member first."""
        member = self.env.ref(member_xmlid)
        officer = self.env.ref(officer_xmlid)
        consultation = self.browse(self.with_user(member.user_id).ask(messages[0]))
        for index, text in enumerate(messages[1:]):
            if index % 2:
                self.with_user(member.user_id).ask(text)
            else:
                consultation.with_user(officer).message_post(
                    body=plaintext2html(text),
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                )
        return consultation.id
