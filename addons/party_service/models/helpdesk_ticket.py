"""Service requests (服务群众) on OCA ``helpdesk_mgmt``'s tickets.

What the Party adds to a ticket: the organisation whose area or unit it belongs
to (routed by ``party.service.route``, data), the member it is assigned to, the
deadline of its category (to the minute), the escalation to the secretary when
it is overdue, a person told of every public request (the secretary of its
organisation, or the company's Party office for a request no rule routes), and the
requester's rating (1–5 with a comment, once, after the resolution, only through
the requester's private link).
"""

import hashlib
import secrets
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.party_branch.tools.guard import action_scope, in_action_scope

# Spam protection of the public form: requests per source address and hour
RATE_LIMIT_PER_HOUR = 5
RATING_MIN = 1
RATING_MAX = 5
DEFAULT_DEADLINE_HOURS = 72
# the fields whose change hands a request on: routed elsewhere, given a member, closed
HANDLING_FIELDS = frozenset(
    {"party_organization_id", "party_member_id", "stage_id", "party_resolved_at"}
)


def source_hash(address):
    """The source address of a public request, kept only as a hash (personal data)."""
    return hashlib.sha256((address or "").encode()).hexdigest()


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    # the guard's template first (party_branch: party.guard.mixin), then helpdesk's own
    # create and write
    _inherit = ["party.guard.mixin", "helpdesk.ticket", "rating.mixin"]
    # a client's tracking_disable, mail_notrack … are turned off for untrusted callers, as on
    # Party records (party_branch: mail.thread, tools.guard.UNTRUSTED_CONTEXT_KEYS)
    _party_guard_context = True
    # the organisation of a request: one the caller manages, on create and write (the
    # record rules checked again after a move)
    _party_org_field = "party_organization_id"

    # fields only the actions below write (the requester's rating, the escalation,
    # the resolution); a client's write of them is refused
    _party_workflow_fields = (
        "party_rating",
        "party_rating_comment",
        "party_rated_at",
        "party_escalated_at",
        "party_resolved_at",
        "party_source_hash",
        "party_received_at",
        "party_follow_token",
        "party_unrouted",
        # helpdesk's closed date, set by helpdesk's own write when the stage moves to a
        # closed one: the overdue count and the score read it
        "closed_date",
    )
    _party_rpc_methods = {
        "action_party_assign_me": "_party_check_manage: officer of the request's organisation",
        "action_party_resolve": "the caller's own request: assigned member found by the "
        "caller's user, or officer of the request's organisation",
        "action_party_route": "_party_check_manage: officer of the request's organisation",
        "rating_apply": "refused: the requester rates through the private link only",
        "create": "helpdesk ACL and rules and the guard (tools.guard.PartyGuard): a Party "
        "organisation only one the caller manages, no workflow or computed field; "
        "assigning a member: officer of the request's organisation",
        "write": "helpdesk ACL and rules (re-checked after a move) and the guard: workflow "
        "and computed fields refused; assigning a member: officer of the request's "
        "organisation",
    }

    party_organization_id = fields.Many2one(
        "party.organization",
        string="Party Organisation",
        index=True,
        tracking=True,
        help="The organisation whose area or unit the request belongs to (routing rules).",
    )
    party_member_id = fields.Many2one(
        "party.member",
        string="Assigned Member",
        index=True,
        tracking=True,
        domain="[('organization_id', 'child_of', party_organization_id)]",
    )
    party_member_user_id = fields.Many2one(
        related="party_member_id.user_id", string="Assigned Member's Login"
    )
    party_community = fields.Char(string="Community", help="Residential community or area.")
    party_address = fields.Char(string="Address")
    party_phone = fields.Char(string="Contact Phone")
    party_received_at = fields.Datetime(
        string="Received At", default=fields.Datetime.now, readonly=True, copy=False
    )
    party_deadline = fields.Datetime(
        string="Deadline",
        compute="_compute_party_deadline",
        store=True,
        index=True,
        help="Received at plus the category's deadline (hours); overdue from the next minute.",
    )
    party_overdue = fields.Boolean(
        string="Overdue", compute="_compute_party_overdue", search="_search_party_overdue"
    )
    party_escalated_at = fields.Datetime(string="Escalated At", readonly=True, copy=False)
    party_resolved_at = fields.Datetime(string="Resolved At", readonly=True, copy=False, index=True)
    party_rating = fields.Integer(string="Requester's Rating", readonly=True, copy=False)
    party_rating_comment = fields.Text(string="Rating Comment", readonly=True, copy=False)
    party_rated_at = fields.Datetime(string="Rated At", readonly=True, copy=False)
    party_source_hash = fields.Char(readonly=True, copy=False, groups="base.group_system")
    # the requester's private follow-up and rating link: readable by no user (not the
    # portal access token, which officers, helpdesk users and the member may read)
    party_follow_token = fields.Char(readonly=True, copy=False, groups="base.group_system")
    party_unrouted = fields.Boolean(
        string="Awaiting Routing",
        readonly=True,
        copy=False,
        index=True,
        help="A public request no routing rule sends anywhere: it waits in the company's "
        "top organisation, with an activity for the Party office and a finding, until "
        "someone routes it, assigns a member or closes it.",
    )
    party_state = fields.Selection(
        [
            ("new", "New"),
            ("assigned", "Assigned"),
            ("resolved", "Resolved"),
            ("rated", "Rated"),
            ("closed", "Closed"),
        ],
        string="Service State",
        compute="_compute_party_state",
        store=True,
    )

    @api.depends(
        "party_received_at", "category_id", "category_id.party_deadline_hours",
        "party_organization_id",
    )  # fmt: skip
    def _compute_party_deadline(self):
        """Received at plus the category's hours; a request without category has the
        default deadline (clearing the category erases no deadline)."""
        for ticket in self:
            hours = (
                ticket.category_id.party_deadline_hours
                if ticket.category_id
                else DEFAULT_DEADLINE_HOURS
            )
            ticket.party_deadline = (
                ticket.party_received_at + timedelta(hours=hours)
                if ticket.party_organization_id and ticket.party_received_at and hours
                else False
            )

    @api.depends("party_deadline", "party_resolved_at", "stage_id.closed")
    def _compute_party_overdue(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.party_overdue = ticket._party_is_overdue(now)

    def _party_is_overdue(self, now):
        """Past the deadline (strictly: the deadline minute itself is in time), not
        resolved in time."""
        if not self.party_deadline:
            return False
        done = self.party_resolved_at or (self.stage_id.closed and self.closed_date)
        return (done or now) > self.party_deadline

    def _search_party_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search overdue requests with = or !="))
        domain = [
            ("party_deadline", "!=", False),
            ("party_deadline", "<", fields.Datetime.now()),
            ("stage_id.closed", "=", False),
        ]
        positive = (operator == "=") == value
        return domain if positive else ["!", "&", "&", *domain]

    @api.depends("party_member_id", "party_resolved_at", "party_rated_at", "stage_id.closed")
    def _compute_party_state(self):
        for ticket in self:
            if ticket.party_rated_at:
                ticket.party_state = "rated"
            elif ticket.party_resolved_at:
                ticket.party_state = "resolved"
            elif ticket.stage_id.closed:
                ticket.party_state = "closed"
            elif ticket.party_member_id:
                ticket.party_state = "assigned"
            else:
                ticket.party_state = "new"

    @api.constrains("party_rating")
    def _check_party_rating(self):
        for ticket in self:
            if ticket.party_rating and not RATING_MIN <= ticket.party_rating <= RATING_MAX:
                raise ValidationError(ticket._party_rating_range_message())

    def _party_rating_range_message(self):
        return self.env._(
            "A rating is a whole number from %(min)s to %(max)s.", min=RATING_MIN, max=RATING_MAX
        )

    @api.constrains("party_member_id", "party_organization_id")
    def _check_party_member_in_organization(self):
        for ticket in self.sudo():
            member, org = ticket.party_member_id, ticket.party_organization_id
            if (
                member
                and org
                and not member.organization_id.parent_path.startswith(org.parent_path)
            ):
                raise ValidationError(
                    self.env._(
                        "Request %(request)s: assign it to a member of its organisation or of "
                        "an organisation below it.",
                        request=ticket.number,
                    )
                )

    # ------------------------------------------------------------------ hooks
    # the guard (party.guard.mixin) has checked the values, the organisation and the
    # workflow and computed fields first

    def _party_prepare_create(self, vals_list):
        vals_list = super()._party_prepare_create(vals_list)
        self._party_route_values(vals_list)
        return vals_list

    def _party_after_create(self, vals_list):
        if not self._party_trusted():
            assigned = self.filtered("party_member_id")
            if assigned:
                # assigning is an officer's act on the requests of the organisations
                # they manage, at creation as at a write
                assigned._party_check_assign()
        return super()._party_after_create(vals_list)

    def _party_check_assign(self):
        """An officer of the request's organisation and of the assigned member's one."""
        self._party_check_manage()
        members = self.sudo().mapped("party_member_id")
        if members:
            self._party_check_organizations(members.mapped("organization_id"))

    def _party_check_member_kept(self, vals):
        """A request resolved or closed keeps its assigned member: it counts for them (points,
        service assessment), so no officer takes it over or clears it afterwards, in an
        action (``action_party_assign_me``) or a write. Superuser mode (a routing run) only."""
        if self.env.su:
            return
        member_id = vals["party_member_id"] or False
        kept = self.sudo().filtered(
            lambda t: (
                (t.party_resolved_at or t.stage_id.closed) and t.party_member_id.id != member_id
            )
        )
        if kept:
            raise UserError(
                self.env._(
                    "Request %(requests)s is resolved or closed: it keeps the member it was "
                    "assigned to (it counts for them), so it is not assigned again.",
                    requests=", ".join(kept.mapped("number")),
                )
            )

    def _party_validate_write(self, vals):
        if "party_member_id" in vals:
            self._party_check_member_kept(vals)
        if "party_member_id" in vals and not self._party_trusted():
            # assigning is an officer's act on the requests of the organisations they manage
            self._party_check_manage()
            member = self.env["party.member"].sudo().browse(vals["party_member_id"] or [])
            if member:
                self._party_check_organizations(member.exists().organization_id)
        return super()._party_validate_write(vals)

    def _party_before_write(self, vals):
        before = super()._party_before_write(vals)
        # a request routed, given a member or closed is handed on: the activities that
        # asked someone to route or assign it are done (not for the write that puts a
        # public request in its waiting organisation)
        if "party_unrouted" not in vals and not HANDLING_FIELDS.isdisjoint(vals):
            waiting = self.sudo().filtered("party_unrouted")
            before["handling"] = (
                self._party_pending_activities(),
                waiting,
                waiting.party_organization_id,
            )
        return before

    def _party_after_write(self, vals, before):
        stage = self.env["helpdesk.ticket.stage"].browse(vals.get("stage_id") or [])
        if stage and stage.closed and not self._party_trusted():
            # an officer of the request's organisation closing it resolves it (the
            # officer's act); a stage written by anyone else (a helpdesk user, a route
            # that writes as superuser) closes it for the helpdesk and resolves nothing
            managed = self.env["party.organization"]._party_managed(self._party_organizations())
            resolved = self.sudo().filtered(
                lambda t: (
                    t.party_organization_id in managed
                    and not t.party_resolved_at
                    and t.party_member_id
                    and not t._party_cancelled()
                )
            )
            if resolved:
                resolved._party_action_write({"party_resolved_at": fields.Datetime.now()})
        if handling := before.get("handling"):
            pending, waiting, waiting_orgs = handling
            if pending or waiting:
                self._party_handed_on(vals, pending, waiting, waiting_orgs)
        return super()._party_after_write(vals, before)

    def _party_cancelled(self):
        cancelled = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled", False)
        rejected = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_rejected", False)
        return self.stage_id in (cancelled | rejected) if (cancelled or rejected) else False

    # ------------------------------------------------------------------ routing

    @api.model
    def _party_route_values(self, vals_list):
        """Fill ``party_organization_id`` from the routing rules where it is missing."""
        todo = [v for v in vals_list if not v.get("party_organization_id")]
        if not todo:
            return
        # the request's company: the one given, its team's, or the current one (the
        # website's for the public form); only that company's rules route it
        teams = (
            self.env["helpdesk.ticket.team"]
            .sudo()
            .browse(
                {v["team_id"] for v in todo if v.get("team_id") and isinstance(v["team_id"], int)}
            )
        )
        team_company = {team.id: team.company_id for team in teams.exists()}
        Company = self.env["res.company"]
        companies = {
            id(vals): (
                Company.browse(vals["company_id"])
                if isinstance(vals.get("company_id"), int) and vals["company_id"]
                else team_company.get(vals.get("team_id")) or self.env.company
            )
            for vals in todo
        }
        routes = self.env["party.service.route"]._party_routes(Company.union(*companies.values()))
        if not routes:
            return
        partners = (
            self.env["res.partner"]
            .sudo()
            .browse({v["partner_id"] for v in todo if v.get("partner_id")})
        )
        units = {p.id: p.commercial_partner_id for p in partners}
        for vals in todo:
            unit = units.get(vals.get("partner_id"), self.env["res.partner"])
            company = companies[id(vals)]
            route = routes.filtered(lambda r, c=company: r.company_id == c)._match(
                vals.get("category_id"),
                unit,
                " ".join(filter(None, [vals.get("party_community"), vals.get("party_address")])),
            )
            if route:
                vals["party_organization_id"] = route.organization_id.id

    def action_party_route(self):
        """Route the requests again by the rules (after a change of category or address):
        the new organisations checked once, one write per organisation."""
        self._party_check_manage()
        tickets = self.sudo()
        routes = self.env["party.service.route"]._party_routes(tickets.company_id)
        moves = defaultdict(lambda: self.sudo().browse())
        for ticket in tickets:
            # the rules of the request's own company only
            route = routes.filtered(lambda r, c=ticket.company_id: r.company_id == c)._match(
                ticket.category_id.id,
                ticket.partner_id.commercial_partner_id,
                " ".join(filter(None, [ticket.party_community, ticket.party_address])),
            )
            if route and route.organization_id != ticket.party_organization_id:
                moves[route.organization_id] |= ticket
        if moves:
            moved = self.sudo().browse().union(*moves.values())
            kept = moved.filtered(lambda t: t.party_resolved_at or t.stage_id.closed)
            if kept:
                # routing clears the member a resolved request counts for
                raise UserError(
                    self.env._(
                        "Request %(requests)s is resolved or closed: it stays with its "
                        "organisation and its member, it is not routed again.",
                        requests=", ".join(kept.mapped("number")),
                    )
                )
            Org = self.env["party.organization"]
            self._party_check_manage_target(Org.union(*moves))
        for org, tickets in moves.items():
            tickets.write({"party_organization_id": org.id, "party_member_id": False})
        return True

    def _party_check_manage_target(self, org):
        self.env["party.organization"]._party_check_organizations(org)

    # ------------------------------------------------------------------ actions

    def action_party_assign_me(self):
        """The officer takes the request as the assigned member (their own membership)."""
        self._party_check_manage()
        member = (
            self.env["party.member"]
            .sudo()
            .search([("user_id", "=", self.env.uid), ("status", "=", "active")], limit=1)
        )
        if not member:
            raise UserError(self.env._("You are not a Party member: assign the request to one."))
        with action_scope():
            self.write({"party_member_id": member.id})
        return True

    def action_party_resolve(self):
        """The assigned member (or an officer of the organisation) marks the request
        resolved: it moves to the Done stage and the requester may rate it."""
        mine = self.sudo().filtered(lambda t: t.party_member_id.user_id == self.env.user)
        others = self - mine.with_env(self.env)
        if others:
            others._party_check_manage()
        if not self.env.su:
            self.check_access("read")
        unassigned = self.sudo().filtered(lambda t: not t.party_member_id)
        if unassigned:
            raise UserError(
                self.env._("Assign the request to a member before marking it resolved.")
            )
        closed = self.sudo().filtered(lambda t: not t.party_resolved_at and t.stage_id.closed)
        if closed:
            # a request the officer cancelled (or closed) is not resolved afterwards: it
            # would count for the member and could be rated
            raise UserError(
                self.env._(
                    "Request %(requests)s is closed or cancelled: a closed request is not "
                    "marked resolved.",
                    requests=", ".join(closed.mapped("number")),
                )
            )
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        now = fields.Datetime.now()
        todo = self.sudo().filtered(lambda t: not t.party_resolved_at)
        with action_scope():
            todo.write({"stage_id": done.id, "party_resolved_at": now})
        return True

    def rating_apply(self, rate, token=None, rating=None, feedback=None,
                     subtype_xmlid=None, notify_delay_send=False):  # fmt: skip
        """Odoo's rating link is not used for service requests: the requester rates
        through the private follow-up link (once, 1–5, after the resolution)."""
        if not in_action_scope():
            raise AccessError(
                self.env._("Service requests are rated by the requester through their link.")
            )
        return super().rating_apply(
            rate,
            token=token,
            rating=rating,
            feedback=feedback,
            subtype_xmlid=subtype_xmlid,
            notify_delay_send=notify_delay_send,
        )

    def _party_close_from_portal(self, stage_id):
        """helpdesk_mgmt's portal closing (``/ticket/close``): by the ticket's requester
        (their contact or company) or a helpdesk manager, to a stage the ticket's team
        offers for closing from the portal; never a Party service request (the assigned
        member or an officer resolves it through its action, the requester rates it)."""
        if len(self) != 1:
            raise AccessError(self.env._("This ticket is not yours to close."))
        self.check_access("read")
        ticket = self.sudo()
        if ticket.party_organization_id:
            raise UserError(
                self.env._(
                    "A Party service request is not closed here: the member assigned to it "
                    "marks it resolved."
                )
            )
        if ticket.closed_date:
            raise UserError(self.env._("This ticket is closed already."))
        user = self.env.user
        requester = ticket.partner_id.commercial_partner_id
        if not (
            (requester and requester == user.partner_id.commercial_partner_id)
            or user.has_group("helpdesk_mgmt.group_helpdesk_manager")
        ):
            raise AccessError(self.env._("This ticket is not yours to close."))
        stage = self.env["helpdesk.ticket.stage"].sudo().browse(stage_id).exists()
        if (
            not stage
            or not stage.close_from_portal
            or stage not in ticket.team_id._get_applicable_stages()
        ):
            raise UserError(self.env._("This ticket is not closed to that stage from the portal."))
        ticket.stage_id = stage
        return True

    def _party_rate(self, score, comment):
        """The requester's rating, called by the follow-up page once the token matched.

        Refused with a clear message, nothing written: a rating outside 1–5, a rating
        by the assigned member, a second rating, a rating before the resolution.
        """
        self.ensure_one()
        ticket = self.sudo()
        if isinstance(score, str):
            score = int(score) if score.strip().isdigit() else 0
        if (
            not isinstance(score, int)
            or isinstance(score, bool)
            or not (RATING_MIN <= score <= RATING_MAX)
        ):
            raise ValidationError(self._party_rating_range_message())
        member_user = ticket.party_member_id.user_id
        if member_user and member_user == self.env.user:
            # the assigned member does not rate their own work, even holding the link
            raise UserError(self.env._("The member assigned to a request does not rate it."))
        if ticket.party_rated_at:
            raise UserError(
                self.env._("This request has been rated already: a rating is given once.")
            )
        if not ticket.party_resolved_at:
            raise UserError(self.env._("A request is rated after it has been resolved."))
        comment = (comment or "").strip()[:2000]
        with action_scope():
            ticket.write(
                {
                    "party_rating": score,
                    "party_rating_comment": comment,
                    "party_rated_at": fields.Datetime.now(),
                }
            )
            # Odoo's rating record, for the statistics of the rating mixin
            self.env["rating.rating"].sudo().create(
                {
                    "res_model_id": self.env["ir.model"]._get_id("helpdesk.ticket"),
                    "res_id": ticket.id,
                    "rating": float(score),
                    "feedback": comment,
                    "consumed": True,
                    "partner_id": ticket.partner_id.id,
                    "rated_partner_id": ticket.party_member_id.partner_id.id,
                }
            )
        return True

    # ------------------------------------------------------------------ public form

    @api.model
    def _party_rate_limited(self, address, now=None):
        """True when ``address`` has filed RATE_LIMIT_PER_HOUR requests in the last hour."""
        now = now or fields.Datetime.now()
        digest = source_hash(address)
        # one request of an address at a time counts and creates (held until commit)
        self.env.cr.execute("SELECT pg_advisory_xact_lock(%s)", [int(digest[:15], 16)])
        count = (
            self.sudo()
            .with_context(active_test=False)
            .search_count(
                [
                    ("party_source_hash", "=", digest),
                    ("create_date", ">", now - timedelta(hours=1)),
                ]
            )
        )
        return count >= RATE_LIMIT_PER_HOUR

    @api.model
    def _party_public_create(self, values, address):
        """A request from the public form (no account), after the honeypot and the rate
        limit: routed, acknowledged by e-mail with the private follow-up link."""
        web = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web", False)
        vals = {
            "name": values["name"],
            "description": values["description"],
            "category_id": values.get("category_id") or False,
            "partner_name": values.get("partner_name"),
            "partner_email": values.get("partner_email"),
            "party_phone": values.get("party_phone"),
            "party_address": values.get("party_address"),
            "party_community": values.get("party_community"),
            "channel_id": web.id if web else False,
            "user_id": False,  # not the public user: the officer assigns a member
        }
        with action_scope():
            ticket = self.sudo().create(vals)
            ticket.write(
                {
                    "party_source_hash": source_hash(address),
                    "party_follow_token": secrets.token_urlsafe(32),
                }
            )
        for photo in values.get("photos") or []:
            self.env["ir.attachment"].sudo().create(
                {
                    "name": photo["name"],
                    "raw": photo["data"],
                    "res_model": "helpdesk.ticket",
                    "res_id": ticket.id,
                    "mimetype": photo["mimetype"],  # read from the bytes
                }
            )
        ticket._party_dispatch_public()
        ticket._party_send_acknowledgement()
        return ticket

    def _party_follow_url(self):
        self.ensure_one()
        ticket = self.sudo()
        if not ticket.party_follow_token:
            with action_scope():
                ticket.write({"party_follow_token": secrets.token_urlsafe(32)})
        return f"/service/request/{self.id}/{ticket.party_follow_token}"

    def _party_send_acknowledgement(self):
        """The acknowledgement mail, with the requester's private link: a mail of the
        queue that belongs to no record (no message in the request's history, which
        officers and the assigned member read); only system administrators read the
        queue, and it is deleted once sent."""
        template = self.env.ref("party_service.mail_template_service_request_received", False)
        if not template:
            return
        for ticket in self.sudo().filtered("partner_email"):
            template.sudo().send_mail(
                ticket.id,
                force_send=False,
                email_values={
                    "model": False,
                    "res_id": False,
                    "record_name": False,
                    "author_id": False,
                    "auto_delete": True,
                },
            )

    # ------------------------------------------------------------------ someone is told

    @api.model
    def _party_fallback_organizations(self, companies):
        """{company id: organisation}: where a public request no routing rule sends
        anywhere waits to be routed, the company's top organisation (the first one
        without a parent); the company's Party administrators and that organisation's
        officers read it."""
        orgs = (
            self.env["party.organization"]
            .sudo()
            .search([("parent_id", "=", False), ("company_id", "in", companies.ids)], order="id")
        )
        fallback = {}
        for org in orgs:
            fallback.setdefault(org.company_id.id, org)
        return fallback

    def _party_dispatch_public(self):
        """A public request reaches a person. Routed, the secretary of its organisation
        is asked to assign it; routed nowhere (no rule matches its category, unit or
        community), it waits in the company's top organisation, the company's Party
        office is asked to route it, and that organisation has a finding until then."""
        tickets = self.sudo()
        unrouted = tickets.filtered(lambda t: not t.party_organization_id)
        if unrouted:
            fallback = self._party_fallback_organizations(unrouted.company_id)
            by_org = defaultdict(tickets.browse)
            for ticket in unrouted:
                if org := fallback.get(ticket.company_id.id):
                    by_org[org] |= ticket
            with action_scope():
                for org, waiting in by_org.items():
                    waiting.write({"party_organization_id": org.id, "party_unrouted": True})
        tickets._party_schedule_handling()
        waiting = tickets.filtered("party_unrouted")
        if waiting:
            self.env["party.compliance"]._party_recheck_unrouted(waiting.party_organization_id)

    @api.model
    def _party_handling_types(self):
        return self.env.ref("party_service.mail_activity_type_service_route") | self.env.ref(
            "party_service.mail_activity_type_service_assign"
        )

    def _party_pending_activities(self):
        """The open activities asking someone to route or assign these requests."""
        if not self.ids:
            return self.env["mail.activity"]
        return (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "in", self._party_handling_types().ids),
                ]
            )
        )

    def _party_schedule_handling(self):
        """One activity per open request without a member, for whoever hands it on:
        the first of the company's Party office routes a request awaiting routing;
        the secretary of the request's organisation (the nearest up the tree, else the
        Party office) assigns a member to the others. In the user's language."""
        tickets = self.sudo().filtered(
            lambda t: t.party_organization_id and not t.party_member_id and not t.stage_id.closed
        )
        if not tickets:
            return
        office = tickets.company_id._party_office_users()
        routed = tickets.filtered(lambda t: not t.party_unrouted)
        secretaries = self.env["party.finding"]._responsible_users(routed.party_organization_id)
        route_type = self.env.ref("party_service.mail_activity_type_service_route")
        assign_type = self.env.ref("party_service.mail_activity_type_service_assign")
        model_id = self.env["ir.model"]._get_id(self._name)
        values = []
        for ticket in tickets:
            if ticket.party_unrouted:
                user = office.get(ticket.company_id.id, self.env["res.users"])[:1]
            else:
                user = secretaries.get(ticket.party_organization_id.id)
            if not user:
                continue
            env = self.with_context(lang=user.lang or "en_US", tz=user.tz or None).env
            values.append(
                {
                    "res_model_id": model_id,
                    "res_id": ticket.id,
                    "activity_type_id": (route_type if ticket.party_unrouted else assign_type).id,
                    "user_id": user.id,
                    "date_deadline": fields.Date.context_today(ticket.with_env(env)),
                    "summary": env._("Route this request")
                    if ticket.party_unrouted
                    else env._("Assign this request to a member"),
                }
            )
        if values:
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
                values
            )

    def _party_handed_on(self, vals, pending, waiting, waiting_orgs):
        """After a write of ``HANDLING_FIELDS``: the requests given a member, resolved or
        closed are handled, those moved to another organisation are routed; both leave
        the routing wait and their pending activities are done; a moved request's new
        organisation is asked to assign it. The finding of the waiting organisations is
        re-checked."""
        tickets = self.sudo()
        handled = tickets.filtered(
            lambda t: t.party_member_id or t.party_resolved_at or t.stage_id.closed
        )
        moved = tickets - handled if "party_organization_id" in vals else tickets.browse()
        settled = handled | moved
        done = pending.filtered(lambda a: a.res_id in settled.ids)
        if done:
            done.action_feedback(feedback=self.env._("The request has been handed on."))
        cleared = waiting & settled
        if cleared:
            with action_scope():
                cleared.write({"party_unrouted": False})
        told = moved.filtered(lambda t: t in waiting or t.id in pending.mapped("res_id"))
        told._party_schedule_handling()
        if cleared:
            self.env["party.compliance"]._party_recheck_unrouted(waiting_orgs)

    # ------------------------------------------------------------------ escalation

    @api.model
    def _cron_escalate_overdue(self):
        """Escalate every overdue request not escalated yet to the secretary of its
        organisation (the nearest one up the tree) as an activity. Set-based: one
        search of the requests, one of the secretaries, one create of activities."""
        now = fields.Datetime.now()
        tickets = self.sudo().search(
            [
                ("party_organization_id", "!=", False),
                ("party_escalated_at", "=", False),
                ("party_deadline", "<", now),
                ("stage_id.closed", "=", False),
            ]
        )
        return tickets._party_escalate(now)

    def _party_escalate(self, now):
        tickets = self.sudo()
        if not tickets:
            return tickets
        orgs = tickets.mapped("party_organization_id")
        ancestor_ids = {int(i) for p in orgs.mapped("parent_path") for i in p.split("/") if i}
        positions = (
            self.env["party.position"]
            .sudo()
            .search(
                [
                    ("organization_id", "in", list(ancestor_ids)),
                    ("position_type_id.code", "=", "secretary"),
                    ("member_id.user_id", "!=", False),
                ]
                + self.env["party.position"]._current_domain(now.date())
            )
        )
        secretary = {p.organization_id.id: p.member_id.user_id for p in positions}
        activity_type = self.env.ref("party_service.mail_activity_type_service_overdue")
        model_id = self.env["ir.model"]._get_id("helpdesk.ticket")
        activities = []
        escalated = self.browse()
        for ticket in tickets:
            path = [int(i) for i in ticket.party_organization_id.parent_path.split("/") if i]
            user = next((secretary[o] for o in reversed(path) if o in secretary), None)
            if not user:
                continue
            escalated |= ticket
            activities.append(
                {
                    "res_model_id": model_id,
                    "res_id": ticket.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "date_deadline": now.date(),
                    "summary": self.env._(
                        "Overdue service request %(request)s (deadline %(deadline)s)",
                        request=ticket.number,
                        deadline=fields.Datetime.to_string(ticket.party_deadline)[:16],
                    ),
                }
            )
        if activities:
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
                activities
            )
            with action_scope():
                escalated.write({"party_escalated_at": now})
        return escalated
