"""The applicant's own path to membership on the portal (issue 24): the stage, the next
step and its date, the steps done. An applicant is a contact with a portal login and a
``party.development`` record, not (yet) a ``party.member``: the record is found by the
caller's own contact (``party.development._party_portal_own``), never by an id the
request sent, and read with ``sudo()`` for its stage and steps only (never the
political review, the votes or the files)."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from odoo.addons.party_branch.controllers.portal import PartyPortal

# the stages whose next step the applicant is shown (a closed or completed development
# has none)
OPEN_STAGES = ("applicant", "activist", "target", "probationary")


class PartyDevelopmentPortal(PartyPortal):
    def _party_home_blocks(self, member):
        blocks = super()._party_home_blocks(member)
        block = self._party_home_development()
        return blocks + [block] if block else blocks

    def _party_home_development(self):
        """The caller's own development while it is under way (a probationary member's
        too): a block of the home, or None."""
        development = request.env["party.development"]._party_portal_own()
        if not development or development.stage not in OPEN_STAGES:
            return None
        return {
            "name": "development",
            "sequence": 15,
            "template": "party_life.portal_home_development",
            "url": "/my/party/application",
            "empty": False,
            **development._party_portal_values(),
        }

    @http.route(["/my/party/application"], type="http", auth="user", website=True)
    def portal_my_party_application(self, **kw):
        """The caller's own application: 404 for a user who has none."""
        development = request.env["party.development"]._party_portal_own()
        if not development:
            raise NotFound()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_application",
                "application": development._party_portal_values(),
            }
        )
        return request.render("party_life.portal_my_party_application", values)
