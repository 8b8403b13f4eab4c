"""The secretary's yearly report rated by the members of the branch on the portal
(双述双评, phone first).

Members do not read reports through the ORM (their record rule shows only their
own): the reports a caller may rate are found by the server from the caller's own
membership (``party.secretary.report._portal_domain``) and read with sudo() only
after that search; any other id is a 404, the same answer as an id that does not
exist. Rating goes through the report's public action, which checks the caller
again.
"""

from odoo import http
from odoo.http import request

from odoo.addons.party_branch.controllers.portal_base import PartyPortalBase
from odoo.addons.portal.controllers.portal import CustomerPortal


class SecretaryReportPortal(PartyPortalBase, CustomerPortal):
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "party_secretary_report_count" in counters or (
            not counters and request.env.user.has_group("party_branch.group_party_member")
        ):
            # the reports open for rating the caller has not rated yet: what the list
            # offers to rate (one rated already is no longer waiting for them)
            Report = request.env["party.secretary.report"]
            reports = Report.sudo().search(Report._portal_domain() + [("state", "=", "rating")])
            values["party_secretary_report_count"] = len(reports) - len(reports._portal_rated())
        return values

    def _party_secretary_report(self, report_id):
        Report = request.env["party.secretary.report"]
        report = Report.sudo().search([("id", "=", report_id)] + Report._portal_domain(), limit=1)
        if not report:
            raise request.not_found()
        return report

    @http.route("/my/party/secretary-reports", type="http", auth="user", website=True)
    def portal_my_secretary_reports(self, **kw):
        Report = request.env["party.secretary.report"]
        reports = Report.sudo().search(Report._portal_domain(), order="year desc, id desc")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_secretary_report",
                "report": False,
                "reports": reports,
                "rated": reports._portal_rated(),
            }
        )
        return request.render("party_systems.portal_my_secretary_reports", values)

    @http.route(
        "/my/party/secretary-reports/<int:report_id>", type="http", auth="user", website=True
    )
    def portal_my_secretary_report(self, report_id, **kw):
        report = self._party_secretary_report(report_id)
        Rating = request.env["party.secretary.report.rating"]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_secretary_report",
                "report": report,
                "my_rating": report._portal_rated().get(report.id),
                "ratings": Rating._fields["rating"]._description_selection(request.env),
                "counts": report._portal_counts() if report.state == "done" else [],
            }
        )
        return request.render("party_systems.portal_my_secretary_report", values)

    @http.route(
        "/my/party/secretary-reports/<int:report_id>/rate",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_rate_secretary_report(self, report_id, rating=None, **kw):
        report = self._party_secretary_report(report_id)
        # As the caller: the report finds the caller's own membership and checks the
        # rating (the rater, open for rating, the rating's value, once); its refusal is
        # shown.
        return self._party_act(
            f"/my/party/secretary-reports/{report.id}",
            lambda: report.with_env(request.env)._rate(rating),
            request.env._("Your rating has been recorded. Thank you."),
            css="o_party_secretary_report_rated",
        )
