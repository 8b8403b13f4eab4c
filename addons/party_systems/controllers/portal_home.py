"""The block party_systems adds to the member's home (``/my/party``): the votes and
ratings open to the member, the decisions of their meetings put to the members' vote
that they may cast and the secretaries' reports they may rate and have not. Found as
the portal pages find them (``_portal_domain``, from the caller's own memberships),
read with sudo() only after that search."""

from odoo.http import request

from odoo.addons.party_branch.controllers.portal import PartyPortal


class PartySystemsHome(PartyPortal):
    def _party_home_blocks(self, member):
        blocks = super()._party_home_blocks(member)
        Decision = request.env["party.decision"]
        decisions = Decision.sudo().search(
            Decision._portal_domain() + [("state", "=", "voting")], order="id desc"
        )
        why_not = decisions.with_env(request.env)._portal_voting()
        decisions = decisions.filtered(lambda d: not why_not[d.id])
        Report = request.env["party.secretary.report"]
        reports = Report.sudo().search(
            Report._portal_domain() + [("state", "=", "rating")], order="year desc, id desc"
        )
        rated = reports._portal_rated()
        reports = reports.filtered(lambda r: r.id not in rated)
        return blocks + [
            {
                "name": "votes",
                "sequence": 40,
                "template": "party_systems.portal_home_votes",
                "url": "/my/party/secretary-reports"
                if reports and not decisions
                else "/my/party/decisions",
                "empty": not (decisions or reports),
                "badge": len(decisions) + len(reports),
                "decisions": decisions[:3],
                "reports": reports[:3],
            }
        ]
