"""The member's reminders page (/my/reminders): which optional reminders they receive,
and the private link of their calendar feed.

Everything acts on the caller's own memberships, found by their user in the model's
actions (``party.member.action_set_my_reminders``, ``action_new_calendar_token``);
the page sends no member id. Both writes are POSTs with the CSRF token."""

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from .portal_base import PartyPortalBase

URL = "/my/reminders"


class PartyReminderPortal(PartyPortalBase, CustomerPortal):
    def _party_reminder_member(self):
        """The caller's own membership (sudo, found by their user), or an empty one."""
        if not request.env.user.has_group("party_branch.group_party_member"):
            return request.env["party.member"]
        return (
            request.env["party.member"]
            .sudo()
            .search(
                [("user_id", "=", request.env.uid), ("status", "in", ("active", "lost_contact"))],
                limit=1,
            )
        )

    @http.route([URL], type="http", auth="user", website=True, methods=["GET"])
    def portal_my_reminders(self, **kw):
        member = self._party_reminder_member()
        if not member:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_reminders",
                "kinds": request.env["party.reminder.kind"].sudo().search([("active", "=", True)]),
                "off": member.reminder_off_kind_ids,
                "calendar_url": member._party_calendar_url(),
            }
        )
        return request.render("party_branch.portal_my_reminders", values)

    @http.route([f"{URL}/save"], type="http", auth="user", website=True, methods=["POST"])
    def portal_save_reminders(self, **post):
        """The checked boxes are the kinds the member receives; the optional kinds left
        unchecked are turned off (the required ones are not in the form's choice)."""
        kinds = request.env["party.reminder.kind"].sudo().search([("required", "=", False)])
        off = [kind.id for kind in kinds if f"kind_{kind.id}" not in post]
        Member = request.env["party.member"]
        return self._party_act(
            URL,
            lambda: Member.action_set_my_reminders(off),
            request.env._("Your reminders are saved."),
            css="o_party_reminders_saved",
        )

    @http.route([f"{URL}/calendar-link"], type="http", auth="user", website=True, methods=["POST"])
    def portal_new_calendar_link(self, **post):
        Member = request.env["party.member"]
        return self._party_act(
            URL,
            Member.action_new_calendar_token,
            request.env._("Your new calendar link is ready; the old one no longer works."),
            css="o_party_calendar_link_made",
        )
