from odoo import Command, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import format_amount

from odoo.addons.party_branch.controllers.portal_base import PartyPortalBase, party_error_text
from odoo.addons.payment import utils as payment_utils
from odoo.addons.payment.controllers.portal import PaymentPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

DUES_URL = "/my/dues"


class PartyDuesPortal(PartyPortalBase, PaymentPortal):
    """The member's own Party dues on the portal: months, payments, receipts (phone first),
    and paying the months owed online through Odoo's payment framework.

    The months to pay are the caller's own, still owed, and the amount is the server's
    (``party.dues._party_online_selection``): the page of the payment form and the
    transaction route both ask it again, whatever the browser sends."""

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
                "party_dues_online": self._party_dues_online(members),
            }
        )
        return request.render("party_life.portal_my_dues", values)

    # ------------------------------------------------------------------ online payment

    @staticmethod
    def _party_dues_online(members):
        """Whether the members' company takes dues online: a provider enabled (or in test
        mode) and published for the portal."""
        companies = members.sudo().company_id
        if not companies:
            return False
        return bool(
            request.env["payment.provider"]
            .sudo()
            .search_count(
                [
                    ("company_id", "in", companies.ids),
                    ("state", "in", ("enabled", "test")),
                    ("is_published", "=", True),
                ],
                limit=1,
            )
        )

    @staticmethod
    def _party_dues_ids(values):
        """Ids of months from what the browser sent (ints; anything else is dropped)."""
        ids = []
        for value in values:
            try:
                ids.append(int(value))
            except (TypeError, ValueError):
                continue
        return ids

    @http.route(["/my/dues/pay"], type="http", auth="user", methods=["GET"], website=True)
    def portal_my_dues_pay(self, **kw):
        """The payment form for the months picked on /my/dues (``dues``, repeated)."""
        ids = self._party_dues_ids(request.httprequest.args.getlist("dues"))
        try:
            rows, amount = request.env["party.dues"]._party_online_selection(ids)
        except (AccessError, UserError) as error:
            return self._party_refuse(DUES_URL, party_error_text(error))
        company = rows.company_id
        currency = company.currency_id
        partner = request.env.user.partner_id
        providers_sudo = (
            request.env["payment.provider"]
            .sudo()
            ._get_compatible_providers(company.id, partner.id, amount, currency_id=currency.id)
        )
        methods_sudo = (
            request.env["payment.method"]
            .sudo()
            ._get_compatible_payment_methods(
                providers_sudo.ids, partner.id, currency_id=currency.id
            )
        )
        if not methods_sudo:
            return self._party_refuse(
                DUES_URL,
                request.env._(
                    "Dues are not paid online here yet: pay them to your branch's treasurer."
                ),
            )
        tokens_sudo = (
            request.env["payment.token"]
            .sudo()
            ._get_available_tokens(providers_sudo.ids, partner.id)
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_dues_pay",
                "dues": rows,
                "member": rows.member_id,
                # the payment form (payment.form)
                "amount": amount,
                "currency": currency,
                "partner_id": partner.id,
                "providers_sudo": providers_sudo,
                "payment_methods_sudo": methods_sudo,
                "tokens_sudo": tokens_sudo,
                "show_tokenize_input_mapping": self._compute_show_tokenize_input_mapping(
                    providers_sudo
                ),
                "transaction_route": f"/my/dues/transaction/{'-'.join(map(str, rows.ids))}",
                "landing_route": DUES_URL,
                "access_token": payment_utils.generate_access_token(
                    partner.id, amount, currency.id
                ),
                "res_company": company,
            }
        )
        return request.render("party_life.portal_my_dues_pay", values)

    @http.route(
        ["/my/dues/transaction/<string:selection>"], type="json", auth="user", methods=["POST"]
    )
    def portal_my_dues_transaction(self, selection, access_token=None, amount=None, **kwargs):
        """Create the draft transaction of the months ``selection`` (ids joined by "-")
        and return its processing values (the payment form's transaction route).

        The months are asked again of ``party.dues._party_online_selection`` (the
        caller's own, still owed); an amount or an access token that is not the one of
        what is owed now is refused; the transaction pays the amount computed here."""
        ids = self._party_dues_ids(selection.split("-"))
        rows, owed = request.env["party.dues"]._party_online_selection(ids)
        currency = rows.company_id.currency_id
        partner = request.env.user.partner_id
        try:
            sent = float(amount)
        except (TypeError, ValueError):
            sent = None
        if sent is None or currency.compare_amounts(sent, owed):
            raise ValidationError(
                request.env._(
                    "The months you picked owe %(owed)s, not %(amount)s: reload the page to pay "
                    "what is owed.",
                    owed=format_amount(request.env, owed, currency),
                    amount=amount,
                )
            )
        if not payment_utils.check_access_token(access_token, partner.id, owed, currency.id):
            raise ValidationError(request.env._("The access token is invalid."))
        self._validate_transaction_kwargs(kwargs)
        kwargs.update(is_validation=False, landing_route=DUES_URL)
        tx_sudo = self._create_transaction(
            amount=owed,
            currency_id=currency.id,
            partner_id=partner.id,
            custom_create_values={"party_dues_ids": [Command.set(rows.ids)]},
            **kwargs,
        )
        return tx_sudo._get_processing_values()

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
