"""Thought reports (思想汇报) and reflections on the portal: the author's own reports
and the form to hand one in (``/my/party/thought-reports``), and the block of the
member's home.

The author is the caller (``party.thought.report.submit`` finds them by their user):
nothing the request sends names another person. The reports listed are searched as
the caller on their own contact (record rules: a contact person's reads stay in the
backend); a file is served only as one of the caller's own report's files."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.party_branch.controllers.portal import PartyPortal
from odoo.addons.party_branch.controllers.portal_base import PartyPortalBase
from odoo.addons.party_branch.tools.uploads import DOCUMENT_TYPES, read_uploads
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.party_thought_report import files_message

URL = "/my/party/thought-reports"


class PartyThoughtReportPortal(PartyPortalBase, CustomerPortal):
    def _party_my_reports(self):
        Report = request.env["party.thought.report"]
        if not Report.has_access("read"):
            return Report
        return Report.search(Report._party_my_domain(), limit=200)

    @http.route([URL], type="http", auth="user", website=True)
    def portal_my_thought_reports(self, **kw):
        Report = request.env["party.thought.report"]
        try:
            member, development, organization = Report._party_my_author()
        except AccessError:
            return request.redirect("/my")
        reports = self._party_my_reports()
        start, end = Report._default_period(Report._today())
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "party_thought_reports",
                "thought_reports": reports,
                # the files of the caller's own reports (names read with sudo: a file is
                # served only by the route below, as one of that report's)
                "report_files": {report.id: report.sudo().attachment_ids for report in reports},
                "organization_name": organization.complete_name,
                "next_due": Report._party_next_due(member, development),
                "kinds": Report._fields["kind"]._description_selection(request.env),
                "period_start": start,
                "period_end": end,
            }
        )
        return request.render("party_life.portal_my_thought_reports", values)

    @http.route([f"{URL}/submit"], type="http", auth="user", website=True, methods=["POST"])
    def portal_thought_report_submit(self, **post):
        """Hand in a report as the caller; its files are checked by their bytes before
        anything is written (and again by the model)."""

        def submit():
            files = read_uploads(
                request.httprequest.files.getlist("attachments"),
                files_message(request.env),
                types=DOCUMENT_TYPES,
            )
            values = {
                key: post.get(key) or False
                for key in ("body", "kind", "name", "period_start", "period_end")
            }
            request.env["party.thought.report"].submit(
                values, [{"name": item["name"], "data": item["data"]} for item in files]
            )

        return self._party_act(
            URL,
            submit,
            request.env._("Your report is handed in to your organisation."),
            css="o_party_thought_report_sent",
        )

    @http.route(
        [f"{URL}/<int:report_id>/attachments/<int:attachment_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_thought_report_attachment(self, report_id, attachment_id, **kw):
        """A file of the caller's own report (read as the caller; the file with sudo,
        only one of that report's)."""
        Report = request.env["party.thought.report"]
        if not Report.has_access("read"):
            raise NotFound()
        report = Report.search(Report._party_my_domain() + [("id", "=", report_id)])
        attachment = report.sudo().attachment_ids.filtered(lambda a: a.id == attachment_id)
        if not attachment:
            raise NotFound()
        return (
            request.env["ir.binary"]._get_stream_from(attachment).get_response(as_attachment=True)
        )


class PartyThoughtReportHome(PartyPortal):
    def _party_home_blocks(self, member):
        return super()._party_home_blocks(member) + [self._party_home_thought_report(member)]

    def _party_home_thought_report(self, member):
        """The member's last report and, for a probationary member, when the next is
        due."""
        Report = request.env["party.thought.report"]
        last = Report
        if Report.has_access("read"):
            last = Report.search(Report._party_my_domain(), limit=1)
        development = (
            request.env["party.development"].sudo().search([("member_id", "=", member.id)], limit=1)
        )
        due = Report._party_next_due(member.sudo(), development)
        return {
            "name": "thought_report",
            "sequence": 55,
            "template": "party_life.portal_home_thought_report",
            "url": URL,
            "empty": not (last or due),
            "last": last,
            "due": due,
            "overdue": bool(due) and due < Report._today(),
        }
