from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


class PartyDuesPortal(CustomerPortal):
    """The member's own Party dues on the portal: months, payments, receipts (phone first)."""

    def _party_dues_members(self):
        """The logged-in user's memberships (record rules: a member sees only their own)."""
        Member = request.env["party.member"]
        if not request.env.user.has_group(
            "party_branch.group_party_member"
        ) or not Member.has_access("read"):
            return Member
        return Member.search([("user_id", "=", request.env.uid)])

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if not counters and request.env.user.has_group("party_branch.group_party_member"):
            # account shows its invoices tile even at 0: not to a member who has none.
            Move = request.env["account.move"]
            values["party_portal_hide_invoices"] = not (
                Move.has_access("read")
                and Move.search_count(self._get_invoices_domain("out"), limit=1)
            )
        if "party_dues_count" in counters or (
            not counters and request.env.user.has_group("party_branch.group_party_member")
        ):
            members = self._party_dues_members()
            Dues = request.env["party.dues"]
            values["party_dues_count"] = (
                Dues.search_count([("member_id", "in", members.ids)])
                if members and Dues.has_access("read")
                else 0
            )
        return values

    @http.route(["/my/dues", "/my/dues/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_dues(self, page=1, **kw):
        """The member's months and payments, newest first, a page of each at a time:
        page 2 holds the older months and the older payments."""
        members = self._party_dues_members()
        if not members:
            return request.redirect("/my")
        # Searched as the user: record rules keep other members' rows out.
        Dues = request.env["party.dues"]
        Payment = request.env["party.dues.payment"]
        domain = [("member_id", "in", members.ids)]
        pager = portal_pager(
            url="/my/dues",
            total=max(Dues.search_count(domain), Payment.search_count(domain)),
            page=page,
            step=self._items_per_page,
        )
        dues = Dues.search(
            domain,
            order="period desc, id desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        payments = Payment.search(
            domain,
            order="date desc, id desc",
            limit=self._items_per_page,
            offset=pager["offset"],
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_dues",
                "members": members,
                "dues": dues,
                "payments": payments,
                "pager": pager,
            }
        )
        return request.render("party_life.portal_my_dues", values)

    @http.route(["/my/dues/receipt/<int:payment_id>"], type="http", auth="user", website=True)
    def portal_my_dues_receipt(self, payment_id, **kw):
        members = self._party_dues_members()
        payment = request.env["party.dues.payment"]
        if members and payment.has_access("read"):
            # As the user: record rules and the member's own memberships both apply.
            payment = payment.search(
                [("id", "=", payment_id), ("member_id", "in", members.ids)], limit=1
            )
        if not payment:
            raise request.not_found()
        return self._show_report(
            model=payment,
            report_type="pdf",
            report_ref="party_life.action_report_dues_receipt",
            download=True,
        )
