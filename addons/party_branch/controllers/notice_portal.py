from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal_base import PartyPortalBase


class PartyNoticePortal(PartyPortalBase, CustomerPortal):
    """The notices addressed to the member (/my/notices), unread first.

    Everything the member reads goes through the ORM as the member: the record rules
    show a Party member only the published notices they have a receipt of, so another
    member's notice is the same 404 as one that does not exist."""

    def _party_my_notices(self):
        if not request.env.user.has_group("party_branch.group_party_member"):
            return request.env["party.notice"]
        return request.env["party.notice"].search(
            [("state", "=", "published"), ("addressed_to_me", "=", True)]
        )

    def _party_unread_notice_count(self):
        if not request.env.user.has_group("party_branch.group_party_member"):
            return 0
        return request.env["party.notice.receipt"].search_count(
            [
                ("member_id.user_id", "=", request.env.uid),
                ("notice_id.state", "=", "published"),
                ("first_opened", "=", False),
            ]
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters or "party_notice_count" in counters:
            values["party_notice_count"] = self._party_unread_notice_count()
        return values

    @http.route(["/my/notices"], type="http", auth="user", website=True)
    def portal_my_notices(self, **kw):
        notices = self._party_my_notices()
        receipts = notices._my_receipts()
        opened = {r.notice_id.id: r for r in receipts}
        # unread first, then the newest
        notices = notices.sorted(
            lambda n: (bool(opened.get(n.id) and opened[n.id].first_opened), -n.id)
        )
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "party_notices", "notices": notices, "receipts": opened})
        return request.render("party_branch.portal_my_notices", values)

    def _party_notice_or_404(self, notice_id):
        notice = request.env["party.notice"].browse(notice_id).exists()
        try:
            notice.check_access("read")
        except AccessError:
            raise NotFound() from None
        if not notice or not notice._my_receipts():
            raise NotFound()
        return notice

    @http.route(["/my/notices/<int:notice_id>"], type="http", auth="user", website=True)
    def portal_my_notice(self, notice_id, **kw):
        notice = self._party_notice_or_404(notice_id)
        notice.action_mark_opened()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_notice",
                "notice": notice,
                "receipt": notice._my_receipts()[:1],
            }
        )
        return request.render("party_branch.portal_my_notice", values)

    @http.route(
        ["/my/notices/<int:notice_id>/acknowledge"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_acknowledge_notice(self, notice_id, **kw):
        notice = self._party_notice_or_404(notice_id)
        return self._party_act(
            f"/my/notices/{notice.id}",
            notice.action_acknowledge,
            request.env._("Your acknowledgement is recorded."),
            css="o_party_notice_acknowledged_flash",
            not_found=True,
        )

    @http.route(
        ["/my/notices/<int:notice_id>/attachments/<int:attachment_id>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_notice_attachment(self, notice_id, attachment_id, **kw):
        notice = self._party_notice_or_404(notice_id)
        attachment = notice.sudo().attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise NotFound()
        return (
            request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)
        )
