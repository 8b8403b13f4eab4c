from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class PartyPortal(CustomerPortal):
    """The member's own Party membership on the portal (phone first)."""

    def _party_memberships(self):
        # Record rules limit a Party member to their own membership.
        if not request.env.user.has_group("party_branch.group_party_member"):
            return request.env["party.member"]
        return request.env["party.member"].search([("user_id", "=", request.env.uid)])

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters:
            # /my itself (its counters route always asks for some): the Party section is
            # rendered for Party members, with each tile's count or its empty state.
            values["party_portal_member"] = bool(self._party_memberships())
        if "party_member_count" in counters:
            values["party_member_count"] = len(self._party_memberships())
        return values

    def details_form_validate(self, data, partner_creation=False):
        """/my/account: a member's name is their entry in the Party register, kept by
        the organisation (res.partner._party_check_own_name refuses the write; this
        says so on the form instead of an error page)."""
        error, error_message = super().details_form_validate(data, partner_creation)
        partner = request.env.user.partner_id
        if (
            not partner_creation
            and data.get("name")
            and data["name"] != partner.name
            and not request.env.user.has_group("party_branch.group_party_officer")
            and self._party_memberships().filtered(lambda m: m.status in ("active", "lost_contact"))
        ):
            error["name"] = "error"
            error_message.append(
                request.env._(
                    "Your name in the Party register is kept by your organisation: ask your "
                    "branch's secretary to correct it."
                )
            )
        return error, error_message

    # ------------------------------------------------------------ the member's home

    def _party_home_member(self):
        """The membership the home is about: the caller's own, one in the register
        (active or lost contact) before one that has left."""
        members = self._party_memberships()
        current = members.filtered(lambda m: m.status in ("active", "lost_contact"))
        return (current or members)[:1]

    def _party_home_blocks(self, member):
        """The blocks of the member's home (``/my/party``): a list of dicts, each

        - ``name``: its CSS class is ``o_party_home_<name>``;
        - ``sequence``: its place on the page (10 the next meeting … 90 the
          organisation);
        - ``template``: the QWeb template that renders it, called with ``block``
          (it calls ``party_branch.portal_home_block`` with its title and the text
          of its empty state);
        - ``url``: the page the block opens;
        - ``empty``: nothing to show yet (the block says what will appear there);
        - the values its template reads.

        The extension point of the home: each addon adds its own blocks in a
        controller inheriting this class, extending this method with ``super()``,
        so an installation shows the blocks of its addons only. ``member`` is the
        caller's own membership (``_party_home_member``); a block reads as the caller
        (record rules), or with ``sudo()`` on a domain built from the caller's user or
        from ``member``, never from anything the request sent. A block runs a fixed
        number of queries, whatever the number of the member's records (a count,
        a sum, the first few with a limit)."""
        env = request.env
        receipts = env["party.notice.receipt"]
        unread_domain = [
            ("member_id", "=", member.id),
            ("notice_id.state", "=", "published"),
            ("first_opened", "=", False),
        ]
        # the newest first (a notice's receipts are made when it is published)
        unread = receipts.search(unread_domain, order="id desc", limit=3)
        # the caller's own membership (found as the caller): its organisation and the
        # secretary in office, read with sudo()
        organization = member.sudo().organization_id
        Position = env["party.position"].sudo()
        secretary = Position.search_fetch(
            [
                ("organization_id", "=", organization.id),
                ("position_type_id.code", "=", "secretary"),
                *Position._current_domain(),
            ],
            ["member_id"],
            limit=1,
        ).member_id
        return [
            {
                "name": "notices",
                "sequence": 20,
                "template": "party_branch.portal_home_notices",
                "url": "/my/notices",
                "empty": not unread,
                "badge": receipts.search_count(unread_domain),
                "notices": unread.notice_id,
            },
            {
                "name": "organization",
                "sequence": 90,
                "template": "party_branch.portal_home_organization",
                "url": "/my/party/membership",
                "empty": not organization,
                "organization": organization,
                "group": member.sudo().group_id,
                "secretary": secretary,
            },
        ]

    @http.route(["/my/party"], type="http", auth="user", website=True)
    def portal_my_party(self, **kw):
        """The member's home, on a phone first: one block per part of the member's
        Party life, each opening its page. A user who is no member reads why."""
        member = self._party_home_member()
        blocks = self._party_home_blocks(member) if member else []
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_home",
                "member": member,
                "blocks": sorted(blocks, key=lambda block: block["sequence"]),
            }
        )
        return request.render("party_branch.portal_my_party_home", values)

    @http.route(["/my/party/membership"], type="http", auth="user", website=True)
    def portal_my_party_membership(self, **kw):
        members = self._party_memberships()
        if not members:
            return request.redirect("/my/party")
        values = self._prepare_portal_layout_values()
        # searched as the caller: the record rules give a member their own honours,
        # disciplines and registrations away (and the honours of their organisations)
        env = request.env
        honours = env["party.honour"].search(
            ["|", ("member_id", "in", members.ids),
             ("honoured_organization_id", "in", members.sudo().organization_id.ids)]
        )  # fmt: skip
        values.update(
            {
                "page_name": "party_membership",
                "members": members,
                "honours": honours,
                "disciplines": env["party.discipline"].search([("member_id", "in", members.ids)]),
                "aways": env["party.member.away"].search([("member_id", "in", members.ids)]),
            }
        )
        return request.render("party_branch.portal_my_party", values)
