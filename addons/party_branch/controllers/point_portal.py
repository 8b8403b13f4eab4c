"""The member's points (党员积分) on the portal: a block of the member's home
(``/my/party``: the points of the year and the rank in the organisation) and the page
``/my/party/points`` (the year's points, rank and grade, and the lines behind them).
Searched as the caller: the record rules give a member their own lines and summaries
only; nothing the request sends chooses whose points are shown."""

from odoo import fields, http
from odoo.http import request

from .portal import PartyPortal

LINES_SHOWN = 100


class PartyPointPortal(PartyPortal):
    def _party_home_blocks(self, member):
        return super()._party_home_blocks(member) + [self._party_home_points(member)]

    def _party_point_summary(self, member, year):
        Summary = request.env["party.point.summary"]
        if not Summary.has_access("read"):
            return Summary
        return Summary.search([("member_id", "=", member.id), ("year", "=", year)], limit=1)

    def _party_home_points(self, member):
        year = fields.Date.context_today(request.env.user).year
        summary = self._party_point_summary(member, year)
        return {
            "name": "points",
            "sequence": 75,
            "template": "party_branch.portal_home_points",
            "url": "/my/party/points",
            "empty": not summary,
            "summary": summary,
            "year": year,
        }

    @http.route(["/my/party/points"], type="http", auth="user", website=True, methods=["GET"])
    def portal_my_party_points(self, **kw):
        member = self._party_home_member()
        if not member:
            return request.redirect("/my/party")
        year = fields.Date.context_today(request.env.user).year
        Point = request.env["party.point"]
        lines = Point
        if Point.has_access("read"):
            # the lines that gave points, and the facts a cap left without (the ledger's
            # facts recorded without points, for the service assessment, are not shown)
            lines = Point.search(
                [
                    ("member_id", "=", member.id),
                    ("year", "=", year),
                    "|",
                    ("points", "!=", 0),
                    ("capped", "=", True),
                ],
                order="date desc, id desc",
                limit=LINES_SHOWN,
            )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_points",
                "member": member,
                "year": year,
                "summary": self._party_point_summary(member, year),
                "lines": lines,
            }
        )
        return request.render("party_branch.portal_my_party_points", values)
